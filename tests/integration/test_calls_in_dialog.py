"""Requests inside an answered call are relayed across the legs with their bodies: re-INVITE hold, INFO, UPDATE."""
from harness import sipp_trace
from harness.sipp_call import call_daemon, explain, place_call
from harness.sipp_uas import SippUas


def answered_pair(make_daemon, tmp_path, uac, uas_scenario, hold_ms=600, uas_pause_ms=300):
    d = call_daemon(make_daemon)
    with SippUas(uas_scenario, tmp_path, pause_ms=uas_pause_ms) as uas:
        uas.register(d, "1002")
        a = place_call(d, uac, tmp_path, "1002", hold_ms=hold_ms)
        b = uas.result(timeout=20)
    assert a.returncode == 0 and a.successful == 1, explain(a, b)
    assert b.returncode == 0 and b.successful == 1, explain(a, b)
    return a, b


def relayed(sender, receiver, method):
    """(what the sender sent, what the receiver got) for the one in-dialog `method` request."""
    sent = sipp_trace.requests(sender.trace, method, "sent")
    got = sipp_trace.requests(receiver.trace, method)
    return sent, got


def test_caller_hold_reinvite_is_relayed_with_its_sdp(make_daemon, tmp_path):
    a, b = answered_pair(make_daemon, tmp_path, "uac_hold", "uas_hold")
    sent, got = relayed(a, b, "INVITE")
    assert len(got) == 2 and b"a=sendonly" in sent[-1].body, explain(a, b)  # sent: 407'd, answered, hold
    assert b"a=sendonly" in got[1].body and got[1].body == sent[-1].body
    assert got[1].get("call-id") == got[0].get("call-id"), "the re-INVITE must be in the callee's dialog"
    answer_sent = [m for m in sipp_trace.responses(b.trace, "INVITE", "sent") if m.status == 200][-1]
    answer_got = [m for m in sipp_trace.responses(a.trace, "INVITE") if m.status == 200][-1]
    assert b"a=recvonly" in answer_got.body and answer_got.body == answer_sent.body, explain(a)
    assert len(sipp_trace.requests(b.trace, "ACK")) == 2, explain(b)


def test_callee_hold_reinvite_is_relayed_with_its_sdp(make_daemon, tmp_path):
    a, b = answered_pair(make_daemon, tmp_path, "uac_accept_hold", "uas_send_hold", uas_pause_ms=600)
    sent, got = relayed(b, a, "INVITE")
    assert len(sent) == 1 and len(got) == 1, explain(a, b)
    assert b"a=sendonly" in got[0].body and got[0].body == sent[0].body
    a_invite = sipp_trace.requests(a.trace, "INVITE", "sent")[-1]
    assert got[0].get("call-id") == a_invite.get("call-id"), "the re-INVITE must be in the caller's dialog"
    answer_sent = [m for m in sipp_trace.responses(a.trace, "INVITE", "sent") if m.status == 200][-1]
    answer_got = [m for m in sipp_trace.responses(b.trace, "INVITE") if m.status == 200][-1]
    assert b"a=recvonly" in answer_got.body and answer_got.body == answer_sent.body, explain(b)
    assert len(sipp_trace.requests(a.trace, "ACK")) == 1 and len(sipp_trace.requests(a.trace, "BYE")) == 1


def test_info_is_relayed(make_daemon, tmp_path):
    a, b = answered_pair(make_daemon, tmp_path, "uac_info", "uas_info")
    sent, got = relayed(a, b, "INFO")
    assert len(got) == 1, explain(b)
    assert got[0].body == sent[0].body == b"Signal=5\r\nDuration=160\r\n"
    assert got[0].get("content-type") == "application/dtmf-relay"
    assert sipp_trace.statuses(a.trace, "INFO") == [200], explain(a)


def test_update_in_a_confirmed_dialog_is_relayed(make_daemon, tmp_path):
    a, b = answered_pair(make_daemon, tmp_path, "uac_update", "uas_update")
    sent, got = relayed(a, b, "UPDATE")
    assert len(got) == 1, explain(b)
    assert got[0].body == sent[0].body and b"o=caller 1001 2 " in got[0].body
    answer_sent = sipp_trace.responses(b.trace, "UPDATE", "sent")[-1]
    answer_got = sipp_trace.responses(a.trace, "UPDATE")[-1]
    assert answer_got.status == 200 and answer_got.body == answer_sent.body, explain(a)
