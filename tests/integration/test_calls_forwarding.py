"""Call forward no answer / busy / always through the real daemon: the final callee sees the
Diversion (RFC 5806) and History-Info (RFC 7044) of every forward, the first target is cancelled."""
import time

from harness import config as cfgmod
from harness.calls import Callee, Caller, header


def call(daemon, dialled, timeout=15):
    """1010 (auth off, registered) calls `dialled`; returns the final status code."""
    caller = Caller(daemon)
    try:
        final = caller.invite(dialled, timeout=timeout)
        return int(final.split(" ", 2)[1]) if final else None
    finally:
        caller.close()


def forward_devices(**forward_of):
    devices = []
    for u in range(1001, 1011):
        d = cfgmod.device(str(u), auth=(u != 1010))
        if str(u) in forward_of:
            d["forward"] = forward_of[str(u)]
        devices.append(d)
    return devices


def test_forward_on_no_answer_reaches_the_target_with_diversion(make_daemon):
    d = make_daemon(devices=forward_devices(**{"1002": {"no_answer": "1003", "no_answer_timeout": "2s"}}))
    first, final = Callee(d, "1002", "ring"), Callee(d, "1003", "answer")
    try:
        assert call(d, "1002") == 200
        assert first.invites, "the first target was never rung"
        assert first.cancelled.wait(3), "the unanswered first target was not cancelled"
        assert final.invites, "the forward target was never rung"
        inv = final.invites[0]
        assert header(inv, "Diversion") == "<sip:1002@pbx.test>;reason=no-answer;counter=1"
        hi = header(inv, "History-Info")
        assert "<sip:1002@pbx.test>;index=1" in hi
        assert "<sip:1003@pbx.test?Reason=SIP%3Bcause%3D408>;index=1.1" in hi
        assert "1010" in header(inv, "P-Asserted-Identity")
    finally:
        first.close()
        final.close()


def test_forward_on_busy(make_daemon):
    d = make_daemon(devices=forward_devices(**{"1002": {"busy": "1003"}}))
    first, final = Callee(d, "1002", "busy"), Callee(d, "1003", "answer")
    try:
        assert call(d, "1002") == 200
        assert header(final.invites[0], "Diversion") == "<sip:1002@pbx.test>;reason=user-busy;counter=1"
    finally:
        first.close()
        final.close()


def test_forward_always_never_rings_the_first_dn_and_loops_end(make_daemon):
    d = make_daemon(devices=forward_devices(**{"1002": {"always": "1003"}, "1003": {"always": "1004"},
                                               "1005": {"always": "1006"}, "1006": {"always": "1005"}}))
    first, final = Callee(d, "1002", "answer"), Callee(d, "1004", "answer")
    try:
        assert call(d, "1002") == 200
        assert not first.invites, "forward always still rang the first DN"
        div = header(final.invites[0], "Diversion")
        assert div.startswith("<sip:1003@pbx.test>;reason=unconditional"), div
        assert "<sip:1002@pbx.test>;reason=unconditional" in div
        # A forward loop (1005 <-> 1006) ends after a bounded number of hops with a clear failure.
        assert call(d, "1005") in (404, 480)
    finally:
        first.close()
        final.close()


def test_active_calls_view_lists_a_ringing_call(make_daemon):
    d = make_daemon(devices=forward_devices())
    callee = Callee(d, "1002", "ring")
    caller = Caller(d)
    try:
        caller._request("INVITE", "1002", "", "")  # ringing, never answered
        deadline = time.monotonic() + 5
        calls = []
        while time.monotonic() < deadline and not calls:
            status, body = d.admin().get("/api/v1/calls")
            assert status == 200, body
            calls = body["calls"]
            time.sleep(0.1)
        assert calls and calls[0]["dialled"] == "1002" and calls[0]["state"] == "ringing", calls
        assert calls[0]["caller_dn"] == "1010"
    finally:
        caller.close()
        callee.close()


def test_caller_learns_the_connected_party_after_a_forward(make_daemon):
    """RFC 4916: a caller supporting from-change gets an UPDATE naming who answered (1003), not the
    number it dialled (1002, forwarded always)."""
    d = make_daemon(devices=forward_devices(**{"1002": {"always": "1003"}}))
    final = Callee(d, "1003", "answer")
    caller = Caller(d)
    try:
        assert caller.invite("1002", extra="Supported: from-change\r\n").startswith("SIP/2.0 200")
        caller.client.sock.settimeout(0.5)
        update = None
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and update is None:
            try:
                data = caller.client.sock.recv(65535).decode(errors="replace")
            except OSError:
                continue
            if data.startswith("UPDATE "):
                update = data
        assert update, "no connected-identity UPDATE"
        assert "sip:1003@pbx.test" in header(update, "From") and "Ext 1003" in header(update, "From"), update
        assert "sip:1003@pbx.test" in header(update, "P-Asserted-Identity"), update
    finally:
        caller.close()
        final.close()
