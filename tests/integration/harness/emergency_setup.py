"""Daemon set-up shared by the emergency and routes tests: module config blocks, system options,
CESID entries through the admin API, and reading the INVITE a trunk received."""
from .name_addr import parse_name_addr, parse_uri

DEFAULT_CESID = "6135550000"


def emergency_module(gateways, **config):
    """A `modules:` entry enabling the emergency module with these gateway URIs (failover order)."""
    cfg = {"gateways": [{"uri": g} for g in gateways], "trunk_number": 911}
    cfg.update(config)
    return {"emergency": {"enabled": True, "required": False, "config": cfg}}


def routes_module(routes):
    """A `modules:` entry enabling the routes module with these routes."""
    return {"routes": {"enabled": True, "required": False, "config": {"routes": routes}}}


def set_options(daemon, **options):
    status, body = daemon.admin().request("PATCH", "/api/v1/options", body=options)
    assert status == 200, (status, body)
    return body


def set_cesid(daemon, dn, cesid, privacy=None):
    body = {"cesid": cesid}
    if privacy is not None:
        body["privacy"] = privacy
    status, reply = daemon.admin().request("PUT", f"/api/v1/cesid/{dn}", body=body)
    assert status in (200, 201), (status, reply)
    return reply


def from_of(invite):
    """(display, user, host) of an INVITE's From."""
    na = parse_name_addr(invite.get("from"))
    uri = parse_uri(na.uri)
    return na.display, uri.user, uri.host


def pai_user(invite):
    """The user part of P-Asserted-Identity, or None."""
    value = invite.get("p-asserted-identity")
    if value is None:
        return None
    return parse_uri(parse_name_addr(value).uri).user


def log_lines(daemon, needle):
    """Lines of the daemon log that contain `needle`."""
    return [line for line in daemon.log_text().splitlines() if needle in line]
