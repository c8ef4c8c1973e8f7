"""Every thread of the daemon tells what it is (top -H, ps -L, perf and gdb show these names): the
SIP loop keeps the process name, the others are ls-<role>, media threads numbered."""
import random
from pathlib import Path

from harness import ports


def thread_names(pid):
    return sorted((task / "comm").read_text().strip() for task in Path(f"/proc/{pid}/task").iterdir())


def test_each_thread_is_named_for_its_role(make_daemon):
    base = random.randrange(61000, 64600, 2)
    smdr_port = ports.reserve_port()
    d = make_daemon(modules={
        "srtp-media": {"enabled": True, "required": True,
                       "config": {"bind_address": "127.0.0.1", "port_min": base, "port_max": base + 99,
                                  "media_threads": 2}},
        "billing": {"enabled": True, "required": True,
                    "config": {"smdr_stream": {"enabled": True, "listen": f"127.0.0.1:{smdr_port}"}}},
    })
    status, _ = d.admin().get("/api/v1/health")  # the admin server has served a request
    assert status == 200
    names = thread_names(d.proc.pid)
    for expected in ("lineside", "ls-signals", "ls-store", "ls-worker-0", "ls-media-0", "ls-media-1",
                     "ls-smdr-writer", "ls-smdr-stream"):
        assert expected in names, (expected, names)
    assert "ls-media-2" not in names
    assert any(n.startswith("ls-admin") for n in names), names
    # Only the SIP loop (the main thread) keeps the process's own name.
    assert names.count("lineside") == 1, names
