"""Scripted phones on their own UDP sockets for call tests: a callee that registers and answers by
a fixed behaviour, and a caller that can hold a dialog (ACK, re-INVITE, BYE) and see BYEs."""
import re
import socket
import threading
import time
import uuid

from .phone import Phone
from .sip import SipClient

SDP = ("v=0\r\no=a 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
       "m=audio 40000 RTP/AVP 0\r\n")


def reply_text(request, status, reason, contact, extra="", body=""):
    """A phone's response to `request` (its text): the dialog headers copied (To tagged once), our Contact,
    `extra` header lines (each ending in CRLF) and an optional SDP body."""
    head = request.split("\r\n\r\n", 1)[0].split("\r\n")
    keep = [h for h in head[1:] if re.match(r"(?i)(via|from|to|call-id|cseq):", h)]
    keep = [h + (";tag=callee" if h.lower().startswith("to:") and "tag=" not in h else "") for h in keep]
    msg = f"SIP/2.0 {status} {reason}\r\n" + "\r\n".join(keep) + "\r\n"
    msg += f"Contact: {contact}\r\n" + extra
    if body:
        return msg + f"Content-Type: application/sdp\r\nContent-Length: {len(body)}\r\n\r\n{body}"
    return msg + "Content-Length: 0\r\n\r\n"


class Callee:
    """A phone on its own UDP socket: registers, then answers INVITEs with `behaviour`:
    'ring' (180 forever), 'busy' (486) or 'answer' (180 then 200, BYE answered)."""

    def __init__(self, daemon, user, behaviour, answer_headers=""):
        self.behaviour = behaviour
        self.answer_headers = answer_headers
        self.invites = []
        self.byes = []
        self.requests = []
        self.cancelled = threading.Event()
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        with daemon.sip("udp") as c:
            out = Phone(c, user, f"secret{user}").register(contacts=[f"<sip:{user}@127.0.0.1:{self.port}>"])
            assert out.status == 200, out.final
        self.stop = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _reply(self, request, status, reason, addr, extra="", body=""):
        contact = f"<sip:callee@127.0.0.1:{self.port}>"
        self.sock.sendto(reply_text(request, status, reason, contact, extra, body).encode(), addr)

    def _serve(self):
        self.sock.settimeout(0.2)
        deadline = time.monotonic() + 30
        while not self.stop and time.monotonic() < deadline:
            try:
                data, addr = self.sock.recvfrom(65535)
            except socket.timeout:
                continue
            text = data.decode(errors="replace")
            method = text.split(" ", 1)[0]
            if method == "INVITE":
                self.invites.append(text)
                self.last_invite_addr = addr
                if self.behaviour == "busy":
                    self._reply(text, 486, "Busy Here", addr)
                else:
                    self._reply(text, 180, "Ringing", addr)
                    if self.behaviour == "answer":
                        self._reply(text, 200, "OK", addr, extra=self.answer_headers, body=SDP)
            elif method == "CANCEL":
                self.cancelled.set()
                self._reply(text, 200, "OK", addr)
                invite = self.invites[-1] if self.invites else text
                self._reply(invite.replace("CSeq: 1 CANCEL", "CSeq: 1 INVITE"), 487, "Request Terminated", addr)
            elif method == "BYE":
                self.byes.append(text)
                self._reply(text, 200, "OK", addr)
            elif method in ("OPTIONS", "UPDATE", "INFO"):
                self.requests.append(text)
                self._reply(text, 200, "OK", addr)

    def close(self):
        self.stop = True
        self.thread.join(timeout=2)
        self.sock.close()




class Caller:
    """1010 (auth off) or any device whose source is its registered contact, holding one dialog."""

    def __init__(self, daemon, user="1010", password=None):
        self.daemon = daemon
        self.client = SipClient("udp", daemon.config.sip_addr)
        out = Phone(self.client, user, password or f"secret{user}").register()
        assert out.status == 200, out.final
        self.user = user
        self.port = self.client.local[1]
        self.call_id = uuid.uuid4().hex
        self.cseq = 1
        self.to_tag = None
        self.byes = []

    def _send(self, text):
        self.client.sock.sendto(text.encode(), self.daemon.config.sip_addr)

    def _request(self, method, dialled, extra="", body="", cseq=None):
        branch = "z9hG4bK" + uuid.uuid4().hex
        to_tag = f";tag={self.to_tag}" if self.to_tag else ""
        msg = (f"{method} sip:{dialled}@pbx.test SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{self.port};branch={branch};rport\r\n"
               f"Max-Forwards: 70\r\nFrom: <sip:{self.user}@pbx.test>;tag=caller\r\nTo: <sip:{dialled}@pbx.test>{to_tag}\r\n"
               f"Call-ID: {self.call_id}\r\nCSeq: {cseq or self.cseq} {method}\r\nContact: <sip:{self.user}@127.0.0.1:{self.port}>\r\n{extra}")
        if body:
            msg += f"Content-Type: application/sdp\r\nContent-Length: {len(body)}\r\n\r\n{body}"
        else:
            msg += "Content-Length: 0\r\n\r\n"
        self._send(msg)

    def _final(self, timeout):
        self.client.sock.settimeout(0.5)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                data = self.client.sock.recv(65535).decode(errors="replace")
            except socket.timeout:
                continue
            if data.startswith("BYE "):
                self._answer_bye(data)
                continue
            if data.startswith("SIP/2.0") and int(data.split(" ", 2)[1]) >= 200:
                return data
        return None

    def _answer_bye(self, data):
        self.byes.append(data)
        head = data.split("\r\n\r\n", 1)[0].split("\r\n")
        keep = [h for h in head[1:] if re.match(r"(?i)(via|from|to|call-id|cseq):", h)]
        self._send("SIP/2.0 200 OK\r\n" + "\r\n".join(keep) + "\r\nContent-Length: 0\r\n\r\n")

    def invite(self, dialled, extra="", timeout=15):
        """INVITE with SDP; ACKs a 2xx; returns the final response text (or None)."""
        self.dialled = dialled
        self._request("INVITE", dialled, extra, SDP)
        final = self._final(timeout)
        if final and final.startswith("SIP/2.0 2"):
            m = re.search(r"(?im)^To:.*;tag=([^;\s]+)", final)
            self.to_tag = m.group(1) if m else None
            self._request("ACK", dialled, cseq=self.cseq)
        return final

    def reinvite(self, extra="", timeout=5):
        self.cseq += 1
        self._request("INVITE", self.dialled, extra, SDP)
        final = self._final(timeout)
        if final and final.startswith("SIP/2.0 2"):
            self._request("ACK", self.dialled, cseq=self.cseq)
        return final

    def bye(self, timeout=5):
        self.cseq += 1
        self._request("BYE", self.dialled)
        return self._final(timeout)

    def wait_bye(self, timeout):
        """Answer and return a BYE from the server, or None."""
        self.client.sock.settimeout(0.5)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not self.byes:
            try:
                data = self.client.sock.recv(65535).decode(errors="replace")
            except socket.timeout:
                continue
            if data.startswith("BYE "):
                self._answer_bye(data)
        return self.byes[0] if self.byes else None

    def close(self):
        self.client.close()


def header(msg, name):
    """First value of header `name` in a SIP message text, or None."""
    m = re.search(rf"(?im)^{name}:\s*(.+)$", msg or "")
    return m.group(1).strip() if m else None
