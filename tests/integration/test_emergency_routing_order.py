"""Who routes an emergency call: the emergency module before any route of the routes module (even one
whose pattern matches 911), the routes module's emergency-type route when the emergency module is
disabled, and the emergency module alone when the routes module cannot load."""
from harness.dialing_phone import DialingPhone
from harness.emergency_setup import DEFAULT_CESID, emergency_module, from_of, routes_module, set_options
from harness.trunk_uas import TrunkUas


def dial_911(d):
    phone = DialingPhone(d, "1001")
    final = phone.call("911")
    assert final is not None and final.status == 200, final
    assert phone.hangup().status == 200
    phone.close()


def test_the_emergency_module_routes_before_a_matching_outbound_route(make_daemon):
    with TrunkUas("answer") as trunk, TrunkUas("answer") as psap:
        modules = emergency_module([psap.uri])
        modules.update(routes_module([{"name": "everything", "patterns": ["911", "_X."],
                                       "gateways": [{"uri": trunk.uri}]}]))
        d = make_daemon(modules=modules)
        set_options(d, default_cesid=DEFAULT_CESID)
        dial_911(d)
        invite = psap.wait_invites(1)[0]
        assert from_of(invite)[1] == DEFAULT_CESID and trunk.invites == []


def test_without_the_emergency_module_an_emergency_route_takes_the_call(make_daemon):
    with TrunkUas("answer") as trunk, TrunkUas("answer") as backup:
        modules = routes_module([{"name": "pstn", "patterns": ["_X."], "gateways": [{"uri": trunk.uri}]},
                                 {"name": "e911", "type": "emergency", "patterns": ["112"],
                                  "gateways": [{"uri": backup.uri}]}])
        modules["emergency"] = {"enabled": False}
        d = make_daemon(modules=modules)
        dial_911(d)
        invite = backup.wait_invites(1)[0]
        assert invite.uri.startswith("sip:911@") and invite.get("priority") == "emergency", invite.uri
        assert from_of(invite)[1] == "1001" and trunk.invites == []


def test_the_emergency_module_works_when_the_routes_module_cannot_load(make_daemon, tmp_path):
    with TrunkUas("answer") as psap:
        modules = emergency_module([psap.uri])
        modules["routes"] = {"enabled": True, "required": False, "path": str(tmp_path / "absent.so")}
        d = make_daemon(modules=modules)
        assert "cannot load module 'routes'" in d.log_text(), d.log_tail()
        set_options(d, default_cesid=DEFAULT_CESID)
        dial_911(d)
        assert from_of(psap.wait_invites(1)[0])[1] == DEFAULT_CESID
