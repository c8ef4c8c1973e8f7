"""Call admission (kernel.calls.max_concurrent, max_new_per_second): a new call beyond a limit gets a prompt
503 with Retry-After and Reason Q.850 cause 42, calls already up are untouched, 911 is never refused, and
SIGHUP changes the limits without a restart."""
import signal
import time

from harness.calls import Callee
from harness.dialing_phone import DialingPhone
from harness.emergency_setup import DEFAULT_CESID, emergency_module, set_options
from harness.trunk_uas import TrunkUas


def refused_for(final, phrase):
    assert final is not None, "no final response"
    assert final.status == 503, (final.status, final.reason)
    assert final.reason == phrase, final.reason
    assert final.get("retry-after") == "5", final.get("retry-after")
    assert "cause=42" in (final.get("reason") or ""), final.get("reason")


def test_concurrent_cap_refuses_the_next_call_but_never_911(make_daemon):
    with TrunkUas("answer") as gw:
        d = make_daemon(kernel={"calls": {"max_concurrent": 2}}, modules=emergency_module([gw.uri]))
        set_options(d, default_cesid=DEFAULT_CESID, emergency_numbers=["911"])
        callee = Callee(d, "1005", "answer")
        phones = [DialingPhone(d, user) for user in ("1001", "1002", "1003")]
        try:
            assert phones[0].call("1005").status == 200
            assert phones[1].call("1005").status == 200
            refused_for(phones[2].call("1005"), "Too Many Calls")
            assert len(callee.invites) == 2, "the refused call must not ring anyone"

            emergency = phones[2].call("911")
            assert emergency is not None and emergency.status == 200, emergency
            assert len(gw.wait_invites(1)) == 1
            assert phones[2].hangup().status == 200

            assert phones[0].hangup().status == 200  # a slot comes free
            assert phones[2].call("1005").status == 200
            for p in phones[1:]:
                assert p.hangup().status == 200
        finally:
            for p in phones:
                p.close()
            callee.close()
        status, metrics = d.admin().get("/metrics")
        assert status == 200
        assert "lineside_kernel_calls_refused_concurrent_total 1" in metrics, metrics


def test_rate_limit_admits_the_burst_then_the_rate(make_daemon):
    d = make_daemon(kernel={"calls": {"max_new_per_second": 3}})
    callee = Callee(d, "1005", "busy")
    phone = DialingPhone(d, "1001")
    try:
        statuses = []
        started = time.monotonic()
        for _ in range(12):
            final = phone.call("1005", timeout=5)
            statuses.append((final.status, final.reason))
        elapsed = time.monotonic() - started
        busy = sum(1 for s in statuses if s[0] == 486)
        refused = [s for s in statuses if s[0] == 503]
        assert all(s == (503, "Call Rate Limit") for s in refused), statuses
        assert busy + len(refused) == 12, statuses
        # The burst (3) plus what refilled while the 12 attempts ran, never more.
        assert 3 <= busy <= 3 + int(elapsed * 3) + 1, (busy, elapsed, statuses)
        assert refused, statuses
        time.sleep(1.1)
        assert phone.call("1005").status == 486  # the allowance came back
    finally:
        phone.close()
        callee.close()


def test_sighup_changes_the_limits(make_daemon):
    d = make_daemon(kernel={"calls": {"max_concurrent": 1}})
    callee = Callee(d, "1005", "answer")
    a, b = DialingPhone(d, "1001"), DialingPhone(d, "1002")
    try:
        assert a.call("1005").status == 200
        refused_for(b.call("1005"), "Too Many Calls")
        d.config.data["kernel"]["calls"]["max_concurrent"] = 0
        d.config.write()
        d.signal(signal.SIGHUP)
        deadline = time.monotonic() + 10
        while "configuration reloaded" not in d.log_text() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert b.call("1005").status == 200
        assert a.hangup().status == 200 and b.hangup().status == 200
    finally:
        a.close()
        b.close()
        callee.close()
