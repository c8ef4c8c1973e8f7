"""Only provisioned, authenticated phones place calls: an INVITE without credentials from an address that is
not a registered phone is challenged or refused, and the callee is never rung."""
import time


from harness import sipp_trace
from harness.phone import Phone
from harness.py_caller import PyCaller
from harness.sip import SipClient
from harness.sipp_call import call_daemon, explain
from harness.sipp_uas import SippUas

QUIET = 1.5  # seconds to keep listening for a late INVITE at the callee


def attempt(d, user, dn, password=None, answer_challenge=False):
    """INVITE from a fresh, unregistered socket; answers a 407 once when asked. Returns every response."""
    with SipClient("udp", d.config.sip_addr) as c:
        caller = PyCaller(c, user, password)
        c.send(caller.invite(dn))
        got = caller.collect(timeout=5)
        final = got[-1] if got and got[-1].status >= 200 else None
        if final is not None:
            c.send(caller.ack(final))
        if answer_challenge and final is not None and final.status == 407:
            c.send(caller.invite_with_credentials(dn, final))
            more = caller.collect(timeout=5)
            if more and more[-1].status >= 200:
                c.send(caller.ack(more[-1]))
            got += more
        return got


def never_rung(uas):
    time.sleep(QUIET)
    uas.stop()
    b = uas.result()
    assert sipp_trace.requests(b.trace, "INVITE") == [], "the callee was rung:\n" + explain(b)


def statuses(responses):
    return [r.status for r in responses]


def test_invite_without_credentials_from_unregistered_address_is_challenged_and_not_rung(make_daemon, tmp_path):
    d = call_daemon(make_daemon)
    with SippUas("uas_answer", tmp_path) as uas:
        uas.register(d, "1002")
        got = attempt(d, "1001", "1002")
        assert got and got[-1].status in (403, 407), statuses(got)
        assert not [s for s in statuses(got) if 100 < s < 200 or 200 <= s < 300], statuses(got)
        if got[-1].status == 407:
            assert got[-1].get("proxy-authenticate", "").startswith("Digest "), got[-1].raw
        never_rung(uas)


def test_wrong_password_is_refused_and_not_rung(make_daemon, tmp_path):
    d = call_daemon(make_daemon)
    with SippUas("uas_answer", tmp_path) as uas:
        uas.register(d, "1002")
        got = attempt(d, "1001", "1002", password="not-the-password", answer_challenge=True)
        assert statuses(got)[-1] in (403, 407), statuses(got)
        assert not [s for s in statuses(got) if 100 < s < 300], statuses(got)
        never_rung(uas)


def test_unprovisioned_caller_is_challenged_and_nobody_is_rung(make_daemon, tmp_path):
    """An unknown user gets the same 407 challenge as a real one (no user enumeration); it can
    never answer it (it has no credentials), and the callee is never rung."""
    d = call_daemon(make_daemon)
    with SippUas("uas_answer", tmp_path) as uas:
        uas.register(d, "1002")
        got = attempt(d, "7777", "1002")
        assert statuses(got)[-1:] in ([407], [403]), statuses(got)
        assert 200 not in statuses(got), statuses(got)
        never_rung(uas)


def test_auth_off_device_calling_from_an_unregistered_address_gets_403(make_daemon, tmp_path):
    d = call_daemon(make_daemon)
    with SippUas("uas_answer", tmp_path) as uas:
        uas.register(d, "1002")
        got = attempt(d, "1010", "1002")  # 1010 has auth off in the sample and is not registered
        assert statuses(got)[-1:] == [403], statuses(got)
        never_rung(uas)


def test_auth_off_device_calling_from_its_registered_contact_is_routed(make_daemon, tmp_path):
    """The counterpart of the test above, so that it cannot pass by refusing every auth-off device."""
    d = call_daemon(make_daemon)
    with SippUas("uas_busy", tmp_path) as uas:
        uas.register(d, "1002")
        with SipClient("udp", d.config.sip_addr) as c:
            reg = Phone(c, "1010").register()
            assert reg.status == 200, reg.final
            caller = PyCaller(c, "1010")
            c.send(caller.invite("1002"))
            got = caller.collect(timeout=8)
            if got and got[-1].status >= 200:
                c.send(caller.ack(got[-1]))
        b = uas.result(timeout=10)
    assert statuses(got)[-1:] == [486], statuses(got)
    assert len(sipp_trace.requests(b.trace, "INVITE")) == 1, explain(b)
