"""REGISTER flows driven by sipp (a real third-party UA): digest, unregister, wrong password, too short."""
import time

from harness import sipp
from harness.admin import binding_for
from harness.ports import reserve_port

# sipp 3.6.1 answers only the FIRST WWW-Authenticate and knows only MD5 (see test_harness_selftest),
# so these daemons offer MD5 first; the Python-client tests cover the default SHA-256-first order.
SIPP_AUTH = {"algorithms": ["MD5", "SHA-256"]}


def test_sipp_register_then_unregister(make_daemon, tmp_path):
    d = make_daemon(auth=SIPP_AUTH)
    admin = d.admin()
    port = reserve_port()
    r = sipp.run("register_digest.xml", d.config.sip_addr, [("1001", "secret1001")], tmp_path / "reg",
                 keys={"expires": 1800}, local_port=port)
    assert r.returncode == 0 and r.successful == 1, r.describe()
    assert sipp.granted_expiries(r.logs) == {"1001": 1800}, r.logs
    contact = f"sip:1001@127.0.0.1:{port};transport=UDP"
    b = binding_for(admin.registrations(user="1001"), contact)
    assert b is not None, admin.registrations()
    assert b["transport"] == "udp" and b["user_agent"] == "sipp-lineside-it", b
    assert 1790 <= b["expires_in"] <= 1800 and abs(b["expires_at"] - time.time() - 1800) <= 10, b

    r = sipp.run("unregister.xml", d.config.sip_addr, [("1001", "secret1001")], tmp_path / "unreg",
                 local_port=port)
    assert r.returncode == 0 and r.successful == 1, r.describe()
    assert admin.registrations(user="1001") == []


def test_sipp_registers_every_digest_phone_of_the_sample(make_daemon, tmp_path):
    d = make_daemon(auth=SIPP_AUTH)
    users = [(str(u), f"secret{u}") for u in range(1001, 1010)]  # 1010 has auth off
    r = sipp.run("register_digest.xml", d.config.sip_addr, users, tmp_path / "reg", rate=50)
    assert r.returncode == 0 and r.successful == len(users), r.describe()
    regs = d.admin().registrations()
    assert sorted(b["user"] for b in regs) == sorted(u for u, _ in users)


def test_sipp_wrong_password_leaves_no_binding(make_daemon, tmp_path):
    d = make_daemon(auth=SIPP_AUTH)
    r = sipp.run("register_wrong_password.xml", d.config.sip_addr, [("1002", "wrong")], tmp_path / "w")
    assert r.returncode == 0 and r.successful == 1, r.describe()
    assert d.admin().registrations(user="1002") == []


def test_sipp_too_short_expiry_gets_423(make_daemon, tmp_path):
    d = make_daemon(auth=SIPP_AUTH)
    r = sipp.run("register_too_short.xml", d.config.sip_addr, [("1003", "secret1003")], tmp_path / "s",
                 keys={"expires": 10})
    assert r.returncode == 0 and r.successful == 1, r.describe()
    assert "min_expires=60" in r.logs, r.logs
    assert d.admin().registrations(user="1003") == []
