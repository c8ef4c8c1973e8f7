"""A headless baresip phone: private config dir, ausine tone source, sndfile recorder, ctrl_tcp control."""
import json
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

MODULE_DIR = "/usr/lib/baresip/modules"


def netstring(payload):
    data = json.dumps(payload).encode()
    return str(len(data)).encode() + b":" + data + b","


class Control:
    """ctrl_tcp client: JSON netstrings; command responses and events arrive on the same connection."""

    def __init__(self, port, timeout=5.0):
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.sock = socket.create_connection(("127.0.0.1", port), timeout=1)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        self.buf = b""
        self.events = []
        self.seq = 0

    def _read_one(self, deadline):
        while True:
            colon = self.buf.find(b":")
            if colon > 0:
                length = int(self.buf[:colon])
                end = colon + 1 + length
                if len(self.buf) > end:
                    data, self.buf = self.buf[colon + 1:end], self.buf[end + 1:]
                    return json.loads(data)
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            self.sock.settimeout(left)
            try:
                chunk = self.sock.recv(65536)
            except (socket.timeout, TimeoutError):
                return None
            if not chunk:
                return None
            self.buf += chunk

    def command(self, command, params="", timeout=5.0):
        self.seq += 1
        token = f"t{self.seq}"
        self.sock.sendall(netstring({"command": command, "params": params, "token": token}))
        deadline = time.monotonic() + timeout
        while True:
            msg = self._read_one(deadline)
            if msg is None:
                raise TimeoutError(f"baresip: no response to {command} {params}")
            if msg.get("response") and msg.get("token") == token:
                return msg
            if msg.get("event"):
                self.events.append(msg)

    def wait_event(self, type_, timeout):
        """The first event of `type_` (e.g. CALL_ESTABLISHED) seen so far or within `timeout`; None if none."""
        for e in self.events:
            if e.get("type") == type_:
                return e
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            msg = self._read_one(deadline)
            if msg is None:
                break
            if msg.get("event"):
                self.events.append(msg)
                if msg.get("type") == type_:
                    return msg
        return None

    def close(self):
        self.sock.close()


class Baresip:
    """One phone. `account` is baresip's account line; `tone_hz` the ausine frequency it sends;
    `modules` extra baresip modules to load ("srtp.so" for mediaenc=srtp|srtp-mand)."""

    def __init__(self, workdir, name, *, sip_addr, ctrl_port, rtp_ports, account, tone_hz, cafile=None,
                 interface=None, modules=()):
        self.dir = Path(workdir) / name
        self.dir.mkdir(parents=True, exist_ok=True)
        # baresip's sndfile builds "<snd_path>/dump-<time>-dec.wav" in a 128-byte buffer and silently records
        # nothing when that overflows, so it records into a short private directory; stop() moves the files.
        self.snd_dir = Path(tempfile.mkdtemp(prefix="lsbs-"))
        self.name = name
        self.ctrl_port = ctrl_port
        self.rtp_ports = rtp_ports
        lines = [
            "poll_method epoll",
            f"sip_listen {sip_addr[0]}:{sip_addr[1]}",
            "call_local_timeout 30",
            "call_max_calls 2",
            "audio_player alsa,null",
            "audio_alert alsa,null",
            f"audio_source ausine,{tone_hz}",
            "ausrc_srate 48000", "auplay_srate 48000", "ausrc_channels 2", "auplay_channels 2",
            f"rtp_ports {rtp_ports[0]}-{rtp_ports[1]}",
            "rtcp_mux no",
            f"module_path {MODULE_DIR}",
            "module g711.so", "module ausine.so", "module alsa.so", "module sndfile.so",
            *[f"module {m}" for m in modules],
            f"snd_path {self.snd_dir}",
            "module_tmp account.so",
            "module_app menu.so", "module_app ctrl_tcp.so",
            f"ctrl_tcp_listen 127.0.0.1:{ctrl_port}",
        ]
        if interface:
            lines.append(f"net_interface {interface}")
        if cafile:
            lines.append(f"sip_cafile {cafile}")
        (self.dir / "config").write_text("\n".join(lines) + "\n")
        (self.dir / "accounts").write_text(account + "\n")
        (self.dir / "contacts").write_text("")
        self.log_path = self.dir / "baresip.log"
        self.proc = None
        self.ctrl = None

    def start(self):
        log = open(self.log_path, "wb")
        try:
            self.proc = subprocess.Popen(["baresip", "-f", str(self.dir)], stdout=log, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL, start_new_session=True)
        finally:
            log.close()
        self.ctrl = Control(self.ctrl_port, timeout=10)
        return self

    def recordings(self):
        """WAV files sndfile wrote: {'enc': [...], 'dec': [...]} (what it sent, what it heard)."""
        files = sorted(self.dir.glob("dump-*.wav"))
        return {"enc": [f for f in files if f.stem.endswith("-enc")],
                "dec": [f for f in files if f.stem.endswith("-dec")]}

    def log_tail(self, n=40):
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""

    def stop(self):
        if self.ctrl is not None:
            try:
                self.ctrl.command("quit", timeout=2)
            except (OSError, TimeoutError, ValueError):
                pass
            self.ctrl.close()
            self.ctrl = None
        if self.proc is not None and self.proc.poll() is None:
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        if self.snd_dir.exists():
            for f in self.snd_dir.iterdir():
                shutil.move(str(f), self.dir / f.name)
            self.snd_dir.rmdir()
