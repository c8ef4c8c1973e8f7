"""Provisioning over the admin API against the running daemon: device CRUD, licences, Single Line
Phone rules, registration of added and deleted devices, 401/400 handling, import idempotence."""
import hashlib
import json
import secrets
import urllib.error
import urllib.request

from harness.phone import Phone


def raw(d, method, path, data, content_type="application/json"):
    """Send `data` bytes as they are; (status, parsed body)."""
    req = urllib.request.Request(f"http://127.0.0.1:{d.config.admin_port}{path}", data=data, method=method)
    req.add_header("Authorization", f"Bearer {d.token()}")
    req.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, json.loads(resp.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


def new_device(user, **extra):
    body = {"id": f"dev-{user}", "user": user, "dn": user, "display_name": f"Ext {user}",
            "password": f"secret{user}"}
    body.update(extra)
    return body


def rules(body):
    return [(e["field"], e["rule"]) for e in body["errors"]]


def test_device_create_read_modify_delete(lineside):
    admin = lineside.admin()
    status, body = admin.request("POST", "/api/v1/devices", body=new_device("2001", cesid="6135550100"))
    assert status == 201, body
    assert body["id"] == "dev-2001" and body["credentials"] == {"md5": True, "sha256": True}
    assert "password" not in body and "ha1_md5" not in body
    status, body = admin.get("/api/v1/devices/dev-2001")
    assert status == 200 and body["cesid"] == "6135550100" and body["service_level"] == "full"
    status, body = admin.request("PATCH", "/api/v1/devices/dev-2001",
                                 body={"display_name": "Reception", "additional_dns": ["2101"]})
    assert status == 200, body
    assert body["display_name"] == "Reception" and body["additional_dns"] == ["2101"]
    status, body = admin.request("POST", "/api/v1/devices/dev-2001/dns", body={"dn": "2102"})
    assert status == 201 and body["additional_dns"] == ["2101", "2102"], body
    status, body = admin.request("DELETE", "/api/v1/devices/dev-2001/dns/2101")
    assert status == 200 and body["additional_dns"] == ["2102"], body
    _, dns = admin.get("/api/v1/dns")
    assert {"dn": "2102", "device_id": "dev-2001", "kind": "line"} in dns["dns"]
    assert admin.request("DELETE", "/api/v1/devices/dev-2001")[0] == 200
    assert admin.get("/api/v1/devices/dev-2001")[0] == 404
    status, body = admin.request("POST", "/api/v1/devices", body=new_device("2002", dn="1001"))
    assert status == 409 and rules(body) == [("dn", "duplicate")], body


def test_licence_exhausted_is_refused_with_the_counts(make_daemon):
    d = make_daemon(kernel={"licences": {"ip_users": 11, "single_line_users": 1}})
    admin = d.admin()
    assert admin.request("POST", "/api/v1/devices", body=new_device("2001"))[0] == 201
    status, body = admin.request("POST", "/api/v1/devices", body=new_device("2002"))
    assert status == 409, body
    err = body["errors"][0]
    assert err["field"] == "licences.ip_users" and err["rule"] == "licence_exhausted"
    assert (err["in_use"], err["available"]) == (11, 11)
    assert "IP User" in err["message"] and "11 of 11" in err["message"]
    # A Single Line Phone takes the other licence type, so it still fits.
    assert admin.request("POST", "/api/v1/devices", body=new_device("2003", single_line=True))[0] == 201
    status, body = admin.request("POST", "/api/v1/devices", body=new_device("2004", single_line=True))
    assert status == 409 and body["errors"][0]["field"] == "licences.single_line_users", body
    _, lic = admin.get("/api/v1/licences")
    assert lic["ip_users"] == {"available": 11, "in_use": 11, "free": 0}
    assert lic["single_line_users"] == {"available": 1, "in_use": 1, "free": 0}
    assert admin.request("DELETE", "/api/v1/devices/dev-2001")[0] == 200
    assert admin.request("POST", "/api/v1/devices", body=new_device("2002"))[0] == 201


def test_single_line_phone_rules(lineside):
    admin = lineside.admin()
    status, body = admin.request("POST", "/api/v1/devices", body=new_device("2001", single_line=True,
                                                                             service_level="basic"))
    assert status == 422 and rules(body) == [("service_level", "single_line_basic")], body
    status, body = admin.request("POST", "/api/v1/devices", body=new_device("2002", single_line=True,
                                                                             additional_dns=["2202"]))
    assert status == 422 and rules(body) == [("additional_dns", "single_line_one_line")], body
    status, body = admin.request("POST", "/api/v1/devices", body=new_device("2003", single_line=True,
                                                                             device_type="5505"))
    assert status == 422 and rules(body) == [("device_type", "single_line_5505")], body
    assert "5505" in body["error"]
    assert admin.request("POST", "/api/v1/devices", body=new_device("2004", single_line=True))[0] == 201
    status, body = admin.request("PATCH", "/api/v1/devices/dev-2004", body={"device_type": "5604"})
    assert status == 422 and rules(body) == [("device_type", "single_line_device_type")], body
    assert body["errors"][0]["message"].endswith("Invalid Device Type for Single Line Phone")
    status, body = admin.request("PATCH", "/api/v1/devices/dev-2004", body={"additional_dns": ["2204"]})
    assert status == 422 and rules(body) == [("additional_dns", "single_line_one_line")], body
    assert admin.get("/api/v1/devices/dev-2004")[1]["device_type"] == "generic-sip"


def test_added_device_registers_at_once_and_deleted_one_is_deregistered(lineside):
    admin = lineside.admin()
    with lineside.sip("udp") as c:
        phone = Phone(c, "2001", "secret2001")
        assert phone.register(expires=300).status == 403
        assert admin.request("POST", "/api/v1/devices", body=new_device("2001"))[0] == 201
        assert phone.register(expires=300).status == 200
        assert [r["user"] for r in admin.registrations(user="2001")] == ["2001"]
        assert admin.request("DELETE", "/api/v1/devices/dev-2001")[0] == 200
        assert admin.registrations(user="2001") == []
        assert phone.register(expires=300).status == 403


def test_unauthenticated_calls_get_401(lineside):
    admin = lineside.admin()
    for method, path in (("GET", "/api/v1/devices"), ("POST", "/api/v1/devices"), ("GET", "/api/v1/licences"),
                         ("PATCH", "/api/v1/profiles/1"), ("GET", "/api/v1/export")):
        assert admin.request(method, path, token=None, body={})[0] == 401
        assert admin.request(method, path, token="wrong-token-wrong-token", body={})[0] == 401


def test_malformed_json_and_wrong_types_get_400_naming_the_field(lineside):
    status, body = raw(lineside, "POST", "/api/v1/devices", b'{"id": "dev-1", "user": ')
    assert status == 400 and body["errors"][0]["field"] == "body", body
    status, body = raw(lineside, "POST", "/api/v1/devices", b'["not", "an", "object"]')
    assert status == 400 and body["errors"][0]["field"] == "body", body
    admin = lineside.admin()
    status, body = admin.request("POST", "/api/v1/devices", body=new_device("2001", dn=2001))
    assert status == 400 and ("dn", "type") in rules(body), body
    status, body = admin.request("PATCH", "/api/v1/devices/dev-1001", body={"single_line": "yes"})
    assert status == 400 and rules(body) == [("single_line", "type")], body
    status, body = admin.request("PATCH", "/api/v1/profiles/3", body={"session_timer": "90"})
    assert status == 400 and rules(body) == [("session_timer", "type")], body
    status, body = admin.request("PATCH", "/api/v1/devices/dev-1001", body={"colour": "red"})
    assert status == 400 and rules(body) == [("colour", "unknown_field")], body


def test_profiles_user_and_builtin(lineside):
    admin = lineside.admin()
    _, body = admin.get("/api/v1/profiles")
    ids = [p["id"] for p in body["profiles"]]
    assert ids[:64] == list(range(1, 65)) and all(i > 100 for i in ids[64:])
    assert all(p["avp_only"] for p in body["profiles"] if not p["builtin"])
    status, body = admin.request("PATCH", "/api/v1/profiles/7", body={"enable_prack": False, "avp_only": False,
                                                                      "comment": "no prack"})
    assert status == 200 and not body["enable_prack"] and not body["avp_only"], body
    assert admin.request("PATCH", "/api/v1/devices/dev-1001", body={"profile": 7})[0] == 200
    assert admin.get("/api/v1/devices/dev-1001")[1]["effective_profile"] == 7
    status, body = admin.request("PATCH", "/api/v1/profiles/7", body={"comment": "sixteen chars..."})
    assert status == 422 and rules(body) == [("comment", "format")], body
    status, body = admin.request("PATCH", "/api/v1/profiles/101", body={"avp_only": False})
    assert status == 409 and rules(body) == [("id", "read_only")], body
    assert admin.request("DELETE", "/api/v1/profiles/7")[1]["enable_prack"] is True


def test_options_round_trip(lineside):
    admin = lineside.admin()
    status, body = admin.request("PATCH", "/api/v1/options", body={"srtp_enabled": True, "default_cesid": "6135550000",
                                                                   "emergency_numbers": ["911", "933"]})
    assert status == 200 and body["srtp_enabled"] and body["emergency_numbers"] == ["911", "933"], body
    status, body = admin.request("PATCH", "/api/v1/options", body={"default_cesid": "123"})
    assert status == 422 and rules(body) == [("default_cesid", "format")], body
    assert admin.get("/api/v1/options")[1]["default_cesid"] == "6135550000"


def test_import_twice_leaves_the_same_state(lineside):
    admin = lineside.admin()
    _, exported = admin.get("/api/v1/export")
    bundle = {"devices": [new_device("3001"), new_device("3002", additional_dns=["3102"])],
              "profiles": [{"id": 5, "enable_prack": False}]}
    status, first = admin.request("POST", "/api/v1/import", body=bundle)
    assert status == 200 and first == {"created": 2, "updated": 0, "unchanged": 0}, first
    _, after_first = admin.get("/api/v1/export")
    status, second = admin.request("POST", "/api/v1/import", body=bundle)
    assert status == 200 and second == {"created": 0, "updated": 0, "unchanged": 2}, second
    assert admin.get("/api/v1/export")[1] == after_first
    assert len(after_first["devices"]) == len(exported["devices"]) + 2
    # All or nothing: one bad device refuses the whole bundle.
    bad = {"devices": [new_device("3003"), new_device("3004", dn="1001")]}
    status, body = admin.request("POST", "/api/v1/import", body=bad)
    assert status == 409 and rules(body) == [("devices[1].dn", "duplicate")], body
    assert admin.get("/api/v1/devices/dev-3003")[0] == 404


def test_provisioning_survives_a_restart(make_daemon):
    d = make_daemon()
    admin = d.admin()
    assert admin.request("POST", "/api/v1/devices", body=new_device("2001", voicemail_box="7001"))[0] == 201
    assert admin.request("DELETE", "/api/v1/devices/dev-1002")[0] == 200
    d.stop()
    d.start()
    admin = d.admin()
    assert admin.get("/api/v1/devices/dev-2001")[1]["voicemail_box"] == "7001"
    assert admin.get("/api/v1/devices/dev-1002")[0] == 404, "the unchanged directory file was re-imported"


def test_no_clear_password_in_the_store_the_export_or_the_log(make_daemon):
    """Passwords given to the API (create, change, import) and in the directory file are kept as HA1s
    only: neither the SQLite files (WAL included), the export nor the log ever hold the clear text."""
    d = make_daemon()
    admin = d.admin()
    created, changed, imported = (f"Clear-{what}-{secrets.token_hex(8)}" for what in ("create", "patch", "import"))
    assert admin.request("POST", "/api/v1/devices", body=new_device("2001", password=created))[0] == 201
    assert admin.request("POST", "/api/v1/devices", body=new_device("2002", password=changed))[0] == 201
    status, body = admin.request("PATCH", "/api/v1/devices/dev-2002", body={"password": changed + "-2"})
    assert status == 200 and "password" not in body, body
    bundle = {"devices": [new_device("2003", password=imported)]}
    assert admin.request("POST", "/api/v1/import", body=bundle)[0] == 200
    with d.sip("udp") as c:  # the changed password is in force (so the change did reach the store)
        assert Phone(c, "2002", changed + "-2").register(expires=300).status == 200

    status, exported = admin.get("/api/v1/export")
    assert status == 200
    by_id = {dev["id"]: dev for dev in exported["devices"]}
    expected = {"dev-2001": ("2001", created), "dev-2002": ("2002", changed + "-2"),
                "dev-2003": ("2003", imported), "dev-1001": ("1001", "secret1001")}
    store_files = [p for p in d.config.state_dir.rglob("*") if p.is_file() and p.name.startswith("lineside.db")]
    assert store_files, f"no SQLite files under {d.config.state_dir}"
    stored = b"".join(p.read_bytes() for p in store_files)
    for device_id, (user, password) in expected.items():
        dev = by_id[device_id]
        assert "password" not in dev, dev
        assert dev["ha1_md5"] == hashlib.md5(f"{user}:pbx.test:{password}".encode()).hexdigest(), dev
        assert dev["ha1_sha256"] == hashlib.sha256(f"{user}:pbx.test:{password}".encode()).hexdigest(), dev
        assert dev["ha1_md5"].encode() in stored, f"{device_id}'s HA1 not found in the store files read"
    clear = [created, changed, changed + "-2", imported, "secret1001", "secret1010"]
    export_text = json.dumps(exported)
    log = d.log_text()
    for password in clear:
        assert password.encode() not in stored, f"clear password {password!r} in {[p.name for p in store_files]}"
        assert password not in export_text, f"clear password {password!r} in the export"
        assert password not in log, f"clear password {password!r} in the log"
