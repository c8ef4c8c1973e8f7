"""Shared pytest fixtures: test PKI, per-test config + daemon factory, daemon log tails on failure."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import certs, config, daemon, paths  # noqa: E402


@pytest.fixture(scope="session")
def pki(tmp_path_factory):
    """One test CA + server certificate (SAN IP:127.0.0.1) per session, copied into each state dir."""
    return certs.make_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture
def make_daemon(tmp_path, pki):
    """Factory: make_daemon(start=True, module_dirs=None, extra_args=(), **make_config kwargs) -> Lineside.
    Every daemon still running at teardown is stopped with SIGTERM and must exit 0, sanitizer-clean."""
    made = []

    def factory(start=True, module_dirs=None, extra_args=(), name=None, **kw):
        workdir = tmp_path / (name or f"d{len(made) + 1}")
        cfg = config.make_config(workdir, pki, **kw)
        d = daemon.Lineside(cfg, module_dirs=module_dirs, extra_args=extra_args)
        made.append(d)
        if start:
            d.start()
        return d

    yield factory
    errors = []
    for d in made:
        try:
            if d.running:
                d.stop(expect_rc=0)
        except AssertionError as e:
            errors.append(str(e))
        finally:
            d.cleanup()
    if errors:
        pytest.fail("daemon teardown: " + "\n".join(errors), pytrace=False)


@pytest.fixture
def lineside(make_daemon):
    """A daemon with the sample config (ports, state dir and admin moved), started and ready."""
    return make_daemon()


@pytest.fixture
def lineside_bin():
    path = paths.lineside_bin()
    if not path.exists():
        pytest.fail(f"lineside binary not found at {path} (set LINESIDE_BIN)", pytrace=False)
    return path


@pytest.fixture(autouse=True)
def _forget_daemons():
    daemon.started.clear()
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.failed:
        for i, d in enumerate(daemon.started):
            if d.log_path:
                report.sections.append((f"lineside log tail #{i + 1} ({d.log_path})", d.log_tail(80)))
