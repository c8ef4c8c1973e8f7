"""srtp-media's realtime_priority on the real daemon: the media threads run under SCHED_FIFO at the
configured priority (seen in /proc and in GET /api/v1/media), a SIGHUP reload moves them back to the
normal scheduler, and a daemon that may not use realtime scheduling still starts, relays and says
in its log what it lacks."""
import os
import random
import signal
import time
from pathlib import Path

from test_reload import rewrite, wait_for_log
from harness.sdp_phones import body_of, media_port
from test_srtp_sdp import media_state, plain_call, send_until_relayed

SCHED_OTHER, SCHED_FIFO = 0, 1


def media_threads(pid):
    """{thread name: (policy, rt_priority)} for the daemon's ls-media-* threads, from /proc."""
    found = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        name = (task / "comm").read_text().strip()
        if name.startswith("ls-media-"):
            after_comm = (task / "stat").read_text().rsplit(")", 1)[1].split()
            found[name] = (int(after_comm[38]), int(after_comm[37]))  # fields 41 and 40 of proc(5)
    return found


def realtime_daemon(make_daemon, priority, threads=2, start=True):
    base = random.randrange(61000, 64600, 2)
    cfg = {"bind_address": "127.0.0.1", "port_min": base, "port_max": base + 99, "media_threads": threads,
           "audio_codecs": ["PCMU", "PCMA", "telephone-event"], "realtime_priority": priority}
    return make_daemon(start=start, modules={"srtp-media": {"enabled": True, "required": True, "config": cfg}})


def relays_both_ways(d):
    """An answered plain call whose RTP crosses the relay in both directions."""
    with plain_call(d) as (caller, callee, final, a_rtp, b_rtp):
        to_b, to_a = media_port(callee.offers[0]), media_port(body_of(final))
        got = send_until_relayed(a_rtp, to_a, b_rtp)
        assert got and got[12:] == b"\xd5" * 160
        b_rtp.send_rtp(to_b, 1)
        back = a_rtp.receive()
        assert back and back[12:] == b"\xd5" * 160


def wait_for_threads(d, expected, timeout=5.0):
    deadline = time.monotonic() + timeout
    while media_threads(d.proc.pid) != expected and time.monotonic() < deadline:
        time.sleep(0.05)
    assert media_threads(d.proc.pid) == expected


def every_media_thread(threads, policy, priority):
    return {f"ls-media-{i}": (policy, priority) for i in range(threads)}


def test_media_threads_run_under_fifo_and_a_reload_takes_them_back(make_daemon):
    cores = os.cpu_count()
    d = realtime_daemon(make_daemon, 7, threads=cores)
    wait_for_threads(d, every_media_thread(cores, SCHED_FIFO, 7))
    assert media_state(d)["realtime_priority"] == 7
    log = d.log_text()
    assert "SCHED_FIFO, priority 7" in log
    # One realtime media thread per core could starve the SIP thread: the log says so.
    assert "set media_threads below the core count" in log
    relays_both_ways(d)

    rewrite(d, lambda data: data["modules"]["srtp-media"]["config"].update(realtime_priority=0))
    d.signal(signal.SIGHUP)
    wait_for_log(d, "configuration reloaded")
    wait_for_threads(d, every_media_thread(cores, SCHED_OTHER, 0))
    assert media_state(d)["realtime_priority"] == 0


def test_without_the_right_to_realtime_the_relay_warns_and_works(make_daemon):
    d = realtime_daemon(make_daemon, 7, threads=1, start=False)
    # No CAP_SYS_NICE (not even for root) and RLIMIT_RTPRIO 0: the kernel refuses SCHED_FIFO.
    d.wrapper = ["prlimit", "--rtprio=0", "--", "setpriv", "--inh-caps=-sys_nice",
                 "--bounding-set=-sys_nice", "--"]
    d.start()
    log = wait_for_log(d, "cannot run the media threads under SCHED_FIFO priority 7")
    assert "LimitRTPRIO" in log
    wait_for_threads(d, every_media_thread(1, SCHED_OTHER, 0))
    assert "below the core count" not in log
    assert media_state(d)["realtime_priority"] == 0
    relays_both_ways(d)
