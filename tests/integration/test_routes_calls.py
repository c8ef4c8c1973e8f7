"""Outbound routes: an external call to a sipp UAS trunk with strip/prepend and an external caller id, a
DID caller id on a route added live through the admin API, failover from a 503 gateway to the second
(and none after a 486), directory DNs left to the phones, and numbers no route takes."""
from harness import sipp_trace
from harness.calls import Callee
from harness.dialing_phone import DialingPhone
from harness.emergency_setup import from_of, pai_user, routes_module
from harness.sipp_uas import SippUas
from harness.trunk_uas import TrunkUas


def pstn_route(*gateways, **extra):
    route = {"name": "pstn", "patterns": ["_9NXXNXXXXXX"], "strip": 1, "prepend": "1",
             "caller_id": "external", "external_number": "6135550000", "caller_name": "Acme Ltd",
             "trunk_number": 7, "gateways": [{"uri": g} for g in gateways]}
    route.update(extra)
    return route


def call(d, dialled, user="1001"):
    phone = DialingPhone(d, user)
    assert phone.register_status == 200
    return phone, phone.call(dialled)


def test_external_call_to_a_sipp_trunk_with_strip_prepend_and_external_caller_id(make_daemon, tmp_path):
    with SippUas("uas_answer", tmp_path, pause_ms=200) as trunk:
        d = make_daemon(modules=routes_module([pstn_route(f"sip:127.0.0.1:{trunk.port};transport=udp")]))
        phone, final = call(d, "96135550100")
        assert final is not None and final.status == 200, final
        assert phone.hangup().status == 200
        result = trunk.result(timeout=15)
        phone.close()
    assert result.successful == 1, result.describe()
    [invite] = sipp_trace.requests(result.trace, "INVITE")
    assert invite.uri == f"sip:16135550100@127.0.0.1:{trunk.port};transport=udp", invite.uri
    display, user, _ = from_of(invite)
    assert (display, user) == ("Acme Ltd", "6135550000"), invite.get("from")
    assert pai_user(invite) == "6135550000", invite.get("p-asserted-identity")
    assert invite.get("priority") is None
    assert "route 'pstn' (pattern _9NXXNXXXXXX), sending 16135550100" in d.log_text()


def test_a_route_added_through_the_api_takes_calls_at_once_with_a_did_caller_id(make_daemon):
    with TrunkUas("answer") as gw:
        d = make_daemon(modules=routes_module([]))
        admin = d.admin()
        status, body = admin.request("PUT", "/api/v1/routes/intl", body={
            "patterns": ["_9011."], "strip": 1, "caller_id": "did", "did_prefix": "613555",
            "gateways": [gw.uri]})
        assert status == 201 and body["source"] == "api", body
        status, choice = admin.get("/api/v1/routes?dialled=9011441234567")
        assert choice["route"] == "intl" and choice["digits"] == "011441234567", choice
        phone, final = call(d, "9011441234567")
        assert final.status == 200, final
        phone.hangup()
        invite = gw.wait_invites(1)[0]
        assert invite.uri.startswith("sip:011441234567@127.0.0.1:"), invite.uri
        assert from_of(invite)[1] == "6135551001", invite.get("from")
        phone.close()
        status, _ = admin.request("PUT", "/api/v1/routes/bad", body={"patterns": ["_9["], "gateways": []})
        assert status == 400
        assert admin.request("DELETE", "/api/v1/routes/intl")[0] == 200
        phone, final = call(d, "9011441234567")
        assert final.status == 404, final  # no route any more
        phone.close()


def test_a_503_gateway_fails_over_to_the_second_but_a_busy_one_does_not(make_daemon):
    with TrunkUas("unavailable") as first, TrunkUas("answer") as second:
        d = make_daemon(modules=routes_module([pstn_route(first.uri, second.uri)]))
        phone, final = call(d, "96135550100")
        assert final is not None and final.status == 200, final
        phone.hangup()
        assert len(first.wait_invites(1)) == 1
        invite = second.wait_invites(1)[0]
        assert invite.uri.startswith("sip:16135550100@"), invite.uri
        phone.close()
    with TrunkUas("busy") as first, TrunkUas("answer") as second:
        d = make_daemon(modules=routes_module([pstn_route(first.uri, second.uri)]))
        phone, final = call(d, "96135550100")
        assert final is not None and final.status == 486, final
        assert len(first.wait_invites(1)) == 1 and second.invites == []
        phone.close()


def test_directory_dns_reach_phones_and_unrouted_numbers_get_404(make_daemon):
    with TrunkUas("answer") as gw:
        catch_all = {"name": "catch-all", "patterns": ["_X."], "gateways": [{"uri": gw.uri}]}
        d = make_daemon(modules=routes_module([catch_all, pstn_route(gw.uri)]))
        callee = Callee(d, "1002", "answer")
        try:
            phone, final = call(d, "1002")  # matches _X. but is a directory DN
            assert final is not None and final.status == 200, final
            phone.hangup()
            assert len(callee.invites) == 1 and gw.invites == []
            phone.close()
        finally:
            callee.close()
        phone, final = call(d, "*72")  # no pattern takes '*'
        assert final is not None and final.status == 404, final
        phone.close()
        phone, final = call(d, "96135550100")  # the more specific pstn route beats _X.
        assert final.status == 200
        phone.hangup()
        assert gw.wait_invites(1)[0].uri.startswith("sip:16135550100@")
        phone.close()
