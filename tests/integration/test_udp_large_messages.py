"""UDP MTU switching is deliberate (kernel.sip.udp_mtu 65535): a request larger than any path MTU that Lineside
sends to a phone registered over UDP stays on UDP (RFC 3261 §18.1.1 would move it to TCP, where a desk phone
may not listen and the server must never connect to it anyway), and a large request from a phone is taken."""
import socket
import time

from harness.calls import SDP, Callee, Caller

# About 4 KB of SDP: far above the 1300-byte threshold of RFC 3261 §18.1.1.
BIG_SDP = SDP + "".join(f"a=x-pad{i:03d}:{'p' * 60}\r\n" for i in range(60))


def test_large_invite_to_a_udp_phone_stays_on_udp(make_daemon):
    d = make_daemon()
    # A TCP listener on the callee's port: a switch to TCP would connect here.
    callee = Callee(d, "1002", "answer")
    tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    tcp.bind(("127.0.0.1", callee.port))
    tcp.listen(1)
    tcp.settimeout(0.2)
    caller = Caller(d)
    try:
        caller.dialled = "1002"
        caller._request("INVITE", "1002", "", BIG_SDP)
        final = caller._final(10)
        assert final is not None and final.startswith("SIP/2.0 200"), final
        assert len(callee.invites) == 1
        invite = callee.invites[0]
        assert len(invite.encode()) > 3000, len(invite.encode())
        assert "a=x-pad059:" in invite, "the large SDP did not arrive whole over UDP"
        try:
            conn, _ = tcp.accept()
            conn.close()
            raise AssertionError("Lineside opened a TCP connection to the phone")
        except socket.timeout:
            pass
        time.sleep(0.1)
    finally:
        tcp.close()
        caller.close()
        callee.close()
