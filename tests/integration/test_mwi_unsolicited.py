"""Unsolicited MWI: a phone configured for it never subscribes and still gets NOTIFYs (outside any
dialog) at its registered contact on every state change, after every re-REGISTER and after a
restart; a phone not configured for it gets nothing."""
from harness.mwi import MwiPhone, ctl, parse_summary, tag_of

MWI = {"mwi": {"enabled": True, "config": {"unsolicited": ["dev-1007"]}}}


def test_unsolicited_phone_gets_state_changes_reregisters_and_restarts(make_daemon):
    d = make_daemon(modules=MWI)
    phone = MwiPhone(d.sip("udp"), "1007")
    other = MwiPhone(d.sip("udp"), "1008")
    assert phone.register().status == 200
    assert other.register().status == 200
    on_register = phone.wait_notify()
    assert on_register is not None, "no unsolicited NOTIFY when the phone registered"
    assert parse_summary(on_register.body)["waiting"] == "no"

    assert ctl(d, "mwi", "set", "1007", "--new", "4", "--old", "1").returncode == 0
    n = phone.wait_notify()
    assert n is not None, "no unsolicited NOTIFY on the state change"
    assert tag_of(n.get("to")) is None and n.get("to") == "<sip:1007@pbx.test>", n.raw
    assert n.get("event") == "message-summary" and n.get("subscription-state") == "active"
    assert parse_summary(n.body) == {"waiting": "yes", "account": "sip:1007@pbx.test", "voice": (4, 1, 0, 0)}
    assert ctl(d, "mwi", "set", "1008", "--new", "1", "--old", "0").returncode == 0
    assert other.quiet(0.5) == [], "a phone not configured for unsolicited MWI got a NOTIFY"

    assert phone.register().status == 200
    again = phone.wait_notify()
    assert again is not None, "no unsolicited NOTIFY after the re-REGISTER"
    assert parse_summary(again.body)["voice"] == (4, 1, 0, 0)

    d.stop()
    d.start()
    after = phone.wait_notify(timeout=8)
    assert after is not None, "no unsolicited NOTIFY after the restart"
    assert parse_summary(after.body)["voice"] == (4, 1, 0, 0)
    assert phone.quiet(0.3) == [], "the state came twice after the restart"
