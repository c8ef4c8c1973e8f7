"""srtp-media gives every relay port back, whatever ends the call: thousands of answered calls, callers that
cancel while it rings and callees that are busy; afterwards the relay holds no port and no call. The range
has only 100 pairs (sipp keeps at most 8 calls up, 16 pairs, plus what a loaded media thread has not yet
released), so a leak of one pair in 40 calls would also show as refused calls (503) before the end. The port pool's own
10,000-cycle check is the unit test relay_test.cpp."""
import random
import time

from harness import sipp, sipp_call, sipp_uas

PAIRS = 100
ANSWERED_CALLS = 2000
OTHER_CALLS = 200


def media_state(d):
    status, body = d.admin().get("/api/v1/media")
    assert status == 200, body
    return body


def wait_ports_free(d, timeout=10):
    deadline = time.monotonic() + timeout
    state = media_state(d)
    while time.monotonic() < deadline and (state["ports_in_use"] or state["calls"]):
        time.sleep(0.2)
        state = media_state(d)
    return state


def run_calls(d, tmp_path, uac, uas, calls, rate, name):
    with sipp_uas.SippUas(uas, tmp_path, name=f"{name}-uas", calls=calls, pause_ms=0, timeout=120) as callee:
        callee.register(d, "1002")
        port = sipp_call.ports.reserve_port()
        sipp_call.register_contact(d, "1001", port)
        caller = sipp.run(f"calls/{uac}.xml", d.config.sip_addr, [("1001", "secret1001")], tmp_path / name,
                          calls=calls, rate=rate, limit=8, timeout=120, local_port=port, name=name,
                          extra_args=["-s", "1002", "-d", "0", "-default_behaviors", "all,-abortunexp"])
        callee.result(timeout=30)
    return caller


def test_relay_ports_come_back_after_every_kind_of_call_end(make_daemon, tmp_path):
    base = random.randrange(61000, 64600, 2)
    d = sipp_call.call_daemon(make_daemon, modules={"srtp-media": {"enabled": True, "required": True, "config": {
        "bind_address": "127.0.0.1", "port_min": base, "port_max": base + 2 * PAIRS - 1, "media_threads": 1}}})
    assert media_state(d)["port_capacity"] == PAIRS

    answered = run_calls(d, tmp_path, "uac_call", "uas_answer", ANSWERED_CALLS, 200, "answered")
    assert answered.successful == ANSWERED_CALLS and answered.failed == 0, answered.describe()
    state = wait_ports_free(d)
    assert state["ports_in_use"] == 0 and state["calls"] == 0, state

    cancelled = run_calls(d, tmp_path, "uac_cancel", "uas_ring_no_answer", OTHER_CALLS, 100, "cancelled")
    assert cancelled.successful == OTHER_CALLS and cancelled.failed == 0, cancelled.describe()
    busy = run_calls(d, tmp_path, "uac_call_refused", "uas_busy", OTHER_CALLS, 100, "busy")
    assert busy.successful == OTHER_CALLS and busy.failed == 0, busy.describe()
    state = wait_ports_free(d)
    assert state["ports_in_use"] == 0 and state["calls"] == 0, state
    log = d.log_path.read_text(errors="replace")
    assert "every relay port pair is in use" not in log
