"""Licence counts changed in the configuration take effect on SIGHUP: fewer licences refuse the next
device with the counts, more licences let it in, for IP User and Single Line User licences alike."""
import signal
import time


def new_device(user, **extra):
    body = {"id": f"dev-{user}", "user": user, "dn": user, "password": f"secret{user}"}
    body.update(extra)
    return body


def reload_licences(d, ip_users, single_line_users):
    """Rewrite kernel.licences, SIGHUP, wait for the reload to be applied (the sample directory file is
    unchanged, so nothing else moves)."""
    d.config.data["kernel"]["licences"] = {"ip_users": ip_users, "single_line_users": single_line_users}
    d.config.write()
    done_before = d.log_text().count("configuration reloaded")
    d.signal(signal.SIGHUP)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        log = d.log_text()
        assert "reload refused" not in log, d.log_tail()
        if log.count("configuration reloaded") > done_before:
            return
        time.sleep(0.1)
    raise AssertionError(f"no 'configuration reloaded' within 10s:\n{d.log_tail()}")


def licences(admin):
    status, body = admin.get("/api/v1/licences")
    assert status == 200, body
    return body


def refused_for(admin, device, key, in_use, available):
    status, body = admin.request("POST", "/api/v1/devices", body=device)
    assert status == 409, body
    err = body["errors"][0]
    assert (err["field"], err["rule"]) == (f"licences.{key}", "licence_exhausted"), body
    assert (err["in_use"], err["available"], err["needed"]) == (in_use, available, in_use + 1), err
    assert f"{in_use} of {available} in use" in err["message"], err
    assert admin.get(f"/api/v1/devices/{device['id']}")[0] == 404, "a refused device was stored"


def test_lower_then_raise_licence_counts_by_sighup(make_daemon):
    d = make_daemon()  # the sample: 1000 IP User, 100 Single Line User licences, devices 1001-1010
    admin = d.admin()
    assert admin.request("POST", "/api/v1/devices", body=new_device("2001"))[0] == 201
    assert admin.request("POST", "/api/v1/devices", body=new_device("2101", single_line=True))[0] == 201
    assert licences(admin)["ip_users"] == {"available": 1000, "in_use": 11, "free": 989}

    reload_licences(d, ip_users=11, single_line_users=1)
    assert licences(admin) == {"ip_users": {"available": 11, "in_use": 11, "free": 0},
                               "single_line_users": {"available": 1, "in_use": 1, "free": 0}}
    refused_for(admin, new_device("2002"), "ip_users", 11, 11)
    refused_for(admin, new_device("2102", single_line=True), "single_line_users", 1, 1)
    # Changes that take no further licence still go through.
    assert admin.request("PATCH", "/api/v1/devices/dev-2001", body={"display_name": "Lobby"})[0] == 200

    reload_licences(d, ip_users=12, single_line_users=2)
    assert admin.request("POST", "/api/v1/devices", body=new_device("2002"))[0] == 201
    assert admin.request("POST", "/api/v1/devices", body=new_device("2102", single_line=True))[0] == 201
    assert licences(admin) == {"ip_users": {"available": 12, "in_use": 12, "free": 0},
                               "single_line_users": {"available": 2, "in_use": 2, "free": 0}}


def test_count_lowered_below_use_keeps_devices_and_refuses_new_ones(make_daemon):
    d = make_daemon()
    admin = d.admin()
    reload_licences(d, ip_users=5, single_line_users=100)
    # The ten sample devices stay provisioned and keep working; only growth is refused.
    assert licences(admin)["ip_users"] == {"available": 5, "in_use": 10, "free": 0}
    assert admin.get("/api/v1/devices")[1]["count"] == 10
    refused_for(admin, new_device("2001"), "ip_users", 10, 5)
    # Freeing one is not enough while more are in use than licensed.
    assert admin.request("DELETE", "/api/v1/devices/dev-1010")[0] == 200
    refused_for(admin, new_device("2001"), "ip_users", 9, 5)
    reload_licences(d, ip_users=10, single_line_users=100)
    assert admin.request("POST", "/api/v1/devices", body=new_device("2001"))[0] == 201
