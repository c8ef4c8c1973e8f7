"""Session timers (RFC 4028): a caller that asked for a 90 s session and never refreshes it is torn down with a
BYE on both legs."""
from harness import sipp_trace
from harness.sipp_call import call_daemon, explain, place_call
from harness.sipp_uas import SippUas


def test_a_leg_that_stops_refreshing_is_torn_down_on_both_sides(make_daemon, tmp_path):
    d = call_daemon(make_daemon)
    with SippUas("uas_session_timer", tmp_path, timeout=180) as uas:
        uas.register(d, "1002")
        a = place_call(d, "uac_session_timer", tmp_path, "1002", timeout=170)
        b = uas.result(timeout=30)
    assert a.returncode == 0 and a.successful == 1, explain(a, b)
    assert b.returncode == 0 and b.successful == 1, explain(a, b)
    ok = sipp_trace.responses(a.trace, "INVITE")[-1]
    assert ok.status == 200 and ok.get("session-expires"), f"no Session-Expires in the caller's 200: {ok.raw!r}"
    assert int(ok.get("session-expires").split(";")[0]) <= 90, ok.get("session-expires")
    # RFC 4028 10: the BYE comes before the session expires (90 s), not before a third of it has passed.
    assert 30 <= a.elapsed <= 100, f"BYE after {a.elapsed:.0f}s of a 90s session"
    assert len(sipp_trace.requests(a.trace, "BYE")) == 1 and len(sipp_trace.requests(b.trace, "BYE")) == 1
    assert sipp_trace.requests(a.trace, "INVITE", "sent")[-1].get("cseq").startswith("2 "), "caller refreshed"
