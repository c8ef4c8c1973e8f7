"""A desk phone on its own UDP socket that places one call at a time: registers (or tries to, with a
wrong password), INVITEs with extra headers, answers a 407 when it knows its password, ACKs the final
response and hangs up with BYE; it also answers MESSAGEs and BYEs the server sends it."""
import re
import threading
import time

from . import digest
from .phone import Phone
from .sip import SipClient, build, parse_message
from .py_caller import PyCaller


class DialingPhone:
    """`DialingPhone(daemon, "1001")` registers 1001 with its sample password; password="wrong" leaves it
    unregistered (register_status says what the server answered); register=False skips registration."""

    def __init__(self, daemon, user, password=None, register=True):
        self.daemon = daemon
        self.user = user
        self.password = password or f"secret{user}"
        self.client = SipClient("udp", daemon.config.sip_addr)
        self.caller = PyCaller(self.client, user, self.password)
        self.register_status = None
        if register:
            out = Phone(self.client, user, self.password).register()
            self.register_status = out.status
        self.final = None
        self.to_tag = None
        self.messages = []  # MESSAGE requests the server sent to this phone

    def _answer(self, msg):
        """200 OK to a request from the server (MESSAGE, BYE, OPTIONS) on this socket."""
        if msg.method == "MESSAGE":
            self.messages.append(msg)
        keep = [(n, v) for n, v in msg.headers if n.lower() in ("via", "from", "to", "call-id", "cseq")]
        self.client.send(build("SIP/2.0 200 OK", keep))

    def call(self, dialled, extra=(), timeout=20.0):
        """INVITE `dialled` (extra: (name, value) headers); the final response (SipMessage) or None.
        A 407 is answered once with the phone's password."""
        self.dialled = dialled
        data = self.caller.invite(dialled, extra=list(extra))
        final = self._final(data, timeout)
        if final is not None and final.status == 407:
            self.client.send(self.caller.ack(final))
            data = self.caller.invite_with_credentials(dialled, final)
            final = self._final(data, timeout)
        self.final = final
        if final is None:
            return None
        if final.status < 300:
            m = re.search(r";\s*tag=([^;\s]+)", final.get("to") or "")
            self.to_tag = m.group(1) if m else None
            self.client.send(self._in_dialog("ACK", final))
        else:
            self.client.send(self.caller.ack(final))
        return final

    def call_and_cancel(self, dialled, timeout=10.0):
        """INVITE `dialled`, CANCEL it once it rings; the INVITE's final response (487 expected) or None."""
        data = self.caller.invite(dialled)
        branch = re.search(rb"branch=([^;\s,]+)", data).group(1).decode()
        self.client.send(data)
        deadline = time.monotonic() + timeout
        cancelled = False
        while time.monotonic() < deadline:
            msg = self.client.recv(0.2)
            if msg is None:
                continue
            if not msg.is_response:
                self._answer(msg)
                continue
            if branch not in (msg.get("via") or "") or not (msg.get("cseq") or "").endswith("INVITE"):
                continue
            if msg.status in (180, 183) and not cancelled:
                self.client.send(self.caller.cancel())
                cancelled = True
            elif msg.status >= 200:
                self.client.send(self.caller.ack(msg))
                return msg
        return None

    def _final(self, data, timeout):
        branch = re.search(rb"branch=([^;\s,]+)", data).group(1).decode()
        self.client.send(data)
        deadline = time.monotonic() + timeout
        resend, interval = time.monotonic() + 0.5, 0.5
        provisional = False
        while time.monotonic() < deadline:
            msg = self.client.recv(0.2)
            if msg is None:
                if not provisional and time.monotonic() >= resend:
                    self.client.send(data)
                    interval = min(interval * 2, 4.0)
                    resend = time.monotonic() + interval
                continue
            if not msg.is_response:
                self._answer(msg)
                continue
            if branch not in (msg.get("via") or ""):
                continue
            if msg.status < 200:
                provisional = True
                continue
            return msg
        return None

    def _in_dialog(self, method, ok, cseq=None):
        inv = parse_message(self.caller.last_invite)
        number = cseq or inv.get("cseq").split()[0]
        target = ok.contacts()[0].strip("<>").split(">")[0] if ok.contacts() else inv.uri
        return build(f"{method} {target} SIP/2.0",
                     [("Via", self.client.via()), ("Max-Forwards", "70"), ("From", inv.get("from")),
                      ("To", ok.get("to")), ("Call-ID", inv.get("call-id")), ("CSeq", f"{number} {method}")])

    def hangup(self, timeout=5.0):
        """BYE the answered call; the final response or None."""
        inv = parse_message(self.caller.last_invite)
        cseq = int(inv.get("cseq").split()[0]) + 1
        return self.client.transact(self._in_dialog("BYE", self.final, cseq=str(cseq)), timeout=timeout)

    def serve_for(self, seconds):
        """Answer what the server sends (MESSAGE, BYE) for a while."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            msg = self.client.recv(0.1)
            if msg is not None and not msg.is_response:
                self._answer(msg)

    def close(self):
        self.client.close()


class MessageCatcher:
    """A registered phone (by default the front desk) that answers every MESSAGE in a thread."""

    def __init__(self, daemon, user):
        self.phone = DialingPhone(daemon, user)
        assert self.phone.register_status == 200, self.phone.register_status
        self._stop = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    @property
    def messages(self):
        return self.phone.messages

    def _run(self):
        deadline = time.monotonic() + 60
        while not self._stop and time.monotonic() < deadline:
            try:
                msg = self.phone.client.recv(0.1)
            except OSError:
                return
            if msg is not None and not msg.is_response:
                self.phone._answer(msg)

    def wait(self, n=1, timeout=10.0):
        deadline = time.monotonic() + timeout
        while len(self.messages) < n and time.monotonic() < deadline:
            time.sleep(0.05)
        return list(self.messages)

    def close(self):
        self._stop = True
        self.thread.join(timeout=2)
        self.phone.close()
