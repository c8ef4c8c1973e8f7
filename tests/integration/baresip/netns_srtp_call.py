#!/usr/bin/env python3
"""Run inside `unshare -n`: Lineside with srtp-media and two baresip phones place one call in one SRTP
scenario; each phone sends a tone and a DTMF digit; tshark records every leg; prints a JSON report."""
# Same namespace trick as netns_call.py (baresip skips loopback interfaces for its SDP address).
import argparse
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import certs, config, pcap_udp, ports  # noqa: E402
from harness.baresip import Baresip  # noqa: E402
from harness.daemon import Lineside  # noqa: E402
from netns_call import PHONE_ADDR, RTP, TONES, fresh_namespace, setup_network, tones_heard, wait_registered  # noqa: E402

RELAY = (31000, 31199)
TALK_SECONDS = 3
DIGITS = {"a": "1", "b": "2"}  # what each phone sends

# scenario: system switch, per phone (mediaenc, device mode in the module config or None = AVP Only profile)
SCENARIOS = {
    "plain": {"srtp_enabled": True, "a": (None, None), "b": (None, None)},
    "both-mandatory": {"srtp_enabled": True, "a": ("srtp-mand", "mandatory"), "b": ("srtp-mand", "mandatory")},
    "mandatory-avp-only": {"srtp_enabled": True, "a": ("srtp-mand", "mandatory"), "b": (None, None)},
    "optional-to-plain": {"srtp_enabled": True, "a": ("srtp", "optional"), "b": (None, None)},
    "switch-off": {"srtp_enabled": False, "a": ("srtp", "optional"), "b": ("srtp", "optional")},
}
USERS = {"a": "1001", "b": "1002"}


def account(user, mediaenc, d):
    line = (f'<sip:{user}@pbx.test;transport=tls>;auth_pass=secret{user};'
            f'outbound="sip:127.0.0.1:{d.config.tls_port};transport=tls";regint=600;answermode=auto;'
            f"audio_codecs=PCMU/8000/1")
    return line + (f";mediaenc={mediaenc}" if mediaenc else "")


def provision(d, scenario):
    """System switch and profiles through the admin API, as an administrator would."""
    admin = d.admin()
    status, body = admin.request("PATCH", "/api/v1/options", body={"srtp_enabled": scenario["srtp_enabled"]})
    assert status == 200, body
    status, body = admin.request("PATCH", "/api/v1/profiles/9", body={"avp_only": False})
    assert status == 200, body
    for name, (_, mode) in ((n, scenario[n]) for n in ("a", "b")):
        if mode is not None:
            status, body = admin.request("PATCH", f"/api/v1/devices/dev-{USERS[name]}", body={"profile": 9})
            assert status == 200, body


