"""Capability profile "Limit to one Offer/Answer per INVITE": toward such a device an UPDATE with an SDP offer in
the early dialog is answered 491 Request Pending by Lineside (RFC 3311 5.2: offer again after the answer) and
never relayed; once the call is answered, UPDATE with SDP is relayed as usual. A profile change applies to the
next call, without a restart."""
import re
import socket
import threading
import time

from harness.calls import SDP, Caller
from harness.dialog_phone import DialogPhone


def patch(d, path, body):
    status, out = d.admin().request("PATCH", path, body=body)
    assert status == 200, out
    return out


def wait_message(caller, predicate, timeout=8):
    caller.client.sock.settimeout(0.3)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            data = caller.client.sock.recv(65535).decode(errors="replace")
        except socket.timeout:
            continue
        if predicate(data):
            return data
    return None


def early_update(d):
    """1010 calls 1002 (which only rings), then sends an UPDATE with SDP in the early dialog: its final response."""
    caller = Caller(d)
    try:
        caller.dialled = "1002"
        caller._request("INVITE", "1002", "", SDP)
        ringing = wait_message(caller, lambda t: re.match(r"SIP/2.0 18\d", t) is not None)
        assert ringing, "no 18x for the caller"
        caller.to_tag = re.search(r"(?im)^To:.*;tag=([^;\s]+)", ringing).group(1)
        caller._request("UPDATE", "1002", "", SDP, cseq=2)
        final = wait_message(caller, lambda t: t.startswith("SIP/2.0") and re.search(r"(?im)^CSeq:\s*2 UPDATE", t)
                             and int(t.split(" ", 2)[1]) >= 200)
        return final
    finally:
        caller.close()


def test_an_early_update_offer_toward_a_one_offer_device_gets_491(make_daemon):
    d = make_daemon()
    patch(d, "/api/v1/devices/dev-1002", {"profile": 7})
    bob = DialogPhone(d, "1002", name="bob", media_port=40002)
    bob.behaviour = "ring"
    try:
        final = early_update(d)
        assert final and final.startswith("SIP/2.0 200"), final
        relayed = bob.wait_for("UPDATE", timeout=5)
        assert len(relayed) == 1 and b"m=audio" in relayed[0].body, "the early UPDATE was not relayed"

        assert patch(d, "/api/v1/profiles/7", {"one_offer_answer_per_invite": True})["one_offer_answer_per_invite"]
        final = early_update(d)
        assert final and final.startswith("SIP/2.0 491"), final
        time.sleep(0.5)
        assert len(bob.received("UPDATE")) == 1, "an UPDATE offer reached a one-offer device before the answer"
        assert len(bob.received("INVITE")) == 2
    finally:
        bob.close()


def test_after_the_answer_update_offers_reach_a_one_offer_device(make_daemon):
    d = make_daemon()
    patch(d, "/api/v1/devices/dev-1002", {"profile": 7})
    patch(d, "/api/v1/profiles/7", {"one_offer_answer_per_invite": True})
    bob = DialogPhone(d, "1002", name="bob", media_port=40002)
    caller = Caller(d)
    try:
        final = caller.invite("1002")
        assert final and final.startswith("SIP/2.0 200"), final
        caller.cseq += 1
        caller._request("UPDATE", "1002", "", SDP)
        answer = caller._final(5)
        assert answer and answer.startswith("SIP/2.0 200"), answer
        relayed = bob.wait_for("UPDATE", timeout=5)
        assert len(relayed) == 1 and b"m=audio" in relayed[0].body, "the UPDATE after the answer was not relayed"
        assert caller.bye().startswith("SIP/2.0 200")
    finally:
        caller.close()
        bob.close()


def callee_early_update(alice, bob):
    """alice calls bob (which only rings); bob sends an UPDATE with SDP in its early dialog: its final response."""
    rung = len(bob.received("INVITE"))
    caller = threading.Thread(target=alice.invite, args=("1002",), kwargs={"timeout": 4}, daemon=True)
    caller.start()
    assert len(bob.wait_for("INVITE", count=rung + 1)) == rung + 1
    time.sleep(0.2)  # our 180 reaches Lineside: the early dialog exists
    final = bob.request(bob.dialogs[-1], "UPDATE", body=bob.sdp)
    caller.join(timeout=10)
    return final


def test_an_early_update_offer_from_the_callee_toward_a_one_offer_caller_gets_491(make_daemon):
    d = make_daemon()
    patch(d, "/api/v1/devices/dev-1010", {"profile": 8})
    alice = DialogPhone(d, "1010", name="alice", media_port=40010)
    bob = DialogPhone(d, "1002", name="bob", media_port=40002)
    bob.behaviour = "ring"
    try:
        final = callee_early_update(alice, bob)
        assert final is not None and final.status == 200, final
        assert len(alice.received("UPDATE")) == 1, "the early UPDATE did not reach the caller"

        patch(d, "/api/v1/profiles/8", {"one_offer_answer_per_invite": True})
        final = callee_early_update(alice, bob)
        assert final is not None and final.status == 491, final
        time.sleep(0.3)
        assert len(alice.received("UPDATE")) == 1, "an UPDATE offer reached a one-offer caller before the answer"
    finally:
        alice.close()
        bob.close()
