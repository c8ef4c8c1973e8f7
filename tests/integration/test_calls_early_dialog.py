"""Early-dialog signalling across the B2BUA: reliable provisional responses (PRACK, RFC 3262) and UPDATE before
the answer (RFC 3311)."""
import re

from harness import sipp_trace
from harness.sipp_call import call_daemon, explain, place_call
from harness.sipp_uas import SippUas


def option_tags(msg, header):
    return {t.strip().lower() for v in msg.get_all(header) for t in v.split(",") if t.strip()}


def run_pair(make_daemon, tmp_path, uac, uas_scenario):
    d = call_daemon(make_daemon)
    with SippUas(uas_scenario, tmp_path, pause_ms=700) as uas:
        uas.register(d, "1002")
        a = place_call(d, uac, tmp_path, "1002", hold_ms=300)
        b = uas.result(timeout=20)
    assert a.returncode == 0 and a.successful == 1, explain(a, b)
    assert b.returncode == 0 and b.successful == 1, explain(a, b)
    return a, b


def assert_reliable_provisional_relayed(a, b, status):
    b_invite = sipp_trace.requests(b.trace, "INVITE")[0]
    assert "100rel" in option_tags(b_invite, "supported") | option_tags(b_invite, "require"), \
        f"the callee's INVITE does not offer 100rel: {b_invite.raw!r}"
    got = [m for m in sipp_trace.responses(a.trace, "INVITE") if m.status == status]
    assert got and "100rel" in option_tags(got[0], "require") and got[0].get("rseq"), explain(a)
    b_prack = sipp_trace.requests(b.trace, "PRACK")
    assert len(b_prack) == 1, explain(b)
    rack = b_prack[0].get("rack", "").split()
    assert rack == ["1", b_invite.get("cseq").split()[0], "INVITE"], b_prack[0].get("rack")
    assert sipp_trace.statuses(a.trace, "PRACK") == [200], explain(a)


def test_prack_flow_end_to_end(make_daemon, tmp_path):
    a, b = run_pair(make_daemon, tmp_path, "uac_prack", "uas_prack")
    assert_reliable_provisional_relayed(a, b, 180)


def test_update_in_the_early_dialog_is_relayed_before_the_answer(make_daemon, tmp_path):
    a, b = run_pair(make_daemon, tmp_path, "uac_early_update", "uas_early_update")
    assert_reliable_provisional_relayed(a, b, 183)
    sent = sipp_trace.requests(a.trace, "UPDATE", "sent")
    got = sipp_trace.requests(b.trace, "UPDATE")
    assert len(got) == 1 and got[0].body == sent[0].body, explain(b)
    # It reached the callee before the callee answered the INVITE.
    order = [t.label for t in b.trace]
    first_update = next(i for i, t in enumerate(b.trace) if t.direction == "received" and t.message.method == "UPDATE")
    answer = next(i for i, t in enumerate(b.trace) if t.direction == "sent" and t.message.status == 200
                  and re.search(r"\bINVITE$", t.message.get("cseq") or ""))
    assert first_update < answer, order
    answer_sent = sipp_trace.responses(b.trace, "UPDATE", "sent")[-1]
    answer_got = sipp_trace.responses(a.trace, "UPDATE")[-1]
    assert answer_got.status == 200 and answer_got.body == answer_sent.body, explain(a)
