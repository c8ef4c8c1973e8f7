"""A SIP trunk gateway stand-in (UAS) on its own loopback UDP port: records every request it gets and
answers INVITEs by a fixed behaviour; never registers (the server reaches it by a route's gateway URI)."""
import socket
import threading
import time

from . import ports
from .sip import parse_message

SDP = ("v=0\r\no=trunk 1 1 IN IP4 127.0.0.1\r\ns=lineside-it trunk\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
       "m=audio 40020 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n")

# behaviour -> final status of an INVITE (None: ring until CANCEL)
FINALS = {"answer": 200, "unavailable": 503, "busy": 486, "decline": 603, "error": 500, "ring": None}


class TrunkUas:
    """`with TrunkUas("answer") as gw:` then route calls to gw.uri; gw.invites holds what arrived.

    answer: 100, 180, 200 with SDP (retransmitted until ACK), answers BYE 200 (and sends none itself).
    unavailable / busy / decline / error: 100 then 503 / 486 / 603 / 500 (ACK absorbed).
    ring: 100, 180, then 200 + 487 to a CANCEL.
    """

    def __init__(self, behaviour="answer", port=None, lifetime=60.0):
        if behaviour not in FINALS:
            raise ValueError(f"unknown behaviour {behaviour!r}")
        self.behaviour = behaviour
        self.port = port or ports.reserve_port()
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", self.port))
        self.sock.settimeout(0.1)
        self.requests = []  # every request received (SipMessage), retransmissions included
        self.invites = []   # INVITEs, one per transaction (by Via branch)
        self.acked = threading.Event()
        self.byes = []
        self.lifetime = lifetime
        self._answers = {}  # branch -> [response bytes] (for retransmissions)
        self._stop = False
        self._lock = threading.Lock()
        self.thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def uri(self):
        return f"sip:127.0.0.1:{self.port};transport=udp"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        self._stop = True
        if self.thread.is_alive():
            self.thread.join(timeout=2)
        self.sock.close()

    def wait_invites(self, n=1, timeout=10.0):
        """Wait (bounded) for n distinct INVITEs; returns the list so far."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if len(self.invites) >= n:
                    break
            time.sleep(0.02)
        with self._lock:
            return list(self.invites)

    def _reply(self, req, status, reason, addr, body="", tag=True):
        keep = []
        for name, value in req.headers:
            low = name.lower()
            if low in ("via", "v", "from", "f", "call-id", "i", "cseq"):
                keep.append(f"{name}: {value}")
            elif low in ("to", "t"):
                keep.append(f"{name}: {value}" + (";tag=trunk" if tag and "tag=" not in value else ""))
        msg = f"SIP/2.0 {status} {reason}\r\n" + "\r\n".join(keep) + "\r\n"
        msg += f"Contact: <sip:trunk@127.0.0.1:{self.port}>\r\n"
        if body:
            msg += f"Content-Type: application/sdp\r\nContent-Length: {len(body)}\r\n\r\n{body}"
        else:
            msg += "Content-Length: 0\r\n\r\n"
        data = msg.encode()
        self.sock.sendto(data, addr)
        return data

    def _serve(self):
        deadline = time.monotonic() + self.lifetime
        pending_ok = None  # (bytes, addr, next resend time, interval) until ACK
        while not self._stop and time.monotonic() < deadline:
            if pending_ok and not self.acked.is_set() and time.monotonic() >= pending_ok[2]:
                data, addr, _, interval = pending_ok
                self.sock.sendto(data, addr)
                pending_ok = (data, addr, time.monotonic() + interval, min(interval * 2, 4.0))
            try:
                data, addr = self.sock.recvfrom(65535)
            except socket.timeout:
                continue
            except OSError:
                return
            try:
                req = parse_message(data)
            except ValueError:
                continue
            if req.is_response:
                continue
            with self._lock:
                self.requests.append(req)
            branch = req.get("via", "")
            if req.method == "INVITE":
                if branch in self._answers:  # retransmission: repeat what was sent
                    for sent in self._answers[branch]:
                        self.sock.sendto(sent, addr)
                    continue
                with self._lock:
                    self.invites.append(req)
                sent = [self._reply(req, 100, "Trying", addr, tag=False)]
                final = FINALS[self.behaviour]
                if final is None or final == 200:
                    sent.append(self._reply(req, 180, "Ringing", addr))
                if final == 200:
                    ok = self._reply(req, 200, "OK", addr, body=SDP)
                    sent.append(ok)
                    pending_ok = (ok, addr, time.monotonic() + 0.5, 1.0)
                elif final is not None:
                    sent.append(self._reply(req, final, "Trunk Says No", addr))
                self._answers[branch] = sent
            elif req.method == "ACK":
                self.acked.set()
            elif req.method == "CANCEL":
                self._reply(req, 200, "OK", addr)
                with self._lock:
                    invite = self.invites[-1] if self.invites else None
                if invite is not None:
                    self._reply(invite, 487, "Request Terminated", addr)
            elif req.method == "BYE":
                with self._lock:
                    self.byes.append(req)
                self._reply(req, 200, "OK", addr)
            else:
                self._reply(req, 200, "OK", addr)
