"""Two baresip phones (TLS signalling) through Lineside with srtp-media, in each seed scenario: (a) both plain,
(b) both SRTP mandatory, (c) SRTP mandatory <-> AVP only, (d) SRTP optional caller -> plain callee, (e) the
system switch off. Each time: the call connects, tones are heard both ways, RFC 4733 digits arrive, packets
flow on every leg, the SRTP legs carry encrypted payload (and never the other leg's bytes), the plain legs
carry G.711 unchanged through the relay, no key is logged and every relay port comes back."""
import json
import os
import shutil
import subprocess
import sys

import pytest

from harness import paths

SCRIPT = paths.INTEGRATION_DIR / "baresip" / "netns_srtp_call.py"
RUN_LIMIT = 120  # seconds for one namespace run (about 12)
MIN_RTP = 80  # packets per leg and direction in 3 s of 20 ms PCMU (150 expected)
SRTP_ENTROPY = 7.5  # bits/byte: ciphertext looks random ...
PLAIN_ENTROPY = 7.0  # ... a G.711 tone does not

# scenario: (caller leg encrypted, callee leg encrypted)
EXPECTED = {
    "plain": (False, False),
    "both-mandatory": (True, True),
    "mandatory-avp-only": (True, False),
    "optional-to-plain": (True, False),
    "switch-off": (False, False),
}


def run_scenario(scenario, workdir):
    for tool in ("baresip", "tshark", "unshare", "ip"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} missing: bash packaging/deps.sh", pytrace=False)
    if os.geteuid() != 0:
        pytest.fail("unshare -n and a veth pair need root (CI runs as root)", pytrace=False)
    proc = subprocess.run(["timeout", "--kill-after=10", str(RUN_LIMIT), "unshare", "-n", sys.executable,
                           str(SCRIPT), "--scenario", scenario, "--workdir", str(workdir)],
                          capture_output=True, text=True, timeout=RUN_LIMIT + 30, stdin=subprocess.DEVNULL)
    try:
        report = json.loads(proc.stdout)
    except ValueError:
        pytest.fail(f"netns_srtp_call.py rc={proc.returncode}\nstdout:\n{proc.stdout[-3000:]}\nstderr:\n"
                    f"{proc.stderr[-3000:]}", pytrace=False)
    return report, json.dumps(report, indent=1)[-8000:]


def check_leg(legs, into_relay, out_of_relay, encrypted, text):
    """One phone's leg: enough packets both ways, and ciphertext or G.711 as expected."""
    for flow in (into_relay, out_of_relay):
        assert legs[flow]["packets"] >= MIN_RTP, f"{flow}: {legs[flow]}\n{text}"
        if encrypted:
            assert legs[flow]["entropy"] > SRTP_ENTROPY, f"{flow} does not look encrypted\n{text}"
        else:
            assert legs[flow]["entropy"] < PLAIN_ENTROPY, f"{flow} does not look like G.711\n{text}"


@pytest.mark.parametrize("scenario", list(EXPECTED))
def test_srtp_scenario_connects_with_audio_and_dtmf_both_ways(scenario, tmp_path):
    r, text = run_scenario(scenario, tmp_path)
    assert r["errors"] == [], text
    assert r["registered"] == ["1001", "1002"], text
    assert r["established"] == {"a": True, "b": True}, text
    assert r["closed"] == {"a": True, "b": True}, text
    heard_a, heard_b = r["heard"]["a"], r["heard"]["b"]
    assert heard_a and heard_a["880"] > 100 * heard_a["440"], text
    assert heard_b and heard_b["440"] > 100 * heard_b["880"], text
    assert r["dtmf"] == {"b_heard_a": True, "a_heard_b": True}, text

    legs = r["legs"]
    assert legs["a_to_b_direct"]["packets"] == 0 and legs["b_to_a_direct"]["packets"] == 0, text
    a_srtp, b_srtp = EXPECTED[scenario]
    check_leg(legs, "a_to_relay", "relay_to_a", a_srtp, text)
    check_leg(legs, "b_to_relay", "relay_to_b", b_srtp, text)
    for direction in ("a_to_b", "b_to_a"):
        assert legs[direction]["matched"] >= MIN_RTP, text
        if a_srtp or b_srtp:  # converted or re-keyed per leg: no packet crosses the relay unchanged
            assert legs[direction]["unchanged"] == 0, text
        else:  # plain on both legs: the relay passes G.711 intact
            assert legs[direction]["unchanged"] == legs[direction]["matched"], text

    assert r["media"]["calls"] == 1 and r["media"]["ports_in_use"] == 2, text
    # libre sends one unencrypted RTCP APP "PING" before its SRTCP starts: refused like any forgery.
    assert r["media"]["counters"]["dropped_tampered"] <= (2 if a_srtp or b_srtp else 0), text
    assert r["media_after"]["ports_in_use"] == 0 and r["media_after"]["calls"] == 0, text
    assert r["key_in_log"] is False, text
