"""Billing (SMDR): calls placed by sipp through the real daemon each leave exactly ONE record in the SMDR
file and ONE on the SMDR TCP stream, checked field by field at the columns of the Mitel layout table
(harness/smdr.py writes the expected record out independently of the module)."""
import time

from harness import ports, smdr
from harness.phone import Phone
from harness.sipp_call import call_daemon, explain, final_status, place_call
from harness.sipp_uas import SippUas


def billing_daemon(make_daemon, *, internal=True, kernel=None, csv=False):
    """A daemon for sipp calls with the SMDR stream on a reserved port and, unless told otherwise,
    internal SMDR switched on through the admin API (the system option is off by default)."""
    port = ports.reserve_port()
    config = {"smdr_stream": {"enabled": True, "listen": f"127.0.0.1:{port}"}}
    if csv:
        config["cdr_csv"] = {"enabled": True}
    d = call_daemon(make_daemon, kernel=kernel,
                    modules={"billing": {"enabled": True, "required": False, "config": config}})
    if internal:
        status, body = d.admin().request("PATCH", "/api/v1/options", body={"smdr_internal": True})
        assert status == 200 and body["smdr_internal"] is True, (status, body)
    d.stream_port = port
    return d


def billing_status(d):
    status, body = d.admin().get("/api/v1/billing/status")
    assert status == 200, (status, body)
    return body


def now_ms():
    return int(time.time() * 1000)


class CallRun:
    """One call placed with a collector on the stream; afterwards the daemon is stopped (the writer
    drains) and the stream, the SMDR file and the CDR are read."""

    def __init__(self, d, place):
        with smdr.Collector(d.stream_port) as collector:
            smdr.wait_for(lambda: len(billing_status(d)["stream"]["collectors"]) == 1, what="the collector")
            self.t0 = now_ms()
            self.results = place()
            self.t1 = now_ms()
            collector.wait_records(1)
            time.sleep(0.5)  # a second record for the same call would have arrived by now
            self.stream = collector.records()
            self.status = billing_status(d)
        d.stop()
        self.file = smdr.read_smdr(d)
        self.cdr = smdr.read_cdr(d)

    def only_record(self):
        assert len(self.stream) == 1, f"stream: {self.stream!r}"
        assert len(self.file) == 1, f"file: {self.file!r}"
        assert self.file == self.stream, (self.file, self.stream)
        assert len(self.cdr) == 1, self.cdr
        return self.file[0], self.cdr[0]

    def times(self, cdr):
        """start/answer/end of the CDR (UNIX ms), each checked to lie within the call's run."""
        start = smdr.iso_ms(cdr["start"])
        answer = smdr.iso_ms(cdr["answer"]) if cdr["answer"] else None
        end = smdr.iso_ms(cdr["end"])
        for name, value in (("start", start), ("answer", answer), ("end", end)):
            if value is not None:
                assert self.t0 - 1000 <= value <= self.t1 + 1000, f"{name} {value} outside [{self.t0}, {self.t1}]"
        assert start <= (answer or start) <= end
        return start, answer, end


def test_answered_internal_call(make_daemon, tmp_path):
    d = billing_daemon(make_daemon)

    def place():
        with SippUas("uas_answer", tmp_path, pause_ms=300) as uas:
            uas.register(d, "1002")
            a = place_call(d, "uac_call", tmp_path, "1002", hold_ms=1300)
            b = uas.result(timeout=15)
        assert a.successful == 1 and b.successful == 1, explain(a, b)
        return a, b

    run = CallRun(d, place)
    line, cdr = run.only_record()
    start, answer, end = run.times(cdr)
    assert answer is not None and end - answer >= 1000, cdr
    smdr.assert_record(line, smdr.expected_fields(start_ms=start, answer_ms=answer, end_ms=end,
                                                  calling="1001", called="1002", digits="1002",
                                                  completion="I"))
    assert cdr["caller_dn"] == "1001" and cdr["callee_dn"] == "1002" and cdr["status"] == 200
    assert cdr["ended_by"] == "caller" and cdr["direction"] == "internal"
    assert run.status["smdr_records"] == 1 and run.status["last_error"] is None, run.status
    assert run.status["stream"]["published"] == 1, run.status


def test_busy_internal_call(make_daemon, tmp_path):
    d = billing_daemon(make_daemon)

    def place():
        with SippUas("uas_busy", tmp_path) as uas:
            uas.register(d, "1002")
            a = place_call(d, "uac_call_refused", tmp_path, "1002")
            b = uas.result(timeout=10)
        assert final_status(a.trace) == 486, explain(a, b)
        return a, b

    run = CallRun(d, place)
    line, cdr = run.only_record()
    start, answer, end = run.times(cdr)
    assert answer is None
    smdr.assert_record(line, smdr.expected_fields(start_ms=start, calling="1001", called="1002",
                                                  digits="1002", completion="B"))
    assert cdr["status"] == 486 and cdr["q850_cause"] == 17, cdr