def start_capture(path):
    ranges = f"udp portrange {RTP['a'][0]}-{RTP['b'][1]} or udp portrange {RELAY[0]}-{RELAY[1]}"
    proc = subprocess.Popen(["tshark", "-i", "lo", "-F", "pcap", "-f", ranges, "-w", str(path), "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    deadline, seen = time.monotonic() + 15, b""
    while b"Capturing on" not in seen and time.monotonic() < deadline and proc.poll() is None:
        line = proc.stderr.readline()
        if not line:
            break
        seen += line
    return proc


def stop_capture(proc):
    time.sleep(0.5)
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)


def legs(path):
    """Per leg and direction: packet count, payload entropy, and for each direction how many packets
    (matched by RTP sequence number) kept their payload unchanged through the relay."""
    grams = pcap_udp.read_udp(path)
    a, b, relay = (range(RTP["a"][0], RTP["a"][1] + 1), range(RTP["b"][0], RTP["b"][1] + 1),
                   range(RELAY[0], RELAY[1] + 1))
    flows = {"a_to_relay": pcap_udp.between(grams, a, relay), "relay_to_b": pcap_udp.between(grams, relay, b),
             "b_to_relay": pcap_udp.between(grams, b, relay), "relay_to_a": pcap_udp.between(grams, relay, a),
             "a_to_b_direct": pcap_udp.between(grams, a, b), "b_to_a_direct": pcap_udp.between(grams, b, a)}
    out = {name: {"packets": len(f), "entropy": round(pcap_udp.entropy_bits_per_byte([d.payload for d in f]), 3)}
           for name, f in flows.items()}
    for direction, (inbound, outbound) in {"a_to_b": ("a_to_relay", "relay_to_b"),
                                           "b_to_a": ("b_to_relay", "relay_to_a")}.items():
        sent = {pcap_udp.rtp_seq(d.payload): d.payload for d in flows[inbound]}
        matched = [(sent[pcap_udp.rtp_seq(d.payload)], d.payload) for d in flows[outbound]
                   if pcap_udp.rtp_seq(d.payload) in sent]
        out[direction] = {"matched": len(matched), "unchanged": sum(1 for x, y in matched if x == y)}
    return out


def dtmf_heard(ctrl, digit, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for e in ctrl.events:
            if e.get("type") == "CALL_DTMF_START" and digit in str(e.get("param", "")):
                return True
        ctrl.wait_event("__none__", 0.2)  # read pending events
    return False


def run_call(d, phones, report, work):
    capture = start_capture(work / "media.pcap")
    a, b = phones["a"].ctrl, phones["b"].ctrl
    report["dial"] = a.command("dial", "sip:1002@pbx.test").get("ok")
    established = {"a": a.wait_event("CALL_ESTABLISHED", 15), "b": b.wait_event("CALL_ESTABLISHED", 15)}
    report["established"] = {k: v is not None for k, v in established.items()}
    time.sleep(TALK_SECONDS)
    report["media"] = d.admin().get("/api/v1/media")[1]
    a.command("sndcode", DIGITS["a"])
    b.command("sndcode", DIGITS["b"])
    report["dtmf"] = {"b_heard_a": dtmf_heard(b, DIGITS["a"], 5), "a_heard_b": dtmf_heard(a, DIGITS["b"], 5)}
    report["hangup"] = a.command("hangup").get("ok")
    report["closed"] = {"a": a.wait_event("CALL_CLOSED", 15) is not None,
                        "b": b.wait_event("CALL_CLOSED", 15) is not None}
    stop_capture(capture)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        report["media_after"] = d.admin().get("/api/v1/media")[1]
        if report["media_after"].get("ports_in_use") == 0:
            break
        time.sleep(0.2)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--scenario", choices=sorted(SCENARIOS), required=True)
    ap.add_argument("--workdir", required=True)
    args = ap.parse_args()
    if not fresh_namespace():
        sys.exit("netns_srtp_call.py: run me under `unshare -n` (I add a veth pair and addresses)")
    scenario = SCENARIOS[args.scenario]
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    report = {"scenario": args.scenario, "errors": []}
    setup_network()
    pki = certs.make_pki(work / "pki")
    device_modes = [{"device": f"dev-{USERS[n]}", "mode": scenario[n][1]} for n in ("a", "b") if scenario[n][1]]
    media = {"enabled": True, "required": True,
             "config": {"bind_address": "127.0.0.1", "port_min": RELAY[0], "port_max": RELAY[1],
                        "media_threads": 1, "device_modes": device_modes}}
    cfg = config.make_config(work / "daemon", pki, auth={"algorithms": ["MD5"]},
                             kernel={"log": {"level": "debug"}}, modules={"srtp-media": media})
    d = Lineside(cfg)
    phones = {}
    try:
        d.start()
        report["daemon_log"] = str(d.log_path)
        provision(d, scenario)
        for name in ("a", "b"):
            mediaenc = scenario[name][0]
            phones[name] = Baresip(work, f"phone-{name}", sip_addr=(PHONE_ADDR, ports.reserve_port()),
                                   ctrl_port=ports.reserve_port(), rtp_ports=RTP[name],
                                   account=account(USERS[name], mediaenc, d), tone_hz=TONES[name],
                                   cafile=pki.ca_cert, interface="v0", modules=("srtp.so",)).start()
        regs = wait_registered(d.admin(), list(USERS.values()), timeout=20)
        report["registered"] = sorted(r["user"] for r in regs)
        run_call(d, phones, report, work)
    except Exception as e:  # reported, not raised: the test prints the whole report
        report["errors"].append(f"{type(e).__name__}: {e}")
    finally:
        for p in phones.values():
            p.stop()
        try:
            d.stop(expect_rc=0)
        except AssertionError as e:
            report["errors"].append(str(e)[:2000])
        d.cleanup()
    if (work / "media.pcap").exists():
        report["legs"] = legs(work / "media.pcap")
    report["heard"] = {n: tones_heard(p) for n, p in phones.items()}
    log = Path(report.get("daemon_log", "/nonexistent"))
    report["key_in_log"] = log.exists() and "inline:" in log.read_text(errors="replace")
    report["media_log"] = [line[:300] for line in (log.read_text(errors="replace").splitlines() if log.exists() else [])
                           if "[srtp-media]" in line][-12:]
    report["phone_log_tails"] = {n: p.log_tail(25) for n, p in phones.items()}
    print(json.dumps(report, indent=1, default=str))


if __name__ == "__main__":
    main()
