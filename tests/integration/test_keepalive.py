"""RFC 5626 CRLF keepalives. Over TCP a double-CRLF ping gets a CRLF pong and the connection stays
usable. Over TLS Sofia-SIP 1.12 has no pong path: the ping is absorbed and the connection (the
phone's only way to be reached) stays usable, which is what the TLS test holds it to."""
import socket
import ssl

from harness import sip


def ping_pong(sock):
    sock.sendall(b"\r\n\r\n")
    sock.settimeout(3)
    got = b""
    while len(got) < 2:
        chunk = sock.recv(16)
        assert chunk, "connection closed instead of answering the keepalive"
        got += chunk
    return got


def test_tcp_crlf_ping_gets_pong(lineside):
    with socket.create_connection(lineside.config.sip_addr, timeout=5) as s:
        assert ping_pong(s) == b"\r\n"
    with lineside.sip("tcp") as c:
        assert ping_pong(c.sock) == b"\r\n"
        resp = sip.options(c)
        assert resp is not None and resp.status == 200, "SIP after a keepalive failed"


def test_tls_crlf_ping_keeps_connection_usable(lineside):
    ctx = ssl.create_default_context(cafile=str(lineside.config.pki.ca_cert))
    with lineside.sip("tls", ssl_context=ctx, server_hostname="127.0.0.1") as c:
        for _ in range(3):
            c.sock.sendall(b"\r\n\r\n")
        resp = sip.options(c)
        assert resp is not None and resp.status == 200, "SIP after keepalives on TLS failed"
