"""srtp-media at the SIP level, with Python phones: every leg's SDP points at the relay and media flows
through it; keys are offered only over TLS and are fresh per leg; modes decide the profile; hostile
a=crypto, no common codec and impossible modes get 488 without hurting the server; a call without
media is ended with a Reason; ports come back after every call."""
import contextlib
import random
import re
import time

from harness import sip
from harness.sdp_phones import (RtpSocket, SdpCallee, SdpCaller, body_of, connection, crypto_lines, media_port,
                                media_proto, sdp)

GOOD_KEY = "1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz"


def srtp_daemon(make_daemon, **config):
    base = random.randrange(61000, 64600, 2)
    cfg = {"bind_address": "127.0.0.1", "port_min": base, "port_max": base + 199, "media_threads": 1,
           "audio_codecs": ["PCMU", "PCMA", "telephone-event"]}
    cfg.update(config)
    return make_daemon(modules={"srtp-media": {"enabled": True, "required": True, "config": cfg}})


def media_state(d):
    status, body = d.admin().get("/api/v1/media")
    assert status == 200, body
    return body


def srtp_capable(d, devices, srtp_enabled=True):
    """Turn the system switch on and give `devices` a profile that is not AVP Only."""
    admin = d.admin()
    status, body = admin.request("PATCH", "/api/v1/options", body={"srtp_enabled": srtp_enabled})
    assert status == 200, body
    status, body = admin.request("PATCH", "/api/v1/profiles/9", body={"avp_only": False})
    assert status == 200, body
    for dev in devices:
        status, body = admin.request("PATCH", f"/api/v1/devices/{dev}", body={"profile": 9})
        assert status == 200, body


def status_of(final):
    return int(final.split(" ", 2)[1]) if final else None


@contextlib.contextmanager
def plain_call(d, answer_extra=lambda offer: ""):
    """An answered plain-RTP call 1010 -> 1002: yields (caller, callee, final, caller RTP socket,
    callee RTP socket); everything is closed afterwards."""
    a_rtp, b_rtp = RtpSocket(), RtpSocket()
    callee = SdpCallee(d, "1002", lambda offer: (200, sdp(b_rtp.port, extra=answer_extra(offer))))
    caller = SdpCaller(d)
    try:
        final = caller.invite_sdp("1002", sdp(a_rtp.port))
        assert status_of(final) == 200, final
        yield caller, callee, final, a_rtp, b_rtp
    finally:
        caller.close()
        callee.close()
        a_rtp.close()
        b_rtp.close()


def send_until_relayed(sender, relay_port, receiver):
    """RTP from `sender` to `relay_port` until `receiver` hears one (the relay applies an answer
    asynchronously); what it heard, or None after 19 tries."""
    for seq in range(1, 20):
        sender.send_rtp(relay_port, seq)
        got = receiver.receive(0.2)
        if got:
            return got
    return None


def test_plain_call_is_anchored_and_relayed_both_ways(make_daemon):
    d = srtp_daemon(make_daemon)
    with plain_call(d) as (caller, callee, final, a_rtp, b_rtp):
        offer, answer = callee.offers[0], body_of(final)
        assert connection(offer) == "127.0.0.1" and connection(answer) == "127.0.0.1"
        to_b, to_a = media_port(offer), media_port(answer)
        assert to_b not in (a_rtp.port, b_rtp.port) and to_a not in (a_rtp.port, b_rtp.port, to_b)
        assert not crypto_lines(offer) and media_proto(offer) == "RTP/AVP"
        got = send_until_relayed(a_rtp, to_a, b_rtp)
        assert got and got[12:] == b"\xd5" * 160
        b_rtp.send_rtp(to_b, 1, pt=101, payload=b"\x05\x0a\x00\xa0")  # an RFC 4733 event
        back = a_rtp.receive()
        assert back and back[1] == 101 and back[12:] == b"\x05\x0a\x00\xa0"
        state = media_state(d)
        assert state["calls"] == 1 and state["ports_in_use"] == 2, state
        assert state["counters"]["packets_relayed"] >= 2, state
        assert status_of(caller.bye()) == 200
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and media_state(d)["ports_in_use"]:
        time.sleep(0.1)
    assert media_state(d)["ports_in_use"] == 0 and media_state(d)["calls"] == 0


def media_calls(d, wait_for=lambda calls: True, timeout=3.0):
    """GET /api/v1/media/calls until `wait_for(calls)` holds (the relay publishes every 0.5 s)."""
    deadline = time.monotonic() + timeout
    while True:
        status, body = d.admin().get("/api/v1/media/calls")
        assert status == 200, body
        if wait_for(body["calls"]) or time.monotonic() > deadline:
            return body["calls"]
        time.sleep(0.1)


