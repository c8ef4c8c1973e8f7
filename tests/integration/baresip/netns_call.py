#!/usr/bin/env python3
"""Run inside `unshare -n`: Lineside and two baresip phones on loopback addresses place one call; prints JSON."""
# baresip never puts a loopback interface's address in its SDP, so the phones bind 127.0.0.2 on a veth
# pair inside this private network namespace; every packet still goes over `lo` and nothing leaves it.
import argparse
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from harness import certs, config, goertzel, ports  # noqa: E402
from harness.baresip import Baresip  # noqa: E402
from harness.daemon import Lineside  # noqa: E402

PHONE_ADDR = "127.0.0.2"
RTP = {"a": (30000, 30049), "b": (30100, 30149)}
TONES = {"a": 440, "b": 880}
TALK_SECONDS = 4


def fresh_namespace():
    """True in a network namespace that has nothing but `lo` (what `unshare -n` gives)."""
    links = subprocess.run(["ip", "-o", "link", "show"], capture_output=True, text=True, timeout=10).stdout
    return [line.split(":")[1].strip() for line in links.splitlines()] == ["lo"]


def setup_network():
    for cmd in (["ip", "link", "set", "lo", "up"], ["ip", "link", "add", "v0", "type", "veth", "peer", "name", "v1"],
                ["ip", "addr", "add", f"{PHONE_ADDR}/32", "dev", "v0"], ["ip", "link", "set", "v0", "up"],
                ["ip", "link", "set", "v1", "up"]):
        subprocess.run(cmd, check=True, timeout=10, capture_output=True)


def account(user, transport, d):
    if transport == "tls":
        uri, proxy = f"<sip:{user}@pbx.test;transport=tls>", f"sip:127.0.0.1:{d.config.tls_port};transport=tls"
    else:
        uri, proxy = f"<sip:{user}@pbx.test>", f"sip:127.0.0.1:{d.config.sip_port}"
    return (f'{uri};auth_pass=secret{user};outbound="{proxy}";regint=600;answermode=auto;'
            f"audio_codecs=PCMU/8000/1")


def start_capture(path):
    low, high = RTP["a"][0], RTP["b"][1]
    proc = subprocess.Popen(["tshark", "-i", "lo", "-f", f"udp portrange {low}-{high}", "-w", str(path), "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    deadline = time.monotonic() + 15
    seen = b""
    while b"Capturing on" not in seen and time.monotonic() < deadline and proc.poll() is None:
        line = proc.stderr.readline()
        if not line:
            break
        seen += line
    return proc, seen.decode(errors="replace")


def count_rtp(path):
    """Media packets per direction between the two phones' RTP port ranges (RTCP is too short to count)."""
    out = subprocess.run(["tshark", "-r", str(path), "-T", "fields", "-e", "udp.srcport", "-e", "udp.dstport",
                          "-e", "udp.length"], capture_output=True, text=True, timeout=60).stdout
    counts = {"a_to_b": 0, "b_to_a": 0}
    inside = {k: range(v[0], v[1] + 1) for k, v in RTP.items()}
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) != 3 or not all(p.isdigit() for p in parts):
            continue
        src, dst, length = map(int, parts)
        if length < 100:
            continue
        if src in inside["a"] and dst in inside["b"]:
            counts["a_to_b"] += 1
        elif src in inside["b"] and dst in inside["a"]:
            counts["b_to_a"] += 1
    return counts


def tones_heard(phone):
    dec = phone.recordings()["dec"]
    if not dec:
        return None
    biggest = max(dec, key=lambda p: p.stat().st_size)
    return {str(k): v for k, v in goertzel.dominant(biggest, sorted(TONES.values())).items()}


def wait_registered(admin, users, timeout):
    deadline = time.monotonic() + timeout
    regs = []
    while time.monotonic() < deadline:
        regs = admin.registrations()
        if {r["user"] for r in regs} >= set(users):
            break
        time.sleep(0.2)
    return regs


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--transport", choices=["udp", "tls"], required=True)
    ap.add_argument("--hangup", choices=["a", "b"], default="a", help="which phone ends the call")
    ap.add_argument("--workdir", required=True)
    args = ap.parse_args()
    if not fresh_namespace():
        sys.exit("netns_call.py: run me under `unshare -n` (I add a veth pair and addresses)")
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    report = {"transport": args.transport, "errors": []}
    setup_network()
    pki = certs.make_pki(work / "pki")
    cfg = config.make_config(work / "daemon", pki, auth={"algorithms": ["MD5"]},
                             kernel={"log": {"level": "debug"}})
    d = Lineside(cfg)
    phones, capture = {}, None
    try:
        d.start()
        report["daemon_log"] = str(d.log_path)
        for name, user in (("a", "1001"), ("b", "1002")):
            phones[name] = Baresip(work, f"phone-{name}", sip_addr=(PHONE_ADDR, ports.reserve_port()),
                                   ctrl_port=ports.reserve_port(), rtp_ports=RTP[name],
                                   account=account(user, args.transport, d), tone_hz=TONES[name],
                                   cafile=pki.ca_cert, interface="v0").start()
        report["phone_logs"] = {n: str(p.log_path) for n, p in phones.items()}
        regs = wait_registered(d.admin(), ["1001", "1002"], timeout=20)
        report["registrations"] = [{k: r.get(k) for k in ("user", "contact", "transport")} for r in regs]
        capture, report["tshark"] = start_capture(work / "rtp.pcap")
        a, b = phones["a"].ctrl, phones["b"].ctrl
        report["dial"] = a.command("dial", "sip:1002@pbx.test").get("ok")
        established = {"a": a.wait_event("CALL_ESTABLISHED", 15), "b": b.wait_event("CALL_ESTABLISHED", 15)}
        report["established"] = {k: v is not None for k, v in established.items()}
        time.sleep(TALK_SECONDS)
        closer = phones[args.hangup].ctrl
        report["hangup"] = closer.command("hangup").get("ok")
        closed = {"a": a.wait_event("CALL_CLOSED", 15), "b": b.wait_event("CALL_CLOSED", 15)}
        report["closed"] = {k: v is not None for k, v in closed.items()}
        report["events"] = {"a": [e.get("type") for e in a.events], "b": [e.get("type") for e in b.events]}
    except Exception as e:  # reported, not raised: the test prints the whole report
        report["errors"].append(f"{type(e).__name__}: {e}")
    finally:
        if capture is not None:
            time.sleep(0.5)
            capture.send_signal(signal.SIGINT)
            try:
                capture.wait(10)
            except subprocess.TimeoutExpired:
                capture.kill()
                capture.wait(5)
        for p in phones.values():
            p.stop()
        try:
            d.stop(expect_rc=0)
        except AssertionError as e:
            report["errors"].append(str(e)[:2000])
        d.cleanup()
    if (work / "rtp.pcap").exists():
        report["rtp"] = count_rtp(work / "rtp.pcap")
    report["heard"] = {n: tones_heard(p) for n, p in phones.items()}
    report["phone_log_tails"] = {n: p.log_tail(25) for n, p in phones.items()}
    print(json.dumps(report, indent=1, default=str))


if __name__ == "__main__":
    main()
