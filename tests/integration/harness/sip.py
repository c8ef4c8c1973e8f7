"""A tiny SIP client over UDP, TCP and TLS: build requests, frame and parse messages, run transactions."""
import os
import re
import socket
import ssl
import time

# RFC 3261 7.3.3 compact forms
_COMPACT = {"i": "call-id", "m": "contact", "e": "content-encoding", "l": "content-length",
            "c": "content-type", "f": "from", "s": "subject", "k": "supported", "t": "to", "v": "via"}


def _canon(name):
    name = name.strip().lower()
    return _COMPACT.get(name, name)


class SipMessage:
    """A parsed request or response. Header lookup is case-insensitive and knows compact forms."""

    def __init__(self, start_line, headers, body, raw):
        self.start_line = start_line
        self.headers = headers  # [(name as sent, value)]
        self.body = body
        self.raw = raw
        self.status = None
        self.reason = None
        self.method = None
        self.uri = None
        parts = start_line.split(" ", 2)
        if start_line.startswith("SIP/2.0 "):
            self.status = int(parts[1])
            self.reason = parts[2] if len(parts) > 2 else ""
        elif len(parts) == 3:
            self.method, self.uri = parts[0], parts[1]

    @property
    def is_response(self):
        return self.status is not None

    def get_all(self, name):
        """Every value of header `name`, comma-separated lists NOT split (WWW-Authenticate has commas)."""
        want = _canon(name)
        return [v for n, v in self.headers if _canon(n) == want]

    def get(self, name, default=None):
        values = self.get_all(name)
        return values[0] if values else default

    def contacts(self):
        """Contact values split on top-level commas (outside <> and quotes)."""
        out = []
        for value in self.get_all("contact"):
            out += split_top_level(value)
        return out

    def __repr__(self):
        return f"<SipMessage {self.start_line!r}>"


def split_top_level(value):
    items, depth, quoted, cur = [], 0, False, ""
    for ch in value:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch == "<":
            depth += 1
        elif not quoted and ch == ">":
            depth -= 1
        if ch == "," and depth == 0 and not quoted:
            items.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        items.append(cur.strip())
    return items


def contact_param(contact, name):
    """A header parameter of one Contact value (after the >), or None."""
    tail = contact.rsplit(">", 1)[1] if ">" in contact else contact
    for p in tail.split(";")[1:]:
        k, _, v = p.partition("=")
        if k.strip().lower() == name.lower():
            return v.strip().strip('"')
    return None


def parse_message(data):
    """Parse one complete SIP message (bytes). Raises ValueError on a malformed one."""
    head, sep, body = data.partition(b"\r\n\r\n")
    if not sep:
        raise ValueError("no end of headers")
    lines = head.decode("utf-8", errors="replace").split("\r\n")
    headers = []
    for line in lines[1:]:
        if line[:1] in (" ", "\t") and headers:
            name, value = headers[-1]
            headers[-1] = (name, value + " " + line.strip())
            continue
        name, colon, value = line.partition(":")
        if not colon:
            raise ValueError(f"header without colon: {line!r}")
        headers.append((name.strip(), value.strip()))
    return SipMessage(lines[0], headers, body, data)


def new_branch():
    return "z9hG4bK" + os.urandom(8).hex()


def new_tag():
    return os.urandom(6).hex()


def new_call_id():
    return os.urandom(10).hex() + "@127.0.0.1"


def build(start_line, headers, body=b""):
    """Bytes of a message; Content-Length is appended unless already given."""
    if isinstance(body, str):
        body = body.encode()
    lines = [start_line]
    has_length = False
    for name, value in headers:
        has_length = has_length or _canon(name) == "content-length"
        lines.append(f"{name}: {value}")
    if not has_length:
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


