"""A phone's message waiting side for the MWI tests: REGISTER and SUBSCRIBE (message-summary) with
digest, refresh and un-subscribe inside the dialog, and NOTIFYs received and answered (RFC 3842/6665)."""
import os
import re
import subprocess
import time
from pathlib import Path

from . import digest, paths
from .phone import Phone, challenges_of, pick_challenge
from .sip import build, new_call_id, new_tag

SUMMARY_TYPE = "application/simple-message-summary"


def parse_summary(body):
    """A message-summary body -> {"waiting": "yes"|"no", "account": URI, "voice": (new, old, urg_new, urg_old)}."""
    text = body.decode() if isinstance(body, bytes) else body
    out = {}
    m = re.search(r"(?im)^Messages-Waiting:\s*(yes|no)\s*$", text)
    out["waiting"] = m.group(1).lower() if m else None
    m = re.search(r"(?im)^Message-Account:\s*(\S+)\s*$", text)
    out["account"] = m.group(1) if m else None
    m = re.search(r"(?im)^Voice-Message:\s*(\d+)/(\d+)(?:\s*\((\d+)/(\d+)\))?\s*$", text)
    out["voice"] = tuple(int(g or 0) for g in m.groups()) if m else None
    return out


def tag_of(value):
    m = re.search(r";\s*tag=([^;>\s]+)", value or "")
    return m.group(1) if m else None


def ctl_bin():
    value = os.environ.get("LINESIDE_CTL")
    return Path(value) if value else paths.lineside_bin().parent / "linesidectl"


def ctl(daemon, *args, timeout=30):
    """Run linesidectl against `daemon` with its token file: CompletedProcess (text)."""
    daemon.token()
    argv = [str(ctl_bin()), "--url", f"http://127.0.0.1:{daemon.config.admin_port}",
            "--token-file", str(daemon.config.token_file), *map(str, args)]
    env = dict(os.environ)
    env.pop("LINESIDE_TOKEN_FILE", None)
    return subprocess.run(argv, capture_output=True, text=True, timeout=timeout, env=env, stdin=subprocess.DEVNULL)


