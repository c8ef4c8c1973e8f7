"""SMDR checks for the billing tests: the Mitel record layout (mitel-facts §b1) written out column by
column in Python, independent of the module, an SMDR stream collector, and readers for the files."""
import json
import socket
import threading
import time
from pathlib import Path

# The standard 90-column record, per the layout table: (first column, last column, field); None =
# a spacer that must stay blank.
STANDARD_LAYOUT = [
    (1, 1, "long_call"), (2, 6, "date"), (7, 7, None), (8, 13, "start_time"), (14, 14, None),
    (15, 22, "duration"), (23, 23, None), (24, 27, "calling_party"), (28, 28, None),
    (29, 29, "attendant"), (30, 32, "time_to_answer"), (33, 33, None), (34, 59, "digits"),
    (60, 60, "completion"), (61, 61, "speed_forward"), (62, 65, "called_party"), (66, 66, "transfer"),
    (67, 67, None), (68, 71, "third_party"), (72, 72, None), (73, 84, "account_code"),
    (85, 85, "route_optimisation"), (86, 88, "system_id"), (89, 90, None),
]
STANDARD_WIDTH = 90


def long_call_flag(seconds):
    """Column 1: blank under 5 min, '-' 5:00-9:59, '%' 10:00-29:59, '+' from 30 min."""
    if seconds >= 30 * 60:
        return "+"
    if seconds >= 10 * 60:
        return "%"
    if seconds >= 5 * 60:
        return "-"
    return " "


def hms(seconds):
    seconds = max(0, min(int(seconds), 99 * 3600 + 59 * 60 + 59))
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def expected_fields(*, start_ms, calling, called, digits, completion, answer_ms=None, end_ms=None,
                    internal=True, forwarded=False, third_party=None, system_id="000", clock_24h=True):
    """The field values a call should produce, from its facts (times in UNIX ms, local time zone).
    Duration = answer to end in whole seconds (0 unanswered); time to answer = start to answer for
    calls that ring an extension, '***' unanswered, blank for outgoing trunk calls."""
    start = time.localtime(start_ms / 1000)
    duration = (end_ms - answer_ms) // 1000 if answer_ms else 0
    if clock_24h:
        start_time = f"{start.tm_hour:02d}:{start.tm_min:02d} "
    else:
        h12 = start.tm_hour % 12 or 12
        start_time = f"{h12:02d}:{start.tm_min:02d}" + ("P" if start.tm_hour >= 12 else " ")
    if not internal:
        tta = "   "
    elif answer_ms:
        tta = f"{min(999, (answer_ms - start_ms) // 1000):03d}"
    else:
        tta = "***"
    return {
        "long_call": long_call_flag(duration),
        "date": f"{start.tm_mon:02d}/{start.tm_mday:02d}",
        "start_time": start_time,
        "duration": hms(duration),
        "calling_party": calling,
        "attendant": " ",
        "time_to_answer": tta,
        "digits": digits,
        "completion": completion,
        "speed_forward": "F" if forwarded else " ",
        "called_party": called,
        "transfer": "T" if third_party else " ",
        "third_party": third_party or "",
        "account_code": "",
        "route_optimisation": " ",
        "system_id": system_id,
    }


def compose(fields):
    """The record the layout table gives for `fields` (90 columns + CR LF)."""
    line = [" "] * STANDARD_WIDTH
    for first, last, name in STANDARD_LAYOUT:
        if name is None:
            continue
        width = last - first + 1
        value = fields.get(name, "").ljust(width)
        assert len(value) == width, f"{name}={value!r} does not fit columns {first}-{last}"
        line[first - 1:last] = list(value)
    return "".join(line) + "\r\n"


def column_mismatches(line, fields):
    """Every field of the layout whose columns in `line` differ from `fields`, as readable text."""
    problems = []
    if len(line) != STANDARD_WIDTH + 2 or not line.endswith("\r\n"):
        problems.append(f"length {len(line)} (expected {STANDARD_WIDTH} + CR LF): {line!r}")
    for first, last, name in STANDARD_LAYOUT:
        width = last - first + 1
        want = (fields.get(name, "") if name else "").ljust(width)
        got = line[first - 1:last]
        if got != want:
            problems.append(f"cols {first}-{last} {name or 'spacer'}: {got!r} != {want!r}")
    return problems


def assert_record(line, fields):
    problems = column_mismatches(line, fields)
    assert not problems, "SMDR record differs from the layout:\n  " + "\n  ".join(problems) + \
        f"\n  got:      {line!r}\n  expected: {compose(fields)!r}"


def crlf_records(text):
    """Records of an SMDR text (each keeps its CR LF)."""
    return [part + "\r\n" for part in text.split("\r\n")[:-1]]


def smdr_path(daemon):
    return Path(daemon.config.state_dir) / "smdr" / "smdr.txt"


def cdr_path(daemon):
    return Path(daemon.config.state_dir) / "cdr" / "cdr.jsonl"


def read_smdr(daemon):
    path = smdr_path(daemon)
    return crlf_records(path.read_bytes().decode("ascii")) if path.exists() else []


def read_cdr(daemon):
    path = cdr_path(daemon)
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line]


def wait_for(predicate, timeout=10.0, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")


def iso_ms(text):
    """UNIX ms of an ISO-8601 UTC text with milliseconds ("2024-03-05T14:07:09.250Z")."""
    import calendar
    main, frac = text.rstrip("Z").split(".")
    return calendar.timegm(time.strptime(main, "%Y-%m-%dT%H:%M:%S")) * 1000 + int(frac)


class Collector:
    """An SMDR stream collector: connects to the billing module's TCP stream and gathers records on
    a thread until close()."""

    def __init__(self, port, host="127.0.0.1", timeout=5.0):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.sock.settimeout(0.2)
        self.data = b""
        self.closed_by_server = False
        self._lock = threading.Lock()
        self._stop = False
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self):
        deadline = time.monotonic() + 120
        while not self._stop and time.monotonic() < deadline:
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                continue
            except OSError:
                break
            if not chunk:
                self.closed_by_server = True
                break
            with self._lock:
                self.data += chunk

    def records(self):
        with self._lock:
            return crlf_records(self.data.decode("ascii"))

    def wait_records(self, count, timeout=10.0):
        return wait_for(lambda: len(self.records()) >= count and self.records(), timeout,
                        f"{count} SMDR record(s) on the stream (have {len(self.records())})")

    def close(self):
        self._stop = True
        self._thread.join(timeout=2)
        self.sock.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
