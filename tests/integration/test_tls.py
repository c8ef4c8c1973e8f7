"""SIP over TLS: digest REGISTER on TLS 1.2 and 1.3 with a verifying client, legacy TLS refused."""
import socket
import ssl
import warnings

import pytest

from harness import sip
from harness.admin import binding_for
from harness.phone import Phone


def _ctx(pki, version):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # TLSv1 / TLSv1_1 enum members
        return sip.tls_client_context(pki.ca_cert, getattr(ssl.TLSVersion, version))


@pytest.mark.parametrize("version,name", [("TLSv1_2", "TLSv1.2"), ("TLSv1_3", "TLSv1.3")])
def test_register_and_options_over_tls(lineside, version, name):
    ctx = _ctx(lineside.config.pki, version)
    with lineside.sip("tls", ssl_context=ctx, server_hostname="127.0.0.1") as c:
        assert c.sock.version() == name
        peer = c.sock.getpeercert()
        assert ("IP Address", "127.0.0.1") in peer["subjectAltName"]
        phone = Phone(c, "1001", "secret1001")
        out = phone.register(expires=900)
        assert out.first.status == 401, out.first.start_line
        assert out.status == 200, out.final.start_line
        # The same connection keeps serving requests after the REGISTER.
        r = sip.options(c)
        assert r is not None and r.status == 200, r and r.start_line
        b = binding_for(lineside.admin().registrations(user="1001"), phone.contact)
        assert b is not None, lineside.admin().registrations()
        assert b["transport"] == "tls" and b["awaiting_reconnect"] is False, b
        assert ";transport=tls" in phone.contact


@pytest.mark.parametrize("version", ["TLSv1", "TLSv1_1"])
def test_legacy_tls_handshake_is_refused(lineside, version):
    ctx = _ctx(lineside.config.pki, version)
    raw = socket.create_connection(lineside.config.tls_addr, timeout=10)
    with pytest.raises((ssl.SSLError, ConnectionResetError, BrokenPipeError)):
        with ctx.wrap_socket(raw, server_hostname="127.0.0.1") as s:
            s.sendall(b"OPTIONS")  # reached only if the handshake succeeded
            pytest.fail(f"{version} handshake succeeded: negotiated {s.version()}")
    raw.close()
    # The listener is still fine for a modern client.
    with lineside.sip("tls", ssl_context=_ctx(lineside.config.pki, "TLSv1_3")) as c:
        r = sip.options(c)
        assert r is not None and r.status == 200


def test_untrusted_server_certificate_is_rejected_by_the_client(lineside, tmp_path):
    """Sanity check of the client: with a different CA the handshake fails, so verification is real."""
    from harness import certs
    other = certs.make_pki(tmp_path / "other-ca")
    ctx = sip.tls_client_context(other.ca_cert)
    with pytest.raises(ssl.SSLCertVerificationError):
        lineside.sip("tls", ssl_context=ctx, server_hostname="127.0.0.1")