class SipClient:
    """One UA socket towards a server: UDP (connected-less), TCP or TLS (one connection)."""

    def __init__(self, transport, server, ssl_context=None, server_hostname=None, local_host="127.0.0.1"):
        self.transport = transport.lower()
        self.server = server
        self.domain = "pbx.test"
        self._buf = b""
        if self.transport == "udp":
            self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            self.sock.bind((local_host, 0))
        elif self.transport in ("tcp", "tls"):
            raw = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            raw.bind((local_host, 0))
            raw.settimeout(10)
            raw.connect(server)
            if self.transport == "tls":
                if ssl_context is None:
                    raise ValueError("TLS needs an ssl_context")
                raw = ssl_context.wrap_socket(raw, server_hostname=server_hostname or server[0])
            self.sock = raw
        else:
            raise ValueError(f"unknown transport {transport!r}")
        self.local = self.sock.getsockname()[:2]

    # -- identity used in Via / Contact
    @property
    def via_transport(self):
        return self.transport.upper()

    def via(self, branch=None):
        return f"SIP/2.0/{self.via_transport} {self.local[0]}:{self.local[1]};branch={branch or new_branch()};rport"

    def contact_uri(self, user, port=None):
        uri = f"sip:{user}@{self.local[0]}:{port or self.local[1]}"
        if self.transport != "udp":
            uri += f";transport={self.transport}"
        return uri

    # -- raw I/O
    def send(self, data):
        if self.transport == "udp":
            self.sock.sendto(data, self.server)
        else:
            self.sock.sendall(data)

    def _read_stream_message(self, deadline):
        while True:
            while self._buf.startswith(b"\r\n"):  # keep-alive CRLFs
                self._buf = self._buf[2:]
            end = self._buf.find(b"\r\n\r\n")
            if end >= 0:
                head = self._buf[:end].decode("utf-8", errors="replace")
                m = re.search(r"(?im)^(?:content-length|l)\s*:\s*(\d+)\s*$", head)
                length = int(m.group(1)) if m else 0
                total = end + 4 + length
                if len(self._buf) >= total:
                    data, self._buf = self._buf[:total], self._buf[total:]
                    return data
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            self.sock.settimeout(remaining)
            try:
                chunk = self.sock.recv(65536)
            except (socket.timeout, TimeoutError):
                return None
            if not chunk:
                raise ConnectionError("server closed the connection")
            self._buf += chunk

    def recv(self, timeout=2.0):
        """The next message, or None when nothing arrives within `timeout`."""
        deadline = time.monotonic() + timeout
        if self.transport == "udp":
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                self.sock.settimeout(remaining)
                try:
                    data, _ = self.sock.recvfrom(70000)
                except (socket.timeout, TimeoutError):
                    return None
                return parse_message(data)
        data = self._read_stream_message(deadline)
        return parse_message(data) if data is not None else None

    def transact(self, data, timeout=4.0, retransmit=True):
        """Send a request and return its final response (1xx skipped), or None on timeout.
        Over UDP the request is retransmitted (T1 = 0.5 s doubling) like RFC 3261 timer E."""
        branch = re.search(rb"branch=([^;\s,]+)", data)
        branch = branch.group(1).decode() if branch else None
        deadline = time.monotonic() + timeout
        interval = 0.5
        self.send(data)
        next_send = time.monotonic() + interval
        while True:
            now = time.monotonic()
            if now >= deadline:
                return None
            wait = min(deadline, next_send) - now if (self.transport == "udp" and retransmit) else deadline - now
            msg = self.recv(max(wait, 0.01))
            if msg is None:
                if self.transport == "udp" and retransmit and time.monotonic() >= next_send:
                    self.send(data)
                    interval = min(interval * 2, 4.0)
                    next_send = time.monotonic() + interval
                continue
            if not msg.is_response:
                continue
            if branch and branch not in (msg.get("via") or ""):
                continue  # a late answer to an earlier transaction
            if msg.status >= 200:
                return msg

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class Dialogless:
    """Request factory for one UA identity (From/Call-ID/CSeq kept across requests, as a phone does)."""

    def __init__(self, client, user, domain="pbx.test"):
        self.client = client
        self.user = user
        self.domain = domain
        self.call_id = new_call_id()
        self.tag = new_tag()
        self.cseq = 0

    def request(self, method, ruri, to_uri=None, headers=(), body=b"", content_type=None):
        self.cseq += 1
        to_uri = to_uri or f"sip:{self.user}@{self.domain}"
        hdrs = [("Via", self.client.via()), ("Max-Forwards", "70"),
                ("From", f"<sip:{self.user}@{self.domain}>;tag={self.tag}"), ("To", f"<{to_uri}>"),
                ("Call-ID", self.call_id), ("CSeq", f"{self.cseq} {method}"),
                ("User-Agent", "lineside-it/1")]
        hdrs += list(headers)
        if content_type:
            hdrs.append(("Content-Type", content_type))
        return build(f"{method} {ruri} SIP/2.0", hdrs, body)


def options(client, ruri=None, timeout=4.0):
    """Send OPTIONS to the server over `client`; the final response or None."""
    ua = Dialogless(client, "probe")
    ruri = ruri or f"sip:{client.server[0]}:{client.server[1]}"
    data = ua.request("OPTIONS", ruri, to_uri=ruri, headers=[("Accept", "application/sdp")])
    return client.transact(data, timeout=timeout)


def tls_client_context(cafile, version=None):
    """A verifying TLS client context; `version` pins min and max to one ssl.TLSVersion."""
    ctx = ssl.create_default_context(cafile=str(cafile))
    if version is not None:
        if version < ssl.TLSVersion.TLSv1_2:
            ctx.set_ciphers("ALL:@SECLEVEL=0")  # let the client itself offer legacy suites
        ctx.minimum_version = version
        ctx.maximum_version = version
    return ctx
