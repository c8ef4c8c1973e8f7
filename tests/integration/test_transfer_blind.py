"""Blind transfer (RFC 3515 REFER, RFC 3892 Referred-By) end to end with three Python phones: A calls B,
B REFERs A to C; the kernel rings C, connects A and C (A's re-INVITE carries C's offer, C's ACK A's
answer), reports progress to B in sipfrag NOTIFYs after the 202, releases B, and the call observers
get LS_CALL_TRANSFERRED."""
import json
import time

import pytest

from harness import paths
from harness.dialog_phone import DialogPhone, body_text, tag_of

TRANSFER = {"transfer": {"enabled": True, "required": True}}


@pytest.fixture
def daemon(make_daemon):
    if not (paths.fixture_dir() / "fx_in_dialog.so").exists():
        pytest.fail("fixture module fx_in_dialog not built (set LINESIDE_FIXTURE_DIR)", pytrace=False)
    return make_daemon(modules={**TRANSFER, "fx_in_dialog": {"enabled": True, "required": True}},
                       module_dirs=[paths.module_dir(), paths.fixture_dir()])


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


def sipfrag_status(notify):
    return body_text(notify).split("\r\n", 1)[0]


def wait_admin(daemon, path, predicate, timeout=5.0):
    deadline = time.monotonic() + timeout
    while True:
        status, body = daemon.admin().get(path)
        assert status == 200, body
        if predicate(body) or time.monotonic() > deadline:
            return body
        time.sleep(0.1)


def test_blind_transfer_connects_the_caller_to_the_target(daemon, phones):
    a = phones("1001", "alice", 40001)
    b = phones("1002", "bob", 40002)
    c = phones("1003", "carol", 40003)
    final, a_dialog = a.invite("1002")
    assert final is not None and final.status == 200, final
    assert "bob" in body_text(final)
    b_dialog = b.dialogs[0]

    accepted = b.refer(b_dialog, "<sip:1003@pbx.test>")
    assert accepted is not None and accepted.status == 202, accepted

    invites = c.wait_for("INVITE")
    assert invites, "the target was never rung"
    assert "sip:1002@pbx.test" in (invites[0].get("Referred-By") or ""), invites[0].raw
    assert not invites[0].body, "the target's INVITE should carry no offer (its 200 brings one)"

    reinvites = a.wait_for("INVITE", where=lambda m: tag_of(m.get("To")) == a_dialog.local_tag)
    assert reinvites, "the staying party was not re-INVITEd"
    assert "carol" in body_text(reinvites[0]) and "m=audio 40003" in body_text(reinvites[0])
    assert "sip:1003@pbx.test" in (reinvites[0].get("P-Asserted-Identity") or ""), \
        "the staying party's display should name the new party (RFC 4916 / PAI)"
    acks = c.wait_for("ACK", where=lambda m: bool(m.body))
    assert acks and "alice" in body_text(acks[0]) and "m=audio 40001" in body_text(acks[0]), \
        "the target's ACK should carry the staying party's answer"

    done = b.wait_for("NOTIFY", where=lambda m: sipfrag_status(m).startswith("SIP/2.0 200"))
    assert done, f"no final sipfrag NOTIFY: {[body_text(n) for n in b.received('NOTIFY')]}"
    notifies = b.received("NOTIFY")
    assert sipfrag_status(notifies[0]).startswith("SIP/2.0 100"), body_text(notifies[0])
    assert all(n.get("Event", "").startswith("refer") for n in notifies)
    assert all(n.get("Content-Type", "").startswith("message/sipfrag") for n in notifies)
    assert notifies[-1].get("Subscription-State", "").startswith("terminated")
    assert all(n.get("Call-ID") == b_dialog.call_id for n in notifies), "NOTIFYs outside the REFER's dialog"
    first_202 = b.index_of(lambda d, m: d == "in" and m.status == 202)
    first_notify = b.index_of(lambda d, m: d == "in" and m.method == "NOTIFY")
    assert first_202 < first_notify, "a NOTIFY overtook the 202"

    assert b.wait_for("BYE"), "the transferor's dialog was not released"

    doc = wait_admin(daemon, "/api/v1/transfers", lambda d: d["observed"] and d["recent"])
    assert doc["recent"][0]["status"] == 200 and doc["recent"][0]["target"] == "1003", doc
    observed = doc["observed"][0]
    assert (observed["third_party_dn"], observed["transferred_by_dn"]) == ("1003", "1002"), observed

    events = wait_admin(daemon, "/api/v1/fx/call-events", lambda text: '"change":4' in text)
    changes = [json.loads(line)["change"] for line in events.splitlines() if line.strip()]
    assert 4 in changes, events  # LS_CALL_TRANSFERRED reached another module's observer too

    # A and C now talk to each other: A hangs up and C is told.
    assert a.bye(a_dialog).status == 200
    assert c.wait_for("BYE"), "the target was not in the caller's call"


def test_transfer_to_a_busy_target_leaves_the_call_as_it_was(daemon, phones):
    a = phones("1001", "alice", 40001)
    b = phones("1002", "bob", 40002)
    c = phones("1003", "carol", 40003)
    c.behaviour = "busy"
    final, a_dialog = a.invite("1002")
    assert final.status == 200
    b_dialog = b.dialogs[0]
    assert b.refer(b_dialog, "<sip:1003@pbx.test>").status == 202
    failed = b.wait_for("NOTIFY", where=lambda m: sipfrag_status(m).startswith("SIP/2.0 486"))
    assert failed, [body_text(n) for n in b.received("NOTIFY")]
    assert failed[0].get("Subscription-State", "").startswith("terminated")
    doc = wait_admin(daemon, "/api/v1/transfers", lambda d: d["recent"])
    assert doc["recent"][0]["status"] == 486, doc
    assert not b.received("BYE") and not a.received("BYE"), "a failed transfer must not end the call"
    assert a.bye(a_dialog).status == 200
    assert b.wait_for("BYE"), "A and B were no longer connected"


def test_transfer_to_an_unknown_number_fails_after_the_202(daemon, phones):
    a = phones("1001", "alice", 40001)
    b = phones("1002", "bob", 40002)
    final, a_dialog = a.invite("1002")
    assert final.status == 200
    b_dialog = b.dialogs[0]
    assert b.refer(b_dialog, "<sip:1099@pbx.test>").status == 202
    failed = b.wait_for("NOTIFY", where=lambda m: m.get("Subscription-State", "").startswith("terminated"))
    assert failed and not sipfrag_status(failed[0]).startswith("SIP/2.0 2"), \
        [body_text(n) for n in b.received("NOTIFY")]
    first_202 = b.index_of(lambda d, m: d == "in" and m.status == 202)
    first_notify = b.index_of(lambda d, m: d == "in" and m.method == "NOTIFY")
    assert first_202 < first_notify, "the failure NOTIFY overtook the 202"
    assert not b.received("BYE"), "a failed transfer must not end the call"
    assert a.bye(a_dialog).status == 200
