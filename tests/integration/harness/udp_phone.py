"""A registered phone on its own UDP socket that can call and be called, and keeps every request and
response it got: for tests that look at headers the server sends on CANCEL, BYE and failure responses."""
import queue
import re
import threading
import time
import uuid

from .calls import SDP, header, reply_text  # header is also imported by tests from here
from .phone import Phone
from .sip import SipClient


def status_of(msg):
    return int(msg.split(" ", 2)[1]) if msg and msg.startswith("SIP/2.0 ") else None


class UdpPhone:
    """Registers sip:USER@127.0.0.1:PORT and answers INVITEs by `behaviour`: 'ring' (180, then nothing),
    'busy' (486), 'answer' (180, then 200 with SDP after `answer_after` s), 'answer_on_cancel' (180, then
    picked up just as the CANCEL arrives: 200 to the INVITE crossing it). CANCEL, BYE, UPDATE, INFO and
    OPTIONS get 200 (a cancelled INVITE its 487). As a caller: invite(), cancel(), bye()."""

    def __init__(self, daemon, user, behaviour="answer", answer_after=0.0, password=None, register=True):
        self.daemon = daemon
        self.user = user
        self.behaviour = behaviour
        self.answer_after = answer_after
        self.requests = []  # every request received, as text
        self.responses = queue.Queue()  # responses to what this phone sent
        self.client = SipClient("udp", daemon.config.sip_addr)  # registers from the socket it calls from
        self.sock = self.client.sock
        self.port = self.client.local[1]
        if register:
            out = Phone(self.client, user, password or f"secret{user}").register()
            assert out.status == 200, out.final
        self.call_id = uuid.uuid4().hex
        self.cseq = 1
        self.invite_branch = None
        self.to_tag = None
        self.dialled = None
        self.answered = {}  # call-id -> INVITE answered with 200 (not cancellable any more)
        self.stopping = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    # -- callee side
    def _send(self, text, addr=None):
        self.sock.sendto(text.encode(), addr or self.daemon.config.sip_addr)

    def _reply(self, request, status, phrase, addr, extra="", body=""):
        contact = f"<sip:{self.user}@127.0.0.1:{self.port}>"
        self._send(reply_text(request, status, phrase, contact, extra, body), addr)

    def _answer_later(self, invite, addr):
        time.sleep(self.answer_after)
        call_id = header(invite, "Call-ID")
        if not self.stopping and call_id not in self.cancelled_calls():
            self.answered[call_id] = invite
            self._reply(invite, 200, "OK", addr, body=SDP)

    def cancelled_calls(self):
        return {header(r, "Call-ID") for r in list(self.requests) if r.startswith("CANCEL ")}

    def _on_request(self, text, addr):
        self.requests.append(text)
        method = text.split(" ", 1)[0]
        if method == "INVITE" and header(text, "To") and "tag=" in header(text, "To"):
            self._reply(text, 200, "OK", addr, body=SDP)  # a re-INVITE
        elif method == "INVITE":
            if self.behaviour == "busy":
                self._reply(text, 486, "Busy Here", addr)
                return
            self._reply(text, 180, "Ringing", addr)
            if self.behaviour == "answer":
                threading.Thread(target=self._answer_later, args=(text, addr), daemon=True).start()
        elif method == "CANCEL":
            call_id = header(text, "Call-ID")
            invite = next((r for r in self.requests if r.startswith("INVITE ") and header(r, "Call-ID") == call_id),
                          None)
            if self.behaviour == "answer_on_cancel" and invite and call_id not in self.answered:
                self.answered[call_id] = invite
                self._reply(invite, 200, "OK", addr, body=SDP)
            self._reply(text, 200, "OK", addr)
            if invite and call_id not in self.answered:
                self._reply(invite, 487, "Request Terminated", addr)
        elif method != "ACK":
            self._reply(text, 200, "OK", addr)

    def _serve(self):
        self.sock.settimeout(0.2)
        deadline = time.monotonic() + 60
        while not self.stopping and time.monotonic() < deadline:
            try:
                data, addr = self.sock.recvfrom(65535)
            except OSError:
                continue
            text = data.decode(errors="replace")
            if text.startswith("SIP/2.0 "):
                self.responses.put(text)
            else:
                self._on_request(text, addr)

    def wait_request(self, method, timeout=5.0, count=1):
        """The `count`-th request `method` received, waiting up to `timeout` s; None if it never came."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            got = [r for r in list(self.requests) if r.startswith(method + " ")]
            if len(got) >= count:
                return got[count - 1]
            time.sleep(0.05)
        return None

    def received(self, method):
        return [r for r in list(self.requests) if r.startswith(method + " ")]

    # -- caller side
    def _request(self, method, extra="", body="", cseq=None, branch=None):
        to_tag = f";tag={self.to_tag}" if self.to_tag else ""
        msg = (f"{method} sip:{self.dialled}@pbx.test SIP/2.0\r\n"
               f"Via: SIP/2.0/UDP 127.0.0.1:{self.port};branch={branch or 'z9hG4bK' + uuid.uuid4().hex};rport\r\n"
               f"Max-Forwards: 70\r\nFrom: <sip:{self.user}@pbx.test>;tag=caller\r\n"
               f"To: <sip:{self.dialled}@pbx.test>{to_tag}\r\nCall-ID: {self.call_id}\r\n"
               f"CSeq: {cseq or self.cseq} {method}\r\nContact: <sip:{self.user}@127.0.0.1:{self.port}>\r\n{extra}")
        if body:
            msg += f"Content-Type: application/sdp\r\nContent-Length: {len(body)}\r\n\r\n{body}"
        else:
            msg += "Content-Length: 0\r\n\r\n"
        self._send(msg)

    def response(self, method, timeout=10.0, final=True, status=None):
        """The next response to `method` (a final one when `final`, or exactly `status`), else None."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                text = self.responses.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                return None
            code = status_of(text)
            if not (header(text, "CSeq") or "").endswith(method):
                continue
            if (status is not None and code == status) or (status is None and (not final or code >= 200)):
                return text
        return None

    def invite(self, dialled, extra="", timeout=15.0):
        """Send an INVITE with SDP and return its final response (ACKed), or None."""
        self.dialled = dialled
        self.invite_branch = "z9hG4bK" + uuid.uuid4().hex
        self._request("INVITE", extra, SDP, branch=self.invite_branch)
        return self.finish_invite(timeout)

    def start_invite(self, dialled, extra=""):
        self.dialled = dialled
        self.invite_branch = "z9hG4bK" + uuid.uuid4().hex
        self._request("INVITE", extra, SDP, branch=self.invite_branch)

    def finish_invite(self, timeout=15.0):
        final = self.response("INVITE", timeout)
        if final is None:
            return None
        m = re.search(r"(?im)^To:.*;tag=([^;\s]+)", final)
        if status_of(final) < 300:
            self.to_tag = m.group(1) if m else None
            self._request("ACK")
        else:  # the ACK of a failure response is part of the INVITE transaction (same branch)
            self.to_tag = m.group(1) if m else None
            self._request("ACK", branch=self.invite_branch)
            self.to_tag = None
        return final

    def cancel(self, extra="", timeout=5.0):
        """CANCEL the pending INVITE; returns the response to the CANCEL."""
        self._request("CANCEL", extra, branch=self.invite_branch)
        return self.response("CANCEL", timeout)

    def bye(self, extra="", timeout=5.0):
        self.cseq += 1
        self._request("BYE", extra)
        return self.response("BYE", timeout)

    def bye_as_callee(self, extra="", timeout=5.0):
        """Hang up the last call this phone answered; returns the response to its BYE."""
        invite = list(self.answered.values())[-1]
        target = re.search(r"<([^>]+)>", header(invite, "Contact")).group(1)
        msg = (f"BYE {target} SIP/2.0\r\n"
               f"Via: SIP/2.0/UDP 127.0.0.1:{self.port};branch=z9hG4bK{uuid.uuid4().hex};rport\r\n"
               f"Max-Forwards: 70\r\nFrom: {header(invite, 'To')};tag=callee\r\nTo: {header(invite, 'From')}\r\n"
               f"Call-ID: {header(invite, 'Call-ID')}\r\nCSeq: 1 BYE\r\n{extra}Content-Length: 0\r\n\r\n")
        self._send(msg)
        return self.response("BYE", timeout)

    def close(self):
        self.stopping = True
        self.thread.join(timeout=2)
        self.sock.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
