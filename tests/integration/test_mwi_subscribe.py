"""MWI subscriptions against the real daemon: SUBSCRIBE challenged then accepted with the first NOTIFY
(sipp with MD5, the Python phone with SHA-256), a state set with `linesidectl mwi set` reaching the
phone, refresh, un-subscribe (terminated) and expiry (terminated;reason=timeout)."""
from harness import sipp
from harness.mwi import MwiPhone, ctl, parse_summary, tag_of

# sipp 3.6.1 answers only the first challenge and only MD5: offer MD5 first for its test.
SIPP_AUTH = {"algorithms": ["MD5", "SHA-256"]}
MWI = {"mwi": {"enabled": True, "config": {"min_expires": "2s", "default_expires": "3600s"}}}


def subscribed(d, user="1001", transport="udp", expires=3600):
    phone = MwiPhone(d.sip(transport), user)
    first, final = phone.subscribe(expires)
    assert first is not None and first.status == 407, first
    assert final is not None and final.status == 200, final
    return phone, final


def test_sipp_subscribe_is_challenged_then_notified_and_unsubscribes(make_daemon, tmp_path):
    d = make_daemon(auth=SIPP_AUTH, modules=MWI)
    assert d.admin().request("PUT", "/api/v1/mwi/1002", body={"new": 3, "old": 1, "urgent_new": 1})[0] == 200
    r = sipp.run("mwi/subscribe_digest.xml", d.config.sip_addr, [("1002", "secret1002")], tmp_path / "sub",
                 keys={"expires": 600}, name="mwi_subscribe")
    assert r.returncode == 0 and r.successful == 1, r.describe()
    assert "challenged 1002 (Digest)" in r.logs, r.logs
    assert "granted 1002 600" in r.logs, r.logs
    assert "notify 1002 active 600 waiting yes voice 3/1 (1/0) account sip:1002@pbx.test" in r.logs, r.logs
    assert "ended 1002 terminated" in r.logs, r.logs
    status, body = d.admin().get("/api/v1/mwi")
    assert status == 200 and body["subscription_count"] == 0, body


def test_subscribe_gets_200_and_the_current_state_then_every_change(make_daemon):
    d = make_daemon(modules=MWI)
    phone, ok = subscribed(d)
    assert ok.get("expires") == "3600" and tag_of(ok.get("to")), ok.raw
    assert ok.get("contact"), ok.raw
    first = phone.wait_notify()
    assert first is not None, "no NOTIFY after the 200"
    assert first.get("event") == "message-summary"
    assert first.get("subscription-state").startswith("active;expires="), first.raw
    assert first.get("content-type") == "application/simple-message-summary"
    assert tag_of(first.get("from")) == phone.remote_tag and tag_of(first.get("to")) == phone.tag
    assert first.get("call-id") == phone.call_id
    assert parse_summary(first.body) == {"waiting": "no", "account": "sip:1001@pbx.test", "voice": (0, 0, 0, 0)}

    out = ctl(d, "mwi", "set", "1001", "--new", "2", "--old", "8", "--urgent-old", "2")
    assert out.returncode == 0, out.stderr
    assert "notified 1 subscription(s)" in out.stdout, out.stdout
    changed = phone.wait_notify()
    assert changed is not None, "no NOTIFY after mwi set"
    assert parse_summary(changed.body) == {"waiting": "yes", "account": "sip:1001@pbx.test", "voice": (2, 8, 0, 2)}
    assert int(changed.get("cseq").split()[0]) > int(first.get("cseq").split()[0])

    got = ctl(d, "mwi", "get", "1001")
    assert got.returncode == 0 and "messages waiting:" in got.stdout and "1001" in got.stdout, got.stdout
    listed = ctl(d, "mwi", "list")
    assert listed.returncode == 0 and "dev-1001" in listed.stdout and "1 subscription" in listed.stdout, listed.stdout


def test_refresh_then_unsubscribe_ends_with_terminated(make_daemon):
    d = make_daemon(modules=MWI)
    phone, _ = subscribed(d)
    assert phone.wait_notify() is not None
    refreshed = phone.refresh(1200)
    assert refreshed is not None and refreshed.status == 200 and refreshed.get("expires") == "1200", refreshed
    again = phone.wait_notify()
    assert again is not None and again.get("subscription-state") == "active;expires=1200", again
    bye = phone.refresh(0)
    assert bye is not None and bye.status == 200 and bye.get("expires") == "0", bye
    last = phone.wait_notify()
    assert last is not None and last.get("subscription-state") == "terminated", last
    late = phone.refresh(600)
    assert late is not None and late.status == 481, late


def test_short_subscription_expires_with_reason_timeout(make_daemon):
    d = make_daemon(modules=MWI)
    phone, ok = subscribed(d, expires=2)
    assert ok.get("expires") == "2"
    assert phone.wait_notify() is not None
    ended = phone.wait_notify(timeout=6)
    assert ended is not None, "no NOTIFY when the subscription expired"
    assert ended.get("subscription-state") == "terminated;reason=timeout", ended.raw
    assert d.admin().get("/api/v1/mwi")[1]["subscription_count"] == 0


def test_tcp_subscription_is_notified_over_the_phones_connection(make_daemon):
    d = make_daemon(modules=MWI)
    phone, _ = subscribed(d, user="1003", transport="tcp")
    assert phone.wait_notify() is not None
    assert ctl(d, "mwi", "set", "1003", "--new", "1", "--old", "0").returncode == 0
    n = phone.wait_notify()
    assert n is not None and parse_summary(n.body)["voice"] == (1, 0, 0, 0), n
    assert phone.quiet(0.3) == [], "the state came twice"
