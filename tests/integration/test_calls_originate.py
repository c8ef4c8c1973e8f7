"""Third-party call control (RFC 3725 flow I) through POST /api/v1/calls and `linesidectl call originate`:
the first phone is called without SDP, its offer rings the second phone, the second's answer goes back to
the first in our ACK; DELETE /api/v1/calls/{id} hangs the call up on both sides."""
import json
import os
import subprocess
import time
from pathlib import Path

from harness import paths, sipp_trace
from harness.sipp_call import call_daemon, explain
from harness.sipp_uas import SippUas


def ctl(d, *args):
    """linesidectl against daemon `d` with its token file."""
    value = os.environ.get("LINESIDE_CTL")
    binary = Path(value) if value else paths.lineside_bin().parent / "linesidectl"
    d.token()
    argv = [str(binary), "--url", f"http://127.0.0.1:{d.config.admin_port}", "--token-file", str(d.config.token_file)]
    return subprocess.run(argv + [str(a) for a in args], capture_output=True, text=True, timeout=30)


def wait_call_state(admin, call_id, state, timeout=15):
    deadline = time.monotonic() + timeout
    calls = []
    while time.monotonic() < deadline:
        status, body = admin.get("/api/v1/calls")
        calls = body.get("calls", []) if status == 200 else []
        if any(c["id"] == call_id and c["state"] == state for c in calls):
            return True
        time.sleep(0.1)
    return calls


def originate_between(make_daemon, tmp_path, start):
    d = call_daemon(make_daemon)
    with SippUas("uas_3pcc_first", tmp_path, pause_ms=200) as first, \
            SippUas("uas_answer", tmp_path, pause_ms=200) as second:
        first.register(d, "1001")
        second.register(d, "1002")
        call_id = start(d)
        assert wait_call_state(d.admin(), call_id, "connected") is True, d.log_tail()
        status, _ = d.admin().request("DELETE", f"/api/v1/calls/{call_id}")
        assert status == 204
        a, b = first.result(timeout=20), second.result(timeout=20)
    assert a.successful == 1 and b.successful == 1, explain(a, b)
    return a, b


def check_offer_answer(a, b):
    invite_a = sipp_trace.requests(a.trace, "INVITE")[0]
    assert not invite_a.body, "the first party is asked for an offer: its INVITE has no SDP"
    invite_b = sipp_trace.requests(b.trace, "INVITE")[0]
    assert b"o=first 3001" in invite_b.body and b"m=audio 40012" in invite_b.body, explain(b)
    ack_a = sipp_trace.requests(a.trace, "ACK")[0]
    assert b"o=callee 2002" in ack_a.body and b"m=audio 40002" in ack_a.body, explain(a)
    # The second phone sees who calls: the first party's DN.
    assert "1001" in invite_b.get("from") and "1001" in (invite_b.get("p-asserted-identity") or "")
    for side in (a, b):
        bye = sipp_trace.requests(side.trace, "BYE")
        assert len(bye) == 1 and "cause=16" in (bye[0].get("reason") or ""), explain(side)


def test_api_originate_connects_two_phones_and_hangs_up(make_daemon, tmp_path):
    def start(d):
        status, body = d.admin().request("POST", "/api/v1/calls", body={"from": "1001", "to": "1002",
                                                                         "auto_answer": True})
        assert status == 202 and body["state"] == "ringing", body
        return body["id"]

    a, b = originate_between(make_daemon, tmp_path, start)
    check_offer_answer(a, b)
    assert sipp_trace.requests(a.trace, "INVITE")[0].get("answer-mode") == "Auto"


def test_cli_originate(make_daemon, tmp_path):
    def start(d):
        r = ctl(d, "call", "originate", "1001", "1002", "--json")
        assert r.returncode == 0, r.stderr
        return json.loads(r.stdout)["id"]

    a, b = originate_between(make_daemon, tmp_path, start)
    check_offer_answer(a, b)
    assert sipp_trace.requests(a.trace, "INVITE")[0].get("answer-mode") is None


def test_originate_refusals_name_the_problem(make_daemon):
    d = call_daemon(make_daemon)
    admin = d.admin()
    assert admin.request("POST", "/api/v1/calls", body={"to": "1002"})[0] == 400
    status, body = admin.request("POST", "/api/v1/calls", body={"from": "10x1", "to": "1002"})
    assert status == 400 and "'from'" in body["error"]
    status, body = admin.request("POST", "/api/v1/calls", body={"from": "1001", "to": "1002", "auto_answer": "y"})
    assert status == 400 and "auto_answer" in body["error"]
    status, body = admin.request("POST", "/api/v1/calls", body={"from": "1001", "to": "1002"})
    assert status == 409 and "not registered" in body["error"], body
    status, body = admin.request("POST", "/api/v1/calls", body={"from": "4999", "to": "1002"})
    assert status == 404, body
    assert admin.request("DELETE", "/api/v1/calls/99999")[0] == 404
    assert admin.request("DELETE", "/api/v1/calls/abc")[0] == 400
    r = ctl(d, "call", "originate", "1001")
    assert r.returncode == 2, r.stderr
    r = ctl(d, "call", "originate", "1001", "1002")
    assert r.returncode == 1 and "not registered" in r.stderr, r.stderr
    r = ctl(d, "call", "hangup", "424242")
    assert r.returncode == 3, r.stderr
