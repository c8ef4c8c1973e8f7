"""Reason (RFC 3326) across the B2BUA: the caller's CANCEL Reason reaches the ringing callee, a losing fork
hears "Call completed elsewhere", a BYE's Reason crosses both ways, and every failure answer to the caller
carries the Q.850 cause of its status (RFC 3398 / 6432): 404 -> 1, 480 -> 20 or 19, 486 -> 17."""
import re

from harness.udp_phone import UdpPhone, header, status_of


def reasons(msg):
    """Every Reason value of a SIP message text (header lines and comma lists split)."""
    out = []
    for line in re.findall(r"(?im)^Reason:\s*(.+)$", msg or ""):
        out += [v.strip() for v in re.split(r",(?=\s*(?:SIP|Q\.850)\b)", line)]
    return out


def ringing(caller, dialled, timeout=5):
    caller.start_invite(dialled)
    assert caller.response("INVITE", timeout, status=180), f"no 180 for {dialled}"


def cancel_while_ringing(caller, extra=""):
    """Ring 1002, CANCEL with `extra` header lines: the CANCEL gets 200 and the INVITE 487."""
    ringing(caller, "1002")
    assert status_of(caller.cancel(extra=extra)) == 200
    assert status_of(caller.finish_invite(5)) == 487


def test_the_callers_cancel_reason_reaches_the_callee(make_daemon):
    d = make_daemon()
    with UdpPhone(d, "1002", "ring") as callee, UdpPhone(d, "1010") as caller:
        sent = 'Q.850;cause=31;text="Normal, unspecified"'
        cancel_while_ringing(caller, extra=f"Reason: {sent}\r\nReason: SIP;cause=487\r\n")
        cancel = callee.wait_request("CANCEL")
        assert cancel, "the callee was never cancelled"
        assert sorted(reasons(cancel)) == sorted([sent, "SIP;cause=487"]), cancel


def test_a_flood_of_cancel_reasons_is_cut_to_four(make_daemon):
    d = make_daemon()
    with UdpPhone(d, "1002", "ring") as callee, UdpPhone(d, "1010") as caller:
        cancel_while_ringing(caller, extra="".join(f"Reason: Q.850;cause={n}\r\n" for n in range(1, 41)))
        cancel = callee.wait_request("CANCEL")
        assert cancel and reasons(cancel) == [f"Q.850;cause={n}" for n in range(1, 5)], cancel


def test_a_cancel_without_reason_stays_without_reason(make_daemon):
    d = make_daemon()
    with UdpPhone(d, "1002", "ring") as callee, UdpPhone(d, "1010") as caller:
        cancel_while_ringing(caller)
        cancel = callee.wait_request("CANCEL")
        assert cancel and reasons(cancel) == [], cancel


def test_the_losing_fork_hears_call_completed_elsewhere(make_daemon):
    d = make_daemon()
    with UdpPhone(d, "1002", "answer", answer_after=0.5) as winner, UdpPhone(d, "1002", "ring") as loser, \
            UdpPhone(d, "1010") as caller:
        assert status_of(caller.invite("1002")) == 200
        cancel = loser.wait_request("CANCEL")
        assert cancel, "the loser was never cancelled"
        assert reasons(cancel) == ['SIP;cause=200;text="Call completed elsewhere"'], cancel
        assert winner.received("CANCEL") == []
        assert status_of(caller.bye()) == 200


def test_an_answer_crossing_the_callers_cancel_is_hung_up_with_its_reason(make_daemon):
    """The callee picks up as the CANCEL arrives: its 200 gets ACK and a BYE that says why, the CANCEL's own
    Reason, and the caller still gets 487."""
    d = make_daemon()
    with UdpPhone(d, "1002", "answer_on_cancel") as callee, UdpPhone(d, "1010") as caller:
        sent = 'Q.850;cause=31;text="Normal, unspecified"'
        cancel_while_ringing(caller, extra=f"Reason: {sent}\r\n")
        assert callee.wait_request("ACK"), "the crossing 200 was never acknowledged"
        bye = callee.wait_request("BYE")
        assert bye and reasons(bye) == [sent], bye


