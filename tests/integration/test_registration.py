"""REGISTER against the real daemon with the Python client: digest, bindings, expiry, removal, refusals."""
import time

import pytest

from harness import sip
from harness.admin import binding_for
from harness.phone import Phone, challenges_of


def assert_binding(admin, user, contact_uri, expires, transport="udp"):
    regs = admin.registrations(user=user)
    b = binding_for(regs, contact_uri)
    assert b is not None, f"no binding for {contact_uri} in {regs}"
    assert b["user"] == user
    assert b["aor"] == f"sip:{user}@pbx.test"
    assert b["device_id"] == f"dev-{user}"
    assert b["transport"] == transport
    assert expires - 10 <= b["expires_in"] <= expires, b
    assert abs(b["expires_at"] - (time.time() + expires)) <= 10, b
    assert b["awaiting_reconnect"] is False, b
    return b


@pytest.mark.parametrize("algorithm", ["SHA-256", "MD5"])
def test_digest_register_binds_contact(lineside, algorithm):
    admin = lineside.admin()
    with lineside.sip("udp") as c:
        phone = Phone(c, "1001", "secret1001")
        out = phone.register(expires=1800, algorithm=algorithm)
        assert out.first.status == 401, out.first.start_line
        chs = out.challenges
        assert [ch["scheme"] for ch in chs] == ["Digest", "Digest"], out.first.get_all("www-authenticate")
        assert [ch.get("algorithm") for ch in chs] == ["SHA-256", "MD5"]
        for ch in chs:
            assert ch["realm"] == "pbx.test"
            assert "auth" in [q.strip() for q in ch["qop"].split(",")]
            assert ch["nonce"]
        assert out.status == 200, out.final.start_line
        granted = [sip.contact_param(ct, "expires") for ct in out.final.contacts()]
        assert granted == ["1800"], out.final.get_all("contact")
        b = assert_binding(admin, "1001", phone.contact, 1800)
        assert b["user_agent"] == "lineside-it/1"
        assert "127.0.0.1" in str(b["source"])


def test_wrong_password_is_refused_without_binding(lineside):
    with lineside.sip("udp") as c:
        out = Phone(c, "1002", "not-the-password").register()
        assert out.first.status == 401
        assert out.status in (401, 403), out.final.start_line
        if out.status == 401:  # a new challenge, per the contract
            fresh = challenges_of(out.final)
            assert fresh and fresh[0]["nonce"] != out.challenges[0]["nonce"]
    assert lineside.admin().registrations(user="1002") == []


def test_unprovisioned_user_is_refused_without_binding(lineside):
    with lineside.sip("udp") as c:
        out = Phone(c, "2001", "secret2001").register()
        assert out.first.status == 401, out.first.start_line
        assert out.status == 403, out.final.start_line
    admin = lineside.admin()
    assert admin.registrations(user="2001") == []
    assert admin.registrations() == []


@pytest.mark.parametrize("how", ["expires-header", "contact-param"])
def test_expires_zero_removes_the_binding(lineside, how):
    admin = lineside.admin()
    with lineside.sip("udp") as c:
        phone = Phone(c, "1003", "secret1003")
        assert phone.register(expires=600).status == 200
        assert binding_for(admin.registrations(user="1003"), phone.contact) is not None
        if how == "expires-header":
            out = phone.register(expires=0)
        else:
            out = phone.register(expires=None, contacts=[f"<{phone.contact}>;expires=0"])
        assert out.status == 200, out.final.start_line
        assert out.final.contacts() == [], out.final.get_all("contact")
    assert admin.registrations(user="1003") == []


def test_too_short_expiry_gets_423_with_min_expires(lineside):
    with lineside.sip("udp") as c:
        out = Phone(c, "1004", "secret1004").register(expires=10)
        assert out.status == 423, out.final.start_line
        assert out.final.get("min-expires") == "60"
    assert lineside.admin().registrations(user="1004") == []


def test_expired_nonce_gets_stale_challenge(make_daemon):
    d = make_daemon(auth={"nonce_lifetime": "2s"})
    with d.sip("udp") as c:
        phone = Phone(c, "1005", "secret1005")
        first = c.transact(phone.register_request(expires=600))
        assert first.status == 401
        old = challenges_of(first)[0]
        time.sleep(3.0)
        again = c.transact(phone.register_request(expires=600, extra=[phone.authorization(old, "REGISTER")]))
        assert again is not None and again.status == 401, again and again.start_line
        fresh = challenges_of(again)
        assert fresh and all(ch.get("stale", "").lower() == "true" for ch in fresh), again.get_all("www-authenticate")
        assert fresh[0]["nonce"] != old["nonce"]
        done = c.transact(phone.register_request(expires=600, extra=[phone.authorization(fresh[0], "REGISTER")]))
        assert done.status == 200, done.start_line
    assert binding_for(d.admin().registrations(user="1005"), phone.contact) is not None


def test_device_with_auth_off_registers_without_challenge(lineside):
    with lineside.sip("udp") as c:
        phone = Phone(c, "1010")
        out = phone.register(expires=900)
        assert out.first.status == 200, out.first.start_line
        assert out.first.get_all("www-authenticate") == []
    assert_binding(lineside.admin(), "1010", phone.contact, 900)


def test_one_register_binds_several_contacts(lineside):
    admin = lineside.admin()
    with lineside.sip("udp") as c:
        phone = Phone(c, "1006", "secret1006")
        uris = [f"sip:1006@127.0.0.1:{p}" for p in (40001, 40002, 40003)]
        out = phone.register(expires=1200, contacts=[", ".join(f"<{u}>" for u in uris)])
        assert out.status == 200, out.final.start_line
        answered = out.final.contacts()
        assert len(answered) == 3, answered
    regs = admin.registrations(user="1006")
    assert len(regs) == 3, regs
    for u in uris:
        assert_binding(admin, "1006", u, 1200)


def test_contact_star_removes_every_binding_of_the_aor(lineside):
    admin = lineside.admin()
    with lineside.sip("udp") as c:
        phone = Phone(c, "1007", "secret1007")
        other = Phone(c, "1008", "secret1008")
        uris = [f"sip:1007@127.0.0.1:{p}" for p in (40011, 40012)]
        assert phone.register(expires=600, contacts=[f"<{u}>" for u in uris]).status == 200
        assert other.register(expires=600).status == 200
        assert len(admin.registrations(user="1007")) == 2
        out = phone.register(expires=0, contacts=["*"])
        assert out.status == 200, out.final.start_line
    assert admin.registrations(user="1007") == []
    assert len(admin.registrations(user="1008")) == 1  # other AoRs untouched


def test_register_over_tcp(lineside):
    with lineside.sip("tcp") as c:
        phone = Phone(c, "1009", "secret1009")
        out = phone.register(expires=700)
        assert out.first.status == 401 and out.status == 200, out.final and out.final.start_line
        assert ";transport=tcp" in phone.contact
        b = assert_binding(lineside.admin(), "1009", phone.contact, 700, transport="tcp")
        assert b["flow"] not in (None, 0, "", "0"), b
