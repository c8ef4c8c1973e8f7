"""The in-dialog hook (LS_HOOK_IN_DIALOG, fixture fx_in_dialog): a module answers an in-dialog INFO
itself and it never reaches the other leg; requests it passes on are relayed as before."""
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
