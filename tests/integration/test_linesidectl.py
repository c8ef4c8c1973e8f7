"""linesidectl against the running daemon: device lifecycle (add, register, change, delete,
de-registered), licences, refusals printed with their rules, import idempotence, --json, basic auth
from hash-password, HTTPS with --cacert, and the exit codes (1 refused / 401, 2 usage, 3 unreachable)."""
import json
import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from harness import config, paths, ports
from harness.phone import Phone


def ctl_bin():
    value = os.environ.get("LINESIDE_CTL")
    return Path(value) if value else paths.lineside_bin().parent / "linesidectl"


@pytest.fixture(autouse=True)
def _need_ctl():
    if not ctl_bin().exists():
        pytest.fail(f"linesidectl not found at {ctl_bin()} (set LINESIDE_CTL)", pytrace=False)


def ctl(*args, d=None, auth=True, url=None, stdin=None):
    """Run linesidectl (against daemon `d` with its token file unless told otherwise)."""
    argv = [str(ctl_bin())]
    if d is not None:
        argv += ["--url", url or f"http://127.0.0.1:{d.config.admin_port}"]
        if auth:
            d.token()  # the daemon has written it
            argv += ["--token-file", str(d.config.token_file)]
    env = dict(os.environ)
    env.pop("LINESIDE_TOKEN_FILE", None)
    return subprocess.run(argv + [str(a) for a in args], capture_output=True, text=True, timeout=30,
                          input=stdin, env=env)


def ok(result):
    assert result.returncode == 0, f"rc={result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    return result.stdout


def table(text):
    """Rows of a linesidectl table as lists of cells (split on runs of two or more blanks)."""
    return [re.split(r"\s{2,}", line.strip()) for line in text.splitlines() if line.strip()]


def fields(text):
    """A "key:  value" listing as a dict."""
    return {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in text.splitlines())}


def test_device_added_registers_changes_and_is_deregistered_when_deleted(lineside):
    out = ok(ctl("device", "add", "dev-2001", "user=2001", "dn=2001", "password=secret2001",
                 "display_name=Ext 2001", d=lineside))
    assert out.startswith("added device dev-2001\n") and "credentials:" in out
    rows = table(ok(ctl("device", "list", d=lineside)))
    assert rows[0][:3] == ["ID", "USER", "DN"]
    assert ["dev-2001", "2001", "2001"] == [r for r in rows if r[0] == "dev-2001"][0][:3]
    assert rows[-1] == ["11 devices"]
    with lineside.sip("udp") as c:
        phone = Phone(c, "2001", "secret2001")
        assert phone.register(expires=300).status == 200
        regs = table(ok(ctl("registrations", "--user", "2001", d=lineside)))
        assert regs[1][:2] == ["2001", "dev-2001"] and regs[-1] == ["1 registration"]
        out = ok(ctl("device", "set", "dev-2001", "display-name=Reception", d=lineside))
        assert "display_name:" in out and "Reception" in out
        show = fields(ok(ctl("device", "show", "dev-2001", d=lineside)))
        assert show["display_name"] == "Reception" and show["dn"] == "2001"
        assert ok(ctl("device", "del", "dev-2001", d=lineside)) == "deleted device dev-2001\n"
        assert lineside.admin().registrations(user="2001") == []
        assert phone.register(expires=300).status == 403
    r = ctl("device", "show", "dev-2001", d=lineside)
    assert r.returncode == 1 and "404" in r.stderr


def test_licence_show_reports_counts(make_daemon):
    d = make_daemon(kernel={"licences": {"ip_users": 12, "single_line_users": 2}})
    ok(ctl("device", "add", "dev-2001", "user=2001", "dn=2001", "password=pw", "single_line=yes", d=d))
    rows = table(ok(ctl("licence", "show", d=d)))
    assert rows == [["LICENCE", "AVAILABLE", "IN USE", "FREE"], ["IP User", "12", "10", "2"],
                    ["Single Line User", "2", "1", "1"]]


