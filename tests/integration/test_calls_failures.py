"""Calls that fail, sipp caller -> Lineside -> sipp callee: busy, no answer, unknown number, nobody registered."""
from harness import sipp_trace
from harness.sipp_call import call_daemon, explain, final_status, place_call
from harness.sipp_uas import SippUas


def test_busy_callee_gives_486(make_daemon, tmp_path):
    d = call_daemon(make_daemon)
    with SippUas("uas_busy", tmp_path) as uas:
        uas.register(d, "1002")
        a = place_call(d, "uac_call_refused", tmp_path, "1002")
        b = uas.result(timeout=10)
    assert a.returncode == 0 and a.successful == 1, explain(a, b)
    assert final_status(a.trace) == 486, explain(a, b)
    assert b.returncode == 0 and b.successful == 1, explain(a, b)  # the server ACKed the callee's 486


def test_no_answer_within_ring_timeout_gives_480_and_cancels_the_callee(make_daemon, tmp_path):
    d = call_daemon(make_daemon, kernel={"calls": {"ring_timeout": "3s"}})
    with SippUas("uas_ring_no_answer", tmp_path) as uas:
        uas.register(d, "1002")
        a = place_call(d, "uac_call_refused", tmp_path, "1002")
        b = uas.result(timeout=15)
    assert a.returncode == 0 and a.successful == 1, explain(a, b)
    assert final_status(a.trace) == 480, explain(a, b)
    assert 2.5 <= a.elapsed <= 10, f"480 after {a.elapsed:.1f}s with a 3s ring timeout"
    assert b.returncode == 0 and b.successful == 1, explain(a, b)
    assert len(sipp_trace.requests(b.trace, "CANCEL")) == 1, explain(b)
    assert sipp_trace.statuses(b.trace, "INVITE", "sent")[-1] == 487, explain(b)


def test_unknown_number_gives_404_and_rings_nobody(make_daemon, tmp_path):
    d = call_daemon(make_daemon)
    with SippUas("uas_answer", tmp_path) as uas:
        uas.register(d, "1002")
        a = place_call(d, "uac_call_refused", tmp_path, "1999")
        uas.stop()
        b = uas.result()
    assert a.returncode == 0 and a.successful == 1, explain(a)
    assert final_status(a.trace) == 404, explain(a)
    assert sipp_trace.requests(b.trace, "INVITE") == [], explain(b)


def test_known_number_with_nothing_registered_gives_480(make_daemon, tmp_path):
    d = call_daemon(make_daemon)
    a = place_call(d, "uac_call_refused", tmp_path, "1003")
    assert a.returncode == 0 and a.successful == 1, explain(a)
    assert final_status(a.trace) == 480, explain(a)
