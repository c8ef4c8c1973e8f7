"""CANCEL before answer: the caller gets 487 for its INVITE and the ringing callee gets CANCEL, never a call."""
import re

from harness import sipp_trace
from harness.sipp_call import call_daemon, explain, place_call
from harness.sipp_uas import SippUas


def branch(msg):
    m = re.search(r"branch=([^;,\s]+)", msg.get("via") or "")
    return m.group(1) if m else None


def test_cancel_before_answer(make_daemon, tmp_path):
    d = call_daemon(make_daemon)
    with SippUas("uas_ring_no_answer", tmp_path) as uas:
        uas.register(d, "1002")
        a = place_call(d, "uac_cancel", tmp_path, "1002", hold_ms=1000)
        b = uas.result(timeout=15)
    assert a.returncode == 0 and a.successful == 1, explain(a, b)
    assert sipp_trace.statuses(a.trace, "CANCEL") == [200], explain(a)
    assert sipp_trace.statuses(a.trace, "INVITE")[-1] == 487, explain(a)
    assert b.returncode == 0 and b.successful == 1, explain(a, b)
    b_invite = sipp_trace.requests(b.trace, "INVITE")[0]
    b_cancel = sipp_trace.requests(b.trace, "CANCEL")
    assert len(b_cancel) == 1, explain(b)
    # CANCEL belongs to the callee's INVITE transaction: same Call-ID, Via branch and CSeq number.
    assert b_cancel[0].get("call-id") == b_invite.get("call-id")
    assert branch(b_cancel[0]) == branch(b_invite) and branch(b_invite), (b_cancel[0].get("via"), b_invite.get("via"))
    assert b_cancel[0].get("cseq").split()[0] == b_invite.get("cseq").split()[0]