def test_refusals_print_field_and_rule_and_exit_1(lineside):
    r = ctl("device", "add", "dev-2003", "user=2003", "dn=2003", "password=pw", "single_line=yes",
            "device_type=5505", d=lineside)
    assert r.returncode == 1 and r.stdout == ""
    assert "422" in r.stderr
    assert "device_type: " in r.stderr and "5505" in r.stderr and "(rule single_line_5505)" in r.stderr
    r = ctl("device", "add", "dev-2004", "user=2004", "dn=2004", "password=pw", "single_line=yes",
            "service_level=basic", d=lineside)
    assert r.returncode == 1 and "(rule single_line_basic)" in r.stderr
    r = ctl("device", "add", "dev-2005", "user=2005", "dn=1001", "password=pw", d=lineside)
    assert r.returncode == 1
    assert "dn: DN '1001' is the main DN of device 'dev-1001' (rule duplicate)" in r.stderr
    assert ctl("device", "show", "dev-2003", d=lineside).returncode == 1


def test_import_of_the_sample_twice_leaves_the_same_export(make_daemon):
    d = make_daemon(devices=[config.device("3001")])
    sample = paths.sample_directory()
    assert ok(ctl("import", sample, d=d)) == f"imported {sample}: 10 created, 0 updated, 0 unchanged\n"
    first = json.loads(ok(ctl("--json", "export", d=d)))
    assert ok(ctl("import", sample, d=d)) == f"imported {sample}: 0 created, 0 updated, 10 unchanged\n"
    second = json.loads(ok(ctl("export", "--json", d=d)))
    assert first == second
    assert sorted(dev["id"] for dev in second["devices"]) == ["dev-1001", "dev-1002", "dev-1003", "dev-1004",
                                                               "dev-1005", "dev-1006", "dev-1007", "dev-1008",
                                                               "dev-1009", "dev-1010", "dev-3001"]
    # The YAML export carries the same data, with DNs kept as strings.
    assert yaml.safe_load(ok(ctl("export", d=d))) == second
    # The JSON export imports back unchanged.
    exported = d.config.workdir / "export.json"
    exported.write_text(json.dumps(second))
    assert ok(ctl("import", exported, d=d)) == f"imported {exported}: 0 created, 0 updated, 11 unchanged\n"