def test_an_answer_crossing_a_cancel_without_reason_is_hung_up_with_487(make_daemon):
    d = make_daemon()
    with UdpPhone(d, "1002", "answer_on_cancel") as callee, UdpPhone(d, "1010") as caller:
        cancel_while_ringing(caller)
        bye = callee.wait_request("BYE")
        assert bye and reasons(bye) == ['SIP;cause=487;text="Request Terminated"'], bye


def test_a_bye_reason_crosses_from_the_caller(make_daemon):
    d = make_daemon()
    with UdpPhone(d, "1002", "answer") as callee, UdpPhone(d, "1010") as caller:
        assert status_of(caller.invite("1002")) == 200
        sent = 'Q.850;cause=16;text="Normal call clearing"'
        assert status_of(caller.bye(extra=f"Reason: {sent}\r\n")) == 200
        bye = callee.wait_request("BYE")
        assert bye and reasons(bye) == [sent], bye


def test_every_reason_value_of_a_bye_crosses(make_daemon):
    """RFC 3326: one Reason value per protocol, several protocols (a gateway's SIP and Q.850) at once."""
    d = make_daemon()
    with UdpPhone(d, "1002", "answer") as callee, UdpPhone(d, "1010") as caller:
        assert status_of(caller.invite("1002")) == 200
        sent = ['SIP;cause=480;text="Temporarily Unavailable"', 'Q.850;cause=18;text="No user responding"']
        assert status_of(caller.bye(extra=f"Reason: {sent[0]}\r\nReason: {sent[1]}\r\n")) == 200
        bye = callee.wait_request("BYE")
        assert bye and sorted(reasons(bye)) == sorted(sent), bye


def test_a_bye_reason_crosses_from_the_callee(make_daemon):
    d = make_daemon()
    with UdpPhone(d, "1002", "answer") as callee, UdpPhone(d, "1010") as caller:
        assert status_of(caller.invite("1002")) == 200
        sent = 'Q.850;cause=17;text="User busy"'
        assert status_of(callee.bye_as_callee(extra=f"Reason: {sent}\r\n")) == 200
        bye = caller.wait_request("BYE")
        assert bye and reasons(bye) == [sent], bye


def failure(daemon, dialled, timeout=10):
    with UdpPhone(daemon, "1010") as caller:
        final = caller.invite(dialled, timeout=timeout)
    assert final, f"no final response calling {dialled}"
    return final


def test_unknown_number_404_says_q850_cause_1(make_daemon):
    final = failure(make_daemon(), "1999")
    assert status_of(final) == 404 and reasons(final) == ["Q.850;cause=1"], final


def test_nothing_registered_480_says_q850_cause_20(make_daemon):
    final = failure(make_daemon(), "1003")
    assert status_of(final) == 480 and reasons(final) == ["Q.850;cause=20"], final


def test_no_answer_480_says_q850_cause_19(make_daemon):
    d = make_daemon(kernel={"calls": {"ring_timeout": "2s"}})
    with UdpPhone(d, "1002", "ring") as callee:
        final = failure(d, "1002")
        assert callee.wait_request("CANCEL"), "the unanswered callee was not cancelled"
    assert status_of(final) == 480 and reasons(final) == ["Q.850;cause=19"], final


def test_busy_486_says_q850_cause_17(make_daemon):
    d = make_daemon()
    with UdpPhone(d, "1002", "busy"):
        final = failure(d, "1002")
    assert status_of(final) == 486 and reasons(final) == ["Q.850;cause=17"], final


def test_every_fork_busy_gives_486(make_daemon):
    d = make_daemon()
    with UdpPhone(d, "1002", "busy") as one, UdpPhone(d, "1002", "busy") as two:
        assert len(d.admin().registrations(user="1002")) == 2
        final = failure(d, "1002")
        assert len(one.received("INVITE")) == 1 and len(two.received("INVITE")) == 1
    assert status_of(final) == 486 and reasons(final) == ["Q.850;cause=17"], final


def test_one_busy_fork_does_not_end_the_call_while_another_rings(make_daemon):
    d = make_daemon()
    with UdpPhone(d, "1002", "busy"), UdpPhone(d, "1002", "answer", answer_after=1.0), \
            UdpPhone(d, "1010") as caller:
        final = caller.invite("1002")
        assert status_of(final) == 200 and header(final, "Reason") is None, final
        assert status_of(caller.bye()) == 200
