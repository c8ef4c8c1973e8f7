"""SIGTERM with calls up: both legs of an answered call get a BYE with Reason Q.850 cause 41 (temporary
failure), a still-ringing call's caller gets 503 and its callee a CANCEL with that Reason, and the daemon exits 0."""
import re
import signal

from harness.udp_phone import UdpPhone, header, status_of


def test_sigterm_ends_an_answered_call_on_both_legs_and_exits_0(make_daemon):
    d = make_daemon()
    with UdpPhone(d, "1002", "answer") as callee, UdpPhone(d, "1010") as caller:
        assert status_of(caller.invite("1002")) == 200
        assert callee.wait_request("ACK"), "the callee never got the ACK of its 200"
        d.signal(signal.SIGTERM)
        assert d.wait_exit(15) == 0, d.log_tail()
        for side, phone in (("caller", caller), ("callee", callee)):
            bye = phone.wait_request("BYE", timeout=2)
            assert bye, f"the {side} got no BYE before the daemon exited"
            assert re.match(r"Q\.850;cause=41\b", header(bye, "Reason") or ""), bye
    d.check_sanitizers()


def test_sigterm_answers_a_ringing_caller_503_and_cancels_its_callee(make_daemon):
    d = make_daemon()
    with UdpPhone(d, "1002", "ring") as callee, UdpPhone(d, "1010") as caller:
        caller.start_invite("1002")
        assert caller.response("INVITE", 5, status=180), "no 180"
        d.signal(signal.SIGTERM)
        final = caller.finish_invite(5)
        assert status_of(final) == 503 and header(final, "Reason") == "Q.850;cause=41", final
        cancel = callee.wait_request("CANCEL", timeout=2)
        assert cancel, "the ringing callee was not cancelled"
        assert re.match(r"Q\.850;cause=41\b", header(cancel, "Reason") or ""), cancel
        assert d.wait_exit(15) == 0, d.log_tail()
    d.check_sanitizers()
