"""A Python phone that keeps whole SIP dialogs on its own UDP socket, for transfer and KPML tests.

It registers (digest), places calls (answering a 407), answers the server's INVITEs with its own SDP
(an answer to an offer, or an offer when the INVITE has none), answers re-INVITEs, NOTIFYs, BYEs
and anything else 200 from a receiver thread, and sends requests inside its dialogs (REFER, BYE).
Every message in and out is kept in order (`log`) so a test can check what came before what.
"""
import queue
import re
import socket
import threading
import time

from . import digest
from .sip import build, new_branch, new_call_id, new_tag, parse_message

DOMAIN = "pbx.test"


def sdp_for(name, media_port):
    """An audio offer/answer that names its phone (o= user) and port (m=), so a test can tell whose it is."""
    return (f"v=0\r\no={name} 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            f"m=audio {media_port} RTP/AVP 0\r\n")


def tag_of(value):
    m = re.search(r";\s*tag=([^;>\s]+)", value or "")
    return m.group(1) if m else None


def uri_of(value):
    """The URI of a name-addr (between < and >) or of an addr-spec (up to its parameters)."""
    value = (value or "").strip()
    if "<" in value:
        return value.split("<", 1)[1].split(">", 1)[0]
    return value.split(";", 1)[0]


class Dialog:
    """Our side of one dialog: what goes in From/To/Call-ID and where in-dialog requests are sent."""

    def __init__(self, call_id, local, remote, remote_target, cseq=1):
        self.call_id = call_id
        self.local = local  # our From value, with our tag
        self.remote = remote  # our To value, with the server's tag
        self.remote_target = remote_target  # the server's Contact URI
        self.cseq = cseq
        self.ended = False

    @property
    def local_tag(self):
        return tag_of(self.local)

    @property
    def remote_tag(self):
        return tag_of(self.remote)


class DialogPhone:
    """`DialogPhone(daemon, "1002", name="bob", media_port=40002)`; close() at the end."""

    def __init__(self, daemon, user, password=None, name=None, media_port=40000, register=True):
        self.user = user
        self.password = password or f"secret{user}"
        self.name = name or f"phone{user}"
        self.media_port = media_port
        self.sdp = sdp_for(self.name, media_port)
        self.server = daemon.config.sip_addr
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.log = []  # ("in" | "out", SipMessage) in order
        self.dialogs = []  # every dialog, in creation order
        self.behaviour = "answer"  # new INVITEs: "answer" (180, 200), "ring" (180 only), "busy" (486)
        self._responses = queue.Queue()
        self._ringing = {}  # Call-ID -> (INVITE, addr, tag) still unanswered
        self._lock = threading.Lock()
        self._stop = False
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()
        if register:
            final = self.register()
            assert final is not None and final.status == 200, f"{user} REGISTER: {final!r}"

    @property
    def contact(self):
        return f"<sip:{self.user}@127.0.0.1:{self.port}>"

    @property
    def aor(self):
        return f"<sip:{self.user}@{DOMAIN}>"

    # ---- what was received ----
    def received(self, method=None):
        with self._lock:
            return [m for d, m in self.log if d == "in" and not m.is_response and (method is None or m.method == method)]

    def index_of(self, predicate):
        """Position in `log` of the first message matching predicate(direction, msg), or None."""
        with self._lock:
            for i, (d, m) in enumerate(self.log):
                if predicate(d, m):
                    return i
        return None

    def wait_for(self, method, count=1, timeout=10.0, where=lambda m: True):
        """Wait (bounded) until `count` requests of `method` matching `where` arrived; returns them."""
        deadline = time.monotonic() + timeout
        while True:
            got = [m for m in self.received(method) if where(m)]
            if len(got) >= count or time.monotonic() > deadline:
                return got
            time.sleep(0.05)

    # ---- sending ----
    def _send(self, data):
        with self._lock:
            self.log.append(("out", parse_message(data)))
        self.sock.sendto(data, self.server)

    def _wait_final(self, call_id, cseq, method, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                msg = self._responses.get(timeout=0.1)
            except queue.Empty:
                continue
            number, _, cseq_method = (msg.get("CSeq") or "").partition(" ")
            if msg.get("Call-ID") != call_id or number != str(cseq) or cseq_method.strip() != method:
                continue
            if msg.status >= 200:
                return msg
        return None

    def _request(self, method, ruri, frm, to, call_id, cseq, headers=(), body="", content_type=None):
        hs = [("Via", f"SIP/2.0/UDP 127.0.0.1:{self.port};branch={new_branch()};rport"), ("Max-Forwards", "70"),
              ("From", frm), ("To", to), ("Call-ID", call_id), ("CSeq", f"{cseq} {method}"),
              ("Contact", self.contact)] + list(headers)
        if body:
            hs.append(("Content-Type", content_type or "application/sdp"))
        data = build(f"{method} {ruri} SIP/2.0", hs, body)
        self._send(data)
        return data

    def register(self, timeout=5.0):
        call_id, tag = new_call_id(), new_tag()
        ruri = f"sip:{DOMAIN}"
        frm = f"{self.aor};tag={tag}"
        extra = [("Expires", "3600")]
        self._request("REGISTER", ruri, frm, self.aor, call_id, 1, extra)
        final = self._wait_final(call_id, 1, "REGISTER", timeout)
        if final is not None and final.status == 401:
            ch = digest.parse_challenge(final.get("WWW-Authenticate"))
            auth = digest.authorization(ch, self.user, self.password, "REGISTER", ruri)
            name, _, value = auth.partition(": ")
            self._request("REGISTER", ruri, frm, self.aor, call_id, 2, extra + [(name, value)])
            final = self._wait_final(call_id, 2, "REGISTER", timeout)
        return final

    def invite(self, dn, headers=(), timeout=15.0, body=None):
        """Call `dn` with our SDP (answering a 407); on 2xx the dialog is ACKed and returned too."""
        call_id, tag = new_call_id(), new_tag()
        ruri = f"sip:{dn}@{DOMAIN}"
        frm, to = f"{self.aor};tag={tag}", f"<{ruri}>"
        sdp = self.sdp if body is None else body
        self._request("INVITE", ruri, frm, to, call_id, 1, headers, sdp)
        final = self._wait_final(call_id, 1, "INVITE", timeout)
        cseq = 1
        if final is not None and final.status == 407:
            self._ack_failure(ruri, frm, final, call_id, 1)
            ch = digest.parse_challenge(final.get("Proxy-Authenticate"))
            auth = digest.authorization(ch, self.user, self.password, "INVITE", ruri, header="Proxy-Authorization")
            name, _, value = auth.partition(": ")
            cseq = 2
            self._request("INVITE", ruri, frm, to, call_id, cseq, list(headers) + [(name, value)], sdp)
            final = self._wait_final(call_id, cseq, "INVITE", timeout)
        if final is None or final.status >= 300:
            if final is not None:
                self._ack_failure(ruri, frm, final, call_id, cseq)
            return final, None
        dialog = Dialog(call_id, frm, final.get("To"), uri_of(final.get("Contact")), cseq)
        with self._lock:
            self.dialogs.append(dialog)
        self._request("ACK", dialog.remote_target, dialog.local, dialog.remote, call_id, cseq)
        return final, dialog

    def _ack_failure(self, ruri, frm, final, call_id, cseq):
        # The ACK of a non-2xx final response belongs to the INVITE transaction: same branch.
        branch = re.search(r"branch=([^;\s]+)", final.get("Via") or "").group(1)
        hs = [("Via", f"SIP/2.0/UDP 127.0.0.1:{self.port};branch={branch};rport"), ("Max-Forwards", "70"),
              ("From", frm), ("To", final.get("To")), ("Call-ID", call_id), ("CSeq", f"{cseq} ACK")]
        self._send(build(f"ACK {ruri} SIP/2.0", hs))

    def request(self, dialog, method, headers=(), body="", content_type=None, timeout=5.0):
        """A request inside `dialog`; returns its final response (or None)."""
        dialog.cseq += 1
        self._request(method, dialog.remote_target, dialog.local, dialog.remote, dialog.call_id, dialog.cseq,
                      headers, body, content_type)
        return self._wait_final(dialog.call_id, dialog.cseq, method, timeout)

    def outside_dialog(self, method, dn, headers=(), body="", content_type=None, timeout=5.0):
        """A request outside any dialog to `dn`@pbx.test (a SUBSCRIBE, a REFER); (final response, our
        From value with its tag, the Call-ID)."""
        call_id, tag = new_call_id(), new_tag()
        frm = f"{self.aor};tag={tag}"
        self._request(method, f"sip:{dn}@{DOMAIN}", frm, f"<sip:{dn}@{DOMAIN}>", call_id, 1, headers, body,
                      content_type)
        return self._wait_final(call_id, 1, method, timeout), frm, call_id

    def refer(self, dialog, refer_to, headers=(), timeout=5.0):
        hs = ([("Refer-To", refer_to)] if refer_to is not None else []) + list(headers)
        return self.request(dialog, "REFER", hs, timeout=timeout)

    def bye(self, dialog, timeout=5.0):
        dialog.ended = True
        return self.request(dialog, "BYE", timeout=timeout)

    def dialog_for(self, call_id):
        with self._lock:
            for d in self.dialogs:
                if d.call_id == call_id:
                    return d
        return None

    # ---- answering the server ----
    def _serve(self):
        self.sock.settimeout(0.2)
        while not self._stop:
            try:
                data, addr = self.sock.recvfrom(65535)
            except socket.timeout:
                continue
            except OSError:
                return
            try:
                msg = parse_message(data)
            except ValueError:
                continue
            with self._lock:
                self.log.append(("in", msg))
            if msg.is_response:
                self._responses.put(msg)
            else:
                self._on_request(msg, addr)

    def _reply(self, req, status, reason, addr, to_tag=None, headers=(), body=""):
        hs = [(n, v) for n, v in req.headers if n.lower() in ("via", "v", "from", "f", "call-id", "i", "cseq")]
        to = req.get("To")
        if to_tag and not tag_of(to):
            to += f";tag={to_tag}"
        hs.insert(2, ("To", to))
        if req.method in ("INVITE", "SUBSCRIBE") and status < 300:
            hs.append(("Contact", self.contact))
        hs += list(headers)
        if body:
            hs.append(("Content-Type", "application/sdp"))
        data = build(f"SIP/2.0 {status} {reason}", hs, body)
        with self._lock:
            self.log.append(("out", parse_message(data)))
        self.sock.sendto(data, addr)

    def _on_request(self, req, addr):
        method = req.method
        if method == "ACK":
            return
        if method == "INVITE" and not tag_of(req.get("To")):
            if self.behaviour == "busy":
                self._reply(req, 486, "Busy Here", addr, to_tag=new_tag())
                return
            tag = new_tag()
            dialog = Dialog(req.get("Call-ID"), f"{req.get('To')};tag={tag}", req.get("From"),
                            uri_of(req.get("Contact")), cseq=100)
            with self._lock:
                self.dialogs.append(dialog)
            self._reply(req, 180, "Ringing", addr, to_tag=tag)
            if self.behaviour == "answer":
                self._reply(req, 200, "OK", addr, to_tag=tag, body=self.sdp)
            else:
                self._ringing[req.get("Call-ID")] = (req, addr, tag)
        elif method == "INVITE":
            self._reply(req, 200, "OK", addr, body=self.sdp)
        elif method == "CANCEL":
            self._reply(req, 200, "OK", addr)
            ringing = self._ringing.pop(req.get("Call-ID"), None)
            if ringing:
                self._reply(ringing[0], 487, "Request Terminated", ringing[1], to_tag=ringing[2])
        elif method == "BYE":
            dialog = self.dialog_for(req.get("Call-ID"))
            if dialog:
                dialog.ended = True
            self._reply(req, 200, "OK", addr)
        else:
            self._reply(req, 200, "OK", addr)

    def close(self):
        self._stop = True
        self._thread.join(timeout=2)
        self.sock.close()


def body_text(msg):
    return msg.body.decode(errors="replace") if msg is not None else ""
