"""RFC 4028 session timers through the B2BUA (Python UAs): the interval is negotiated end to end,
(re-INVITE) keep the call up, and a call nobody refreshes is torn down on both legs with a Reason."""
import time

from harness.calls import Callee, Caller, header

TIMER = "Supported: timer\r\nSession-Expires: 3;refresher=uac\r\nMin-SE: 2\r\n"


def test_unrefreshed_session_is_torn_down_on_both_legs(make_daemon):
    d = make_daemon()
    callee = Callee(d, "1002", "answer", answer_headers="Session-Expires: 3;refresher=uac\r\nRequire: timer\r\n")
    caller = Caller(d)
    try:
        final = caller.invite("1002", extra=TIMER)
        assert final and final.startswith("SIP/2.0 200"), final
        assert header(final, "Session-Expires").startswith("3"), final
        assert "timer" in (header(final, "Require") or ""), final
        inv = callee.invites[0]
        assert header(inv, "Session-Expires").startswith("3"), "the interval was not passed on"
        assert "timer" in header(inv, "Supported")
        bye = caller.wait_bye(8)
        assert bye is not None, "no BYE to the caller after the session expired"
        assert "408" in (header(bye, "Reason") or ""), bye
        deadline = time.monotonic() + 3
        while not callee.byes and time.monotonic() < deadline:
            time.sleep(0.1)
        assert callee.byes, "the callee leg was not torn down"
    finally:
        caller.close()
        callee.close()


def test_refreshed_session_stays_up(make_daemon):
    d = make_daemon()
    callee = Callee(d, "1002", "answer", answer_headers="Session-Expires: 3;refresher=uac\r\nRequire: timer\r\n")
    caller = Caller(d)
    try:
        assert caller.invite("1002", extra=TIMER).startswith("SIP/2.0 200")
        for _ in range(3):  # 4.5 s of calls, refreshed every 1.5 s: beyond one 3 s interval
            time.sleep(1.5)
            refreshed = caller.reinvite(extra=TIMER)
            assert refreshed and refreshed.startswith("SIP/2.0 200"), refreshed
        assert not caller.byes and not callee.byes, "a refreshed call was torn down"
        assert caller.bye().startswith("SIP/2.0 200")
    finally:
        caller.close()
        callee.close()


def test_callee_without_timer_makes_the_caller_refresher(make_daemon):
    d = make_daemon()
    callee = Callee(d, "1002", "answer")  # answers without Session-Expires
    caller = Caller(d)
    try:
        final = caller.invite("1002", extra=TIMER)
        assert final.startswith("SIP/2.0 200")
        assert header(final, "Session-Expires") == "3;refresher=uac", final
        assert caller.wait_bye(8) is not None, "the lineside watchdog did not end the unrefreshed call"
    finally:
        caller.close()
        callee.close()
