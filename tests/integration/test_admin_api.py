"""The admin HTTP API: bearer token from the 0600 token file, 401 without it, health, registrations shape."""
import stat

from harness.phone import Phone

FIELDS = {"user", "aor", "device_id", "contact", "expires_at", "expires_in", "transport", "source", "flow",
          "awaiting_reconnect", "user_agent", "instance"}


def test_token_file_is_created_private(lineside):
    token = lineside.token()
    assert len(token) >= 16
    mode = stat.S_IMODE(lineside.config.token_file.stat().st_mode)
    assert mode == 0o600, oct(mode)


def test_requests_without_or_with_a_wrong_token_get_401(lineside):
    admin = lineside.admin()
    for path in ("/api/v1/registrations", "/api/v1/registrations?user=1001"):
        assert admin.get(path, token=None)[0] == 401
        assert admin.get(path, token="not-" + admin.token)[0] == 401
        assert admin.get(path, token="")[0] == 401
        assert admin.get(path)[0] == 200


def test_health_answers_200(lineside):
    assert lineside.admin().get("/api/v1/health")[0] == 200


def test_registrations_lists_every_field_and_filters_by_user(lineside):
    admin = lineside.admin()
    assert admin.registrations() == []
    with lineside.sip("udp") as c:
        for user in ("1001", "1002"):
            assert Phone(c, user, f"secret{user}").register(expires=300).status == 200
    regs = admin.registrations()
    assert sorted(r["user"] for r in regs) == ["1001", "1002"]
    for r in regs:
        assert FIELDS <= set(r), sorted(FIELDS - set(r))
        assert r["source"] and r["user"] in r["contact"], r
    only = admin.registrations(user="1002")
    assert [r["user"] for r in only] == ["1002"]
    assert admin.registrations(user="1099") == []
