"""Place a call with a sipp caller (UAC) through Lineside: register the caller's contact, run a calls/ scenario."""
import time

from . import ports, sipp, sipp_trace
from .phone import Phone
from .sip import SipClient

# sipp 3.6.1 answers only the first challenge and knows only MD5, and it computes the digest uri from the
# server address (sip:127.0.0.1:PORT), not from the Request-URI: the call tests' daemons offer MD5 first
# and do not require the digest uri to match (the Python-client tests keep the default check).
SIPP_CALL_AUTH = {"algorithms": ["MD5", "SHA-256"], "verify_uri": False}


def register_contact(daemon, user, port, password=None):
    """Bind sip:USER@127.0.0.1:PORT for `user` (digest REGISTER from a Python socket); asserts 200."""
    with SipClient("udp", daemon.config.sip_addr) as c:
        out = Phone(c, user, password or f"secret{user}").register(contacts=[f"<sip:{user}@127.0.0.1:{port}>"])
    assert out.status == 200, f"registering {user} at udp {port}: {out.final!r} {out.first!r}"
    return out


def place_call(daemon, scenario, workdir, dn, *, caller="1001", password=None, hold_ms=500, timeout=30,
               register=True, recv_timeout_ms=10000, name=None):
    """Run tests/integration/sipp/calls/<scenario>.xml once from `caller` to `dn` (the Request-URI user).

    register: bind the caller's sipp port as its contact first (a registered phone calls from there).
    hold_ms: -d, the scenario's pauses (talk time before BYE, wait before CANCEL, ...).
    Returns the SippResult with .trace (sipp_trace.Traced list), .elapsed (s) and .port.
    """
    port = ports.reserve_port()
    if register:
        register_contact(daemon, caller, port, password)
    start = time.monotonic()
    result = sipp.run(f"calls/{scenario}.xml", daemon.config.sip_addr, [(caller, password or f"secret{caller}")],
                      workdir, timeout=timeout, local_port=port, name=name or scenario,
                      recv_timeout_ms=recv_timeout_ms,
                      extra_args=["-s", dn, "-d", str(int(hold_ms)), "-default_behaviors", "all,-abortunexp"])
    result.elapsed = time.monotonic() - start
    result.trace = sipp_trace.read_trace(result.messages)
    result.port = port
    return result


def explain(*results):
    """Assertion text: each run's sipp summary and message sequence."""
    parts = []
    for r in results:
        parts.append(r.describe() + "\n--- messages ---\n" + sipp_trace.describe(getattr(r, "trace", [])))
    return "\n=====\n".join(parts)


def call_daemon(make_daemon, **kw):
    """A started daemon set up for sipp callers (SIPP_CALL_AUTH merged into any auth= given)."""
    auth = {**SIPP_CALL_AUTH, **kw.pop("auth", {})}
    return make_daemon(auth=auth, **kw)


def final_status(trace, method="INVITE"):
    """The last final (>= 200) status the sipp run received for `method`, a 407 challenge skipped; or None."""
    finals = [s for s in sipp_trace.statuses(trace, method) if s >= 200 and s != 407]
    return finals[-1] if finals else None
