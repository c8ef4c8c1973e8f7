"""Capability profile "Session Timer" (seconds, 0 = off), per leg (RFC 4028): a callee whose profile sets N is
asked for an N-second session the caller did not ask for; a callee whose profile is 0 is not asked to run the
caller's timer (the caller refreshes); a caller whose profile sets N and that supports timers gets an N-second
session with itself as refresher. A profile change applies to the next call, without a restart."""
from harness.calls import Callee, Caller, header


def patch(d, path, body):
    status, out = d.admin().request("PATCH", path, body=body)
    assert status == 200, out
    return out


def one_call(d, extra=""):
    """1010 calls 1002 with `extra` headers; returns its 200 after hanging up."""
    caller = Caller(d)
    try:
        final = caller.invite("1002", extra=extra)
        assert final and final.startswith("SIP/2.0 200"), final
        assert caller.bye().startswith("SIP/2.0 200")
        return final
    finally:
        caller.close()


def options(msg, name):
    return {t.strip().lower() for t in (header(msg, name) or "").split(",") if t.strip()}


def test_a_callee_profile_asks_for_a_session_timer_the_caller_did_not(make_daemon):
    d = make_daemon()
    patch(d, "/api/v1/devices/dev-1002", {"profile": 7})
    callee = Callee(d, "1002", "answer", answer_headers="Session-Expires: 90;refresher=uas\r\nRequire: timer\r\n")
    try:
        one_call(d)
        before = callee.invites[0]
        assert header(before, "Session-Expires") is None and "timer" not in options(before, "Supported"), before

        assert patch(d, "/api/v1/profiles/7", {"session_timer": 90})["session_timer"] == 90
        final = one_call(d)
        after = callee.invites[1]
        assert header(after, "Session-Expires") == "90;refresher=uas", after
        assert "timer" in options(after, "Supported"), after
        # The callee refreshes; the caller (no timer support) is told the interval, without Require.
        assert (header(final, "Session-Expires") or "").startswith("90"), final
        assert "timer" not in options(final, "Require"), final
    finally:
        callee.close()


def test_a_callee_whose_profile_is_zero_is_not_asked_to_run_the_callers_timer(make_daemon):
    d = make_daemon()
    patch(d, "/api/v1/devices/dev-1002", {"profile": 7})
    patch(d, "/api/v1/profiles/7", {"session_timer": 120})
    callee = Callee(d, "1002", "answer")  # answers without Session-Expires
    asked = "Supported: timer\r\nSession-Expires: 150\r\nMin-SE: 90\r\n"
    try:
        one_call(d, asked)
        before = callee.invites[0]
        assert header(before, "Session-Expires") == "150" and header(before, "Min-SE") == "90", before
        assert "timer" in options(before, "Supported"), before

        patch(d, "/api/v1/profiles/7", {"session_timer": 0})
        final = one_call(d, asked)
        after = callee.invites[1]
        assert header(after, "Session-Expires") is None and header(after, "Min-SE") is None, after
        assert "timer" not in options(after, "Supported") | options(after, "Require"), after
        # The caller asked and supports timers: it is the refresher, and the watchdog runs.
        assert header(final, "Session-Expires") == "150;refresher=uac", final
        assert "timer" in options(final, "Require"), final
    finally:
        callee.close()


def test_a_caller_profile_answers_a_timer_capable_caller_with_a_session(make_daemon):
    d = make_daemon()
    patch(d, "/api/v1/devices/dev-1010", {"profile": 8})
    callee = Callee(d, "1002", "answer")
    try:
        final = one_call(d, "Supported: timer\r\n")
        assert header(final, "Session-Expires") is None, final

        assert patch(d, "/api/v1/profiles/8", {"session_timer": 95})["session_timer"] == 95
        caller = Caller(d)
        try:
            final = caller.invite("1002", extra="Supported: timer\r\n")
            assert final and final.startswith("SIP/2.0 200"), final
            assert header(final, "Session-Expires") == "95;refresher=uac", final
            assert "timer" in options(final, "Require"), final
            # The callee (profile 0) was not asked to run it.
            assert header(callee.invites[1], "Session-Expires") is None, callee.invites[1]
            refreshed = caller.reinvite(extra="Supported: timer\r\nSession-Expires: 95;refresher=uac\r\n")
            assert refreshed and refreshed.startswith("SIP/2.0 200"), refreshed
            assert caller.bye().startswith("SIP/2.0 200")
        finally:
            caller.close()
        # A caller without timer support is never sent Require: timer.
        final = one_call(d)
        assert header(final, "Session-Expires") is None and "timer" not in options(final, "Require"), final
    finally:
        callee.close()
