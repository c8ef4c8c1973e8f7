"""Basic calls through the B2BUA, sipp caller -> Lineside -> sipp callee: bridging, both hang-ups, early media."""
from harness import sipp_trace
from harness.name_addr import parse_name_addr, parse_uri, via_sent_by
from harness.sipp_call import call_daemon, explain, place_call
from harness.sipp_uas import SippUas
from harness.sip import split_top_level


def only(items, what):
    assert len(items) == 1, f"expected one {what}, got {len(items)}: {items!r}"
    return items[0]


def test_basic_call_is_two_dialogs_bridged(make_daemon, tmp_path):
    d = call_daemon(make_daemon)
    server = ("127.0.0.1", d.config.sip_port)
    with SippUas("uas_answer", tmp_path, pause_ms=300) as uas:
        uas.register(d, "1002")
        a = place_call(d, "uac_call", tmp_path, "1002", hold_ms=500)
        b = uas.result(timeout=15)
    assert a.returncode == 0 and a.successful == 1, explain(a, b)
    assert b.returncode == 0 and b.successful == 1, explain(a, b)

    a_invite = sipp_trace.requests(a.trace, "INVITE", "sent")[-1]  # the one with credentials
    b_invite = only(sipp_trace.requests(b.trace, "INVITE"), "INVITE at the callee")
    # The caller was challenged as a proxy would (407), then got 100 Trying and the answer.
    a_statuses = sipp_trace.statuses(a.trace, "INVITE")
    assert 407 in a_statuses and 100 in a_statuses and a_statuses[-1] == 200, explain(a)
    # The callee sees a new dialog that the server originates.
    assert b_invite.get("call-id") != a_invite.get("call-id"), explain(b)
    b_from, a_from = parse_name_addr(b_invite.get("from")), parse_name_addr(a_invite.get("from"))
    assert b_from.tag and b_from.tag != a_from.tag, (b_from, a_from)
    assert parse_uri(b_from.uri).user == "1001" and b_from.display == "Ext 1001", b_invite.get("from")
    vias = [v for value in b_invite.get_all("via") for v in split_top_level(value)]
    assert len(vias) == 1 and via_sent_by(vias[0]) == server, vias
    assert parse_uri(parse_name_addr(b_invite.get("contact")).uri).hostport == server, b_invite.get("contact")
    assert parse_uri(b_invite.uri).hostport == ("127.0.0.1", uas.port), b_invite.uri
    assert parse_uri(parse_name_addr(b_invite.get("to")).uri).user == "1002", b_invite.get("to")
    assert b_invite.get("proxy-authorization") is None, "the caller's credentials leaked to the callee"
    # Without a media module the SDP passes through unchanged, both ways.
    assert b_invite.body == a_invite.body and b"lineside-it caller" in b_invite.body
    a_ok = sipp_trace.responses(a.trace, "INVITE")[-1]
    b_ok = only([m for m in sipp_trace.responses(b.trace, "INVITE", "sent") if m.status == 200], "200 sent")
    assert a_ok.body == b_ok.body and b"lineside-it callee" in a_ok.body
    assert parse_uri(parse_name_addr(a_ok.get("contact")).uri).hostport == server, a_ok.get("contact")
    # ACK reached the callee on its own dialog.
    b_ack = only(sipp_trace.requests(b.trace, "ACK"), "ACK at the callee")
    assert b_ack.get("call-id") == b_invite.get("call-id")


def test_caller_hangs_up_and_bye_reaches_the_callee(make_daemon, tmp_path):
    d = call_daemon(make_daemon)
    with SippUas("uas_answer", tmp_path, pause_ms=200) as uas:
        uas.register(d, "1002")
        a = place_call(d, "uac_call", tmp_path, "1002", hold_ms=1500)
        b = uas.result(timeout=15)
    assert a.returncode == 0 and a.successful == 1, explain(a, b)
    assert b.returncode == 0 and b.successful == 1, explain(a, b)
    b_invite = only(sipp_trace.requests(b.trace, "INVITE"), "INVITE at the callee")
    b_bye = only(sipp_trace.requests(b.trace, "BYE"), "BYE at the callee")
    assert b_bye.get("call-id") == b_invite.get("call-id")
    assert parse_name_addr(b_bye.get("from")).tag == parse_name_addr(b_invite.get("from")).tag
    assert int(b_bye.get("cseq").split()[0]) > int(b_invite.get("cseq").split()[0]), b_bye.get("cseq")
    assert sipp_trace.statuses(a.trace, "BYE") == [200], explain(a)


def test_callee_hangs_up_and_bye_reaches_the_caller(make_daemon, tmp_path):
    d = call_daemon(make_daemon)
    with SippUas("uas_answer_then_bye", tmp_path, pause_ms=800) as uas:
        uas.register(d, "1002")
        a = place_call(d, "uac_call_wait_bye", tmp_path, "1002")
        b = uas.result(timeout=15)
    assert a.returncode == 0 and a.successful == 1, explain(a, b)
    assert b.returncode == 0 and b.successful == 1, explain(a, b)
    a_ok = sipp_trace.responses(a.trace, "INVITE")[-1]
    a_bye = only(sipp_trace.requests(a.trace, "BYE"), "BYE at the caller")
    # In the caller's dialog: its Call-ID, the server's tag as From, the caller's own tag as To.
    assert a_bye.get("call-id") == a_ok.get("call-id")
    assert parse_name_addr(a_bye.get("from")).tag == parse_name_addr(a_ok.get("to")).tag
    assert parse_name_addr(a_bye.get("to")).tag == parse_name_addr(a_ok.get("from")).tag
    assert sipp_trace.statuses(b.trace, "BYE") == [200], explain(b)


def test_early_media_183_with_sdp_is_relayed(make_daemon, tmp_path):
    d = call_daemon(make_daemon)
    with SippUas("uas_early_media", tmp_path, pause_ms=800) as uas:
        uas.register(d, "1002")
        a = place_call(d, "uac_call", tmp_path, "1002", hold_ms=300)
        b = uas.result(timeout=15)
    assert a.returncode == 0 and a.successful == 1, explain(a, b)
    assert b.returncode == 0 and b.successful == 1, explain(a, b)
    sent_183 = only([m for m in sipp_trace.responses(b.trace, "INVITE", "sent") if m.status == 183], "183 sent")
    got_183 = [m for m in sipp_trace.responses(a.trace, "INVITE") if m.status == 183]
    assert got_183, explain(a)
    assert got_183[0].body == sent_183.body and got_183[0].get("content-type", "").startswith("application/sdp")
