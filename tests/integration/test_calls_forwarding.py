"""Call forward no answer / busy / always through the real daemon: the final callee sees the
Diversion (RFC 5806) and History-Info (RFC 7044) of every forward, the first target is cancelled."""
import re
import socket
import threading
import time
import uuid

from harness import config as cfgmod
from harness.phone import Phone
from harness.sip import SipClient

SDP = ("v=0\r\no=a 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
       "m=audio 40000 RTP/AVP 0\r\n")


class Callee:
    """A phone on its own UDP socket: registers, then answers INVITEs with `behaviour`:
    'ring' (180 forever), 'busy' (486) or 'answer' (180 then 200, BYE answered)."""

    def __init__(self, daemon, user, behaviour):
        self.behaviour = behaviour
        self.invites = []
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
        head = request.split("\r\n\r\n", 1)[0].split("\r\n")
        keep = [h for h in head[1:] if re.match(r"(?i)(via|from|to|call-id|cseq):", h)]
        keep = [h + (";tag=callee" if h.lower().startswith("to:") and "tag=" not in h else "") for h in keep]
        msg = f"SIP/2.0 {status} {reason}\r\n" + "\r\n".join(keep) + "\r\n"
        msg += f"Contact: <sip:callee@127.0.0.1:{self.port}>\r\n" + extra
        if body:
            msg += f"Content-Type: application/sdp\r\nContent-Length: {len(body)}\r\n\r\n{body}"
        else:
            msg += "Content-Length: 0\r\n\r\n"
        self.sock.sendto(msg.encode(), addr)

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
                if self.behaviour == "busy":
                    self._reply(text, 486, "Busy Here", addr)
                else:
                    self._reply(text, 180, "Ringing", addr)
                    if self.behaviour == "answer":
                        self._reply(text, 200, "OK", addr, body=SDP)
            elif method == "CANCEL":
                self.cancelled.set()
                self._reply(text, 200, "OK", addr)
                invite = self.invites[-1] if self.invites else text
                self._reply(invite.replace("CSeq: 1 CANCEL", "CSeq: 1 INVITE"), 487, "Request Terminated", addr)
            elif method in ("BYE", "OPTIONS"):
                self._reply(text, 200, "OK", addr)

    def close(self):
        self.stop = True
        self.thread.join(timeout=2)
        self.sock.close()


def call(daemon, dialled, timeout=15):
    """1010 (auth off, registered) calls `dialled`; returns the final status code."""
    c = SipClient("udp", daemon.config.sip_addr)
    try:
        assert Phone(c, "1010").register().status == 200
        port = c.local[1]
        cid = uuid.uuid4().hex
        inv = (f"INVITE sip:{dialled}@pbx.test SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{port};branch=z9hG4bK{cid};rport\r\n"
               f"Max-Forwards: 70\r\nFrom: <sip:1010@pbx.test>;tag=caller\r\nTo: <sip:{dialled}@pbx.test>\r\n"
               f"Call-ID: {cid}\r\nCSeq: 1 INVITE\r\nContact: <sip:1010@127.0.0.1:{port}>\r\n"
               f"Content-Type: application/sdp\r\nContent-Length: {len(SDP)}\r\n\r\n{SDP}")
        c.sock.sendto(inv.encode(), daemon.config.sip_addr)
        c.sock.settimeout(1)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                data = c.sock.recv(65535).decode(errors="replace")
            except socket.timeout:
                continue
            status = int(data.split(" ", 2)[1]) if data.startswith("SIP/2.0") else 0
            if status >= 200:
                return status
        return None
    finally:
        c.close()


def forward_devices(**forward_of):
    devices = []
    for u in range(1001, 1011):
        d = cfgmod.device(str(u), auth=(u != 1010))
        if str(u) in forward_of:
            d["forward"] = forward_of[str(u)]
        devices.append(d)
    return devices


def header(msg, name):
    m = re.search(rf"(?im)^{name}:\s*(.+)$", msg)
    return m.group(1).strip() if m else None


def test_forward_on_no_answer_reaches_the_target_with_diversion(make_daemon):
    d = make_daemon(devices=forward_devices(**{"1002": {"no_answer": "1003", "no_answer_timeout": "2s"}}))
    first, final = Callee(d, "1002", "ring"), Callee(d, "1003", "answer")
    try:
        assert call(d, "1002") == 200
        assert first.invites, "the first target was never rung"
        assert first.cancelled.wait(3), "the unanswered first target was not cancelled"
        assert final.invites, "the forward target was never rung"
        inv = final.invites[0]
        assert header(inv, "Diversion") == "<sip:1002@pbx.test>;reason=no-answer;counter=1"
        hi = header(inv, "History-Info")
        assert "<sip:1002@pbx.test>;index=1" in hi
        assert "<sip:1003@pbx.test?Reason=SIP%3Bcause%3D408>;index=1.1" in hi
        assert "1010" in header(inv, "P-Asserted-Identity")
    finally:
        first.close()
        final.close()


def test_forward_on_busy(make_daemon):
    d = make_daemon(devices=forward_devices(**{"1002": {"busy": "1003"}}))
    first, final = Callee(d, "1002", "busy"), Callee(d, "1003", "answer")
    try:
        assert call(d, "1002") == 200
        assert header(final.invites[0], "Diversion") == "<sip:1002@pbx.test>;reason=user-busy;counter=1"
    finally:
        first.close()
        final.close()


def test_forward_always_never_rings_the_first_dn_and_loops_end(make_daemon):
    d = make_daemon(devices=forward_devices(**{"1002": {"always": "1003"}, "1003": {"always": "1004"},
                                               "1005": {"always": "1006"}, "1006": {"always": "1005"}}))
    first, final = Callee(d, "1002", "answer"), Callee(d, "1004", "answer")
    try:
        assert call(d, "1002") == 200
        assert not first.invites, "forward always still rang the first DN"
        div = header(final.invites[0], "Diversion")
        assert div.startswith("<sip:1003@pbx.test>;reason=unconditional"), div
        assert "<sip:1002@pbx.test>;reason=unconditional" in div
        # A forward loop (1005 <-> 1006) ends after a bounded number of hops with a clear failure.
        assert call(d, "1005") in (404, 480)
    finally:
        first.close()
        final.close()
