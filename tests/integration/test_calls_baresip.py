"""Real softphones: two baresip instances register (digest) as 1001 and 1002, call each other through Lineside,
exchange audio both ways and hang up - over UDP and again over TLS signalling (baresip/netns_call.py)."""
import json
import os
import shutil
import subprocess
import sys

import pytest

from harness import paths

SCRIPT = paths.INTEGRATION_DIR / "baresip" / "netns_call.py"
RUN_LIMIT = 120  # seconds for the whole namespace run (it takes about 10)
MIN_RTP = 100  # packets each way in 4 s of 20 ms PCMU (200 expected)


def run_in_namespace(transport, hangup, workdir):
    for tool in ("baresip", "tshark", "unshare", "ip"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} missing: bash packaging/deps.sh", pytrace=False)
    if os.geteuid() != 0:
        pytest.fail("unshare -n and a veth pair need root (CI runs as root)", pytrace=False)
    proc = subprocess.run(["timeout", "--kill-after=10", str(RUN_LIMIT), "unshare", "-n", sys.executable,
                           str(SCRIPT), "--transport", transport, "--hangup", hangup, "--workdir", str(workdir)],
                          capture_output=True, text=True, timeout=RUN_LIMIT + 30, stdin=subprocess.DEVNULL)
    try:
        report = json.loads(proc.stdout)
    except ValueError:
        pytest.fail(f"netns_call.py rc={proc.returncode}\nstdout:\n{proc.stdout[-3000:]}\nstderr:\n"
                    f"{proc.stderr[-3000:]}", pytrace=False)
    return report, json.dumps(report, indent=1)[-6000:]


@pytest.mark.parametrize("transport,hangup", [("udp", "a"), ("tls", "b")], ids=["udp-caller-hangs-up",
                                                                                  "tls-callee-hangs-up"])
def test_baresip_call_with_audio_both_ways(transport, hangup, tmp_path):
    r, text = run_in_namespace(transport, hangup, tmp_path)
    assert r["errors"] == [], text
    regs = {reg["user"]: reg for reg in r["registrations"]}
    assert set(regs) == {"1001", "1002"}, text
    assert all(reg["transport"] == transport for reg in regs.values()), text
    assert r["established"] == {"a": True, "b": True}, text
    assert r["closed"] == {"a": True, "b": True}, text
    # The side that did not hang up was ended by a BYE (libre reports a peer's BYE as a reset session).
    other = "b" if hangup == "a" else "a"
    assert "Connection reset by peer" in r["phone_log_tails"][other], text
    assert r["rtp"]["a_to_b"] >= MIN_RTP and r["rtp"]["b_to_a"] >= MIN_RTP, text
    # Each phone heard the other's tone (a: 440 Hz, b: 880 Hz) and not its own.
    heard_a, heard_b = r["heard"]["a"], r["heard"]["b"]
    assert heard_a and heard_a["880"] > 100 * heard_a["440"], text
    assert heard_b and heard_b["440"] > 100 * heard_b["880"], text
