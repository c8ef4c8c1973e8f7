"""A phone registered over TCP or TLS is only ever reached over its own connection (issue 2's rule): once
that connection is closed, calling it answers 480 (Q.850 cause 20, subscriber absent) and nothing ever
connects to the Contact address it registered; the same after a restart, when its binding comes back
waiting for the phone to reconnect."""
import socket
import time

import pytest

from harness import sip
from harness.phone import Phone
from harness.udp_phone import UdpPhone, header, status_of


def register_and_hang_up(daemon, transport, contact_port):
    """Register 1002 over a fresh `transport` connection with a Contact at `contact_port`, then close it."""
    ctx = sip.tls_client_context(daemon.config.pki.ca_cert) if transport == "tls" else None
    client = daemon.sip(transport, ssl_context=ctx)
    try:
        contact = f"<sip:1002@127.0.0.1:{contact_port};transport={transport}>"
        out = Phone(client, "1002", "secret1002").register(contacts=[contact])
        assert out.status == 200, out.final
    finally:
        client.close()


def wait_binding(daemon, timeout=3):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        rows = daemon.admin().registrations(user="1002")
        if rows:
            return rows
        time.sleep(0.1)
    return []


def assert_not_dialled(daemon, listener):
    with UdpPhone(daemon, "1010") as caller:
        final = caller.invite("1002", timeout=10)
    assert status_of(final) == 480 and header(final, "Reason") == "Q.850;cause=20", final
    listener.settimeout(1.0)
    with pytest.raises(socket.timeout):
        conn, peer = listener.accept()
        conn.close()
        raise AssertionError(f"the server opened a connection to the phone's Contact from {peer}")


@pytest.mark.parametrize("transport", ["tcp", "tls"])
def test_a_stream_phone_whose_connection_closed_is_never_dialled(make_daemon, transport):
    d = make_daemon()
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    try:
        register_and_hang_up(d, transport, listener.getsockname()[1])
        time.sleep(0.3)  # the server notices the closed connection
        bindings = wait_binding(d)
        assert bindings, "the binding of a phone that may reconnect was dropped"
        assert_not_dialled(d, listener)

        d.stop()
        d.start()
        bindings = wait_binding(d)
        assert bindings, "the stream binding was not restored after the restart"
        assert bindings[0]["awaiting_reconnect"] is True, bindings
        assert_not_dialled(d, listener)
    finally:
        listener.close()
