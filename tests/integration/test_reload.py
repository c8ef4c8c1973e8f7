"""SIGHUP reload is all or nothing: a valid change applies, a change with any error applies nowhere."""
import re
import signal
import time

from harness import config
from harness.phone import Phone

DEVICES = [config.device(u) for u in range(1001, 1010)] + [config.device(1010, auth=False)]


def _register(d, user, expires):
    with d.sip("udp") as c:
        return Phone(c, user, f"secret{user}").register(expires=expires)


def _wait_for(predicate, what, d, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:  # bounded in time; each probe is one short transaction
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"{what} within {timeout:.0f}s\n{d.log_tail()}")


def test_sighup_applies_config_and_directory_changes(make_daemon):
    d = make_daemon(devices=DEVICES)
    out = _register(d, "1001", 30)
    assert out.status == 423 and out.final.get("min-expires") == "60"
    assert _register(d, "1011", 600).status == 403  # not provisioned yet

    d.config.data["modules"]["registrar"]["config"]["min_expires"] = "20s"
    d.config.write()
    config.write_directory(d.config.directory_path, DEVICES + [config.device(1011)])
    d.signal(signal.SIGHUP)
    _wait_for(lambda: _register(d, "1001", 30).status == 200, "min_expires 20s not in effect", d)
    assert _register(d, "1011", 600).status == 200, "device added to the directory not served"
    assert d.running


def test_sighup_with_one_bad_value_changes_nothing(make_daemon):
    d = make_daemon()
    d.config.data["modules"]["registrar"]["config"]["min_expires"] = "20s"  # valid on its own
    d.config.data["modules"]["auth"]["config"]["nonce_lifetime"] = "banana"  # invalid
    d.config.write()
    d.signal(signal.SIGHUP)
    _wait_for(lambda: re.search(r"modules\.auth\.config\.nonce_lifetime: .*duration", d.log_text()),
              "the invalid value was not reported", d)
    out = _register(d, "1002", 30)
    assert out.status == 423 and out.final.get("min-expires") == "60", "part of a refused reload was applied"
    assert d.running

    d.config.data["modules"]["auth"]["config"]["nonce_lifetime"] = "300s"  # fixed: now it applies
    d.config.write()
    d.signal(signal.SIGHUP)
    _wait_for(lambda: _register(d, "1002", 30).status == 200, "the corrected reload did not apply", d)