class MwiPhone:
    """One identity on one SipClient. Every request it sends waits for its final response while
    NOTIFYs that arrive meanwhile are answered (`notify_status`, 200 by default) and kept in
    `notifies` for wait_notify(). `client` may be swapped for a new connection (TCP reconnect)."""

    def __init__(self, client, user, password=None, domain="pbx.test"):
        self.client = client
        self.user = user
        self.password = password if password is not None else f"secret{user}"
        self.domain = domain
        self.notifies = []  # received, not yet taken by wait_notify
        self.notify_status = 200
        self.call_id = new_call_id()
        self.tag = new_tag()
        self.cseq = 0
        self.remote_tag = None  # the server's tag once subscribed
        self.register_phone = Phone(client, user, self.password)

    # -- receiving
    def _answer(self, request):
        keep = [(n, v) for n, v in request.headers if n.lower() in ("via", "v", "from", "f", "to", "t", "call-id",
                                                                     "i", "cseq")]
        self.client.send(build(f"SIP/2.0 {self.notify_status} Answer", keep))

    def _take(self, msg):
        """Answer a request (keep NOTIFYs); return responses to the caller."""
        if msg.is_response:
            return msg
        self._answer(msg)
        if msg.method == "NOTIFY":
            self.notifies.append(msg)
        return None

    def transact(self, data, timeout=5.0):
        """Send a request, return its final response (None on timeout), keeping NOTIFYs."""
        branch = re.search(rb"branch=([^;\s,]+)", data).group(1).decode()
        deadline = time.monotonic() + timeout
        self.client.send(data)
        next_send, interval = time.monotonic() + 0.5, 0.5
        while time.monotonic() < deadline:
            wait = min(deadline, next_send) - time.monotonic() if self.client.transport == "udp" else deadline - time.monotonic()
            msg = self.client.recv(max(wait, 0.01))
            if msg is None:
                if self.client.transport == "udp" and time.monotonic() >= next_send:
                    self.client.send(data)
                    interval = min(interval * 2, 4.0)
                    next_send = time.monotonic() + interval
                continue
            resp = self._take(msg)
            if resp is not None and branch in (resp.get("via") or "") and resp.status >= 200:
                return resp
        return None

    def wait_notify(self, timeout=5.0, where=None):
        """The next NOTIFY (matching `where(msg)` when given) within `timeout`, or None."""
        deadline = time.monotonic() + timeout
        while True:
            for i, n in enumerate(self.notifies):
                if where is None or where(n):
                    return self.notifies.pop(i)
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            msg = self.client.recv(min(left, 0.5))
            if msg is not None:
                self._take(msg)

    def quiet(self, seconds):
        """Listen for `seconds`; return the NOTIFYs that came (answered)."""
        end = time.monotonic() + seconds
        got = []
        while True:
            n = self.wait_notify(max(end - time.monotonic(), 0))
            if n is None:
                return got + self._drain()
            got.append(n)

    def _drain(self):
        out, self.notifies = self.notifies, []
        return out

    # -- requests
    @property
    def server_uri(self):
        host, port = self.client.server
        return f"sip:{self.user}@{host}:{port}"

    def contact(self):
        return self.client.contact_uri(self.user)

    def register(self, expires=3600):
        self.register_phone.client = self.client
        ua = self.register_phone
        first = self.transact(ua.register_request(expires))
        if first is None or first.status != 401:
            return first
        auth = ua.authorization(pick_challenge(challenges_of(first), "SHA-256"), "REGISTER")
        return self.transact(ua.register_request(expires, extra=[auth]))

    def subscribe_request(self, expires=3600, extra=(), ruri=None, event="message-summary", in_dialog=None):
        in_dialog = self.remote_tag is not None if in_dialog is None else in_dialog
        self.cseq += 1
        to = f"<sip:{self.user}@{self.domain}>" + (f";tag={self.remote_tag}" if in_dialog else "")
        headers = [("Via", self.client.via()), ("Max-Forwards", "70"),
                   ("From", f"<sip:{self.user}@{self.domain}>;tag={self.tag}"), ("To", to),
                   ("Call-ID", self.call_id), ("CSeq", f"{self.cseq} SUBSCRIBE"),
                   ("Contact", f"<{self.contact()}>"), ("User-Agent", "lineside-it-mwi/1")]
        if event is not None:
            headers.append(("Event", event))
        headers.append(("Accept", SUMMARY_TYPE))
        if expires is not None:
            headers.append(("Expires", str(expires)))
        headers += list(extra)
        return build(f"SUBSCRIBE {ruri or self.server_uri} SIP/2.0", headers)

    def subscribe(self, expires=3600, algorithm="SHA-256", ruri=None, event="message-summary", extra=()):
        """SUBSCRIBE outside a dialog, answering a 401/407 challenge once. Returns (first, final)."""
        ruri = ruri or self.server_uri
        self.remote_tag = None
        first = self.transact(self.subscribe_request(expires, extra, ruri, event, in_dialog=False))
        final = first
        if first is not None and first.status in (401, 407):
            header = "Proxy-Authenticate" if first.status == 407 else "WWW-Authenticate"
            answer = "Proxy-Authorization" if first.status == 407 else "Authorization"
            challenge = pick_challenge([digest.parse_challenge(v) for v in first.get_all(header)], algorithm)
            line = digest.authorization(challenge, self.user, self.password, "SUBSCRIBE", ruri, header=answer)
            name, _, value = line.partition(": ")
            final = self.transact(self.subscribe_request(expires, list(extra) + [(name, value)], ruri, event,
                                                         in_dialog=False))
        if final is not None and final.status == 200:
            self.remote_tag = tag_of(final.get("to"))
        return first, final

    def refresh(self, expires):
        """SUBSCRIBE inside the dialog (Expires 0 un-subscribes). Returns the final response."""
        assert self.remote_tag, "not subscribed"
        return self.transact(self.subscribe_request(expires, in_dialog=True))
