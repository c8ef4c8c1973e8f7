"""A minimal digest-checking UDP registrar in Python, to self-test the sipp scenarios and the SIP client."""
import os
import socket
import threading

from . import digest
from .sip import build, parse_message


class FakeRegistrar:
    """Answers REGISTER like the contract says lineside does (two challenges, SHA-256 first), OPTIONS 200.
    Records every verified or refused answer in `events` for the self-tests to check."""

    def __init__(self, users, realm="pbx.test", min_expires=60, algorithms=("SHA-256", "MD5")):
        self.users = dict(users)
        self.realm = realm
        self.min_expires = min_expires
        self.algorithms = algorithms
        self.nonces = set()
        self.events = []
        self.bindings = {}
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.addr = self.sock.getsockname()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(5)
        self.sock.close()

    def _loop(self):
        while not self._stop.is_set():
            try:
                data, peer = self.sock.recvfrom(70000)
            except (socket.timeout, TimeoutError):
                continue
            except OSError:
                return
            try:
                msg = parse_message(data)
            except ValueError:
                continue
            if msg.is_response:
                continue
            reply = self._handle(msg)
            if reply is not None:
                self.sock.sendto(reply, peer)

    def _reply(self, req, status, reason, extra=()):
        headers = [("Via", v) for v in req.get_all("via")]
        to = req.get("to")
        if status != 100 and ";tag=" not in to:
            to += ";tag=fake" + os.urandom(3).hex()
        headers += [("From", req.get("from")), ("To", to), ("Call-ID", req.get("call-id")),
                    ("CSeq", req.get("cseq"))] + list(extra)
        return build(f"SIP/2.0 {status} {reason}", headers)

    def _challenge(self, req, stale=False):
        nonce = os.urandom(12).hex()
        self.nonces.add(nonce)
        extra = []
        for alg in self.algorithms:
            value = f'Digest realm="{self.realm}", nonce="{nonce}", qop="auth", algorithm={alg}'
            if stale:
                value += ", stale=true"
            extra.append(("WWW-Authenticate", value))
        return self._reply(req, 401, "Unauthorized", extra)

    def _handle(self, req):
        if req.method == "OPTIONS":
            return self._reply(req, 200, "OK")
        if req.method != "REGISTER":
            return self._reply(req, 501, "Not Implemented")
        auth = req.get("authorization")
        if not auth:
            return self._challenge(req)
        a = digest.parse_challenge(auth)
        user, alg = a.get("username"), a.get("algorithm", "MD5")
        event = {"user": user, "algorithm": alg, "uri": a.get("uri"), "ruri": req.uri}
        self.events.append(event)
        if a.get("uri") != req.uri or a.get("nonce") not in self.nonces:
            event["result"] = "bad-uri-or-nonce"
            return self._reply(req, 400, "Bad Request")
        if user not in self.users:
            event["result"] = "unknown"
            return self._reply(req, 403, "Forbidden")
        want = digest.response(alg, user, a.get("realm"), self.users[user], req.method, a["uri"],
                               a["nonce"], a.get("nc"), a.get("cnonce"), a.get("qop"))
        if want != a.get("response"):
            event["result"] = "wrong"
            return self._challenge(req)
        expires = int(req.get("expires", "3600"))
        if 0 < expires < self.min_expires:
            event["result"] = "too-short"
            return self._reply(req, 423, "Interval Too Brief", [("Min-Expires", str(self.min_expires))])
        contact = req.get("contact")
        if expires == 0:
            self.bindings.pop(user, None)
            event["result"] = "removed"
            return self._reply(req, 200, "OK")
        self.bindings[user] = contact
        event["result"] = "bound"
        return self._reply(req, 200, "OK", [("Contact", f"{contact};expires={expires}")])
