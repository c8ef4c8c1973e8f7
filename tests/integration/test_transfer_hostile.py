"""Hostile and malformed REFERs: each gets its own error and nothing else happens (no INVITE to any
target, no NOTIFY, the call stays up): REFER outside a dialog, Refer-To at a foreign domain, missing,
doubled or non-SIP Refer-To, a Replaces naming no dialog, and a REFER while a transfer runs."""
import time

import pytest

from harness.dialog_phone import DialogPhone, body_text
from harness.sip import build, new_branch, new_call_id, new_tag

TRANSFER = {"transfer": {"enabled": True, "required": True}}
QUIET = 0.5  # how long "nothing else happens" is watched for after each refusal


@pytest.fixture
def daemon(make_daemon):
    return make_daemon(modules=TRANSFER)


@pytest.fixture
def call(daemon):
    """A (1001) calls B (1002), answered; C (1003) and D (1004) registered, never to be rung."""
    a = DialogPhone(daemon, "1001", name="alice", media_port=40001)
    b = DialogPhone(daemon, "1002", name="bob", media_port=40002)
    c = DialogPhone(daemon, "1003", name="carol", media_port=40003)
    d = DialogPhone(daemon, "1004", name="dave", media_port=40004)
    final, a_dialog = a.invite("1002")
    assert final is not None and final.status == 200, final
    yield a, b, c, d, a_dialog, b.dialogs[0]
    for p in (a, b, c, d):
        p.close()


def assert_nothing_else(a, b, c, d):
    time.sleep(QUIET)
    assert not c.received("INVITE") and not d.received("INVITE"), "a target was rung"
    assert not b.received("NOTIFY") and not a.received("NOTIFY"), "a NOTIFY was sent"
    assert not a.received("BYE") and not b.received("BYE"), "the call was ended"
    assert len(a.received("INVITE")) == 0, "the caller was re-INVITEd"


@pytest.mark.parametrize("refer_to, extra, status", [
    ("<sip:1003@evil.example.com>", [], 403),                  # foreign domain
    (None, [], 400),                                           # no Refer-To
    ("<tel:+15551003>", [], 400),                              # not a SIP URI
    ("<sip:1003@pbx.test", [], 400),                           # unbalanced
    ("<sip:pbx.test>", [], 400),                               # no number
    ("<sip:1003@pbx.test;method=BYE>", [], 403),               # not an INVITE referral
    ("<sip:1003@pbx.test?Replaces=nosuch%40x%3Bto-tag%3Da%3Bfrom-tag%3Db>", [], 403),  # no such dialog
    ("<sip:1003@pbx.test>", [("Referred-By", "<mailto:x@y>")], 400),  # malformed Referred-By
])
def test_a_refused_refer_changes_nothing(call, refer_to, extra, status):
    a, b, c, d, a_dialog, b_dialog = call
    resp = b.refer(b_dialog, refer_to, headers=extra)
    assert resp is not None and resp.status == status, resp and resp.start_line
    assert_nothing_else(a, b, c, d)
    # The call is intact: A hangs up and B is told.
    assert a.bye(a_dialog).status == 200
    assert b.wait_for("BYE", timeout=5)


def test_two_refer_to_headers_are_refused(call):
    a, b, c, d, _, b_dialog = call
    resp = b.refer(b_dialog, "<sip:1003@pbx.test>", headers=[("Refer-To", "<sip:1004@pbx.test>")])
    assert resp is not None and resp.status == 400, resp and resp.start_line
    assert_nothing_else(a, b, c, d)


def test_refer_outside_a_dialog_is_refused(daemon, call):
    a, b, c, d, _, _ = call
    call_id, tag = new_call_id(), new_tag()
    data = build("REFER sip:1001@pbx.test SIP/2.0", [
        ("Via", f"SIP/2.0/UDP 127.0.0.1:{b.port};branch={new_branch()};rport"), ("Max-Forwards", "70"),
        ("From", f"<sip:1002@pbx.test>;tag={tag}"), ("To", "<sip:1001@pbx.test>"), ("Call-ID", call_id),
        ("CSeq", "1 REFER"), ("Contact", b.contact), ("Refer-To", "<sip:1003@pbx.test>")])
    b._send(data)
    resp = b._wait_final(call_id, 1, "REFER", 5)
    assert resp is not None and resp.status == 403, resp
    assert_nothing_else(a, b, c, d)


def test_refer_for_a_dialog_that_does_not_exist_gets_481(daemon, call):
    a, b, c, d, _, _ = call
    call_id = new_call_id()
    data = build("REFER sip:1001@pbx.test SIP/2.0", [
        ("Via", f"SIP/2.0/UDP 127.0.0.1:{b.port};branch={new_branch()};rport"), ("Max-Forwards", "70"),
        ("From", f"<sip:1002@pbx.test>;tag={new_tag()}"), ("To", f"<sip:1001@pbx.test>;tag={new_tag()}"),
        ("Call-ID", call_id), ("CSeq", "5 REFER"), ("Contact", b.contact), ("Refer-To", "<sip:1003@pbx.test>")])
    b._send(data)
    resp = b._wait_final(call_id, 5, "REFER", 5)
    assert resp is not None and resp.status == 481, resp
    assert_nothing_else(a, b, c, d)


def test_a_second_refer_during_a_transfer_gets_491(call):
    a, b, c, d, a_dialog, b_dialog = call
    c.behaviour = "ring"  # the first transfer stays in progress while C rings
    assert b.refer(b_dialog, "<sip:1003@pbx.test>").status == 202
    assert c.wait_for("INVITE"), "the first transfer's target was not rung"
    again = b.refer(b_dialog, "<sip:1004@pbx.test>")
    assert again is not None and again.status == 491, again
    from_other_side = a.refer(a_dialog, "<sip:1004@pbx.test>")
    assert from_other_side is not None and from_other_side.status == 491, from_other_side
    time.sleep(QUIET)
    assert not d.received("INVITE"), "a refused REFER rang its target"
    notifies = b.received("NOTIFY")
    assert all(body_text(n).startswith(("SIP/2.0 100", "SIP/2.0 180")) for n in notifies), \
        [body_text(n) for n in notifies]
    assert not a.received("NOTIFY"), "the refused REFER from A got a NOTIFY"
