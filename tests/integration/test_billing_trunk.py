"""Billing (SMDR) of an external call: 1001 dials 9 + a PSTN number, the routes module sends it to a
trunk (a sipp UAS standing in for the gateway) numbered 54, and the one SMDR record in the file and on
the stream names the trunk as called party (T054), answer supervision (A), no time to answer."""
import time

from harness import ports, smdr
from harness.sipp_call import call_daemon, explain, final_status, place_call
from harness.sipp_uas import SippUas
from harness.dialing_phone import DialingPhone
from harness.emergency_setup import DEFAULT_CESID, emergency_module, set_options
from harness.trunk_uas import TrunkUas

DIALLED = "96135552122"


def trunk_daemon(make_daemon, gateway_port):
    stream_port = ports.reserve_port()
    modules = {
        "billing": {"enabled": True, "required": False,
                    "config": {"smdr_stream": {"enabled": True, "listen": f"127.0.0.1:{stream_port}"}}},
        "routes": {"enabled": True, "required": False,
                   "config": {"routes": [{"name": "pstn", "patterns": ["_9X."], "strip": 1, "trunk_number": 54,
                                          "gateways": [{"uri": f"sip:127.0.0.1:{gateway_port};transport=udp"}]}]}},
    }
    d = call_daemon(make_daemon, modules=modules)
    d.stream_port = stream_port
    return d


def billing_status(d):
    status, body = d.admin().get("/api/v1/billing/status")
    assert status == 200, (status, body)
    return body


def run_external_call(d, tmp_path, uas_scenario, uac_scenario, **uac):
    with smdr.Collector(d.stream_port) as collector:
        smdr.wait_for(lambda: len(billing_status(d)["stream"]["collectors"]) == 1, what="the collector")
        with SippUas(uas_scenario, tmp_path, port=d.gateway_port, pause_ms=200) as gw:
            a = place_call(d, uac_scenario, tmp_path, DIALLED, **uac)
            b = gw.result(timeout=15)
        collector.wait_records(1)
        time.sleep(0.5)
        stream = collector.records()
    d.stop()
    return a, b, stream, smdr.read_smdr(d), smdr.read_cdr(d)


def test_answered_call_out_a_trunk(make_daemon, tmp_path):
    gateway_port = ports.reserve_port()
    d = trunk_daemon(make_daemon, gateway_port)
    d.gateway_port = gateway_port
    a, b, stream, file, cdr = run_external_call(d, tmp_path, "uas_answer", "uac_call", hold_ms=1200)
    assert a.successful == 1 and b.successful == 1, explain(a, b)
    assert len(stream) == 1 and file == stream, (stream, file)
    assert len(cdr) == 1, cdr
    c = cdr[0]
    assert c["direction"] == "outgoing" and c["trunk_number"] == 54 and c["trunk_name"] == "pstn", c
    start, answer, end = smdr.iso_ms(c["start"]), smdr.iso_ms(c["answer"]), smdr.iso_ms(c["end"])
    smdr.assert_record(file[0], smdr.expected_fields(start_ms=start, answer_ms=answer, end_ms=end,
                                                     calling="1001", called="T054", digits=DIALLED,
                                                     completion="A", internal=False))


def test_busy_trunk_call(make_daemon, tmp_path):
    gateway_port = ports.reserve_port()
    d = trunk_daemon(make_daemon, gateway_port)
    d.gateway_port = gateway_port
    a, b, stream, file, cdr = run_external_call(d, tmp_path, "uas_busy", "uac_call_refused")
    assert final_status(a.trace) == 486, explain(a, b)
    assert len(stream) == 1 and file == stream, (stream, file)
    c = cdr[0]
    smdr.assert_record(file[0], smdr.expected_fields(start_ms=smdr.iso_ms(c["start"]), calling="1001",
                                                     called="T054", digits=DIALLED, completion="B",
                                                     internal=False))



def test_emergency_call_gets_its_record(make_daemon):
    """911 through the emergency module's gateway (trunk 911): one record, even with external SMDR
    switched off, naming the emergency trunk as called party."""
    stream_port = ports.reserve_port()
    with TrunkUas("answer") as gw:
        modules = emergency_module([gw.uri])
        modules["billing"] = {"enabled": True, "required": False,
                              "config": {"smdr_stream": {"enabled": True, "listen": f"127.0.0.1:{stream_port}"}}}
        modules["emergency"]["config"].update({"trunk_number": 911, "trunk_name": "emergency"})
        d = make_daemon(modules=modules)
        set_options(d, default_cesid=DEFAULT_CESID, emergency_numbers=["911"], smdr_external=False)
        with smdr.Collector(stream_port) as collector:
            smdr.wait_for(lambda: len(billing_status(d)["stream"]["collectors"]) == 1, what="the collector")
            phone = DialingPhone(d, "1001")
            final = phone.call("911")
            assert final is not None and final.status == 200, final
            time.sleep(1.1)
            assert phone.hangup().status == 200
            collector.wait_records(1)
            time.sleep(0.5)
            stream = collector.records()
            phone.close()
        d.stop()
    file, cdr = smdr.read_smdr(d), smdr.read_cdr(d)
    assert len(stream) == 1 and file == stream, (stream, file)
    c = cdr[0]
    assert c["emergency"] is True and c["trunk_number"] == 911, c
    smdr.assert_record(file[0], smdr.expected_fields(start_ms=smdr.iso_ms(c["start"]),
                                                     answer_ms=smdr.iso_ms(c["answer"]),
                                                     end_ms=smdr.iso_ms(c["end"]), calling="1001",
                                                     called="T911", digits="911", completion="A",
                                                     internal=False))
