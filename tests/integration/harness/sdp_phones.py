"""Phones with SDP of the test's choosing, for media tests: a callee (UDP or TLS) that answers each
INVITE with what `answer(offer)` returns and records the offers, a caller that sends any offer, SDP
builders and a plain RTP socket."""
import re
import socket
import threading
import time
import uuid

from .calls import Caller
from .phone import Phone
from .sip import SipClient, build, new_tag


def sdp(port, proto="RTP/AVP", crypto=(), formats="0 8 101", address="127.0.0.1", extra=""):
    """An audio SDP body: PCMU, PCMA and telephone-event by default; `crypto` a=crypto values."""
    lines = ["v=0", f"o=phone 100 1 IN IP4 {address}", "s=-", f"c=IN IP4 {address}", "t=0 0",
             f"m=audio {port} {proto} {formats}", "a=rtpmap:0 PCMU/8000", "a=rtpmap:8 PCMA/8000",
             "a=rtpmap:101 telephone-event/8000", "a=fmtp:101 0-15", "a=ptime:20"]
    lines += [f"a=crypto:{c}" for c in crypto]
    return "\r\n".join(lines) + "\r\n" + extra


def media_port(body):
    m = re.search(r"(?m)^m=audio (\d+) ", body)
    return int(m.group(1)) if m else None


def media_proto(body):
    m = re.search(r"(?m)^m=audio \d+ (\S+)", body)
    return m.group(1) if m else None


def connection(body):
    m = re.search(r"(?m)^c=IN IP[46] (\S+)", body)
    return m.group(1) if m else None


def crypto_lines(body):
    return re.findall(r"(?m)^a=crypto:(.*?)\r?$", body)


def body_of(message_text):
    return message_text.split("\r\n\r\n", 1)[1] if "\r\n\r\n" in message_text else ""


class RtpSocket:
    """A UDP socket on 127.0.0.1 that sends and counts RTP."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]

    def send_rtp(self, port, seq, pt=0, payload=b"\xd5" * 160):
        header = bytes([0x80, pt, seq >> 8 & 0xFF, seq & 0xFF]) + (seq * 160).to_bytes(4, "big") + b"\x11\x22\x33\x44"
        self.sock.sendto(header + payload, ("127.0.0.1", port))

    def receive(self, timeout=1.0):
        self.sock.settimeout(timeout)
        try:
            return self.sock.recv(4096)
        except (socket.timeout, TimeoutError):
            return None

    def close(self):
        self.sock.close()


class SdpCallee:
    """A registered phone answering INVITEs (and re-INVITEs) with `answer(offer_body)` ->
    (status, body or None). Records the offers it got and the BYEs."""

    def __init__(self, daemon, user, answer, transport="udp", ssl_context=None):
        addr = daemon.config.tls_addr if transport == "tls" else daemon.config.sip_addr
        self.client = SipClient(transport, addr, ssl_context=ssl_context)
        self.user = user
        self.answer = answer
        self.offers = []
        self.byes = []
        self.tag = new_tag()
        out = Phone(self.client, user, f"secret{user}").register()
        assert out.status == 200, out.final
        self.stop = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _reply(self, req, status, reason, body=None):
        headers = [(n, v) for n, v in req.headers if n.lower() in ("via", "v", "from", "f", "call-id", "i", "cseq")]
        to = req.get("to")
        if "tag=" not in to:
            to += f";tag={self.tag}"
        headers.append(("To", to))
        headers.append(("Contact", f"<{self.client.contact_uri(self.user)}>"))
        if body is not None:
            headers.append(("Content-Type", "application/sdp"))
        self.client.send(build(f"SIP/2.0 {status} {reason}", headers, body or b""))

    def _serve(self):
        deadline = time.monotonic() + 120
        while not self.stop and time.monotonic() < deadline:
            try:
                req = self.client.recv(0.2)
            except (OSError, ConnectionError, ValueError):
                return
            if req is None or req.is_response:
                continue
            if req.method == "INVITE":
                offer = req.body.decode(errors="replace")
                self.offers.append(offer)
                status, body = self.answer(offer)
                self._reply(req, status, "OK" if status == 200 else "Not Acceptable Here", body)
            elif req.method == "BYE":
                self.byes.append(req)
                self._reply(req, 200, "OK")
            elif req.method in ("OPTIONS", "UPDATE", "INFO", "CANCEL"):
                self._reply(req, 200, "OK")

    def close(self):
        self.stop = True
        self.thread.join(timeout=2)
        self.client.close()


class SdpCaller(Caller):
    """Caller (1010: no digest, identified by its registered address) with an offer of our choice."""

    def invite_sdp(self, dialled, body, timeout=10):
        """INVITE with `body`; ACKs a 2xx; the final response text or None."""
        self.dialled = dialled
        self._request("INVITE", dialled, "", body)
        final = self._final(timeout)
        if final and final.startswith("SIP/2.0 2"):
            m = re.search(r"(?im)^To:.*;tag=([^;\s]+)", final)
            self.to_tag = m.group(1) if m else None
            self._request("ACK", dialled, cseq=self.cseq)
        return final

    def reinvite_sdp(self, body, timeout=5):
        self.cseq += 1
        self._request("INVITE", self.dialled, "", body)
        final = self._final(timeout)
        if final and final.startswith("SIP/2.0 2"):
            self._request("ACK", self.dialled, cseq=self.cseq)
        return final

    def new_call(self):
        """Forget the dialog so the next invite_sdp starts a new call."""
        self.call_id = uuid.uuid4().hex
        self.cseq = 1
        self.to_tag = None
        self.byes = []
