"""Attended transfer (REFER with Replaces, RFC 3891) and INVITE with Replaces sent by a phone, end to
end with Python phones: A-B and B-C established, B REFERs A with Replaces of its B-C dialog, A and C are
connected and both of B's dialogs released; an INVITE/Replaces naming B's dialog puts its sender in
B's place (B gets a BYE), one naming no dialog gets 481."""
import time
import urllib.parse

import pytest

from harness.dialog_phone import DialogPhone, body_text, tag_of

TRANSFER = {"transfer": {"enabled": True, "required": True}}


@pytest.fixture
def daemon(make_daemon):
    return make_daemon(modules=TRANSFER)


@pytest.fixture
def phones(daemon):
    made = []

    def make(user, name, port):
        p = DialogPhone(daemon, user, name=name, media_port=port)
        made.append(p)
        return p
    yield make
    for p in made:
        p.close()


def replaces_of(dialog):
    """The Replaces value naming `dialog` as its phone sees it: to-tag is the server's, from-tag ours."""
    return f"{dialog.call_id};to-tag={dialog.remote_tag};from-tag={dialog.local_tag}"


def test_attended_transfer_connects_the_two_other_parties(daemon, phones):
    a = phones("1001", "alice", 40001)
    b = phones("1002", "bob", 40002)
    c = phones("1003", "carol", 40003)
    final, a_dialog = a.invite("1002")
    assert final is not None and final.status == 200, final
    b_with_a = b.dialogs[0]
    final, b_with_c = b.invite("1003")  # the consultation call
    assert final is not None and final.status == 200, final
    c_dialog = c.dialogs[0]

    refer_to = f"<sip:1003@pbx.test?Replaces={urllib.parse.quote(replaces_of(b_with_c), safe='')}>"
    accepted = b.refer(b_with_a, refer_to)
    assert accepted is not None and accepted.status == 202, accepted

    reinvites = a.wait_for("INVITE", where=lambda m: tag_of(m.get("To")) == a_dialog.local_tag)
    assert reinvites and "carol" in body_text(reinvites[0]), "A was not re-INVITEd with C's offer"
    assert c.wait_for("ACK", where=lambda m: "alice" in body_text(m)), "C never got A's answer"
    byes = b.wait_for("BYE", count=2)
    assert {m.get("Call-ID") for m in byes} == {b_with_a.call_id, b_with_c.call_id}, \
        "both of B's dialogs should be released"
    final_notify = b.wait_for("NOTIFY", where=lambda m: body_text(m).startswith("SIP/2.0 200"))
    assert final_notify and final_notify[0].get("Call-ID") == b_with_a.call_id

    status, doc = daemon.admin().get("/api/v1/transfers")
    assert status == 200 and doc["recent"][0]["kind"] == "attended" and doc["recent"][0]["status"] == 200, doc

    # A and C talk: C hangs up, A is told.
    assert c.bye(c_dialog).status == 200
    assert a.wait_for("BYE"), "A and C were not connected"


def test_invite_with_replaces_takes_over_a_dialog(daemon, phones):
    a = phones("1001", "alice", 40001)
    b = phones("1002", "bob", 40002)
    c = phones("1003", "carol", 40003)
    final, a_dialog = a.invite("1002")
    assert final.status == 200
    b_dialog = b.dialogs[0]
    # C picks the call up from B (as a phone's own attended transfer or pickup does).
    final, c_dialog = c.invite("1002", headers=[("Replaces", replaces_of(b_dialog))])
    assert final is not None and final.status == 200, final
    assert "alice" in body_text(final), "C should get A's answer to its offer"
    assert b.wait_for("BYE"), "the replaced party was not released"
    reinvites = a.wait_for("INVITE", where=lambda m: tag_of(m.get("To")) == a_dialog.local_tag)
    assert reinvites and "carol" in body_text(reinvites[0])
    status, doc = daemon.admin().get("/api/v1/transfers")
    deadline = time.monotonic() + 5
    while not doc["observed"] and time.monotonic() < deadline:
        time.sleep(0.1)
        status, doc = daemon.admin().get("/api/v1/transfers")
    assert doc["observed"] and doc["observed"][0]["third_party_dn"] == "1003", doc
    assert a.bye(a_dialog).status == 200
    assert c.wait_for("BYE"), "A and C were not connected"


def test_invite_with_replaces_for_an_unknown_dialog_gets_481(daemon, phones):
    a = phones("1001", "alice", 40001)
    b = phones("1002", "bob", 40002)
    c = phones("1003", "carol", 40003)
    final, a_dialog = a.invite("1002")
    assert final.status == 200
    b_dialog = b.dialogs[0]
    bogus = f"{b_dialog.call_id};to-tag={b_dialog.local_tag};from-tag={b_dialog.remote_tag}"  # tags swapped
    final, _ = c.invite("1002", headers=[("Replaces", bogus)])
    assert final is not None and final.status == 481, final
    time.sleep(0.5)
    assert not b.received("BYE") and not a.received("INVITE"), "an unmatched Replaces changed the call"
    assert a.bye(a_dialog).status == 200
    assert b.wait_for("BYE")
