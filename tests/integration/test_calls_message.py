"""MESSAGE outside a dialog from a registered extension is delivered to the callee's contacts; 202/404/480 relayed."""
from harness import sipp_trace
from harness.name_addr import parse_name_addr, parse_uri
from harness.sipp_call import call_daemon, explain, final_status, place_call
from harness.sipp_uas import SippUas


def test_message_is_delivered_and_202_relayed(make_daemon, tmp_path):
    d = call_daemon(make_daemon)
    with SippUas("uas_message", tmp_path) as uas:
        uas.register(d, "1002")
        a = place_call(d, "uac_message", tmp_path, "1002")
        b = uas.result(timeout=10)
    assert a.returncode == 0 and a.successful == 1, explain(a, b)
    assert final_status(a.trace, "MESSAGE") == 202, explain(a, b)
    assert b.returncode == 0 and b.successful == 1, explain(a, b)
    sent = sipp_trace.requests(a.trace, "MESSAGE", "sent")[-1]
    got = sipp_trace.requests(b.trace, "MESSAGE")
    assert len(got) == 1, explain(b)
    assert got[0].body == sent.body and got[0].body.startswith(b"hello from 1001 through lineside")
    assert got[0].get("content-type") == "text/plain"
    assert parse_uri(got[0].uri).hostport == ("127.0.0.1", uas.port), got[0].uri
    assert parse_uri(parse_name_addr(got[0].get("from")).uri).user == "1001", got[0].get("from")
    assert got[0].get("proxy-authorization") is None


def test_message_to_an_unknown_number_gives_404(make_daemon, tmp_path):
    d = call_daemon(make_daemon)
    a = place_call(d, "uac_message", tmp_path, "1999")
    assert a.returncode == 0 and a.successful == 1, explain(a)
    assert final_status(a.trace, "MESSAGE") == 404, explain(a)


def test_message_to_a_number_with_nothing_registered_gives_480(make_daemon, tmp_path):
    d = call_daemon(make_daemon)
    a = place_call(d, "uac_message", tmp_path, "1003")
    assert a.returncode == 0 and a.successful == 1, explain(a)
    assert final_status(a.trace, "MESSAGE") == 480, explain(a)
