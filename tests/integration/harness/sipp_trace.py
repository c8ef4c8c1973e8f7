"""Read sipp's -trace_msg file back as the SIP messages it sent and received, in order."""
import re
from dataclasses import dataclass
from pathlib import Path

from .sip import parse_message

# Each message starts with a line of dashes and a timestamp, then "UDP message sent (N bytes):" or
# "UDP message received [N] bytes :", a blank line, and the message with CRLF line ends.
_SEPARATOR = re.compile(r"^-{20,} [^\n]*\n", re.MULTILINE)
_HEAD = re.compile(r"^(UDP|TCP|TLS|SCTP) message (sent|received)\b[^\n]*\n\n", re.IGNORECASE)


@dataclass
class Traced:
    direction: str  # "sent" or "received"
    message: object  # sip.SipMessage

    @property
    def label(self):
        m = self.message
        return f"{self.direction} {m.status if m.is_response else m.method} (CSeq {m.get('cseq')})"


def read_trace(path):
    """Every message in a -trace_msg file, oldest first; an absent file reads as none."""
    try:
        text = Path(path).read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return []
    out = []
    for chunk in _SEPARATOR.split(text):
        head = _HEAD.match(chunk)
        if not head:
            continue
        raw = chunk[head.end():].encode("utf-8", errors="replace")
        raw = raw[:-1] if raw.endswith(b"\r\n\n") else raw  # the file's own separator newline
        try:
            msg = parse_message(raw)
        except ValueError:
            continue
        length = msg.get("content-length")
        if length is not None and length.strip().isdigit():
            msg.body = msg.body[:int(length)]
        out.append(Traced(head.group(2).lower(), msg))
    return out


def requests(trace, method, direction="received"):
    """Requests of `method` in one direction, retransmissions (same Via branch and CSeq) dropped."""
    seen, out = set(), []
    for t in trace:
        m = t.message
        if t.direction != direction or m.is_response or m.method != method:
            continue
        key = (m.get("via"), m.get("cseq"))
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


def responses(trace, cseq_method=None, direction="received"):
    """Responses in one direction (optionally only those whose CSeq method is `cseq_method`), retransmissions
    (same status, CSeq and To tag) dropped."""
    seen, out = set(), []
    for t in trace:
        m = t.message
        if t.direction != direction or not m.is_response:
            continue
        if cseq_method and (m.get("cseq") or "").split()[-1:] != [cseq_method]:
            continue
        key = (m.status, m.get("cseq"), m.get("to"))
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


def statuses(trace, cseq_method=None, direction="received"):
    return [m.status for m in responses(trace, cseq_method, direction)]


def describe(trace):
    """One line per message, for assertion messages."""
    return "\n".join(t.label for t in trace) or "<no messages>"
