"""Digest nonce-count replay against the daemon: a captured Authorization re-sent in a new REGISTER
(same nonce, same nc) is refused with a fresh challenge and changes no binding; a higher nc works."""
import pytest

from harness import digest, sip
from harness.phone import Phone, challenges_of, pick_challenge

USER, PASSWORD = "1001", "secret1001"


def bindings(admin):
    """What a replay must not change: each contact with its absolute expiry and source."""
    return sorted((r["contact"], r["expires_at"], r["source"]) for r in admin.registrations(user=USER))


def answer(phone, challenge, nc, cnonce):
    """(name, value) of an Authorization header for REGISTER with this nc and cnonce."""
    line = digest.authorization(challenge, USER, PASSWORD, "REGISTER", phone.ruri, nc=nc, cnonce=cnonce)
    name, _, value = line.partition(": ")
    return (name, value)


def register_with(phone, authorization, expires=3600, contacts=None):
    """A new REGISTER transaction (new branch, next CSeq) carrying `authorization`."""
    response = phone.client.transact(phone.register_request(expires, contacts, extra=[authorization]))
    assert response is not None, "no answer to REGISTER"
    return response


def assert_refused_with_challenge(response, what):
    assert response.status == 401, f"{what}: {response.start_line}"
    assert challenges_of(response), f"{what}: 401 without a Digest challenge"


@pytest.mark.parametrize("algorithm", ["SHA-256", "MD5"])
def test_replayed_nonce_count_is_refused_and_a_higher_one_accepted(make_daemon, algorithm):
    d = make_daemon()
    admin = d.admin()
    with d.sip("udp") as c, d.sip("udp") as attacker_socket:
        phone = Phone(c, USER, PASSWORD)
        first = c.transact(phone.register_request(3600))
        assert first is not None and first.status == 401, first
        challenge = pick_challenge(challenges_of(first), algorithm)
        captured = answer(phone, challenge, nc=1, cnonce="0a1b2c3d4e5f6071")
        assert register_with(phone, captured, expires=3600).status == 200
        before = bindings(admin)
        assert [b[0] for b in before] == [phone.contact], before

        # The same phone (or anyone on its path) re-sends the captured header in a new transaction
        # asking for another expiry: refused, the binding keeps its expiry.
        assert_refused_with_challenge(register_with(phone, captured, expires=600), "same nc, same phone")
        assert bindings(admin) == before

        # An attacker on another socket replays it to add its own contact, then to remove the phone's.
        attacker = Phone(attacker_socket, USER)
        assert_refused_with_challenge(register_with(attacker, captured), "same nc, foreign contact")
        assert_refused_with_challenge(register_with(attacker, captured, expires=0, contacts=["*"]),
                                      "same nc, un-REGISTER *")
        assert bindings(admin) == before, "a replayed Authorization changed the bindings"

        # The phone itself goes on with the same nonce and the next nc: accepted.
        second = answer(phone, challenge, nc=2, cnonce="1122334455667788")
        assert register_with(phone, second, expires=1800).status == 200
        after = bindings(admin)
        assert [b[0] for b in after] == [phone.contact] and after != before, after
        # ... and neither that nc again nor a lower one (with a fresh cnonce) is taken afterwards.
        assert_refused_with_challenge(register_with(phone, second, expires=600), "nc 2 again")
        lower = answer(phone, challenge, nc=1, cnonce="99aabbccddeeff00")
        assert_refused_with_challenge(register_with(phone, lower, expires=600), "nc 1 after nc 2")
        assert bindings(admin) == after
        with d.sip("udp") as probe:
            assert sip.options(probe).status == 200
