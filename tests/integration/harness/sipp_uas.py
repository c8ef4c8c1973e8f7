"""A sipp callee (UAS) on a free loopback port, registered with Lineside as an extension's contact."""
import signal
import socket
import subprocess
import time
from pathlib import Path

from . import paths, ports, sipp, sipp_trace
from .phone import Phone
from .sip import SipClient

CALLS_DIR = paths.SIPP_DIR / "calls"
START_TIMEOUT = 5.0


def _udp_port_taken(port):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.bind(("127.0.0.1", port))
    except OSError:
        return True
    finally:
        s.close()
    return False


class SippUas:
    """`with SippUas("uas_answer", tmp_path) as uas: uas.register(daemon, "1002")`.

    calls: sipp exits after that many calls (-m); pause_ms: -d, the scenario's ringing / talking pauses;
    timeout: sipp's own global limit (-timeout, counted as a failure). The process is stopped (SIGTERM,
    then SIGKILL) when the block ends; result() waits for it and reads its statistics and message trace.
    """

    def __init__(self, scenario, workdir, *, name=None, calls=1, pause_ms=None, timeout=60, port=None,
                 tolerate_unexpected=True, extra_args=()):
        self.scenario = CALLS_DIR / f"{scenario}.xml" if not str(scenario).endswith(".xml") else Path(scenario)
        self.name = name or Path(self.scenario).stem
        self.workdir = Path(workdir) / self.name
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.port = port or ports.reserve_port()
        self.timeout = timeout
        self.files = {k: self.workdir / f"{self.name}_{k}" for k in ("stat.csv", "errors.log", "logs.log",
                                                                      "messages.log", "stdout.log")}
        self.argv = ["sipp", "-sf", str(self.scenario), "-i", "127.0.0.1", "-p", str(self.port),
                     "-t", "u1", "-m", str(calls), "-nostdin", "-timeout", f"{timeout}s", "-timeout_error",
                     "-trace_stat", "-stf", str(self.files["stat.csv"]), "-fd", "1",
                     "-trace_err", "-error_file", str(self.files["errors.log"]),
                     "-trace_logs", "-log_file", str(self.files["logs.log"]),
                     "-trace_msg", "-message_file", str(self.files["messages.log"])]
        if pause_ms is not None:
            self.argv += ["-d", str(int(pause_ms))]
        if tolerate_unexpected:
            self.argv += ["-default_behaviors", "all,-abortunexp"]
        self.argv += list(extra_args)
        self.proc = None
        self._result = None

    def contact_for(self, user):
        return f"sip:{user}@127.0.0.1:{self.port}"

    def start(self):
        out = open(self.files["stdout.log"], "wb")
        try:
            self.proc = subprocess.Popen(self.argv, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                         cwd=self.workdir, start_new_session=True)
        finally:
            out.close()
        deadline = time.monotonic() + START_TIMEOUT
        while not _udp_port_taken(self.port):
            if self.proc.poll() is not None:
                raise AssertionError(f"sipp UAS {self.name} exited with {self.proc.returncode} at start:\n"
                                     f"{self.files['stdout.log'].read_text(errors='replace')[-2000:]}")
            if time.monotonic() > deadline:
                raise AssertionError(f"sipp UAS {self.name} not listening on udp {self.port} after {START_TIMEOUT}s")
            time.sleep(0.05)
        return self

    def register(self, daemon, user, password=None, expires=3600):
        """REGISTER (digest) this UAS's contact as a binding of `user`, from a Python socket; asserts 200."""
        with SipClient("udp", daemon.config.sip_addr) as c:
            phone = Phone(c, user, password or f"secret{user}")
            out = phone.register(expires=expires, contacts=[f"<{self.contact_for(user)}>"])
        assert out.status == 200, f"registering {user} at udp {self.port}: {out.final!r} {out.first!r}"
        return out

    def result(self, timeout=None):
        """Wait (bounded) for sipp to finish its calls; SippResult plus the parsed trace as .trace.
        A UAS still running after `timeout` seconds is stopped, and its calls count as failed."""
        if self._result is not None:
            return self._result
        wait = self.timeout + 10 if timeout is None else timeout
        try:
            self.proc.wait(wait)
        except subprocess.TimeoutExpired:
            self.stop()
        self._result = self._collect()
        return self._result

    def stop(self):
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)

    def trace(self):
        """The messages so far (sipp writes its trace as it goes)."""
        return sipp_trace.read_trace(self.files["messages.log"])

    def _collect(self):
        ok, failed = sipp._last_stats(self.files["stat.csv"])

        def read(key):
            try:
                return self.files[key].read_text(errors="replace")
            except OSError:
                return ""
        r = sipp.SippResult(self.proc.returncode, ok, failed, read("stdout.log"), "", read("errors.log"),
                            read("logs.log"), self.files["messages.log"])
        r.trace = self.trace()
        return r

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        if self._result is None and self.proc is not None:
            self._result = self._collect()
