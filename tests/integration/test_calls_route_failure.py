"""A route that fails answers the caller 503 with a Q.850 cause (fixture fx_route_fails): a route hook
that decides (STOP) but gives neither targets nor an answer, and a route whose only gateway refuses the
connection; numbers the hook leaves alone still reach the directory."""
import socket

import pytest

from harness import paths
from harness.udp_phone import UdpPhone, header, status_of


@pytest.fixture
def daemon(make_daemon):
    so = paths.fixture_dir() / "fx_route_fails.so"
    if not so.exists():
        pytest.fail(f"fixture module {so} not built (set LINESIDE_FIXTURE_DIR)", pytrace=False)
    return make_daemon(modules={"fx_route_fails": {"enabled": True, "required": True}},
                       module_dirs=[paths.module_dir(), paths.fixture_dir()])


def call(daemon, dialled):
    with UdpPhone(daemon, "1010") as caller:
        final = caller.invite(dialled, timeout=10)
    assert final, f"no final response calling {dialled}"
    return final


def test_a_route_hook_that_stops_without_targets_gives_503_with_a_q850_cause(daemon):
    final = call(daemon, "3999")
    assert status_of(final) == 503 and header(final, "Reason") == "Q.850;cause=41", final
    assert "STOP without targets" in daemon.log_text()


def test_a_route_whose_gateway_refuses_the_connection_gives_503_with_a_q850_cause(daemon):
    probe = socket.socket()
    try:
        if probe.connect_ex(("127.0.0.1", 9)) == 0:
            pytest.skip("something listens on 127.0.0.1:9; the fixture's gateway must refuse connections")
    finally:
        probe.close()
    final = call(daemon, "3998")
    assert status_of(final) == 503 and header(final, "Reason") == "Q.850;cause=41", final


def test_numbers_the_route_hook_leaves_alone_reach_the_directory(daemon):
    with UdpPhone(daemon, "1002", "busy") as callee:
        final = call(daemon, "1002")
        assert callee.received("INVITE"), "the directory DN was not rung"
    assert status_of(final) == 486, final
