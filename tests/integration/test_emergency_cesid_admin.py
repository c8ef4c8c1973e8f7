"""The CESID table through the admin API and `linesidectl cesid`: validation errors (6 digits, 13 digits,
letters) with field and rule, set/show/list/del with their exit codes, CSV and JSON import (all or
nothing, replace), kept across a restart, and registration address changes shown (CESID unchanged)."""
import json
import os
import subprocess
import urllib.request
from pathlib import Path

from harness import paths
from harness.emergency_setup import DEFAULT_CESID, emergency_module, log_lines, set_options
from harness.phone import Phone
from harness.sip import SipClient

BAD_CESIDS = [("613555", "got 6 digits"), ("6135550100123", "got 13 digits"), ("613555ABCD", "0-9 only")]


def ctl(d, *args):
    value = os.environ.get("LINESIDE_CTL")
    binary = Path(value) if value else paths.lineside_bin().parent / "linesidectl"
    d.token()
    argv = [str(binary), "--url", f"http://127.0.0.1:{d.config.admin_port}", "--token-file",
            str(d.config.token_file), *map(str, args)]
    return subprocess.run(argv, capture_output=True, text=True, timeout=30)


def post_raw(d, path, text):
    req = urllib.request.Request(f"http://127.0.0.1:{d.config.admin_port}{path}", data=text.encode(),
                                 method="POST", headers={"Authorization": f"Bearer {d.token()}"})
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def daemon(make_daemon):
    d = make_daemon(modules=emergency_module(["sip:127.0.0.1:9;transport=udp"]))
    set_options(d, default_cesid=DEFAULT_CESID)
    return d


def test_api_refuses_bad_cesids_naming_field_and_rule(make_daemon):
    d = daemon(make_daemon)
    admin = d.admin()
    for value, why in BAD_CESIDS:
        status, body = admin.request("PUT", "/api/v1/cesid/1001", body={"cesid": value})
        assert status == 400, (value, status, body)
        [error] = body["errors"]
        assert error["field"] == "cesid" and error["rule"] == "format", body
        assert "expected 7 to 12 digits" in error["message"] and why in error["message"], body
    status, body = admin.request("PUT", "/api/v1/cesid/1001", body={"cesid": 6135550101})
    assert status == 400 and body["errors"][0]["rule"] == "type", body
    assert admin.get("/api/v1/cesid/1001")[0] == 404  # nothing was stored
    status, body = post_raw(d, "/api/v1/cesid/import", "1001,6135550101\n1002,613555\n1003,61355501031234\n")
    assert status == 400, body
    assert [(e["field"], e["rule"]) for e in body["errors"]] == [("line 2: cesid", "format"),
                                                                  ("line 3: cesid", "format")], body
    assert admin.get("/api/v1/cesid")[1]["count"] == 0  # all or nothing


def test_cli_refuses_bad_cesids_with_exit_1_and_the_rule(make_daemon):
    d = daemon(make_daemon)
    for value, why in BAD_CESIDS:
        r = ctl(d, "cesid", "set", "1001", value)
        assert r.returncode == 1, (value, r.returncode, r.stdout, r.stderr)
        assert "cesid" in r.stderr and "expected 7 to 12 digits" in r.stderr and why in r.stderr, r.stderr
        assert "format" in r.stderr, r.stderr
    r = ctl(d, "cesid", "set", "1001")
    assert r.returncode == 2 and "usage" in r.stderr, r.stderr
    r = ctl(d, "cesid", "set", "1001", "6135550101", "privacy=perhaps")
    assert r.returncode == 2, r.stderr


