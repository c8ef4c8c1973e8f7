"""Forking: every registered contact of every device on the dialled DN rings; the first 200 wins, the rest get CANCEL."""
from harness import config, sipp_trace
from harness.sipp_call import call_daemon, explain, place_call
from harness.sipp_uas import SippUas


def sample_devices(**extra_by_user):
    """Devices 1001-1005 as in the sample, with extra keys merged per user."""
    out = []
    for user in range(1001, 1006):
        dev = config.device(str(user))
        dev.update(extra_by_user.get(str(user), {}))
        out.append(dev)
    return out


def assert_winner_and_loser(a, winner, loser):
    assert a.returncode == 0 and a.successful == 1, explain(a, winner, loser)
    assert winner.returncode == 0 and winner.successful == 1, explain(a, winner, loser)
    assert loser.returncode == 0 and loser.successful == 1, explain(a, winner, loser)
    assert len(sipp_trace.requests(winner.trace, "INVITE")) == 1, explain(winner)
    assert sipp_trace.requests(winner.trace, "CANCEL") == [], explain(winner)
    assert len(sipp_trace.requests(loser.trace, "CANCEL")) == 1, explain(loser)
    assert sipp_trace.statuses(loser.trace, "INVITE", "sent")[-1] == 487, explain(loser)
    # The losing fork never saw the answer's ACK or the caller's BYE.
    assert sipp_trace.requests(loser.trace, "BYE") == [] and len(sipp_trace.requests(loser.trace, "ACK")) == 1
    assert len(sipp_trace.requests(winner.trace, "BYE")) == 1, explain(winner)


def test_two_contacts_of_one_dn_ring_and_the_loser_is_cancelled(make_daemon, tmp_path):
    d = call_daemon(make_daemon)
    with SippUas("uas_answer", tmp_path, name="winner", pause_ms=1500) as winner, \
            SippUas("uas_ring_no_answer", tmp_path, name="loser") as loser:
        winner.register(d, "1002")
        loser.register(d, "1002")
        assert len(d.admin().registrations(user="1002")) == 2
        a = place_call(d, "uac_call", tmp_path, "1002", hold_ms=500)
        w, lo = winner.result(timeout=15), loser.result(timeout=15)
    assert_winner_and_loser(a, w, lo)
    # Both forks are separate B legs: their own Call-IDs.
    assert (sipp_trace.requests(w.trace, "INVITE")[0].get("call-id")
            != sipp_trace.requests(lo.trace, "INVITE")[0].get("call-id"))


def test_additional_line_dn_rings_every_device_that_carries_it(make_daemon, tmp_path):
    devices = sample_devices(**{"1002": {"additional_dns": ["2001"]}, "1003": {"additional_dns": ["2001"]}})
    d = call_daemon(make_daemon, devices=devices)
    with SippUas("uas_ring_no_answer", tmp_path, name="line-on-1002") as on_1002, \
            SippUas("uas_answer", tmp_path, name="line-on-1003", pause_ms=1500) as on_1003:
        on_1002.register(d, "1002")
        on_1003.register(d, "1003")
        a = place_call(d, "uac_call", tmp_path, "2001", hold_ms=500)
        lo, w = on_1002.result(timeout=15), on_1003.result(timeout=15)
    assert_winner_and_loser(a, w, lo)


def test_additional_line_dn_of_a_second_device_only(make_daemon, tmp_path):
    devices = sample_devices(**{"1003": {"additional_dns": ["2001"]}})
    d = call_daemon(make_daemon, devices=devices)
    with SippUas("uas_answer", tmp_path, name="main-1002") as main_1002, \
            SippUas("uas_answer", tmp_path, name="line-on-1003", pause_ms=300) as on_1003:
        main_1002.register(d, "1002")
        on_1003.register(d, "1003")
        a = place_call(d, "uac_call", tmp_path, "2001", hold_ms=300)
        b = on_1003.result(timeout=15)
        main_1002.stop()
        other = main_1002.result()
    assert a.returncode == 0 and a.successful == 1, explain(a, b)
    assert b.returncode == 0 and b.successful == 1, explain(a, b)
    assert sipp_trace.requests(other.trace, "INVITE") == [], explain(other)
