"""Identity on the callee's leg and back: the caller's own P-Asserted-Identity / P-Preferred-Identity never
cross (RFC 3325: an untrusted source's assertion is stripped, the directory asserts), Use PAI off in the
callee's profile sends none at all, Answer-Mode and Priv-Answer-Mode (RFC 5373) are relayed, and the
connected-identity UPDATE (RFC 4916) follows the caller's Allow Display Update."""
import re

from harness import config
from harness.udp_phone import UdpPhone, header, status_of

FORGED = ('P-Asserted-Identity: "The Boss" <sip:1005@pbx.test>\r\n'
          'P-Preferred-Identity: "Reception" <sip:1001@pbx.test>\r\n')


def all_values(msg, name):
    return [v.strip() for v in re.findall(rf"(?im)^{name}:\s*(.+)$", msg)]


def answered_invite(daemon, dialled="1002", extra=""):
    """1010 calls `dialled` (answered at 1002), hangs up; returns the INVITE the callee got."""
    with UdpPhone(daemon, "1002", "answer") as callee, UdpPhone(daemon, "1010") as caller:
        assert status_of(caller.invite(dialled, extra=extra)) == 200
        assert status_of(caller.bye()) == 200
        return callee.received("INVITE")[0]


def test_the_callers_own_asserted_and_preferred_identities_are_replaced_by_the_directory(make_daemon):
    invite = answered_invite(make_daemon(), extra=FORGED)
    assert all_values(invite, "P-Asserted-Identity") == ['"Ext 1010" <sip:1010@pbx.test>'], invite
    assert all_values(invite, "P-Preferred-Identity") == [], invite
    assert "1005" not in invite and "The Boss" not in invite and "Reception" not in invite, invite
    assert '"Ext 1010" <sip:1010@pbx.test>' in header(invite, "From"), invite


def test_use_pai_off_in_the_callees_profile_sends_no_asserted_identity_at_all(make_daemon):
    d = make_daemon()
    admin = d.admin()
    status, body = admin.request("PATCH", "/api/v1/devices/dev-1002", body={"profile": 7})
    assert status == 200, body
    status, body = admin.request("PATCH", "/api/v1/profiles/7", body={"use_pai": False})
    assert status == 200 and body["use_pai"] is False, body
    invite = answered_invite(d, extra=FORGED)
    assert all_values(invite, "P-Asserted-Identity") == [], invite
    assert all_values(invite, "P-Preferred-Identity") == [], invite
    assert "1005" not in invite and "1010" in header(invite, "From"), invite


def test_answer_mode_and_priv_answer_mode_are_relayed_to_the_callee(make_daemon):
    d = make_daemon()
    invite = answered_invite(d, extra="Priv-Answer-Mode: Auto;require\r\n")
    assert all_values(invite, "Priv-Answer-Mode") == ["Auto;require"], invite
    assert all_values(invite, "Answer-Mode") == [], invite
    invite = answered_invite(d, extra="Answer-Mode: Manual\r\n")
    assert all_values(invite, "Answer-Mode") == ["Manual"], invite
    assert all_values(invite, "Priv-Answer-Mode") == [], invite


def connected_identity_update(daemon):
    """1010 (Supported: from-change) calls 1002, forwarded always to 1003, which answers; returns the
    UPDATE the caller got within 2 s of the answer, or None."""
    with UdpPhone(daemon, "1003", "answer") as callee, UdpPhone(daemon, "1010") as caller:
        assert status_of(caller.invite("1002", extra="Supported: from-change\r\n")) == 200
        assert callee.received("INVITE"), "the forward target was not rung"
        update = caller.wait_request("UPDATE", timeout=2)
        assert status_of(caller.bye()) == 200
        return update


def test_no_connected_identity_update_when_the_callers_profile_disallows_display_updates(make_daemon):
    devices = [config.device(str(u), auth=(u != 1010)) for u in range(1001, 1011)]
    devices[1]["forward"] = {"always": "1003"}
    d = make_daemon(devices=devices)
    admin = d.admin()
    status, body = admin.request("PATCH", "/api/v1/devices/dev-1010", body={"profile": 7})
    assert status == 200, body
    status, body = admin.request("PATCH", "/api/v1/profiles/7", body={"allow_display_update": True})
    assert status == 200 and body["allow_display_update"] is True, body
    update = connected_identity_update(d)
    assert update and "sip:1003@pbx.test" in header(update, "From"), f"no connected-identity UPDATE: {update}"

    status, body = admin.request("PATCH", "/api/v1/profiles/7", body={"allow_display_update": False})
    assert status == 200 and body["allow_display_update"] is False, body
    update = connected_identity_update(d)
    assert update is None, f"an UPDATE although the caller's profile disallows display updates:\n{update}"
