"""SIGHUP reload against the real daemon: all or nothing, and the server keeps serving either way."""
import signal
import time

from harness import config as cfgmod
from harness import sip
from harness.calls import Callee
from harness.dialing_phone import DialingPhone
from harness.phone import Phone


def wait_for_log(d, text, count=1, timeout=10.0):
    """Wait until `text` appears `count` times in the daemon log; return the log."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        log = d.log_text()
        if log.count(text) >= count:
            return log
        time.sleep(0.1)
    raise AssertionError(f"{text!r} x{count} not in log within {timeout}s:\n{d.log_tail()}")


def granted_expiry(d, user="1001", password="secret1001", expires=3600):
    with d.sip("udp") as c:
        phone = Phone(c, user, password)
        out = phone.register(expires=expires)
        assert out.status == 200, out.final.start_line if out.final else out
        mine = [ct for ct in out.final.contacts() if phone.contact in ct]
        assert len(mine) == 1, out.final.contacts()
        return int(sip.contact_param(mine[0], "expires"))


def rewrite(d, mutate):
    mutate(d.config.data)
    d.config.write()


def test_reload_applies_module_config_and_directory(make_daemon):
    d = make_daemon()
    assert granted_expiry(d) == 3600

    def shorter_max_and_new_device(data):
        data["modules"]["registrar"]["config"]["default_expires"] = "1800s"
        data["modules"]["registrar"]["config"]["max_expires"] = "1800s"
    rewrite(d, shorter_max_and_new_device)
    devices = [cfgmod.device(str(u)) for u in range(1001, 1010)] + [cfgmod.device("1099", "secret1099")]
    cfgmod.write_directory(d.config.directory_path, devices)
    d.signal(signal.SIGHUP)
    wait_for_log(d, "configuration reloaded")
    assert granted_expiry(d) == 1800, "the new registrar max_expires is not in force"
    assert granted_expiry(d, "1099", "secret1099") == 1800, "the new directory device cannot register"


def test_broken_reload_changes_nothing_and_keeps_serving(make_daemon):
    d = make_daemon()
    assert granted_expiry(d) == 3600
    good_text = d.config.path.read_text()
    d.config.path.write_text(good_text + "\nmodules: [this is: not valid\n")
    d.signal(signal.SIGHUP)
    wait_for_log(d, "reload refused")
    assert d.running
    assert granted_expiry(d) == 3600


def test_reload_is_all_or_nothing(make_daemon):
    d = make_daemon()

    def valid_module_change_plus_restart_only_change(data):
        data["modules"]["registrar"]["config"]["default_expires"] = "1800s"
        data["modules"]["registrar"]["config"]["max_expires"] = "1800s"
        data["kernel"]["workers"] = 3  # only a restart can change this
    rewrite(d, valid_module_change_plus_restart_only_change)
    d.signal(signal.SIGHUP)
    log = wait_for_log(d, "reload refused")
    assert "kernel.workers" in log
    assert granted_expiry(d) == 3600, "part of a refused reload was applied"


def test_reload_refuses_an_invalid_module_value(make_daemon):
    d = make_daemon()

    def bad_duration(data):
        data["modules"]["registrar"]["config"]["max_expires"] = "soon"
    rewrite(d, bad_duration)
    d.signal(signal.SIGHUP)
    log = wait_for_log(d, "reload refused")
    assert "modules.registrar.config.max_expires" in log
    assert granted_expiry(d) == 3600


def _register(d, user, expires):
    with d.sip("udp") as c:
        return Phone(c, user, f"secret{user}").register(expires=expires)


def _wait_until(d, predicate, what, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:  # bounded in time; each probe is one short transaction
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"{what} within {timeout:.0f}s\n{d.log_tail()}")


def test_reload_lowers_min_expires(make_daemon):
    d = make_daemon()
    out = _register(d, "1001", 30)
    assert out.status == 423 and out.final.get("min-expires") == "60"
    rewrite(d, lambda data: data["modules"]["registrar"]["config"].update(min_expires="20s"))
    d.signal(signal.SIGHUP)
    _wait_until(d, lambda: _register(d, "1001", 30).status == 200, "min_expires 20s not in effect")


def test_bad_value_in_one_module_blocks_a_good_change_in_another_until_fixed(make_daemon):
    d = make_daemon()

    def good_and_bad(data):
        data["modules"]["registrar"]["config"]["min_expires"] = "20s"  # valid on its own
        data["modules"]["auth"]["config"]["nonce_lifetime"] = "banana"  # invalid
    rewrite(d, good_and_bad)
    d.signal(signal.SIGHUP)
    log = wait_for_log(d, "reload refused")
    assert "modules.auth.config.nonce_lifetime" in log
    out = _register(d, "1002", 30)
    assert out.status == 423 and out.final.get("min-expires") == "60", "part of a refused reload was applied"
    rewrite(d, lambda data: data["modules"]["auth"]["config"].update(nonce_lifetime="300s"))
    d.signal(signal.SIGHUP)
    _wait_until(d, lambda: _register(d, "1002", 30).status == 200, "the corrected reload did not apply")


def test_reload_applies_the_ring_timeout_to_the_next_call(make_daemon):
    d = make_daemon(kernel={"calls": {"ring_timeout": "30s"}})
    callee = Callee(d, "1005", "ring")
    phone = DialingPhone(d, "1001")
    try:
        rewrite(d, lambda data: data["kernel"]["calls"].update({"ring_timeout": "2s"}))
        d.signal(signal.SIGHUP)
        wait_for_log(d, "configuration reloaded")
        started = time.monotonic()
        final = phone.call("1005", timeout=15)
        assert final is not None and final.status == 480, final
        assert time.monotonic() - started < 10, "the old 30 s ring timeout is still in force"
    finally:
        phone.close()
        callee.close()
