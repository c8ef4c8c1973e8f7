"""Capability profile "Prevent the Use of IP Address 0.0.0.0": an RFC 2543 hold (c=0.0.0.0) relayed toward a
device whose profile has it on arrives as an RFC 3264 hold (the sender's previous real address, a=sendonly);
with the field off it passes unchanged. A profile change applies to the next call, without a restart."""
import re

from harness.dialog_phone import DialogPhone


def sdp_at(name, port, address, direction="sendrecv", origin="127.0.0.1"):
    return (f"v=0\r\no={name} 1 1 IN IP4 {origin}\r\ns=-\r\nc=IN IP4 {address}\r\nt=0 0\r\n"
            f"m=audio {port} RTP/AVP 0\r\na={direction}\r\n")


def connections(body):
    return re.findall(r"(?m)^c=(.*?)\r?$", body.decode())


def directions(body):
    return re.findall(r"(?m)^a=(sendrecv|sendonly|recvonly|inactive)\r?$", body.decode())


def patch(d, path, body):
    status, out = d.admin().request("PATCH", path, body=body)
    assert status == 200, out
    return out


def reinvite(phone, dialog, body):
    """A re-INVITE with `body` inside `dialog`, ACKed; returns its final response."""
    final = phone.request(dialog, "INVITE", body=body)
    assert final is not None and final.status == 200, final
    phone._request("ACK", dialog.remote_target, dialog.local, dialog.remote, dialog.call_id, dialog.cseq)
    return final


def invites_received(phone, count):
    got = phone.wait_for("INVITE", count=count, timeout=10)
    assert len(got) >= count, f"{phone.user} got {len(got)} INVITEs, expected {count}"
    return got


def hold_seen_by_callee(d, alice, bob, count):
    """alice calls bob (offer from 127.0.0.55), then holds with c=0.0.0.0: the body bob's re-INVITE carries."""
    final, dialog = alice.invite("1002", body=sdp_at("alice", 40010, "127.0.0.55"))
    assert final is not None and final.status == 200, final
    reinvite(alice, dialog, sdp_at("alice", 40010, "0.0.0.0"))
    held = invites_received(bob, count + 1)[count]
    assert alice.bye(dialog).status == 200
    return held.body


def test_zero_hold_toward_a_device_that_prevents_it_becomes_sendonly_with_the_previous_address(make_daemon):
    d = make_daemon()
    patch(d, "/api/v1/devices/dev-1002", {"profile": 7})
    alice = DialogPhone(d, "1010", name="alice", media_port=40010)
    bob = DialogPhone(d, "1002", name="bob", media_port=40002)
    try:
        before = hold_seen_by_callee(d, alice, bob, 1)
        assert connections(before) == ["IN IP4 0.0.0.0"], before
        assert directions(before) == ["sendrecv"], before

        assert patch(d, "/api/v1/profiles/7", {"prevent_ip_0000_hold": True})["prevent_ip_0000_hold"] is True
        after = hold_seen_by_callee(d, alice, bob, 3)
        assert connections(after) == ["IN IP4 127.0.0.55"], after
        assert directions(after) == ["sendonly"], after
        assert b"o=alice" in after and b"m=audio 40010 RTP/AVP 0" in after, after
    finally:
        alice.close()
        bob.close()


def test_a_first_offer_on_hold_gets_the_senders_signalling_address_and_recvonly_becomes_inactive(make_daemon):
    d = make_daemon()
    patch(d, "/api/v1/devices/dev-1002", {"profile": 7})
    patch(d, "/api/v1/profiles/7", {"prevent_ip_0000_hold": True})
    alice = DialogPhone(d, "1010", name="alice", media_port=40010)
    bob = DialogPhone(d, "1002", name="bob", media_port=40002)
    try:
        final, dialog = alice.invite("1002", body=sdp_at("alice", 40010, "0.0.0.0", "recvonly", origin="127.0.0.77"))
        assert final is not None and final.status == 200, final
        body = invites_received(bob, 1)[0].body
        assert connections(body) == ["IN IP4 127.0.0.1"], body  # alice's registered source address
        assert directions(body) == ["inactive"], body
        # Resuming with a real address passes unchanged.
        reinvite(alice, dialog, sdp_at("alice", 40010, "127.0.0.55"))
        resumed = invites_received(bob, 2)[1].body
        assert connections(resumed) == ["IN IP4 127.0.0.55"] and directions(resumed) == ["sendrecv"], resumed
        assert alice.bye(dialog).status == 200
    finally:
        alice.close()
        bob.close()


def test_zero_hold_from_the_callee_toward_a_caller_that_prevents_it(make_daemon):
    d = make_daemon()
    patch(d, "/api/v1/devices/dev-1010", {"profile": 8})
    alice = DialogPhone(d, "1010", name="alice", media_port=40010)
    bob = DialogPhone(d, "1002", name="bob", media_port=40002)
    bob.sdp = sdp_at("bob", 40002, "127.0.0.66")
    try:
        for prevent, expected_c, expected_dir in ((False, "IN IP4 0.0.0.0", "sendrecv"),
                                                  (True, "IN IP4 127.0.0.66", "sendonly")):
            patch(d, "/api/v1/profiles/8", {"prevent_ip_0000_hold": prevent})
            final, dialog = alice.invite("1002")
            assert final is not None and final.status == 200, final
            seen = len(alice.received("INVITE"))
            bob_dialog = bob.dialogs[-1]
            reinvite(bob, bob_dialog, sdp_at("bob", 40002, "0.0.0.0"))
            held = alice.wait_for("INVITE", count=seen + 1, timeout=10)
            assert len(held) == seen + 1, "the callee's hold did not reach the caller"
            body = held[-1].body
            assert connections(body) == [expected_c], body
            assert directions(body) == [expected_dir], body
            assert alice.bye(dialog).status == 200
    finally:
        alice.close()
        bob.close()
