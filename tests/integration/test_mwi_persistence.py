"""MWI across restarts and re-registrations (the FreePBX/FusionPBX complaint): the state and the
subscriptions live in the store; after a restart a UDP subscription gets the state at once, a TCP
one when its phone reconnects and registers again; every (re)REGISTER pushes the state."""
import pytest

from harness.mwi import MwiPhone, ctl, parse_summary

MWI = {"mwi": {"enabled": True}}


def test_restart_resends_the_state_to_a_udp_subscription(make_daemon):
    d = make_daemon(modules=MWI)
    phone = MwiPhone(d.sip("udp"), "1004")
    assert phone.subscribe()[1].status == 200
    first = phone.wait_notify()
    assert first is not None
    assert ctl(d, "mwi", "set", "1004", "--new", "5", "--old", "2", "--urgent-new", "1").returncode == 0
    before = phone.wait_notify()
    assert before is not None and parse_summary(before.body)["voice"] == (5, 2, 1, 0)

    d.stop()
    d.start()  # same state folder, same SQLite store
    again = phone.wait_notify(timeout=8)
    assert again is not None, "no NOTIFY after the restart"
    assert again.get("call-id") == phone.call_id and again.get("to").endswith(phone.tag)
    assert int(again.get("cseq").split()[0]) > int(before.get("cseq").split()[0])
    assert again.get("subscription-state").startswith("active;expires=")
    assert parse_summary(again.body) == {"waiting": "yes", "account": "sip:1004@pbx.test", "voice": (5, 2, 1, 0)}

    status, state = d.admin().get("/api/v1/mwi/1004")
    assert status == 200 and state["new"] == 5 and len(state["subscriptions"]) == 1, state
    refreshed = phone.refresh(600)  # the dialog itself survived
    assert refreshed is not None and refreshed.status == 200, refreshed
    assert phone.wait_notify() is not None  # every refresh is followed by the state
    assert phone.quiet(0.3) == [], "the state came twice"


def test_every_reregister_pushes_the_state(make_daemon):
    d = make_daemon(modules=MWI)
    phone = MwiPhone(d.sip("udp"), "1005")
    assert phone.register().status == 200
    assert phone.subscribe()[1].status == 200
    assert phone.wait_notify() is not None
    assert ctl(d, "mwi", "set", "1005", "--new", "1", "--old", "0").returncode == 0
    assert phone.wait_notify() is not None
    assert phone.register().status == 200  # the phone re-registers (reboot, refresh)
    pushed = phone.wait_notify()
    assert pushed is not None, "no NOTIFY after the re-REGISTER"
    assert parse_summary(pushed.body)["waiting"] == "yes"
    assert phone.quiet(0.3) == [], "the state came twice"


def test_tcp_subscription_waits_for_the_phone_to_reconnect_after_a_restart(make_daemon):
    d = make_daemon(modules=MWI)
    phone = MwiPhone(d.sip("tcp"), "1006")
    assert phone.register().status == 200
    assert phone.subscribe()[1].status == 200
    assert phone.wait_notify() is not None
    assert ctl(d, "mwi", "set", "1006", "--new", "3", "--old", "0").returncode == 0
    assert phone.wait_notify() is not None

    d.stop()
    phone.client.close()
    d.start()
    status, state = d.admin().get("/api/v1/mwi/1006")
    assert status == 200 and state["subscriptions"][0]["state"] == "awaiting_reconnect", state
    phone.client = d.sip("tcp")  # the phone reconnects and registers again
    assert phone.register().status == 200
    pushed = phone.wait_notify(timeout=5)
    assert pushed is not None, "no NOTIFY over the new connection"
    assert pushed.get("call-id") == phone.call_id
    assert parse_summary(pushed.body)["voice"] == (3, 0, 0, 0)
    assert d.admin().get("/api/v1/mwi/1006")[1]["subscriptions"][0]["state"] == "active"


def test_stop_while_a_notify_is_unanswered_is_clean(make_daemon):
    d = make_daemon(modules=MWI)
    phone = MwiPhone(d.sip("udp"), "1009")
    assert phone.subscribe()[1].status == 200
    # The phone never reads its socket again: the first NOTIFY stays unanswered.
    assert ctl(d, "mwi", "set", "1009", "--new", "1", "--old", "0").returncode == 0
    d.stop(expect_rc=0)