def test_bad_import_file_is_refused_before_sending(lineside, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("devices:\n  - { id: dev-9, user: '9', dn: 'x9', password: p }\n")
    r = ctl("import", bad, d=lineside)
    assert r.returncode == 1 and "dn" in r.stderr and str(bad) in r.stderr


def test_json_output_parses(lineside):
    devices = json.loads(ok(ctl("--json", "device", "list", d=lineside)))
    assert devices["count"] == 10 and devices["devices"][0]["id"] == "dev-1001"
    assert json.loads(ok(ctl("device", "show", "dev-1010", "--json", d=lineside)))["auth"] is False
    assert json.loads(ok(ctl("--json", "licence", "show", d=lineside)))["ip_users"]["in_use"] == 10
    assert json.loads(ok(ctl("--json", "profile", "show", "1", d=lineside)))["id"] == 1
    assert json.loads(ok(ctl("--json", "options", "show", d=lineside)))["emergency_numbers"] == ["911"]
    assert json.loads(ok(ctl("--json", "registrations", d=lineside)))["count"] == 0
    assert "calls" in json.loads(ok(ctl("--json", "calls", d=lineside)))


def test_profiles_and_options_set_and_reset(lineside):
    out = ok(ctl("profile", "set", "7", "enable_prack=no", "avp_only=no", "comment=lab", d=lineside))
    assert out.startswith("changed profile 7\n")
    shown = json.loads(ok(ctl("--json", "profile", "show", "7", d=lineside)))
    assert (shown["enable_prack"], shown["avp_only"], shown["comment"]) == (False, False, "lab")
    row = [r for r in table(ok(ctl("profile", "list", d=lineside))) if r[0] == "7"][0]
    assert row[:5] == ["7", "user", "lab", "no", "no"]
    ok(ctl("profile", "reset", "7", d=lineside))
    assert json.loads(ok(ctl("--json", "profile", "show", "7", d=lineside)))["enable_prack"] is True
    r = ctl("profile", "set", "101", "enable_prack=no", d=lineside)
    assert r.returncode == 1 and "409" in r.stderr
    ok(ctl("options", "set", "emergency_numbers=911,112", "srtp_enabled=yes", d=lineside))
    opts = json.loads(ok(ctl("--json", "options", d=lineside)))
    assert opts["emergency_numbers"] == ["911", "112"] and opts["srtp_enabled"] is True


def test_calls_lists_active_calls(lineside):
    rows = table(ok(ctl("calls", d=lineside)))
    assert rows == [["ID", "STATE", "CALLER", "DIALLED", "RINGING", "CONNECTED"], ["0 calls"]]


def test_without_credentials_the_401_is_shown_and_exit_is_1(lineside, tmp_path):
    r = ctl("--token-file", tmp_path / "missing.token", "device", "list", d=lineside, auth=False)
    assert r.returncode == 1, r.stderr
    assert "401" in r.stderr and "missing or wrong credentials" in r.stderr
    assert "missing.token" in r.stderr
    r = ctl("--token", "not-the-token", "licence", "show", d=lineside, auth=False)
    assert r.returncode == 1 and "401 Unauthorized" in r.stderr


def test_token_file_from_the_environment(lineside):
    env = dict(os.environ, LINESIDE_TOKEN_FILE=str(lineside.config.token_file))
    lineside.token()
    r = subprocess.run([str(ctl_bin()), "--url", f"http://127.0.0.1:{lineside.config.admin_port}", "licence"],
                       capture_output=True, text=True, timeout=30, env=env)
    assert r.returncode == 0, r.stderr


def test_unreachable_url_is_exit_3():
    port = ports.reserve_port()
    r = ctl("--token", "x", "--url", f"http://127.0.0.1:{port}", "device", "list")
    assert r.returncode == 3 and "cannot talk to" in r.stderr


def test_usage_errors_are_exit_2(lineside):
    assert ctl("device", "frobnicate", d=lineside).returncode == 2
    assert ctl("device", "add", "dev-9", "colour=blue", d=lineside).returncode == 2
    assert ctl("--no-such-option", d=lineside).returncode == 2
    help_text = ok(ctl("--help"))
    assert "hash-password" in help_text and "exit codes" in help_text
    assert "fields:" in ok(ctl("device", "--help"))


def test_basic_auth_user_from_hash_password(make_daemon):
    line = ok(ctl("hash-password", "admin", stdin="correct horse\n")).strip()
    assert line.startswith("admin:pbkdf2-sha256$")
    d = make_daemon(kernel={"admin": {"users": [line]}})
    assert ok(ctl("--user", "admin:correct horse", "licence", "show", d=d, auth=False)).startswith("LICENCE")
    r = ctl("--user", "admin:wrong", "licence", "show", d=d, auth=False)
    assert r.returncode == 1 and "401" in r.stderr


def test_https_with_cacert(make_daemon, tmp_path):
    tls = tmp_path / "https" / "state" / "tls"  # where make_config copies the test PKI
    d = make_daemon(name="https", kernel={"admin": {"cert_file": str(tls / "cert.pem"),
                                                    "key_file": str(tls / "key.pem")}})
    pki = d.config.pki
    url = f"https://127.0.0.1:{d.config.admin_port}"
    out = ok(ctl("--cacert", pki.ca_cert, "licence", "show", d=d, url=url))
    assert out.startswith("LICENCE")
    # Not trusting the test CA, the handshake fails: cannot connect.
    assert ctl("licence", "show", d=d, url=url).returncode == 3
