"""Run sipp scenarios from tests/integration/sipp/ with CSV injection, bounded counts and timeouts."""
import csv
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from . import paths, ports


@dataclass
class SippResult:
    returncode: int
    successful: int
    failed: int
    stdout: str
    stderr: str
    errors: str  # -trace_err file
    logs: str  # -trace_logs file (<log> actions)
    messages: Path  # -trace_msg file

    def describe(self):
        return (f"sipp rc={self.returncode} successful={self.successful} failed={self.failed}\n"
                f"--- errors ---\n{self.errors[-3000:]}\n--- stderr ---\n{self.stderr[-2000:]}\n"
                f"--- stdout tail ---\n{self.stdout[-1500:]}")


def auth_keyword(user, password):
    """The whole [authentication ...] keyword, injected as one CSV field (sipp cannot nest [fieldN])."""
    return f"[authentication username={user} password={password}]"


def write_users_csv(path, users):
    """users: [(user, password)] -> SEQUENTIAL CSV with field0 = user, field1 = auth keyword."""
    lines = ["SEQUENTIAL"] + [f"{u};{auth_keyword(u, p)};" for u, p in users]
    Path(path).write_text("\n".join(lines) + "\n")
    return Path(path)


def _last_stats(stat_file):
    try:
        rows = list(csv.reader(Path(stat_file).read_text().splitlines(), delimiter=";"))
    except OSError:
        return 0, 0
    if len(rows) < 2:
        return 0, 0
    head, last = rows[0], rows[-1]
    col = {name: i for i, name in enumerate(head)}

    def value(name):
        i = col.get(name)
        return int(last[i]) if i is not None and i < len(last) and last[i].strip().isdigit() else 0
    return value("SuccessfulCall(C)"), value("FailedCall(C)")


def run(scenario, server, users, workdir, *, calls=None, rate=20, limit=20, timeout=30,
        transport="u1", keys=None, name=None, local_port=None, recv_timeout_ms=5000, extra_args=()):
    """Run sipp as a UAC against server (host, port). `users` go to the CSV; `calls` defaults to len(users).

    local_port: sipp's source port (and Contact port); give the same one to unregister what a run bound.
    extra_args: more sipp options (-s DN, -d ms, -default_behaviors ...).
    Bounded: -m calls, -timeout (global, failing), -recv_timeout (5 s unless given); the subprocess
    itself is killed after timeout + 30 s.
    """
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    name = name or Path(scenario).stem
    calls = calls if calls is not None else len(users)
    csv_path = write_users_csv(workdir / f"{name}.csv", users)
    stat = workdir / f"{name}_stat.csv"
    err = workdir / f"{name}_errors.log"
    logf = workdir / f"{name}_logs.log"
    msgs = workdir / f"{name}_messages.log"
    scenario_path = Path(scenario) if Path(scenario).is_absolute() else paths.SIPP_DIR / scenario
    argv = ["sipp", f"{server[0]}:{server[1]}", "-sf", str(scenario_path), "-inf", str(csv_path),
            "-m", str(calls), "-r", str(rate), "-l", str(limit), "-t", transport,
            "-i", "127.0.0.1", "-bind_local", "-p", str(local_port or ports.reserve_port()),
            "-nostdin", "-timeout", f"{timeout}s", "-timeout_error", "-recv_timeout", str(recv_timeout_ms),
            "-trace_stat", "-stf", str(stat), "-fd", "1",
            "-trace_err", "-error_file", str(err),
            "-trace_logs", "-log_file", str(logf),
            "-trace_msg", "-message_file", str(msgs)]
    for key, value in {"expires": 3600, **(keys or {})}.items():
        argv += ["-key", key, str(value)]
    argv += list(extra_args)
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=timeout + 30,
                          stdin=subprocess.DEVNULL, cwd=workdir)
    ok, failed = _last_stats(stat)

    def read(p):
        try:
            return Path(p).read_text(errors="replace")
        except OSError:
            return ""
    return SippResult(proc.returncode, ok, failed, proc.stdout, proc.stderr, read(err), read(logf), msgs)


def granted_expiries(logs):
    """{user: seconds} from register_digest.xml's 'granted USER N (...)' log lines."""
    return {m.group(1): int(m.group(2)) for m in re.finditer(r"^granted (\S+) (\d+) ", logs, re.MULTILINE)}
