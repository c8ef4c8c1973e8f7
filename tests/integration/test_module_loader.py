"""Module loading failures: each broken fixture aborts start-up when required, is disabled when not."""
import re

import pytest

from harness import daemon, paths, sip
from harness.phone import Phone

ABI_MINOR = int(re.search(r"#define LS_ABI_MINOR (\d+)",
                          (paths.source_dir() / "plugin-api/include/lineside/abi.h").read_text()).group(1))

# module name -> regex for the specific reason the loader must give
REASONS = {
    "fx_no_entry": r"fx_no_entry.*has no entry symbol lineside_module_v1",
    "fx_wrong_major": r"fx_wrong_major.*plugin ABI (major )?2\b.*this lineside has 1\b",
    # The contract's wording ("built for plugin ABI 1.9, this lineside has 1.0").
    "fx_newer_minor": re.escape(f"built for plugin ABI 1.{ABI_MINOR + 5}, this lineside has 1.{ABI_MINOR}"),
    "fx_needs_provider": re.escape("module 'fx_needs_provider' requires provider 'lineside.foo/1', "
                                   "which no enabled module provides"),
    "fx_init_fails": re.escape("fx_init_fails: licence file /nonexistent/fx.lic is missing"),
}
# Detectable without starting anything (init failures only show when the daemon runs init).
LOAD_TIME = ["fx_no_entry", "fx_wrong_major", "fx_newer_minor", "fx_needs_provider"]


def _fixture(name):
    path = paths.fixture_dir() / f"{name}.so"
    if not path.exists():
        pytest.fail(f"fixture module {path} not built (tests/fixtures; set LINESIDE_FIXTURE_DIR)", pytrace=False)
    return path


def _modules(name, required):
    return {name: {"enabled": True, "required": required, "path": str(_fixture(name))}}


@pytest.mark.parametrize("name", list(REASONS))
def test_required_broken_module_aborts_start_up(make_daemon, lineside_bin, name):
    d = make_daemon(start=False, modules=_modules(name, True))
    d.start(wait=False)
    rc = d.wait_exit(20)
    assert rc is not None, f"lineside kept running with a broken required module {name}\n{d.log_tail()}"
    assert rc != 0
    log = d.log_text()
    assert "lineside: ready" not in log
    assert re.search(REASONS[name], log), f"reason /{REASONS[name]}/ not in the log:\n{d.log_tail()}"
    d.check_sanitizers()


@pytest.mark.parametrize("name", list(REASONS))
def test_optional_broken_module_is_disabled_with_a_warning(make_daemon, lineside_bin, name):
    d = make_daemon(modules=_modules(name, False))  # must still become ready (OPTIONS 200)
    lines = [ln for ln in d.log_text().splitlines() if re.search(REASONS[name], ln)]
    assert lines, f"reason /{REASONS[name]}/ not logged:\n{d.log_tail()}"
    assert any(re.search(r"warn", ln, re.IGNORECASE) for ln in lines), f"not logged as a warning: {lines}"
    # The rest of the server works: a phone registers.
    with d.sip("udp") as c:
        assert Phone(c, "1001", "secret1001").register().status == 200


@pytest.mark.parametrize("name", LOAD_TIME)
def test_check_config_reports_the_load_failure(make_daemon, lineside_bin, name):
    d = make_daemon(start=False, modules=_modules(name, True))
    out = daemon.run_cli(["--check-config", "lineside.yaml", "--module-dir", paths.module_dir()],
                         cwd=d.config.workdir)
    assert out.returncode == 2, f"exit {out.returncode}\n{out.stdout}\n{out.stderr}"
    assert re.search(REASONS[name], out.stderr), out.stderr
    assert re.search(r"(?m)^lineside\.yaml:\d+:\d+: modules\." + name + r"\b", out.stderr), out.stderr


def test_missing_module_file_aborts_start_up(make_daemon, lineside_bin):
    d = make_daemon(start=False, modules={"nosuchmod": {"enabled": True, "required": True}})
    d.start(wait=False)
    rc = d.wait_exit(20)
    assert rc not in (None, 0), d.log_tail()
    want = re.escape(f"cannot load module 'nosuchmod' from {paths.module_dir()}/nosuchmod.so") + r": .*No such file"
    assert re.search(want, d.log_text()), d.log_tail()


def test_disabled_module_is_not_loaded_at_all(make_daemon, lineside_bin):
    d = make_daemon(modules={"fx_init_fails": {"enabled": False, "required": True,
                                               "path": str(_fixture("fx_init_fails"))}})
    assert "licence file" not in d.log_text()


def test_optional_module_failing_init_disables_its_dependents(make_daemon, lineside_bin):
    """registrar (optional here) provides lineside.location/1, which kpml requires: when the registrar's
    init fails, kpml is disabled too, with a warning naming the registrar, and the daemon runs on."""
    d = make_daemon(modules={"registrar": {"required": False},
                             "kpml": {"enabled": True, "required": False}},
                    # Valid types, but min above max: only the registrar's own init can refuse it.
                    registrar={"min_expires": "7200s", "default_expires": "7200s", "max_expires": "3600s"})
    log = d.log_text()
    assert re.search(r"module 'registrar' failed to initialise", log), d.log_tail()
    dependent = [ln for ln in log.splitlines()
                 if "module 'kpml' requires provider 'lineside.location/1', whose module 'registrar' is disabled"
                 in ln]
    assert dependent, f"kpml not disabled naming the registrar:\n{d.log_tail()}"
    assert any(re.search(r"warn", ln, re.IGNORECASE) for ln in dependent), f"not logged as a warning: {dependent}"
    # Neither module serves anything; the kernel and the other modules do.
    admin = d.admin()
    assert admin.get("/api/v1/kpml/collections") == (404, {"error": "no such resource"})
    assert admin.get("/api/v1/registrations") == (404, {"error": "no such resource"})
    assert admin.get("/api/v1/devices/dev-1001")[0] == 200
    # mwi needs lineside.location/1 only optionally: it runs on without it.
    assert admin.get("/api/v1/mwi")[0] == 200
    with d.sip("udp") as c:
        assert sip.options(c).status == 200
    assert d.running
