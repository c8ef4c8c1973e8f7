"""KPML (RFC 4730) end to end with sipp phones: the server subscribes to a phone's kpml event and gets
the digits (POST /api/v1/kpml/collections, the face of lineside.kpml/1), a phone without KPML refuses
(489), a silent phone times out (423) and is un-subscribed; an application's SUBSCRIBE kpml to a DN is
relayed to the phone and answered with the phone's report, an unauthenticated one is challenged."""
import time

import pytest

from harness import paths
from harness.dialog_phone import DialogPhone, body_text
from harness.sipp_uas import SippUas

KPML_DIR = paths.SIPP_DIR / "kpml"
REQUEST_DOC = ('<?xml version="1.0"?><kpml-request xmlns="urn:ietf:params:xml:ns:kpml-request" version="1.0">'
               '<pattern><regex tag="pin">x{4}</regex></pattern></kpml-request>')


@pytest.fixture
def daemon(make_daemon):
    return make_daemon(modules={"kpml": {"enabled": True, "required": True,
                                         "config": {"trusted_sources": ["127.0.0.1"]}}})


def uas(name, tmp_path):
    return SippUas(KPML_DIR / f"{name}.xml", tmp_path, timeout=30)


def collect(daemon, **body):
    status, doc = daemon.admin().request("POST", "/api/v1/kpml/collections", body=body)
    assert status == 201, (status, doc)
    return doc["id"]


def wait_finished(daemon, cid, timeout=10.0):
    deadline = time.monotonic() + timeout
    while True:
        status, doc = daemon.admin().get(f"/api/v1/kpml/collections/{cid}")
        assert status == 200, doc
        if doc["state"] == "finished" or time.monotonic() > deadline:
            return doc
        time.sleep(0.1)


def test_the_server_collects_digits_from_a_kpml_phone(daemon, tmp_path):
    with uas("uas_kpml_digits", tmp_path) as phone:
        phone.register(daemon, "1002")
        cid = collect(daemon, dn="1002", pattern="x{4}", timeout_ms=10000)
        doc = wait_finished(daemon, cid)
        result = phone.result(timeout=10)
    assert (doc["code"], doc["digits"]) == (200, "1234"), doc
    assert result.successful == 1, result.describe()
    assert "regex x{4}" in result.logs, result.logs
    assert "event kpml" in result.logs, result.logs


def test_a_phone_without_kpml_refuses_and_the_collection_says_so(daemon, tmp_path):
    with uas("uas_kpml_refuse", tmp_path) as phone:
        phone.register(daemon, "1002")
        cid = collect(daemon, dn="1002", pattern="x")
        doc = wait_finished(daemon, cid)
        assert phone.result(timeout=10).successful == 1
    assert doc["code"] == 489, doc


def test_a_silent_phone_times_out_and_is_unsubscribed(daemon, tmp_path):
    with uas("uas_kpml_silent", tmp_path) as phone:
        phone.register(daemon, "1002")
        started = time.monotonic()
        cid = collect(daemon, dn="1002", pattern="x{4}", timeout_ms=2000)
        doc = wait_finished(daemon, cid)
        elapsed = time.monotonic() - started
        result = phone.result(timeout=15)
    assert (doc["code"], doc["text"]) == (423, "Timer Expired"), doc
    assert 1.5 <= elapsed < 6, elapsed
    assert result.successful == 1, result.describe()
    assert "unsubscribe expires 0" in result.logs, result.logs


def test_collections_for_unknown_or_unregistered_numbers_are_refused(daemon):
    status, doc = daemon.admin().request("POST", "/api/v1/kpml/collections", body={"dn": "4444", "pattern": "x"})
    assert status == 404, doc
    status, doc = daemon.admin().request("POST", "/api/v1/kpml/collections", body={"dn": "1003", "pattern": "x"})
    assert status == 409, doc
    status, doc = daemon.admin().request("POST", "/api/v1/kpml/collections",
                                         body={"dn": "1002", "pattern": "</regex>"})
    assert status == 400, doc


def test_an_application_subscription_is_relayed_to_the_phone(daemon, tmp_path):
    app = DialogPhone(daemon, "ivr", register=False, name="ivr")
    try:
        with uas("uas_kpml_digits", tmp_path) as phone:
            phone.register(daemon, "1002")
            final, frm, call_id = app.outside_dialog(
                "SUBSCRIBE", "1002", headers=[("Event", "kpml"), ("Expires", "20")], body=REQUEST_DOC,
                content_type="application/kpml-request+xml")
            assert final is not None and final.status == 200, final
            assert ";tag=" in final.get("To"), final.raw
            reports = app.wait_for("NOTIFY", where=lambda m: "kpml-response" in body_text(m))
            assert phone.result(timeout=10).successful == 1
        assert reports, [body_text(n) for n in app.received("NOTIFY")]
        notifies = app.received("NOTIFY")
        assert all(n.get("Call-ID") == call_id for n in notifies)
        assert notifies[0].get("Subscription-State", "").startswith("active")
        report = reports[0]
        assert 'code="200"' in body_text(report) and 'digits="1234"' in body_text(report), body_text(report)
        assert 'tag="pin"' in body_text(report)
        assert report.get("Subscription-State", "").startswith("terminated")
    finally:
        app.close()


def test_an_application_gets_the_phones_refusal(daemon, tmp_path):
    app = DialogPhone(daemon, "ivr", register=False, name="ivr")
    try:
        with uas("uas_kpml_refuse", tmp_path) as phone:
            phone.register(daemon, "1002")
            final, _, _ = app.outside_dialog("SUBSCRIBE", "1002", headers=[("Event", "kpml")], body=REQUEST_DOC,
                                             content_type="application/kpml-request+xml")
        assert final is not None and final.status == 489, final
        time.sleep(0.3)
        assert not app.received("NOTIFY")
    finally:
        app.close()


def test_an_untrusted_application_is_challenged(make_daemon):
    d = make_daemon(modules={"kpml": {"enabled": True, "required": True}})
    app = DialogPhone(d, "ivr", register=False, name="ivr")
    try:
        final, _, _ = app.outside_dialog("SUBSCRIBE", "1002", headers=[("Event", "kpml")], body=REQUEST_DOC,
                                         content_type="application/kpml-request+xml")
        assert final is not None and final.status == 407, final
    finally:
        app.close()
