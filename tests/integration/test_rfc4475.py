"""RFC 4475 torture messages sent bit-exact over UDP: invalid ones never get a 2xx, the server stays up."""
import time

import pytest

from harness import catcher, certs, config, daemon, paths, sip

RFC4475 = paths.rfc4475_dir()


def _manifest():
    path = RFC4475 / "manifest.tsv"
    if not path.exists():
        return []
    out = []
    for line in path.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, section, expectation, title = line.split("\t", 3)
        out.append(pytest.param(name, expectation, title, id=f"{name}-{expectation}"))
    return out


ENTRIES = _manifest() or [pytest.param(None, None, None, id="no-rfc4475-folder")]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not (RFC4475 / "manifest.tsv").exists():
        pytest.skip(f"RFC 4475 messages not found at {RFC4475} (expected $LINESIDE_SOURCE_DIR/../shared/rfc4475)")
    work = tmp_path_factory.mktemp("rfc4475")
    pki = certs.make_pki(work / "pki")
    d = daemon.Lineside(config.make_config(work / "daemon", pki))
    try:
        d.start()
        with _catcher() as c:
            yield d, c
        assert d.running, f"lineside died during the torture run\n{d.log_tail()}"
        d.stop(expect_rc=0)
    finally:
        d.cleanup()


def _catcher(wait=30.0):
    """A Catcher holding every port it needs; another process (a developer's daemon on the sample
    config's 5060) may hold one for a while, so wait a bounded time before failing."""
    deadline = time.monotonic() + wait
    while True:
        c = catcher.Catcher()
        if not c.unavailable:
            return c
        c.__exit__(None, None, None)
        if time.monotonic() > deadline:
            pytest.fail("cannot listen where the server routes answers to foreign Via headers: "
                        + "; ".join(c.unavailable), pytrace=False)
        time.sleep(0.5)


def _barrier(d):
    """OPTIONS round trip from another socket: the daemon handled everything sent before it."""
    with d.sip("udp") as probe:
        r = sip.options(probe, timeout=5.0)
    assert r is not None and r.status == 200, \
        f"OPTIONS not answered 200 ({r and r.start_line}); daemon running={d.running}\n{d.log_tail()}"
    time.sleep(0.2)  # answers routed to other listeners


@pytest.mark.parametrize("name,expectation,title", ENTRIES)
def test_torture_message(server, name, expectation, title):
    d, c = server
    data = (RFC4475 / f"{name}.dat").read_bytes()
    mark = c.mark()
    c.send(data, d.config.sip_addr)
    _barrier(d)
    answers = c.since(mark)
    cid = catcher.call_id_of(data)
    statuses = []
    for _, where, raw in answers:
        if cid is not None and catcher.call_id_of(raw) not in (None, cid):
            continue  # a late answer to an earlier message
        statuses += [(where, s) for s in catcher.statuses_in(raw)]
    if expectation in ("invalid", "reject"):
        accepted = [(w, s) for w, s in statuses if 200 <= s < 300]
        assert not accepted, f"{name} ({title}) must not be accepted, got {accepted}"
    assert d.running
