"""The out-of-tree example module (hello.so) loads via modules.hello.path and answers OPTIONS to hello."""
import pytest

from harness import paths, sip


def test_hello_module_answers_options_with_x_hello(make_daemon):
    so = paths.example_hello_so()
    if not so.exists():
        pytest.fail(f"example module {so} not built (ctest fixture example_hello_built; LINESIDE_EXAMPLE_HELLO_SO)",
                    pytrace=False)
    d = make_daemon(modules={"hello": {"enabled": True, "required": True, "path": str(so)}})
    with d.sip("udp") as c:
        r = sip.options(c, ruri=f"sip:hello@127.0.0.1:{d.config.sip_port}")
        assert r is not None and r.status == 200, r and r.start_line
        assert r.get("x-hello") is not None, r.headers
        plain = sip.options(c)
        assert plain is not None and plain.status == 200
        assert plain.get("x-hello") is None, "X-Hello on a request not addressed to hello"
