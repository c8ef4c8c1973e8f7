"""911 calls through the emergency module to Python trunk gateways: the CESID of the caller's DN (table
entry, else the system default) in From and P-Asserted-Identity, Priority: emergency, the privacy rule,
failover from a 503 gateway to the next, and a call no gateway takes."""
from harness.dialing_phone import DialingPhone
from harness.emergency_setup import (DEFAULT_CESID, emergency_module, from_of, log_lines, pai_user,
                                     set_cesid, set_options)
from harness.trunk_uas import TrunkUas


def start(make_daemon, gateways, **config):
    d = make_daemon(modules=emergency_module([g.uri for g in gateways], **config))
    set_options(d, default_cesid=DEFAULT_CESID, emergency_numbers=["911", "933"])
    return d


def place(d, user, dialled="911", extra=()):
    phone = DialingPhone(d, user)
    assert phone.register_status == 200, phone.register_status
    final = phone.call(dialled, extra=extra)
    return phone, final


def test_911_carries_the_table_cesid_or_the_default(make_daemon):
    with TrunkUas("answer") as gw:
        d = start(make_daemon, [gw])
        set_cesid(d, "1001", "6135550101")

        phone, final = place(d, "1001")
        assert final is not None and final.status == 200, final
        assert phone.hangup().status == 200
        invite = gw.wait_invites(1)[0]
        assert invite.uri.startswith("sip:911@127.0.0.1:"), invite.uri
        display, user, _ = from_of(invite)
        assert user == "6135550101", invite.get("from")
        assert pai_user(invite) == "6135550101", invite.get("p-asserted-identity")
        assert invite.get("priority") == "emergency"
        assert invite.get("privacy") is None
        phone.close()

        phone, final = place(d, "1002")  # no entry: the system default CESID
        assert final is not None and final.status == 200, final
        phone.hangup()
        invite = gw.wait_invites(2)[1]
        assert from_of(invite)[1] == DEFAULT_CESID, invite.get("from")
        assert pai_user(invite) == DEFAULT_CESID
        phone.close()

    lines = log_lines(d, "EMERGENCY CALL")
    assert any("dialled by DN 1001" in line and "CESID 6135550101 (table)" in line for line in lines), lines
    assert any("dialled by DN 1002" in line and f"CESID {DEFAULT_CESID} (default)" in line for line in lines), lines


def test_privacy_hides_the_cesid_from_from_but_not_from_pai(make_daemon):
    with TrunkUas("answer") as gw:
        d = start(make_daemon, [gw])
        set_cesid(d, "1001", "6135550101")
        set_cesid(d, "1003", "6135550103", privacy=True)

        phone, final = place(d, "1001", extra=[("Privacy", "id")])
        assert final.status == 200, final
        phone.hangup()
        invite = gw.wait_invites(1)[0]
        display, user, host = from_of(invite)
        assert (display, user, host) == ("Anonymous", "anonymous", "anonymous.invalid"), invite.get("from")
        assert pai_user(invite) == "6135550101", invite.get("p-asserted-identity")
        assert invite.get("privacy") == "id"
        assert invite.get("priority") == "emergency"
        phone.close()

        phone, final = place(d, "1003")  # the DN's own privacy flag
        assert final.status == 200, final
        phone.hangup()
        invite = gw.wait_invites(2)[1]
        assert from_of(invite)[1] == "anonymous" and pai_user(invite) == "6135550103", invite.get("from")
        phone.close()


def test_privacy_is_not_signalled_when_the_route_says_so(make_daemon):
    with TrunkUas("answer") as gw:
        d = start(make_daemon, [gw], signal_privacy=False)
        phone, final = place(d, "1001", extra=[("Privacy", "id")])
        assert final.status == 200, final
        phone.hangup()
        invite = gw.wait_invites(1)[0]
        assert from_of(invite)[1] == DEFAULT_CESID, invite.get("from")
        phone.close()


def test_a_503_gateway_fails_over_to_the_next(make_daemon):
    with TrunkUas("unavailable") as first, TrunkUas("answer") as second:
        d = start(make_daemon, [first, second])
        phone, final = place(d, "1001", dialled="933")
        assert final is not None and final.status == 200, final
        phone.hangup()
        assert len(first.wait_invites(1)) == 1
        invite = second.wait_invites(1)[0]
        assert invite.uri.startswith("sip:933@"), invite.uri
        assert from_of(invite)[1] == DEFAULT_CESID
        phone.close()


def test_an_emergency_call_no_gateway_takes_is_logged_as_failed(make_daemon):
    with TrunkUas("unavailable") as first, TrunkUas("error") as second:
        d = start(make_daemon, [first, second])
        phone, final = place(d, "1001")
        assert final is not None and final.status >= 500, final
        assert first.wait_invites(1) and second.wait_invites(1)
        phone.close()
    lines = log_lines(d, "FAILED: no emergency route answered")
    assert lines and "EMERGENCY CALL" in lines[0], d.log_tail()
