"""Run the real lineside daemon: start, wait until ready (log line + OPTIONS 200), stop, log access."""
import os
import re
import signal
import subprocess
import time
from pathlib import Path

from . import paths
from .admin import AdminClient
from .sip import SipClient, options

READY_TIMEOUT = 20.0
STOP_TIMEOUT = 15.0
# Lines that sanitizers print when they find something.
SANITIZER_PATTERNS = re.compile(
    r"ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error:|WARNING: ThreadSanitizer|"
    r"SUMMARY: (Address|Undefined|Leak|Thread)Sanitizer")

# Every daemon started in the current test, for the log tail printed on failure (see conftest.py).
started = []


class DaemonError(AssertionError):
    pass


def tail(path, lines=60):
    try:
        text = Path(path).read_text(errors="replace")
    except OSError as e:
        return f"<no log: {e}>"
    return "\n".join(text.splitlines()[-lines:])


def run_cli(args, timeout=30, cwd=None):
    """Run `lineside ARGS...` to completion: CompletedProcess with text stdout/stderr.
    A daemon that is still running at `timeout` is killed and reported as an AssertionError."""
    try:
        return subprocess.run([str(paths.lineside_bin()), *map(str, args)], capture_output=True, text=True,
                              timeout=timeout, stdin=subprocess.DEVNULL, cwd=cwd)
    except subprocess.TimeoutExpired as e:
        raise DaemonError(f"lineside {' '.join(map(str, args))} still running after {timeout}s\n"
                          f"{(e.stderr or b'')[-3000:]!r}") from None


class Lineside:
    """One daemon process for one LinesideConfig; can be restarted on the same state dir."""

    def __init__(self, config, module_dirs=None, extra_args=()):
        self.config = config
        self.module_dirs = list(module_dirs) if module_dirs is not None else [paths.module_dir()]
        self.extra_args = list(extra_args)
        self.wrapper = []  # a command the daemon is started through (prlimit, setpriv...), exec'ing it
        self.proc = None
        self.runs = 0
        self.log_path = None
        started.append(self)

    @property
    def argv(self):
        argv = [str(paths.lineside_bin()), "--config", str(self.config.path),
                "--state-dir", str(self.config.state_dir)]
        for d in self.module_dirs:
            argv += ["--module-dir", str(d)]
        return self.wrapper + argv + self.extra_args

    def start(self, wait=True, timeout=READY_TIMEOUT):
        assert self.proc is None or self.proc.poll() is not None, "already running"
        binary = paths.lineside_bin()
        if not binary.exists():
            raise DaemonError(f"lineside binary not found at {binary} (set LINESIDE_BIN)")
        self.runs += 1
        self.log_path = self.config.workdir / f"lineside-{self.runs}.log"
        log = open(self.log_path, "wb")
        try:
            self.proc = subprocess.Popen(self.argv, stdout=log, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL, start_new_session=True)
        finally:
            log.close()
        if wait:
            self.wait_ready(timeout)
        return self

    def log_text(self):
        return Path(self.log_path).read_text(errors="replace") if self.log_path else ""

    def log_tail(self, lines=60):
        return tail(self.log_path, lines) if self.log_path else "<never started>"

    def fail(self, message):
        raise DaemonError(f"{message}\n--- lineside log tail ({self.log_path}) ---\n{self.log_tail()}")

    def wait_ready(self, timeout=READY_TIMEOUT):
        """Wait for 'lineside: ready' in the log and a 200 to OPTIONS over UDP."""
        deadline = time.monotonic() + timeout
        while "lineside: ready" not in self.log_text():
            if self.proc.poll() is not None:
                self.fail(f"lineside exited with {self.proc.returncode} before it was ready")
            if time.monotonic() > deadline:
                self.fail(f"no 'lineside: ready' within {timeout:.0f}s")
            time.sleep(0.05)
        with SipClient("udp", self.config.sip_addr) as c:
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    self.fail(f"no 200 to OPTIONS on udp {self.config.sip_addr} within {timeout:.0f}s")
                r = options(c, timeout=min(left, 2.0))
                if r is not None and r.status == 200:
                    return
                if self.proc.poll() is not None:
                    self.fail(f"lineside exited with {self.proc.returncode} while waiting for OPTIONS")

    @property
    def running(self):
        return self.proc is not None and self.proc.poll() is None

    def signal(self, sig):
        self.proc.send_signal(sig)

    def stop(self, expect_rc=0, timeout=STOP_TIMEOUT):
        """SIGTERM and wait; asserts the exit code and a log free of sanitizer reports."""
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
                self.fail(f"lineside did not exit within {timeout:.0f}s of SIGTERM")
        rc = self.proc.returncode
        if expect_rc is not None and rc != expect_rc:
            self.fail(f"lineside exited with {rc} after SIGTERM, expected {expect_rc}")
        self.check_sanitizers()
        return rc

    def kill(self):
        """SIGKILL (kill -9) and reap."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)
        return self.proc.returncode if self.proc else None

    def check_sanitizers(self):
        m = SANITIZER_PATTERNS.search(self.log_text())
        if m:
            self.fail(f"sanitizer report in the log: {m.group(0)}")

    def wait_exit(self, timeout):
        """Exit code once the process ends on its own within `timeout`, else None."""
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            return None

    # -- clients
    def token(self):
        deadline = time.monotonic() + 5
        while True:
            try:
                text = self.config.token_file.read_text().strip()
                if text:
                    return text
            except FileNotFoundError:
                pass
            if time.monotonic() > deadline:
                self.fail(f"admin token file {self.config.token_file} missing or empty")
            time.sleep(0.05)

    def admin(self):
        return AdminClient("127.0.0.1", self.config.admin_port, self.token())

    def sip(self, transport="udp", **kw):
        addr = self.config.tls_addr if transport == "tls" else self.config.sip_addr
        return SipClient(transport, addr, **kw)

    def cleanup(self):
        """Teardown safety net: never leave a process behind."""
        if self.proc is not None and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait(10)
