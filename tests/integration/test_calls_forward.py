"""Call forward no answer: the call goes on to the forward target, which sees Diversion and History-Info."""
from harness import config, sipp_trace
from harness.sipp_call import call_daemon, explain, place_call
from harness.sipp_uas import SippUas


def test_call_forward_no_answer_reaches_the_target_with_diversion_and_history_info(make_daemon, tmp_path):
    devices = [config.device(str(u)) for u in range(1001, 1005)]
    devices[1]["forward"] = {"no_answer": "1003", "no_answer_timeout": "2s"}
    d = call_daemon(make_daemon, devices=devices)
    with SippUas("uas_ring_no_answer", tmp_path, name="first-1002") as first, \
            SippUas("uas_answer", tmp_path, name="target-1003", pause_ms=300) as target:
        first.register(d, "1002")
        target.register(d, "1003")
        a = place_call(d, "uac_call", tmp_path, "1002", hold_ms=300)
        f, t = first.result(timeout=15), target.result(timeout=15)
    assert a.returncode == 0 and a.successful == 1, explain(a, f, t)
    assert a.elapsed >= 2, f"answered after {a.elapsed:.1f}s, before the 2s no-answer timeout"
    assert f.returncode == 0 and f.successful == 1 and len(sipp_trace.requests(f.trace, "CANCEL")) == 1, explain(f)
    assert t.returncode == 0 and t.successful == 1, explain(t)
    invite = sipp_trace.requests(t.trace, "INVITE")[0]
    diversion = ",".join(invite.get_all("diversion"))
    assert "1002" in diversion and "reason=no-answer" in diversion.replace('"', ""), invite.raw
    history = ",".join(invite.get_all("history-info"))
    assert "1002" in history and "1003" in history, invite.raw
