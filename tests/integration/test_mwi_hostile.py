"""Hostile and wrong MWI input: a huge Expires is clamped, too short gets 423, an unknown event gets
489 from the kernel, unprovisioned or unproven sources and foreign mailboxes are refused, a
SUBSCRIBE for a dialog that does not exist gets 481, and bad admin or CLI input is refused with the
field named (HTTP 400/422, exit codes 1/2/3); none of it leaves a subscription or a NOTIFY behind."""
from harness.mwi import MwiPhone, ctl

MWI = {"mwi": {"enabled": True, "config": {"max_expires": "3600s"}}}


def no_subscriptions(d):
    status, body = d.admin().get("/api/v1/mwi")
    assert status == 200, body
    return body["subscription_count"] == 0


def test_expires_huge_is_clamped_and_too_short_is_423(make_daemon):
    d = make_daemon(modules=MWI)
    phone = MwiPhone(d.sip("udp"), "1001")
    _, short = phone.subscribe(expires=5)
    assert short is not None and short.status == 423 and short.get("min-expires") == "60", short
    _, huge = phone.subscribe(expires=10**30)
    assert huge is not None and huge.status == 200 and huge.get("expires") == "3600", huge
    n = phone.wait_notify()
    assert n is not None and n.get("subscription-state") == "active;expires=3600", n
    assert phone.quiet(0.3) == []


def test_unknown_event_gets_489_and_no_subscription(make_daemon):
    d = make_daemon(modules=MWI)
    phone = MwiPhone(d.sip("udp"), "1001")
    first, final = phone.subscribe(event="presence")
    assert final is not None and final.status == 489, final
    _, no_event = phone.subscribe(event=None)
    assert no_event is not None and no_event.status == 489, no_event
    assert phone.quiet(0.3) == []
    assert no_subscriptions(d)


def test_unprovisioned_unproven_and_foreign_subscribers_are_refused(make_daemon):
    d = make_daemon(modules=MWI)
    stranger = MwiPhone(d.sip("udp"), "9999", password="guess")
    _, final = stranger.subscribe()
    assert final is not None and final.status == 403, final
    auth_off = MwiPhone(d.sip("udp"), "1010")  # authentication off and not registered
    _, final = auth_off.subscribe()
    assert final is not None and final.status == 403, final
    wrong = MwiPhone(d.sip("udp"), "1002", password="wrong")
    _, final = wrong.subscribe()
    assert final is not None and final.status in (403, 407), final
    nosy = MwiPhone(d.sip("udp"), "1003")
    host, port = d.config.sip_addr
    _, final = nosy.subscribe(ruri=f"sip:1001@{host}:{port}")  # someone else's mailbox
    assert final is not None and final.status == 403, final
    for p in (stranger, auth_off, wrong, nosy):
        assert p.quiet(0.1) == []
    assert no_subscriptions(d)

    assert auth_off.register().status == 200  # registered: its source now proves it
    _, final = auth_off.subscribe()
    assert final is not None and final.status == 200, final
    assert auth_off.wait_notify() is not None
    assert auth_off.quiet(0.3) == []


def test_subscribe_for_an_unknown_dialog_gets_481(make_daemon):
    d = make_daemon(modules=MWI)
    phone = MwiPhone(d.sip("udp"), "1001")
    phone.remote_tag = "mwi-made-up"
    r = phone.refresh(600)
    assert r is not None and r.status == 481, r
    assert no_subscriptions(d)


def test_bad_admin_and_cli_input_is_refused_with_the_field(make_daemon):
    d = make_daemon(modules=MWI)
    admin = d.admin()
    status, body = admin.request("PUT", "/api/v1/mwi/1001", body={"new": -1, "old": "two"})
    assert status == 400, body
    assert {(e["field"], e["rule"]) for e in body["errors"]} == {("new", "range"), ("old", "type")}, body
    status, body = admin.request("PUT", "/api/v1/mwi/1001", body={"old": 1})
    assert status == 400 and body["errors"][0]["field"] == "new", body
    status, body = admin.request("PUT", "/api/v1/mwi/1001", body={"new": 1, "old": 0, "urgent_new": 2})
    assert status == 422 and body["errors"][0]["field"] == "urgent_new", body
    status, body = admin.request("PUT", "/api/v1/mwi/not-a-dn", body={"new": 1, "old": 0})
    assert status == 400 and body["errors"][0]["field"] == "mailbox", body
    status, body = admin.request("PUT", "/api/v1/mwi/1001", body=[1, 2])
    assert status == 400, body
    assert admin.get("/api/v1/mwi")[1]["mailbox_count"] == 0

    bad = ctl(d, "mwi", "set", "1001", "--new", "-3", "--old", "0")
    assert bad.returncode == 1 and "new" in bad.stderr and "range" in bad.stderr, bad.stderr
    usage = ctl(d, "mwi", "set", "1001", "--new", "lots", "--old", "0")
    assert usage.returncode == 2, usage.stderr
    missing = ctl(d, "mwi", "set", "1001", "--old", "0")
    assert missing.returncode == 2 and "--new" in missing.stderr, missing.stderr
    unknown = ctl(d, "mwi", "get", "4321")
    assert unknown.returncode == 3 and "4321" in unknown.stderr, unknown.stderr
    assert ctl(d, "mwi", "frobnicate").returncode == 2
    listed = ctl(d, "--json", "mwi", "list")
    assert listed.returncode == 0 and '"mailboxes":[]' in listed.stdout, listed.stdout