def test_per_call_view_shows_which_leg_is_silent(make_daemon):
    """One-way audio as an administrator sees it: the caller is heard and relayed, the callee is
    silent and was never latched."""
    d = srtp_daemon(make_daemon)
    with plain_call(d) as (caller, callee, final, a_rtp, b_rtp):
        to_a = media_port(body_of(final))
        received = 0
        for seq in range(1, 40):
            a_rtp.send_rtp(to_a, seq)
            received += 1 if b_rtp.receive(0.05) else 0
        assert received >= 20, "the relay did not pass the caller's audio"
        calls = media_calls(d, lambda calls: calls and calls[0]["legs"][0]["packets_in"] >= 30)
        assert len(calls) == 1, calls
        legs = {leg["leg"]: leg for leg in calls[0]["legs"]}
        a, b = legs["caller"], legs["callee"]
        assert a["latched"] == f"127.0.0.1:{a_rtp.port}" and a["packets_in"] >= 30, a
        assert a["relay_port"] == to_a and not a["srtp_in"] and not a["srtp_out"], a
        assert b["fork"] == 0 and b["packets_in"] == 0 and b["latched"] is None, b
        assert b["signalled"] == f"127.0.0.1:{b_rtp.port}" and b["packets_out"] >= received, b
        assert b["idle_ms"] >= 0 and b["sending_to_leg"], b
        status, body = d.admin().get("/api/v1/media/nothing-here")
        assert status == 404, body
        assert status_of(caller.bye()) == 200
        assert media_calls(d, lambda calls: not calls) == []


def test_keys_go_only_over_tls_and_each_leg_gets_its_own(make_daemon):
    d = srtp_daemon(make_daemon, device_modes=[{"device": "dev-1003", "mode": "mandatory"}])
    srtp_capable(d, ["dev-1002", "dev-1003", "dev-1010"])
    ctx = sip.tls_client_context(d.config.pki.ca_cert)
    answered_plain = lambda offer: (200, sdp(40000))  # noqa: E731
    over_udp = SdpCallee(d, "1002", answered_plain)
    over_tls = SdpCallee(d, "1003", lambda offer: (200, sdp(40002, "RTP/SAVP", [GOOD_KEY])), "tls", ctx)
    caller = SdpCaller(d)
    try:
        final = caller.invite_sdp("1002", sdp(40004, "RTP/AVP", [GOOD_KEY]))
        assert status_of(final) == 200, final
        assert not crypto_lines(over_udp.offers[0]), "a key was offered over UDP signalling"
        assert media_proto(over_udp.offers[0]) == "RTP/AVP"
        # The caller's own signalling is UDP: it gets a plain answer, never our key.
        assert not crypto_lines(body_of(final)) and media_proto(body_of(final)) == "RTP/AVP"
        caller.bye()

        caller.new_call()
        final = caller.invite_sdp("1003", sdp(40004, "RTP/AVP", [GOOD_KEY]))
        assert status_of(final) == 200, final
        offer = over_tls.offers[0]
        assert media_proto(offer) == "RTP/SAVP"  # dev-1003 is SRTP mandatory
        keys = crypto_lines(offer)
        assert keys and all("AES_CM_128_HMAC_SHA1" in k for k in keys), offer
        assert GOOD_KEY.split("inline:")[1] not in offer, "the caller's key was forwarded"
        caller.bye()
    finally:
        caller.close()
        over_udp.close()
        over_tls.close()
    log = d.log_path.read_text(errors="replace")
    assert GOOD_KEY.split("inline:")[1] not in log and "inline:" not in log, "a key reached the log"


def test_hostile_or_impossible_offers_get_488_and_the_server_stays_up(make_daemon):
    d = srtp_daemon(make_daemon, device_modes=[{"device": "dev-1003", "mode": "mandatory"}])
    srtp_capable(d, ["dev-1003", "dev-1010"])
    callee = SdpCallee(d, "1002", lambda offer: (200, sdp(40000)))
    mandatory_over_udp = SdpCallee(d, "1003", lambda offer: (200, sdp(40000)))
    caller = SdpCaller(d)
    hundred = [f"{i} AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz" for i in range(1, 101)]
    cases = {
        "100 crypto lines": ("1002", sdp(40004, "RTP/SAVP", hundred)),
        "bad base64": ("1002", sdp(40004, "RTP/SAVP", ["1 AES_CM_128_HMAC_SHA1_80 inline:%%%%not*base64%%%%"])),
        "wrong key length": ("1002", sdp(40004, "RTP/SAVP", ["1 AES_CM_128_HMAC_SHA1_80 inline:QUJDREVGR0g="])),
        "missing key params": ("1002", sdp(40004, "RTP/SAVP", ["1 AES_CM_128_HMAC_SHA1_80"])),
        "no common codec": ("1002", sdp(40004, formats="18", extra="a=rtpmap:18 G729/8000\r\n")),
        "mandatory callee over UDP": ("1003", sdp(40004)),
        # Answering would send our key back over UDP: refused before the callee rings.
        "SRTP-only caller over UDP": ("1002", sdp(40004, "RTP/SAVP", [GOOD_KEY])),
        "not SDP at all": ("1002", "hello\r\n"),
    }
    try:
        for name, (dialled, body) in cases.items():
            caller.new_call()
            final = caller.invite_sdp(dialled, body)
            assert status_of(final) == 488, f"{name}: {final}"
        assert not callee.offers and not mandatory_over_udp.offers, "a refused offer reached a phone"
        log = d.log_path.read_text(errors="replace")
        assert "the offering leg needs SRTP but its signalling is not TLS" in log, log[-3000:]
        with d.sip("udp") as c:
            assert sip.options(c).status == 200
        caller.new_call()
        assert status_of(caller.invite_sdp("1002", sdp(40004))) == 200  # still serving calls
        caller.bye()
    finally:
        caller.close()
        callee.close()
        mandatory_over_udp.close()
    assert media_state(d)["ports_in_use"] == 0


