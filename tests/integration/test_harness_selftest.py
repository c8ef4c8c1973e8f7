"""Self-checks of the harness that need no daemon: digest vectors, PKI, YAML, SIP parsing, sipp scenarios."""
import socket
import ssl
import subprocess
import threading
import warnings

import pytest
import yaml

from harness import config, digest, fake_registrar, paths, ports, sip, sipp, yamlout
from harness.phone import Phone

USERS = [(str(u), f"secret{u}") for u in range(3001, 3004)]


def test_digest_md5_rfc2617_vector():
    assert digest.response("MD5", "Mufasa", "testrealm@host.com", "Circle Of Life", "GET",
                           "/dir/index.html", "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001",
                           "0a4f113b", "auth") == "6629fae49393a05397450978507c4ef1"


@pytest.mark.parametrize("algorithm,expected", [
    ("MD5", "8ca523f5e9506fed4657c9700eebdbec"),
    ("SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"),
])
def test_digest_rfc7616_vectors(algorithm, expected):
    assert digest.response(algorithm, "Mufasa", "http-auth@example.org", "Circle of Life", "GET",
                           "/dir/index.html", "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "00000001",
                           "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", "auth") == expected


def test_challenge_parser_handles_quotes_and_flags():
    ch = digest.parse_challenge('Digest realm="pbx.test", nonce="a\\"b,c", qop="auth", '
                                'algorithm=SHA-256, stale=TRUE')
    assert ch == {"scheme": "Digest", "realm": "pbx.test", "nonce": 'a"b,c', "qop": "auth",
                  "algorithm": "SHA-256", "stale": "TRUE"}


def test_sip_parser_compact_forms_and_contacts():
    raw = (b"SIP/2.0 200 OK\r\nv: SIP/2.0/UDP 127.0.0.1:1;branch=z9hG4bKx\r\n"
           b"m: <sip:a@127.0.0.1:1>;expires=60, \"B, c\" <sip:b@127.0.0.1:2>;expires=30\r\n"
           b"l: 0\r\n\r\n")
    m = sip.parse_message(raw)
    assert m.status == 200 and m.get("Via").endswith("z9hG4bKx")
    contacts = m.contacts()
    assert len(contacts) == 2
    assert [sip.contact_param(c, "expires") for c in contacts] == ["60", "30"]


def test_yaml_emitter_round_trips_the_sample_config():
    data = config.sample_data()
    assert yaml.safe_load(yamlout.dump(data)) == data


def test_ports_are_distinct_and_bindable():
    got = ports.reserve_ports(20)
    assert len(set(got)) == 20
    for p in got:
        for kind in (socket.SOCK_DGRAM, socket.SOCK_STREAM):
            with socket.socket(socket.AF_INET, kind) as s:
                s.bind(("127.0.0.1", p))


