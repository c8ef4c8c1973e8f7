"""Billing (SMDR) of a transferred call: 1001 calls 1002, 1002 blind-transfers it (REFER, the transfer
module) to 1003, 1001 and 1003 talk and hang up. The one SMDR record (file and stream) names 1002 as the
called party and carries the transfer flag T with 1003 as the third party; the CDR names who transferred."""
import time

from harness import ports, smdr
from harness.dialog_phone import DialogPhone


def test_blind_transfer_gives_one_record_with_the_third_party(make_daemon):
    stream_port = ports.reserve_port()
    d = make_daemon(modules={
        "transfer": {"enabled": True, "required": True},
        "billing": {"enabled": True, "required": False,
                    "config": {"smdr_stream": {"enabled": True, "listen": f"127.0.0.1:{stream_port}"}}}})
    status, body = d.admin().request("PATCH", "/api/v1/options", body={"smdr_internal": True})
    assert status == 200, (status, body)
    phones = []
    try:
        with smdr.Collector(stream_port) as collector:
            a, b, c = (DialogPhone(d, user, name=name, media_port=port) for user, name, port in
                       (("1001", "alice", 41001), ("1002", "bob", 41002), ("1003", "carol", 41003)))
            phones += [a, b, c]
            t0 = int(time.time() * 1000)
            final, a_dialog = a.invite("1002")
            assert final is not None and final.status == 200, final
            accepted = b.refer(b.dialogs[0], "<sip:1003@pbx.test>")
            assert accepted is not None and accepted.status == 202, accepted
            assert b.wait_for("BYE"), "the transferor was not released"
            assert a.wait_for("INVITE"), "the staying party was not re-INVITEd to the target"
            time.sleep(1.1)  # talk time after the transfer
            assert a.bye(a_dialog).status == 200
            assert c.wait_for("BYE"), "the target was not in the caller's call"
            t1 = int(time.time() * 1000)
            collector.wait_records(1)
            time.sleep(0.5)  # a second record for the call would have arrived by now
            stream = collector.records()
    finally:
        for p in phones:
            p.close()
    d.stop()
    file, cdr = smdr.read_smdr(d), smdr.read_cdr(d)
    assert len(stream) == 1 and file == stream, (stream, file)
    assert len(cdr) == 1, cdr
    c = cdr[0]
    start, answer, end = smdr.iso_ms(c["start"]), smdr.iso_ms(c["answer"]), smdr.iso_ms(c["end"])
    assert t0 - 1000 <= start <= answer <= end <= t1 + 1000, (t0, c, t1)
    smdr.assert_record(file[0], smdr.expected_fields(start_ms=start, answer_ms=answer, end_ms=end,
                                                     calling="1001", called="1002", digits="1002",
                                                     completion="I", third_party="1003"))
    assert (c["third_party_dn"], c["transferred_by_dn"], c["transferred"]) == ("1003", "1002", True), c