def test_call_to_an_unknown_number_is_recorded_as_an_error(make_daemon, tmp_path):
    """Refused before anything rang (404): the kernel still reports the call's end, so it is billed."""
    d = billing_daemon(make_daemon)

    def place():
        a = place_call(d, "uac_call_refused", tmp_path, "4999")
        assert final_status(a.trace) == 404, explain(a)
        return a

    run = CallRun(d, place)
    line, cdr = run.only_record()
    start, answer, end = run.times(cdr)
    assert answer is None
    smdr.assert_record(line, smdr.expected_fields(start_ms=start, calling="1001", called="4999",
                                                  digits="4999", completion="E"))
    assert cdr["status"] == 404 and cdr["q850_cause"] == 1, cdr


def test_a_phone_whose_connection_closed_is_billed_as_subscriber_absent(make_daemon, tmp_path):
    """Its binding exists but cannot be reached (a TCP phone whose connection closed): the caller's 480
    says Q.850 cause 20, and the record says the same cause."""
    d = billing_daemon(make_daemon)

    def place():
        client = d.sip("tcp")
        try:
            out = Phone(client, "1002", "secret1002").register(
                contacts=["<sip:1002@127.0.0.1:9;transport=tcp>"])
            assert out.status == 200, out.final
        finally:
            client.close()
        time.sleep(0.3)  # the server notices the closed connection
        a = place_call(d, "uac_call_refused", tmp_path, "1002")
        assert final_status(a.trace) == 480, explain(a)
        return a

    run = CallRun(d, place)
    line, cdr = run.only_record()
    assert cdr["status"] == 480 and cdr["q850_cause"] == 20, cdr


def test_unanswered_internal_call_after_the_ring_timeout(make_daemon, tmp_path):
    d = billing_daemon(make_daemon, kernel={"calls": {"ring_timeout": "2s"}})

    def place():
        with SippUas("uas_ring_no_answer", tmp_path) as uas:
            uas.register(d, "1002")
            a = place_call(d, "uac_call_refused", tmp_path, "1002")
            b = uas.result(timeout=15)
        assert final_status(a.trace) == 480, explain(a, b)
        return a, b

    run = CallRun(d, place)
    line, cdr = run.only_record()
    start, answer, end = run.times(cdr)
    assert answer is None and end - start >= 1500, cdr
    smdr.assert_record(line, smdr.expected_fields(start_ms=start, calling="1001", called="1002",
                                                  digits="1002", completion=" "))
    assert cdr["status"] == 480 and cdr["ended_by"] == "system", cdr


def test_cancelled_internal_call(make_daemon, tmp_path):
    d = billing_daemon(make_daemon)

    def place():
        with SippUas("uas_ring_no_answer", tmp_path) as uas:
            uas.register(d, "1002")
            a = place_call(d, "uac_cancel", tmp_path, "1002", hold_ms=800)
            b = uas.result(timeout=15)
        assert a.successful == 1 and final_status(a.trace) == 487, explain(a, b)
        return a, b

    run = CallRun(d, place)
    line, cdr = run.only_record()
    start, answer, end = run.times(cdr)
    assert answer is None
    smdr.assert_record(line, smdr.expected_fields(start_ms=start, calling="1001", called="1002",
                                                  digits="1002", completion=" "))
    assert cdr["ended_by"] == "caller", cdr


def test_internal_smdr_off_by_default_leaves_the_cdr_only(make_daemon, tmp_path):
    d = billing_daemon(make_daemon, internal=False, csv=True)
    with SippUas("uas_busy", tmp_path) as uas:
        uas.register(d, "1002")
        a = place_call(d, "uac_call_refused", tmp_path, "1002")
        uas.result(timeout=10)
    assert final_status(a.trace) == 486, explain(a)
    smdr.wait_for(lambda: billing_status(d)["cdr_records"] == 1, what="the CDR of the call")
    assert billing_status(d)["smdr_records"] == 0
    d.stop()
    assert smdr.read_smdr(d) == []
    cdr = smdr.read_cdr(d)
    assert len(cdr) == 1 and cdr[0]["completion"] == "B", cdr
    csv_lines = (smdr.cdr_path(d).parent / "cdr.csv").read_bytes().decode().split("\r\n")
    assert csv_lines[0].startswith("call_id,start,answer,end,") and csv_lines[1].startswith(f"{cdr[0]['call_id']},")
    assert csv_lines[2:] == [""], csv_lines
