"""Split SIP name-addr header values (From, To, Contact, Diversion) and SIP URIs into their parts."""
import re
from dataclasses import dataclass

_URI = re.compile(r"^(?P<scheme>sips?):(?:(?P<user>[^@;?]*)@)?(?P<host>\[[^\]]+\]|[^:;?>]+)(?::(?P<port>\d+))?"
                  r"(?P<params>;[^?>]*)?", re.IGNORECASE)


@dataclass
class NameAddr:
    display: str  # unquoted display name, "" when absent
    uri: str
    params: dict  # header parameters after the URI (tag, reason, ...), names lower-cased

    @property
    def tag(self):
        return self.params.get("tag")


@dataclass
class SipUri:
    scheme: str
    user: str
    host: str
    port: int
    params: dict

    @property
    def hostport(self):
        return (self.host, self.port)


def parse_name_addr(value):
    value = value.strip()
    display, uri, rest = "", value, ""
    if "<" in value:
        before, _, after = value.partition("<")
        display = before.strip().strip('"')
        uri, _, rest = after.partition(">")
    else:
        uri, _, rest = value.partition(";")
        rest = ";" + rest if rest else ""
    params = {}
    for p in rest.split(";")[1:]:
        k, _, v = p.partition("=")
        if k.strip():
            params[k.strip().lower()] = v.strip().strip('"')
    return NameAddr(display, uri.strip(), params)


def parse_uri(uri, default_port=5060):
    m = _URI.match(uri.strip().strip("<>"))
    if not m:
        raise ValueError(f"not a SIP URI: {uri!r}")
    params = {}
    for p in (m.group("params") or "").split(";")[1:]:
        k, _, v = p.partition("=")
        params[k.lower()] = v
    return SipUri(m.group("scheme").lower(), m.group("user") or "", m.group("host").lower(),
                  int(m.group("port") or default_port), params)


def via_sent_by(via):
    """(host, port) of one Via value: 'SIP/2.0/UDP 127.0.0.1:5060;branch=...'."""
    m = re.match(r"\s*SIP/2\.0/\w+\s+([^;:\s]+)(?::(\d+))?", via)
    if not m:
        raise ValueError(f"not a Via value: {via!r}")
    return (m.group(1), int(m.group(2) or 5060))
