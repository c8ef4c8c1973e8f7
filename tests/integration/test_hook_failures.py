"""Hooks that throw or return ERROR (fixture fx_throwing_hook): requests still answered, daemon stays up."""
import pytest

from harness import paths, sip


@pytest.fixture
def d(make_daemon):
    so = paths.fixture_dir() / "fx_throwing_hook.so"
    if not so.exists():
        pytest.fail(f"fixture module {so} not built (set LINESIDE_FIXTURE_DIR)", pytrace=False)
    # Loaded through a second --module-dir (no `path:`), so that search path is exercised too.
    return make_daemon(modules={"fx_throwing_hook": {"enabled": True, "required": True}},
                       module_dirs=[paths.module_dir(), paths.fixture_dir()])


def _options_to(d, user):
    with d.sip("udp") as c:
        return sip.options(c, ruri=f"sip:{user}@127.0.0.1:{d.config.sip_port}")


def test_throwing_request_hook_is_logged_and_the_host_answers(d):
    for _ in range(3):
        r = _options_to(d, "boom")
        assert r is not None and r.status == 200, r and r.start_line
    assert "request hook exploded on purpose" in d.log_text(), d.log_tail()
    assert d.running


@pytest.mark.parametrize("user", ["error", "weird"])
def test_error_or_unknown_verdict_continues_the_request_chain(d, user):
    r = _options_to(d, user)
    assert r is not None and r.status == 200, r and r.start_line
    assert d.running


def test_throwing_authenticate_hook_fails_closed_with_500(d):
    r = _options_to(d, "boom-auth")
    assert r is not None and r.status == 500, r and r.start_line
    assert "authenticate hook exploded on purpose" in d.log_text(), d.log_tail()
    r = _options_to(d, "someone")
    assert r is not None and r.status == 200
    assert d.running
