"""Capability profile "Force sending SDP in initial Invite message": third-party call control (POST
/api/v1/calls, RFC 3725 flow I) never calls such a device without SDP: when it is the first party, the second
party is rung first for the offer (the mirror of flow I); when both force SDP the originate is refused with a 409
naming the rule. A delayed-offer INVITE relayed to such a device is logged (WARNING) and counted. A profile
change applies to the next call, without a restart."""
import re
import time

from harness.dialog_phone import DialogPhone

RULE = "force_sdp_in_initial_invite"


def patch(d, path, body):
    status, out = d.admin().request("PATCH", path, body=body)
    assert status == 200, out
    return out


def wait_connected(admin, call_id, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status, body = admin.get("/api/v1/calls")
        if status == 200 and any(c["id"] == call_id and c["state"] == "connected" for c in body.get("calls", [])):
            return True
        time.sleep(0.1)
    return False


def originate(d, first, second):
    """POST /api/v1/calls 1001 -> 1002, wait until connected, hang up; returns the (first, second) INVITE/ACK
    seen by each phone for this call."""
    seen = (len(first.received("INVITE")), len(second.received("INVITE")))
    status, body = d.admin().request("POST", "/api/v1/calls", body={"from": "1001", "to": "1002"})
    assert status == 202, body
    assert wait_connected(d.admin(), body["id"]), d.log_tail()
    status, _ = d.admin().request("DELETE", f"/api/v1/calls/{body['id']}")
    assert status == 204
    for phone in (first, second):
        assert phone.wait_for("BYE", count=(seen[0] if phone is first else seen[1]) + 1, timeout=5)
    out = []
    for phone, before in ((first, seen[0]), (second, seen[1])):
        invites = phone.received("INVITE")[before:]
        assert len(invites) == 1, [m.start_line for m in invites]
        call_id = invites[0].get("Call-ID")
        acks = [m for m in phone.received("ACK") if m.get("Call-ID") == call_id]
        assert len(acks) == 1, acks
        out.append((invites[0], acks[0]))
    return out


def phones(d):
    return (DialogPhone(d, "1001", name="alice", media_port=40010),
            DialogPhone(d, "1002", name="bob", media_port=40002))


def test_a_first_party_that_forces_sdp_is_called_second_with_the_other_partys_offer(make_daemon):
    d = make_daemon()
    patch(d, "/api/v1/devices/dev-1001", {"profile": 7})
    alice, bob = phones(d)
    try:
        (a_inv, a_ack), (b_inv, b_ack) = originate(d, alice, bob)
        # Flow I: the first party is asked for the offer.
        assert not a_inv.body and b"o=alice" in b_inv.body and b"o=bob" in a_ack.body, (a_inv.raw, b_inv.raw)

        assert patch(d, "/api/v1/profiles/7", {RULE: True})[RULE] is True
        (a_inv, a_ack), (b_inv, b_ack) = originate(d, alice, bob)
        # Mirrored: the second party gives the offer, the first party answers it in our ACK to the second.
        assert not b_inv.body, b_inv.raw
        assert b"o=bob" in a_inv.body and b"m=audio 40002" in a_inv.body, a_inv.raw
        assert b"o=alice" in b_ack.body and b"m=audio 40010" in b_ack.body, b_ack.raw
        assert not a_ack.body, a_ack.raw
        # Each side still sees who it is connected to.
        assert "1001" in b_inv.get("From") and "1002" in a_inv.get("From"), (a_inv.raw, b_inv.raw)
    finally:
        alice.close()
        bob.close()


def test_a_second_party_that_forces_sdp_keeps_flow_one_and_both_forcing_is_refused(make_daemon):
    d = make_daemon()
    patch(d, "/api/v1/devices/dev-1002", {"profile": 7})
    patch(d, "/api/v1/profiles/7", {RULE: True})
    alice, bob = phones(d)
    try:
        (a_inv, a_ack), (b_inv, _) = originate(d, alice, bob)
        assert not a_inv.body and b"o=alice" in b_inv.body and b"o=bob" in a_ack.body, (a_inv.raw, b_inv.raw)

        patch(d, "/api/v1/devices/dev-1001", {"profile": 7})
        status, body = d.admin().request("POST", "/api/v1/calls", body={"from": "1001", "to": "1002"})
        assert status == 409, body
        assert RULE in body["error"] and "dev-1001" in body["error"] and "dev-1002" in body["error"], body
        time.sleep(0.5)
        assert len(alice.received("INVITE")) == 1 and len(bob.received("INVITE")) == 1, "a refused call rang"

        patch(d, "/api/v1/profiles/7", {RULE: False})  # the next originate works again, no restart
        status, body = d.admin().request("POST", "/api/v1/calls", body={"from": "1001", "to": "1002"})
        assert status == 202, body
    finally:
        alice.close()
        bob.close()


def metric(d, name):
    status, text = d.admin().get("/metrics")
    assert status == 200, text
    m = re.search(rf"(?m)^{name}(?:_total)? (\d+)$", text)
    return int(m.group(1)) if m else 0


def test_a_delayed_offer_toward_a_device_that_forces_sdp_is_warned_and_counted(make_daemon):
    d = make_daemon()
    patch(d, "/api/v1/devices/dev-1002", {"profile": 7})
    patch(d, "/api/v1/profiles/7", {RULE: True})
    caller = DialogPhone(d, "1010", name="carol", media_port=40020)
    bob = DialogPhone(d, "1002", name="bob", media_port=40002)
    name = "lineside_kernel_calls_offerless_invite_to_forced_sdp"
    try:
        assert metric(d, name) == 0
        final, dialog = caller.invite("1002", body="")
        assert final is not None and final.status == 200, final
        invite = bob.wait_for("INVITE")[0]
        assert not invite.body, "a signalling-only B2BUA has no offer to give"
        assert metric(d, name) == 1
        warnings = [line for line in d.log_text().splitlines()
                    if "WARNING" in line and "dev-1002" in line and "Force sending SDP" in line]
        assert len(warnings) == 1, d.log_tail()
        caller.bye(dialog)
    finally:
        caller.close()
        bob.close()


def test_mirrored_originate_failures_release_the_other_party(make_daemon):
    d = make_daemon()
    patch(d, "/api/v1/devices/dev-1001", {"profile": 7})
    patch(d, "/api/v1/profiles/7", {RULE: True})
    alice, bob = phones(d)
    try:
        # The second party (rung first, for the offer) is busy: the first party is never rung.
        bob.behaviour = "busy"
        status, body = d.admin().request("POST", "/api/v1/calls", body={"from": "1001", "to": "1002"})
        assert status == 202, body
        assert len(bob.wait_for("INVITE")) == 1
        time.sleep(0.5)
        assert not alice.received("INVITE"), "the first party rang although the second was busy"

        # The second party answers with its offer, the first party is busy: the second party's INVITE is
        # completed (ACK) and its dialog ended (BYE).
        bob.behaviour, alice.behaviour = "answer", "busy"
        status, body = d.admin().request("POST", "/api/v1/calls", body={"from": "1001", "to": "1002"})
        assert status == 202, body
        invites = alice.wait_for("INVITE")
        assert len(invites) == 1 and b"o=bob" in invites[0].body, invites
        byes = bob.wait_for("BYE", timeout=5)
        assert len(byes) == 1 and "480" in (byes[0].get("Reason") or ""), [m.raw for m in byes]
        call_id = byes[0].get("Call-ID")
        assert [m for m in bob.received("ACK") if m.get("Call-ID") == call_id], "the second party's 200 was not ACKed"
        status, calls = d.admin().get("/api/v1/calls")
        assert status == 200 and not calls.get("calls"), calls
    finally:
        alice.close()
        bob.close()


def test_a_blind_transfer_target_that_forces_sdp_is_warned_and_counted(make_daemon):
    """A blind transfer asks its target for the offer (its INVITE has no SDP): a signalling-only B2BUA has
    no offer to give it, so the transfer goes on and the broken rule is logged and counted."""
    d = make_daemon()
    patch(d, "/api/v1/devices/dev-1003", {"profile": 7})
    patch(d, "/api/v1/profiles/7", {RULE: True})
    alice, bob = phones(d)
    carol = DialogPhone(d, "1003", name="carol", media_port=40003)
    name = "lineside_kernel_calls_offerless_invite_to_forced_sdp"
    try:
        final, _ = alice.invite("1002")
        assert final is not None and final.status == 200, final
        accepted = bob.refer(bob.dialogs[0], "<sip:1003@pbx.test>")
        assert accepted is not None and accepted.status == 202, accepted
        invite = carol.wait_for("INVITE")
        assert len(invite) == 1 and not invite[0].body, invite
        assert len(alice.wait_for("INVITE")) == 1, "the staying party was not re-INVITEd with the target's offer"
        assert metric(d, name) == 1
        warnings = [line for line in d.log_text().splitlines()
                    if "WARNING" in line and "dev-1003" in line and "transfer" in line]
        assert len(warnings) == 1, d.log_tail()
    finally:
        alice.close()
        bob.close()
        carol.close()
