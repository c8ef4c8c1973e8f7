"""The call ABI seen by a module (fixture fx_in_dialog): the in-dialog hook answers an INFO itself and
lets others be relayed; observers get every call event an SMDR writer needs."""
import json
import re
import socket
import time

import pytest

from harness import paths
from harness.calls import Callee, Caller, header


@pytest.fixture
def daemon(make_daemon):
    so = paths.fixture_dir() / "fx_in_dialog.so"
    if not so.exists():
        pytest.fail(f"fixture module {so} not built (set LINESIDE_FIXTURE_DIR)", pytrace=False)
    return make_daemon(modules={"fx_in_dialog": {"enabled": True, "required": True}},
                       module_dirs=[paths.module_dir(), paths.fixture_dir()])


def send_info(caller, body, timeout=5):
    caller.cseq += 1
    branch = f"z9hG4bKinfo{caller.cseq}"
    msg = (f"INFO sip:{caller.dialled}@pbx.test SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{caller.port};branch={branch};rport\r\n"
           f"Max-Forwards: 70\r\nFrom: <sip:{caller.user}@pbx.test>;tag=caller\r\n"
           f"To: <sip:{caller.dialled}@pbx.test>;tag={caller.to_tag}\r\nCall-ID: {caller.call_id}\r\n"
           f"CSeq: {caller.cseq} INFO\r\nContent-Type: text/plain\r\nContent-Length: {len(body)}\r\n\r\n{body}")
    caller._send(msg)
    caller.client.sock.settimeout(0.5)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            data = caller.client.sock.recv(65535).decode(errors="replace")
        except socket.timeout:
            continue
        if re.match(r"SIP/2.0 [2-6]\d\d", data) and "INFO" in (header(data, "CSeq") or ""):
            return data
    return None


def test_a_module_answers_an_in_dialog_info_and_others_are_relayed(daemon):
    callee = Callee(daemon, "1002", "answer")
    caller = Caller(daemon)
    try:
        assert caller.invite("1002").startswith("SIP/2.0 200")
        answered = send_info(caller, "answer-me")
        assert answered and answered.startswith("SIP/2.0 200"), answered
        assert header(answered, "X-Handled-By") == "fx_in_dialog", answered
        relayed = send_info(caller, "for the callee")
        assert relayed and relayed.startswith("SIP/2.0 200"), relayed
        assert header(relayed, "X-Handled-By") is None
        infos = [r for r in callee.requests if r.startswith("INFO")]
        assert len(infos) == 1 and "for the callee" in infos[0], infos
    finally:
        caller.close()
        callee.close()


def call_events(daemon):
    status, body = daemon.admin().get("/api/v1/fx/call-events")
    assert status == 200, body
    text = body if isinstance(body, str) else json.dumps(body)
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_observers_see_every_call_event_an_smdr_writer_needs(daemon):
    callee = Callee(daemon, "1002", "answer")
    busy = Callee(daemon, "1003", "busy")
    try:
        caller = Caller(daemon)
        assert caller.invite("1002", extra="Answer-Mode: Auto\r\n").startswith("SIP/2.0 200")
        assert header(callee.invites[0], "Answer-Mode") == "Auto", "Answer-Mode was not passed on"
        assert caller.bye().startswith("SIP/2.0 200")
        caller.close()
        caller = Caller(daemon)
        assert caller.invite("1003").startswith("SIP/2.0 486")
        caller.close()
        deadline = time.monotonic() + 5
        events = []
        while time.monotonic() < deadline and sum(e["change"] == 5 for e in events) < 2:
            events = call_events(daemon)
            time.sleep(0.1)
        answered = [e for e in events if e["dialled"] == "1002"]
        assert [e["change"] for e in answered] == [1, 2, 3, 5], answered
        end = answered[-1]
        assert (end["caller_dn"], end["callee_dn"], end["status"], end["q850"], end["ended_by"], end["answered"]) \
            == ("1010", "1002", 200, 16, 1, True), end
        refused = [e for e in events if e["dialled"] == "1003"]
        assert refused[0]["change"] == 1 and refused[-1]["change"] == 5, refused
        assert (refused[-1]["status"], refused[-1]["q850"], refused[-1]["answered"]) == (486, 17, False), refused
        assert len({e["call"] for e in answered + refused}) == 2, "call ids are not per call"
    finally:
        callee.close()
        busy.close()
