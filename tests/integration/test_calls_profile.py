"""A SIP Device Capabilities change takes effect on the next call, without a restart: with Enable
PRACK on, a caller offering 100rel gets reliable provisionals (RSeq, Require: 100rel); after the
device's profile turns PRACK off through the admin API, the next call's 180 is not reliable."""
import re
import socket
import time

from harness.calls import Callee, Caller, header


def first_provisional(caller, dialled, timeout=8):
    """Send an INVITE offering 100rel and return the first 18x response text."""
    caller._request("INVITE", dialled, "Supported: 100rel\r\n", "")
    caller.client.sock.settimeout(0.5)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            data = caller.client.sock.recv(65535).decode(errors="replace")
        except socket.timeout:
            continue
        if re.match(r"SIP/2.0 18\d", data):
            return data
    return None


def test_prack_follows_the_callers_profile_on_the_next_call(make_daemon):
    d = make_daemon()
    admin = d.admin()
    status, body = admin.request("PATCH", "/api/v1/devices/dev-1010", body={"profile": 7})
    assert status == 200, body
    callee = Callee(d, "1002", "ring")
    try:
        caller = Caller(d)
        ringing = first_provisional(caller, "1002")
        caller.close()
        assert ringing and header(ringing, "RSeq"), f"no reliable 180 while PRACK is on:\n{ringing}"
        assert "100rel" in (header(ringing, "Require") or "")

        status, body = admin.request("PATCH", "/api/v1/profiles/7", body={"enable_prack": False})
        assert status == 200 and body["enable_prack"] is False, body
        caller = Caller(d)
        ringing = first_provisional(caller, "1002")
        caller.close()
        assert ringing, "no 180 on the second call"
        assert header(ringing, "RSeq") is None, f"a reliable 180 although PRACK is off:\n{ringing}"
    finally:
        callee.close()