def test_cli_set_show_list_del_and_exit_codes(make_daemon):
    d = daemon(make_daemon)
    r = ctl(d, "cesid", "set", "1001", "6135550101")
    assert r.returncode == 0 and "set the CESID of DN 1001" in r.stdout and "Ext 1001" in r.stdout, r
    assert ctl(d, "cesid", "set", "1002", "6135550102", "privacy=yes").returncode == 0
    r = ctl(d, "cesid", "show", "1002")
    assert r.returncode == 0 and "6135550102" in r.stdout and "yes" in r.stdout, r.stdout
    r = ctl(d, "cesid", "list")
    assert r.returncode == 0, r.stderr
    rows = [line.split() for line in r.stdout.splitlines()]
    assert rows[0][:3] == ["DN", "CESID", "PRIVACY"], r.stdout
    assert rows[1][:4] == ["1001", "6135550101", "no", "dev-1001"], r.stdout
    assert rows[2][:4] == ["1002", "6135550102", "yes", "dev-1002"], r.stdout
    assert f"2 entries; default CESID {DEFAULT_CESID}" in r.stdout, r.stdout
    listed = json.loads(ctl(d, "--json", "cesid", "list").stdout)
    assert [e["dn"] for e in listed["entries"]] == ["1001", "1002"], listed
    assert ctl(d, "cesid", "del", "1002").returncode == 0
    r = ctl(d, "cesid", "del", "1002")
    assert r.returncode == 3 and "no CESID entry for DN 1002" in r.stderr, r
    r = ctl(d, "cesid", "show", "1002")
    assert r.returncode == 3 and f"default CESID {DEFAULT_CESID}" in r.stderr, r
    assert ctl(d, "cesid", "frobnicate").returncode == 2


def test_cli_import_csv_and_json_kept_across_a_restart(make_daemon, tmp_path):
    d = daemon(make_daemon)
    csv = tmp_path / "cesid.csv"
    csv.write_text("dn,cesid,privacy\n# first floor\n1001,6135550101\n1002,6135550102,yes\n")
    r = ctl(d, "cesid", "import", csv)
    assert r.returncode == 0 and "2 listed, 2 changed, 0 removed; 2 entries" in r.stdout, r
    bad = tmp_path / "bad.csv"
    bad.write_text("1003,6135550103\n1004,613555\n")
    r = ctl(d, "cesid", "import", bad)
    assert r.returncode == 1 and "line 2: cesid" in r.stderr and "got 6 digits" in r.stderr, r
    exported = tmp_path / "cesid.json"
    exported.write_text(ctl(d, "--json", "cesid", "list").stdout)
    data = json.loads(exported.read_text())
    data["entries"] = [e for e in data["entries"] if e["dn"] == "1002"]
    exported.write_text(json.dumps(data))
    r = ctl(d, "cesid", "import", exported, "replace=yes")
    assert r.returncode == 0 and "1 listed, 0 changed, 1 removed; 1 entries" in r.stdout, r
    assert ctl(d, "cesid", "import", tmp_path / "absent.csv").returncode == 1

    d.stop()
    d.start()
    status, body = d.admin().get("/api/v1/cesid")
    assert status == 200 and [(e["dn"], e["cesid"], e["privacy"]) for e in body["entries"]] == \
        [("1002", "6135550102", True)], body


def test_a_phone_registering_from_a_new_address_is_reported_and_keeps_its_cesid(make_daemon):
    d = daemon(make_daemon)
    assert ctl(d, "cesid", "set", "1001", "6135550101").returncode == 0
    for host in ("127.0.0.1", "127.0.0.2"):
        with SipClient("udp", d.config.sip_addr, local_host=host) as c:
            assert Phone(c, "1001", "secret1001").register().status == 200
    lines = log_lines(d, "now registers from 127.0.0.2, before from 127.0.0.1")
    assert lines and "WARNING" in lines[0] and "CESID 6135550101 (table) is NOT changed" in lines[0], d.log_tail()
    status, body = d.admin().get("/api/v1/cesid")
    assert body["moves"][0]["device_id"] == "dev-1001" and body["moves"][0]["to"] == "127.0.0.2", body
    assert body["entries"][0]["cesid"] == "6135550101"
    r = ctl(d, "cesid", "list")
    assert "possible moves" in r.stdout and "127.0.0.2" in r.stdout, r.stdout
