"""A throw-away test CA and a server certificate for 127.0.0.1 / pbx.test, made with the openssl CLI."""
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass
class TestPki:
    ca_cert: Path
    cert: Path
    key: Path


def _openssl(*args, cwd):
    proc = subprocess.run(["openssl", *args], cwd=cwd, capture_output=True, text=True, timeout=60)
    if proc.returncode != 0:
        raise RuntimeError(f"openssl {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr}")
    return proc.stdout


def make_pki(folder):
    """Create ca.pem (+ca.key), cert.pem and key.pem in `folder`; the server cert has SAN IP:127.0.0.1."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
             "-days", "2", "-subj", "/CN=Lineside Test CA",
             "-addext", "basicConstraints=critical,CA:TRUE",
             "-addext", "keyUsage=critical,keyCertSign,cRLSign", cwd=folder)
    _openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "server.csr",
             "-subj", "/CN=pbx.test", cwd=folder)
    (folder / "server.ext").write_text(
        "basicConstraints=CA:FALSE\n"
        "keyUsage=critical,digitalSignature,keyEncipherment\n"
        "extendedKeyUsage=serverAuth,clientAuth\n"
        "subjectAltName=IP:127.0.0.1,DNS:pbx.test\n")
    _openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
             "-out", "cert.pem", "-days", "2", "-extfile", "server.ext", cwd=folder)
    (folder / "key.pem").chmod(0o600)
    return TestPki(folder / "ca.pem", folder / "cert.pem", folder / "key.pem")


def copy_pki(pki, folder):
    """Copy an existing PKI's files into `folder` (a state dir's tls/), keeping names."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for src in (pki.ca_cert, pki.cert, pki.key):
        dst = folder / src.name
        shutil.copyfile(src, dst)
        out.append(dst)
    out[2].chmod(0o600)
    return TestPki(*out)
