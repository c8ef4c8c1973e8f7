"""A scripted caller in Python for call tests that need exact control: INVITE, digest answer, ACK, CANCEL."""
import re
import time

from . import digest
from .sip import Dialogless, build, new_call_id, new_tag, parse_message

OFFER = ("v=0\r\no=pycaller 1 1 IN IP4 127.0.0.1\r\ns=lineside-it pycaller\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
         "m=audio 40010 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n")


class PyCaller:
    """INVITEs from one SipClient as `user` (From <sip:user@pbx.test>), keeping the request bytes for ACK/CANCEL."""

    def __init__(self, client, user, password=None):
        self.client = client
        self.user = user
        self.password = password
        self.ua = Dialogless(client, user)
        self.last_invite = None

    def invite(self, dn, extra=(), new_call=True):
        """A new call's INVITE (a fresh Call-ID and From tag, as a phone makes for every call); with
        new_call=False the next INVITE of the same attempt (the answer to a challenge)."""
        if new_call:
            self.ua.call_id = new_call_id()
            self.ua.tag = new_tag()
        ruri = f"sip:{dn}@pbx.test"
        headers = [("Contact", f"<{self.client.contact_uri(self.user)}>"), *extra]
        self.last_invite = self.ua.request("INVITE", ruri, to_uri=ruri, headers=headers, body=OFFER,
                                           content_type="application/sdp")
        return self.last_invite

    def invite_with_credentials(self, dn, challenge_response, password=None):
        """A new INVITE (same Call-ID and From tag, next CSeq) answering the 407's first Proxy-Authenticate."""
        ch = digest.parse_challenge(challenge_response.get("proxy-authenticate"))
        line = digest.authorization(ch, self.user, password if password is not None else self.password, "INVITE",
                                    f"sip:{dn}@pbx.test", header="Proxy-Authorization")
        name, _, value = line.partition(": ")
        return self.invite(dn, extra=[(name, value)], new_call=False)

    def ack(self, response):
        """ACK for a non-2xx final response to the last INVITE (same Via branch, RFC 3261 17.1.1.3)."""
        inv = parse_message(self.last_invite)
        cseq = inv.get("cseq").split()[0]
        return build(f"ACK {inv.uri} SIP/2.0", [("Via", inv.get("via")), ("Max-Forwards", "70"),
                                                ("From", inv.get("from")), ("To", response.get("to")),
                                                ("Call-ID", inv.get("call-id")), ("CSeq", f"{cseq} ACK")])

    def cancel(self):
        inv = parse_message(self.last_invite)
        cseq = inv.get("cseq").split()[0]
        return build(f"CANCEL {inv.uri} SIP/2.0", [("Via", inv.get("via")), ("Max-Forwards", "70"),
                                                   ("From", inv.get("from")), ("To", inv.get("to")),
                                                   ("Call-ID", inv.get("call-id")), ("CSeq", f"{cseq} CANCEL")])

    def collect(self, timeout):
        """Every response to the last INVITE's branch until a final one or `timeout`; [SipMessage]."""
        branch = re.search(rb"branch=([^;\s,]+)", self.last_invite).group(1).decode()
        out = []

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            msg = self.client.recv(max(0.01, deadline - time.monotonic()))
            if msg is None:
                break
            if msg.is_response and branch in (msg.get("via") or ""):
                out.append(msg)
                if msg.status >= 200:
                    break
        return out
