"""Bindings survive a restart: 50 phones registered by sipp come back after SIGTERM and after kill -9."""
import time

import pytest

from harness import config, sip, sipp
from harness.admin import binding_for
from harness.phone import Phone
from harness.ports import reserve_port

USERS = [(str(u), f"secret{u}") for u in range(2001, 2051)]
SIPP_AUTH = {"algorithms": ["MD5", "SHA-256"]}  # sipp 3.6.1 answers only the first, MD5-only


def _snapshot(admin):
    regs = admin.registrations()
    return {(r["user"], r["contact"]): r for r in regs}


@pytest.mark.parametrize("stop", ["sigterm", "sigkill"])
def test_fifty_bindings_survive_restart(make_daemon, tmp_path, stop):
    d = make_daemon(auth=SIPP_AUTH, devices=[config.device(u, p) for u, p in USERS])
    port = reserve_port()
    r = sipp.run("register_digest.xml", d.config.sip_addr, USERS, tmp_path / "sipp", rate=25, limit=25,
                 keys={"expires": 3600}, timeout=60, local_port=port)
    assert r.returncode == 0 and r.successful == 50, r.describe()
    before = _snapshot(d.admin())
    assert sorted(u for u, _ in before) == [u for u, _ in USERS]

    if stop == "sigterm":
        d.stop(expect_rc=0)
    else:
        d.kill()  # every 200 was sent after a durable commit, so nothing may be lost
    d.start()
    after = _snapshot(d.admin())
    assert set(after) == set(before), f"lost: {sorted(set(before) - set(after))[:5]} " \
                                      f"new: {sorted(set(after) - set(before))[:5]}"
    for key, old in before.items():
        new = after[key]
        assert new["device_id"] == old["device_id"] and new["transport"] == "udp", new
        assert abs(new["expires_at"] - old["expires_at"]) <= 1, (old, new)
        assert 0 < new["expires_in"] <= 3600, new
    # The restored bindings are live: a refresh from the same contact updates, not duplicates.
    r = sipp.run("register_digest.xml", d.config.sip_addr, USERS[:1], tmp_path / "refresh",
                 keys={"expires": 1200}, local_port=port)
    assert r.returncode == 0 and r.successful == 1, r.describe()
    regs = d.admin().registrations(user="2001")
    assert len(regs) == 1 and 1190 <= regs[0]["expires_in"] <= 1200, regs
    assert len(d.admin().registrations()) == 50


def test_tls_binding_comes_back_awaiting_reconnect(make_daemon):
    d = make_daemon()
    ctx = sip.tls_client_context(d.config.pki.ca_cert)
    with d.sip("tls", ssl_context=ctx) as c:
        phone = Phone(c, "1001", "secret1001")
        assert phone.register(expires=1800).status == 200
        b = binding_for(d.admin().registrations(user="1001"), phone.contact)
        assert b is not None and b["transport"] == "tls" and b["awaiting_reconnect"] is False, b
        d.stop(expect_rc=0)
    d.start()
    b = binding_for(d.admin().registrations(user="1001"), phone.contact)
    assert b is not None, d.admin().registrations()
    assert b["transport"] == "tls", b
    assert b["awaiting_reconnect"] is True, b
    assert 1700 <= b["expires_in"] <= 1800, b
    assert time.time() < b["expires_at"]