def test_an_answer_the_relay_refuses_is_hung_up_with_488(make_daemon):
    """A callee answers a plain offer with RTP/SAVP and a broken key: the relay cannot use that answer, so
    the callee's 200 gets ACK and a BYE saying 488 (RFC 3326), and the caller gets 488."""
    d = srtp_daemon(make_daemon)
    broken = "1 AES_CM_128_HMAC_SHA1_80 inline:@@not-base64@@"
    callee = SdpCallee(d, "1002", lambda offer: (200, sdp(40000, "RTP/SAVP", [broken])))
    caller = SdpCaller(d)
    try:
        final = caller.invite_sdp("1002", sdp(40004))
        assert status_of(final) == 488, final
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and not callee.byes:
            time.sleep(0.1)
        assert callee.byes, "the callee whose answer was refused was never hung up"
        assert re.match(r"SIP;cause=488\b", callee.byes[0].get("reason") or ""), callee.byes[0].get("reason")
    finally:
        caller.close()
        callee.close()
    assert media_state(d)["ports_in_use"] == 0


def test_srtp_switched_off_means_plain_everywhere(make_daemon):
    d = srtp_daemon(make_daemon)
    srtp_capable(d, ["dev-1002", "dev-1010"], srtp_enabled=False)
    callee = SdpCallee(d, "1002", lambda offer: (200, sdp(40000)))
    caller = SdpCaller(d)
    try:
        # An optional offer is answered plain; an RTP/SAVP offer cannot be and gets 488.
        final = caller.invite_sdp("1002", sdp(40004, "RTP/AVP", [GOOD_KEY]))
        assert status_of(final) == 200 and not crypto_lines(body_of(final)), final
        assert not crypto_lines(callee.offers[0])
        caller.bye()
        caller.new_call()
        assert status_of(caller.invite_sdp("1002", sdp(40004, "RTP/SAVP", [GOOD_KEY]))) == 488
    finally:
        caller.close()
        callee.close()


def test_a_call_without_media_is_ended_with_a_reason(make_daemon):
    d = srtp_daemon(make_daemon, inactivity_timeout="2s")
    callee = SdpCallee(d, "1002", lambda offer: (200, sdp(40000)))
    caller = SdpCaller(d)
    try:
        assert status_of(caller.invite_sdp("1002", sdp(40004))) == 200
        bye = caller.wait_bye(10)
        assert bye, "no BYE after 2 s without media"
        assert re.search(r"(?im)^Reason:.*Q\.850;cause=102", bye), bye
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and not callee.byes:
            time.sleep(0.1)
        assert callee.byes, "the callee was not sent a BYE"
    finally:
        caller.close()
        callee.close()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and media_state(d)["ports_in_use"]:
        time.sleep(0.1)
    assert media_state(d)["ports_in_use"] == 0


def test_hold_reaches_the_other_phone_as_a_direction_and_stops_media_to_the_holder(make_daemon):
    d = srtp_daemon(make_daemon)
    recvonly_to_hold = lambda offer: "a=recvonly\r\n" if "a=sendonly" in offer else ""  # noqa: E731
    with plain_call(d, recvonly_to_hold) as (caller, callee, final, a_rtp, b_rtp):
        to_b = media_port(callee.offers[0])
        to_a = media_port(body_of(final))
        send_until_relayed(b_rtp, to_b, a_rtp)
        # RFC 2543 hold: c=0.0.0.0 from the caller.
        held = caller.reinvite_sdp(sdp(a_rtp.port, address="0.0.0.0"))
        assert status_of(held) == 200, held
        offer = callee.offers[-1]
        assert "0.0.0.0" not in offer and connection(offer) == "127.0.0.1", offer
        assert "a=sendonly" in offer, offer
        assert "a=recvonly" in body_of(held), held
        before = media_state(d)["counters"]["dropped_hold"]
        for seq in range(30, 40):
            b_rtp.send_rtp(to_b, seq)
        assert a_rtp.receive(0.5) is None, "media reached the phone that put the call on hold"
        assert media_state(d)["counters"]["dropped_hold"] >= before + 10
        # Music on hold still goes from the holder to the held phone.
        a_rtp.send_rtp(to_a, 100)
        assert b_rtp.receive(1.0), "the holder's media did not reach the held phone"
        resumed = caller.reinvite_sdp(sdp(a_rtp.port))
        assert status_of(resumed) == 200 and "a=sendrecv" in callee.offers[-1]
        got = None
        for seq in range(50, 70):
            b_rtp.send_rtp(to_b, seq)
            got = a_rtp.receive(0.2)
            if got:
                break
        assert got, "no media to the caller after resuming"
        caller.bye()
