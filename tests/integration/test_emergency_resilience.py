"""Emergency calls fail open: they go through when the billing module cannot load (missing or broken
file, not required), from a phone whose password is wrong (never challenged into failure), and from a
caller the directory does not know (the default CESID is sent)."""
import pytest

from harness.dialing_phone import DialingPhone
from harness.emergency_setup import (DEFAULT_CESID, emergency_module, from_of, log_lines, pai_user, set_cesid,
                                     set_options)
from harness.trunk_uas import TrunkUas


@pytest.mark.parametrize("broken", ["missing", "not-a-module"])
def test_911_goes_through_when_billing_cannot_load(make_daemon, tmp_path, broken):
    path = tmp_path / "billing.so"
    if broken == "not-a-module":
        path.write_text("this is not a shared object\n")
    with TrunkUas("answer") as gw:
        modules = emergency_module([gw.uri])
        modules["billing"] = {"enabled": True, "required": False, "path": str(path)}
        d = make_daemon(modules=modules)
        assert log_lines(d, "cannot load module 'billing'"), d.log_tail()
        set_options(d, default_cesid=DEFAULT_CESID)
        phone = DialingPhone(d, "1001")
        final = phone.call("911")
        assert final is not None and final.status == 200, final
        assert phone.hangup().status == 200
        invite = gw.wait_invites(1)[0]
        assert from_of(invite)[1] == DEFAULT_CESID and invite.get("priority") == "emergency"
        phone.close()


def test_911_from_a_phone_with_the_wrong_password(make_daemon):
    with TrunkUas("answer") as gw:
        d = make_daemon(modules=emergency_module([gw.uri]))
        set_options(d, default_cesid=DEFAULT_CESID)
        set_cesid(d, "1001", "6135550101")
        phone = DialingPhone(d, "1001", password="not-the-password")
        assert phone.register_status in (401, 403), phone.register_status  # it could not register

        normal = phone.call("1002", timeout=5)  # an ordinary call is challenged and refused
        assert normal is not None and normal.status in (403, 407), normal
        final = phone.call("911")
        assert final is not None and final.status == 200, final  # the emergency call is not challenged
        assert phone.hangup().status == 200
        invite = gw.wait_invites(1)[0]
        assert from_of(invite)[1] == "6135550101" and pai_user(invite) == "6135550101", invite.get("from")
        phone.close()
    lines = log_lines(d, "EMERGENCY CALL")
    assert lines and "DN 1001 (device dev-1001)" in lines[0] and "(caller not verified)" in lines[0], lines


def test_911_from_a_caller_the_directory_does_not_know(make_daemon):
    with TrunkUas("answer") as gw:
        d = make_daemon(modules=emergency_module([gw.uri]))
        set_options(d, default_cesid=DEFAULT_CESID)
        phone = DialingPhone(d, "7777", register=False)
        final = phone.call("911")
        assert final is not None and final.status == 200, final
        phone.hangup()
        invite = gw.wait_invites(1)[0]
        assert from_of(invite)[1] == DEFAULT_CESID
        phone.close()
    assert log_lines(d, "DN 7777 (unprovisioned caller)"), d.log_tail()