def test_pki_server_certificate_verifies_for_127_0_0_1(pki):
    out = subprocess.run(["openssl", "verify", "-CAfile", str(pki.ca_cert), str(pki.cert)],
                         capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    san = subprocess.run(["openssl", "x509", "-in", str(pki.cert), "-noout", "-ext", "subjectAltName"],
                         capture_output=True, text=True, timeout=30).stdout
    assert "IP Address:127.0.0.1" in san


def _tls_server_once(pki, result):
    sctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    sctx.load_cert_chain(pki.cert, pki.key)
    sctx.set_ciphers("ALL:@SECLEVEL=0")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        sctx.minimum_version = ssl.TLSVersion.TLSv1
    ls = socket.socket()
    ls.bind(("127.0.0.1", 0))
    ls.listen(1)
    ls.settimeout(10)

    def serve():
        try:
            conn, _ = ls.accept()
            with sctx.wrap_socket(conn, server_side=True) as s:
                result["version"] = s.version()
        except (OSError, ssl.SSLError) as e:
            result["error"] = repr(e)
        finally:
            ls.close()
    t = threading.Thread(target=serve, daemon=True)
    t.start()
    return ls.getsockname(), t


@pytest.mark.parametrize("version,name", [("TLSv1", "TLSv1"), ("TLSv1_1", "TLSv1.1"),
                                          ("TLSv1_2", "TLSv1.2"), ("TLSv1_3", "TLSv1.3")])
def test_pinned_tls_clients_really_offer_their_version(pki, version, name):
    """The legacy clients of test_tls.py can handshake with a server that allows them, so a failure
    against lineside is lineside refusing, not the client being unable."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        ver = getattr(ssl.TLSVersion, version)
        ctx = sip.tls_client_context(pki.ca_cert, ver)
    result = {}
    addr, t = _tls_server_once(pki, result)
    with ctx.wrap_socket(socket.create_connection(addr, timeout=10), server_hostname="127.0.0.1") as s:
        assert s.version() == name
    t.join(10)
    assert result.get("version") == name, result


@pytest.mark.parametrize("algorithm", ["MD5", "SHA-256"])
def test_sip_client_registers_with_fake_registrar(algorithm):
    with fake_registrar.FakeRegistrar(USERS) as fr, sip.SipClient("udp", fr.addr) as c:
        out = Phone(c, "3001", "secret3001").register(expires=120, algorithm=algorithm)
        assert out.first.status == 401 and out.status == 200
        assert [ch["algorithm"] for ch in out.challenges] == ["SHA-256", "MD5"]
        assert fr.events[-1]["result"] == "bound" and fr.events[-1]["algorithm"] == algorithm
        bad = Phone(c, "3001", "wrong").register(algorithm=algorithm)
        assert bad.status == 401 and fr.events[-1]["result"] == "wrong"


def test_sipp_scenarios_pass_against_a_conforming_registrar(tmp_path):
    # sipp 3.6.1 answers the FIRST challenge and knows only MD5: offer MD5 first (see test_registration).
    with fake_registrar.FakeRegistrar(USERS, algorithms=("MD5", "SHA-256")) as fr:
        r = sipp.run("register_digest.xml", fr.addr, USERS, tmp_path / "reg", keys={"expires": 1800})
        assert r.returncode == 0 and r.successful == 3, r.describe()
        assert sipp.granted_expiries(r.logs) == {"3001": 1800, "3002": 1800, "3003": 1800}, r.logs
        assert sorted(fr.bindings) == ["3001", "3002", "3003"]
        r = sipp.run("unregister.xml", fr.addr, USERS, tmp_path / "unreg")
        assert r.returncode == 0 and r.successful == 3, r.describe()
        assert fr.bindings == {}
        r = sipp.run("register_wrong_password.xml", fr.addr, [("3001", "nope")], tmp_path / "wrong")
        assert r.returncode == 0 and r.successful == 1, r.describe()
        r = sipp.run("register_too_short.xml", fr.addr, USERS[:1], tmp_path / "short", keys={"expires": 10})
        assert r.returncode == 0 and r.successful == 1, r.describe()
        assert "min_expires=60" in r.logs


def test_sipp_scenarios_fail_when_the_server_behaves_otherwise(tmp_path):
    with fake_registrar.FakeRegistrar(USERS, algorithms=("MD5",)) as fr:
        r = sipp.run("register_wrong_password.xml", fr.addr, USERS[:1], tmp_path / "w", timeout=15)
        assert r.returncode != 0 and r.failed == 1, r.describe()  # right password -> 200, not 401/403
        r = sipp.run("register_too_short.xml", fr.addr, USERS[:1], tmp_path / "s", keys={"expires": 600},
                     timeout=15)
        assert r.returncode != 0 and r.failed == 1, r.describe()  # long enough -> 200, not 423
        r = sipp.run("register_digest.xml", fr.addr, [("3001", "nope")], tmp_path / "r", timeout=15)
        assert r.returncode != 0 and r.failed == 1, r.describe()  # wrong password -> 401, not 200


def test_sipp_cannot_answer_a_sha256_first_challenge(tmp_path):
    """Documents why the sipp tests configure algorithms [MD5, SHA-256]: sipp 3.6.1 picks the first."""
    with fake_registrar.FakeRegistrar(USERS, algorithms=("SHA-256", "MD5")) as fr:
        r = sipp.run("register_digest.xml", fr.addr, USERS[:1], tmp_path / "x", timeout=15)
        assert r.returncode != 0 and "MD5" in r.errors + r.stderr, r.describe()


def test_sipp_scenarios_exist():
    names = sorted(p.name for p in paths.SIPP_DIR.glob("*.xml"))
    assert names == ["register_digest.xml", "register_too_short.xml", "register_wrong_password.xml",
                     "unregister.xml"]
