"""Emergency notifications: every 911 call POSTs JSON to the webhooks (http, and https checked against a
CA) and sends a SIP MESSAGE to the front desk's registered phone; a call no gateway takes is notified as
failed; an unreachable webhook is logged and never touches the call."""
import time

from harness.dialing_phone import DialingPhone, MessageCatcher
from harness.emergency_setup import DEFAULT_CESID, emergency_module, log_lines, set_cesid, set_options
from harness.trunk_uas import TrunkUas
from harness.webhook_receiver import WebhookReceiver


def start(make_daemon, gateways, **config):
    d = make_daemon(modules=emergency_module([g.uri for g in gateways], **config))
    set_options(d, default_cesid=DEFAULT_CESID)
    return d


def test_webhook_and_front_desk_hear_of_every_emergency_call(make_daemon):
    with TrunkUas("answer") as gw, WebhookReceiver() as hook:
        d = start(make_daemon, [gw], webhooks=[hook.url("/alerts?key=k1")], front_desk="1005")
        set_cesid(d, "1001", "6135550101")
        desk = MessageCatcher(d, "1005")
        try:
            phone = DialingPhone(d, "1001")
            started = time.time()
            final = phone.call("911")
            assert final is not None and final.status == 200, final

            posts = hook.wait(1, event="emergency_call")
            assert len(posts) == 1, hook.posts
            post = posts[0]
            assert post["path"] == "/alerts?key=k1"
            assert post["headers"]["Content-Type"] == "application/json"
            body = post["json"]
            assert body["dn"] == "1001" and body["device"] == "dev-1001" and body["name"] == "Ext 1001", body
            assert body["cesid"] == "6135550101" and body["cesid_source"] == "table", body
            assert body["dialled"] == "911" and body["source_address"] == "127.0.0.1", body
            assert body["source_port"] == phone.client.local[1] and body["verified"] is True, body
            assert abs(body["time_unix"] - started) < 10, body
            assert body["time"].endswith("Z") and body["time"].startswith(time.strftime("%Y-", time.gmtime()))

            messages = desk.wait(1)
            assert len(messages) == 1, messages
            text = messages[0].body.decode()
            assert text.startswith("EMERGENCY CALL: 911 dialled by DN 1001 (Ext 1001)"), text
            assert "CESID 6135550101" in text and "127.0.0.1" in text, text
            assert messages[0].get("content-type").startswith("text/plain")
            assert messages[0].get("priority") == "emergency"

            answered = hook.wait(1, event="emergency_call_answered")
            assert answered and answered[0]["json"]["call_id"] == body["call_id"], hook.posts
            phone.hangup()
            phone.close()
        finally:
            desk.close()
    assert log_lines(d, "delivered: HTTP 200"), d.log_tail()
    assert log_lines(d, "received the emergency MESSAGE (200)"), d.log_tail()


def test_a_failed_emergency_call_is_notified_as_failed(make_daemon):
    with TrunkUas("unavailable") as gw, WebhookReceiver() as hook:
        d = start(make_daemon, [gw], webhooks=[hook.url()], front_desk="1005")
        desk = MessageCatcher(d, "1005")
        try:
            phone = DialingPhone(d, "1002")
            final = phone.call("911")
            assert final is not None and final.status >= 500, final
            failed = hook.wait(1, event="emergency_call_failed")
            assert failed and failed[0]["json"]["dn"] == "1002" and failed[0]["json"]["status"] >= 500, hook.posts
            messages = desk.wait(2)
            assert any(m.body.decode().startswith("EMERGENCY CALL FAILED: 911 from DN 1002") for m in messages), \
                [m.body for m in messages]
            phone.close()
        finally:
            desk.close()


def test_https_webhook_checked_against_the_configured_ca(make_daemon, pki):
    with TrunkUas("answer") as gw, WebhookReceiver(tls_cert=pki.cert, tls_key=pki.key) as hook:
        d = start(make_daemon, [gw], webhooks=[hook.url()], webhook_ca_file=str(pki.ca_cert))
        phone = DialingPhone(d, "1001")
        assert phone.call("911").status == 200
        posts = hook.wait(1, event="emergency_call")
        assert posts and posts[0]["json"]["cesid"] == DEFAULT_CESID, hook.posts
        phone.hangup()
        phone.close()


def test_an_unreachable_webhook_never_touches_the_call(make_daemon):
    with TrunkUas("answer") as gw:
        d = start(make_daemon, [gw], webhooks=["http://127.0.0.1:1/down"], webhook_attempts=1,
                  webhook_timeout="1s")
        phone = DialingPhone(d, "1001")
        final = phone.call("911")
        assert final is not None and final.status == 200, final
        phone.hangup()
        phone.close()
        deadline = time.monotonic() + 10
        while not log_lines(d, "emergency webhook") and time.monotonic() < deadline:
            time.sleep(0.1)
    lines = log_lines(d, "emergency webhook http://127.0.0.1:1/down (emergency_call) FAILED")
    assert lines and "ERROR" in lines[0] and "Connection refused" in lines[0], d.log_tail()


def test_an_emergency_call_abandoned_before_the_answer_is_notified(make_daemon):
    with TrunkUas("ring") as gw, WebhookReceiver() as hook:
        d = start(make_daemon, [gw], webhooks=[hook.url()])
        phone = DialingPhone(d, "1001")
        final = phone.call_and_cancel("911")
        assert final is not None and final.status == 487, final
        abandoned = hook.wait(1, event="emergency_call_abandoned")
        assert abandoned and abandoned[0]["json"]["dn"] == "1001", hook.posts
        phone.close()
    lines = log_lines(d, "ABANDONED: the caller hung up before the emergency service answered")
    assert lines and "ERROR" in lines[0], d.log_tail()
