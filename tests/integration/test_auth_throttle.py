"""A flood of wrong digest answers from one source address is starved: silence, other sources unaffected."""
import time

from harness import sip
from harness.phone import Phone

FAILURES = 5


def test_wrong_password_flood_is_throttled_per_source(make_daemon):
    d = make_daemon(auth={"throttle": {"failures": FAILURES, "window": "60s", "block_for": "300s"}})
    started = time.monotonic()
    with d.sip("udp") as c:
        phone = Phone(c, "1001", "wrong-password")
        for attempt in range(1, FAILURES):  # bounded: the first failures-1 wrong answers are refused aloud
            out = phone.register(timeout=4.0)
            assert out.first is not None and out.first.status == 401, f"attempt {attempt}: no challenge"
            assert out.final is not None and out.final.status in (401, 403), \
                f"attempt {attempt}: wrong answer #{attempt} not answered ({out.final and out.final.start_line})"
        # The failures-th wrong answer reaches the threshold: it may be refused or already dropped.
        last = phone.register(timeout=3.0)
        assert last.first is not None and last.first.status == 401
        assert last.final is None or last.final.status in (401, 403), last.final.start_line
        # The next request from this source, even a plain OPTIONS or the right password, gets silence.
        blocked = Phone(c, "1001", "secret1001")
        assert c.transact(blocked.register_request(), timeout=3.0) is None, "REGISTER answered after the flood"
        assert sip.options(c, timeout=3.0) is None, "OPTIONS answered from a blocked source"
    with d.sip("udp") as c2:  # same address, another port: still the same source address
        assert sip.options(c2, timeout=3.0) is None, "OPTIONS answered from a blocked source address"
    with sip.SipClient("udp", d.config.sip_addr, local_host="127.0.0.2") as other:
        r = sip.options(other, timeout=4.0)
        assert r is not None and r.status == 200, "another source address is no longer served"
        ok = Phone(other, "1002", "secret1002").register()
        assert ok.status == 200, ok.final and ok.final.start_line
    assert d.running
    assert time.monotonic() - started < 90
