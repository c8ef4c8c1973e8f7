"""Billing outputs across restarts and failures: no record lost or repeated across a clean restart or a
kill -9 with a journaled record not yet in the file; CSV header once; a billing module that cannot start
(unusable folder, stream port taken) is disabled and calls still go through."""
import socket

from harness import ports, smdr
from harness.sipp_call import call_daemon, explain, final_status, place_call
from harness.sipp_uas import SippUas


def fnv1a32(data):
    h = 2166136261
    for b in data:
        h = ((h ^ b) * 16777619) & 0xFFFFFFFF
    return h


def journal_frame(offset, payload):
    """One frame of the billing journal: "R <offset> <length> <fnv1a32 hex>\\n<payload>\\n"."""
    return f"R {offset} {len(payload)} {fnv1a32(payload):08x}\n".encode() + payload + b"\n"


def billing_daemon(make_daemon, config=None, **kw):
    d = call_daemon(make_daemon, modules={"billing": {"enabled": True, "required": False,
                                                      "config": config or {}}}, **kw)
    status, body = d.admin().request("PATCH", "/api/v1/options", body={"smdr_internal": True})
    assert status == 200, (status, body)
    return d


def busy_call(d, tmp_path, name):
    with SippUas("uas_busy", tmp_path, name=f"uas_{name}") as uas:
        uas.register(d, "1002")
        a = place_call(d, "uac_call_refused", tmp_path, "1002", name=f"uac_{name}")
        uas.result(timeout=10)
    assert final_status(a.trace) == 486, explain(a)


def answered_call(d, tmp_path, name):
    with SippUas("uas_answer", tmp_path, name=f"uas_{name}", pause_ms=200) as uas:
        uas.register(d, "1002")
        a = place_call(d, "uac_call", tmp_path, "1002", hold_ms=300, name=f"uac_{name}")
        b = uas.result(timeout=15)
    assert a.successful == 1 and b.successful == 1, explain(a, b)


def status_of(d):
    status, body = d.admin().get("/api/v1/billing/status")
    assert status == 200, (status, body)
    return body


def one_collector(status):
    return status if len(status["stream"]["collectors"]) == 1 else None


def test_clean_restart_appends_and_never_repeats(make_daemon, tmp_path):
    d = billing_daemon(make_daemon, {"cdr_csv": {"enabled": True}})
    busy_call(d, tmp_path, "first")
    smdr.wait_for(lambda: status_of(d)["files"]["smdr"]["records"] == 1, what="the first record")
    d.stop()
    d.start()
    assert status_of(d)["replayed"] == 0
    busy_call(d, tmp_path, "second")
    d.stop()
    records = smdr.read_smdr(d)
    assert len(records) == 2, records
    for r in records:
        assert len(r) == 92 and r[59] == "B" and r[23:27] == "1001", repr(r)
    cdr = smdr.read_cdr(d)
    assert [c["status"] for c in cdr] == [486, 486] and cdr[0]["start"] < cdr[1]["start"], cdr
    csv = (smdr.cdr_path(d).parent / "cdr.csv").read_bytes().decode().split("\r\n")
    assert csv[0].startswith("call_id,") and len(csv) == 4 and csv[3] == "", csv  # one header, two rows
    journal = smdr.smdr_path(d).with_name("smdr.txt.journal")
    assert journal.exists() and journal.stat().st_size == 0  # checkpointed at the clean stop
    assert oct(smdr.smdr_path(d).stat().st_mode & 0o777) == "0o640"


def test_kill_between_journal_and_append_replays_the_record_exactly_once(make_daemon, tmp_path):
    d = billing_daemon(make_daemon)
    busy_call(d, tmp_path, "before_kill")
    smdr.wait_for(lambda: all(status_of(d)["files"][f]["records"] == 1 for f in ("smdr", "cdr_json")),
                  what="the SMDR and CDR records on disk")
    d.proc.kill()
    d.proc.wait(10)
    path = smdr.smdr_path(d)
    first = path.read_bytes()
    assert len(smdr.crlf_records(first.decode())) == 1
    # The state a kill leaves between the journal fsync and the append of the next record.
    pending = smdr.compose({"long_call": " ", "date": "01/02", "start_time": "03:04 ", "duration": "00:00:00",
                            "calling_party": "1009", "time_to_answer": "***", "digits": "2002",
                            "completion": "B", "called_party": "2002", "system_id": "000"}).encode()
    with open(path.with_name("smdr.txt.journal"), "ab") as journal:
        journal.write(journal_frame(len(first), pending))
    d.start()
    assert status_of(d)["replayed"] == 1
    assert "1 record(s) journaled before the last stop were appended" in d.log_text()
    answered_call(d, tmp_path, "after_restart")
    d.stop()
    records = smdr.read_smdr(d)
    assert len(records) == 3, records
    assert records[0].encode() == first and records[1].encode() == pending
    assert records[2][59] == "I", records[2]
    assert [c["status"] for c in smdr.read_cdr(d)] == [486, 200]
    # A second restart finds nothing to replay.
    d.start()
    assert status_of(d)["replayed"] == 0
    d.stop()
    assert len(smdr.read_smdr(d)) == 3


def test_billing_that_cannot_start_is_disabled_and_calls_still_work(make_daemon, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the SMDR folder should be\n")
    d = billing_daemon(make_daemon, {"smdr_file": {"path": str(blocker / "smdr.txt")}})
    answered_call(d, tmp_path, "no_billing")
    log = d.log_text()
    assert "module 'billing' failed to start" in log and "not a directory" in log, d.log_tail()
    assert "is not required: it is disabled" in log
    status, _ = d.admin().get("/api/v1/billing/status")
    assert status == 404


def test_stream_port_taken_disables_billing_and_calls_still_work(make_daemon, tmp_path):
    port = ports.reserve_port()
    taken = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    taken.bind(("127.0.0.1", port))
    taken.listen(1)
    try:
        d = billing_daemon(make_daemon, {"smdr_stream": {"enabled": True, "listen": f"127.0.0.1:{port}"}})
        busy_call(d, tmp_path, "port_taken")
        log = d.log_text()
        assert f"cannot listen on 127.0.0.1:{port}" in log, d.log_tail()
    finally:
        taken.close()


def test_status_route_counts_records_and_collectors(make_daemon, tmp_path):
    port = ports.reserve_port()
    d = billing_daemon(make_daemon, {"smdr_stream": {"enabled": True, "listen": f"127.0.0.1:{port}",
                                                     "backlog": 5}})
    busy_call(d, tmp_path, "counted")
    smdr.wait_for(lambda: status_of(d)["smdr_records"] == 1, what="the record")
    with smdr.Collector(port) as late:
        records = late.wait_records(1)  # the backlog brings the record made before it connected
        body = smdr.wait_for(lambda: one_collector(status_of(d)), what="one collector in the status")
    assert records == smdr.read_smdr(d), (records, smdr.read_smdr(d))
    assert body["stream"]["port"] == port and body["stream"]["published"] == 1
    assert body["stream"]["collectors"][0]["peer"].startswith("127.0.0.1:")
    assert body["files"]["smdr"]["path"] == str(smdr.smdr_path(d))
    assert body["files"]["cdr_json"]["records"] == 1 and body["files"]["cdr_csv"] is None
    assert body["dropped"] == 0 and body["write_errors"] == 0 and body["last_error"] is None
    assert body["tracked_calls"] == 0
