"""A desk phone's REGISTER flow on top of the SIP client: challenge, digest answer, bindings."""
from dataclasses import dataclass, field

from . import digest
from .sip import Dialogless


@dataclass
class RegisterOutcome:
    first: object = None  # response to the request without credentials
    final: object = None  # response to the request with credentials (or `first` when not challenged)
    challenges: list = field(default_factory=list)  # parsed WWW-Authenticate values of `first`

    @property
    def status(self):
        return self.final.status if self.final is not None else None


def challenges_of(response):
    return [digest.parse_challenge(v) for v in response.get_all("www-authenticate")]


def pick_challenge(challenges, algorithm):
    for ch in challenges:
        if ch.get("scheme", "").lower() == "digest" and ch.get("algorithm", "MD5").upper() == algorithm.upper():
            return ch
    raise AssertionError(f"no Digest challenge with algorithm={algorithm} in {challenges}")


class Phone:
    """One registering identity (user + password) over one SipClient."""

    def __init__(self, client, user, password=None, domain="pbx.test", ruri=None):
        self.client = client
        self.user = user
        self.password = password
        self.domain = domain
        self.ruri = ruri or f"sip:{domain}"
        self.ua = Dialogless(client, user, domain)

    @property
    def contact(self):
        return self.client.contact_uri(self.user)

    def register_request(self, expires=3600, contacts=None, extra=()):
        """REGISTER bytes. contacts: Contact header values (default: this socket's); None expires = no header."""
        if contacts is None:
            contacts = [f"<{self.contact}>"]
        headers = [("Contact", c) for c in contacts]
        if expires is not None:
            headers.append(("Expires", str(expires)))
        headers += list(extra)
        return self.ua.request("REGISTER", self.ruri, headers=headers)

    def register(self, expires=3600, contacts=None, algorithm="SHA-256", password=None, timeout=4.0):
        """Full flow: REGISTER, and when challenged (401) answer with `algorithm`. Returns RegisterOutcome."""
        out = RegisterOutcome()
        out.first = self.client.transact(self.register_request(expires, contacts), timeout=timeout)
        if out.first is None or out.first.status != 401:
            out.final = out.first
            return out
        out.challenges = challenges_of(out.first)
        ch = pick_challenge(out.challenges, algorithm)
        auth = self.authorization(ch, "REGISTER", password)
        out.final = self.client.transact(self.register_request(expires, contacts, extra=[auth]), timeout=timeout)
        return out

    def authorization(self, challenge, method, password=None, uri=None):
        """(name, value) of the Authorization header answering `challenge` for `method`."""
        line = digest.authorization(challenge, self.user, password if password is not None else self.password,
                                    method, uri or self.ruri)
        name, _, value = line.partition(": ")
        return (name, value)
