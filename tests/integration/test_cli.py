"""Command-line surface without a running daemon: --version and --describe-module."""
import re

from harness import daemon, paths


def test_version_prints_product_and_abi(lineside_bin):
    out = daemon.run_cli(["--version"])
    assert out.returncode == 0, out.stderr
    version = re.search(r"project\(lineside VERSION (\d+\.\d+\.\d+)",
                        (paths.source_dir() / "CMakeLists.txt").read_text()).group(1)
    minor = re.search(r"#define LS_ABI_MINOR (\d+)",
                      (paths.source_dir() / "plugin-api/include/lineside/abi.h").read_text()).group(1)
    assert out.stdout.strip() == f"lineside {version} (plugin ABI 1.{minor})", out.stdout


def test_describe_registrar_lists_schema_and_provider(lineside_bin):
    out = daemon.run_cli(["--describe-module", "registrar", "--module-dir", paths.module_dir()])
    assert out.returncode == 0, out.stderr
    for key in ("min_expires", "default_expires", "max_expires", "max_contacts"):
        assert key in out.stdout, out.stdout
    assert "lineside.location/1" in out.stdout, out.stdout


def test_describe_fixture_lists_its_hooks(lineside_bin):
    out = daemon.run_cli(["--describe-module", "fx_throwing_hook", "--module-dir", paths.fixture_dir()])
    assert out.returncode == 0, out.stderr
    assert "explode_request" in out.stdout and "explode_authenticate" in out.stdout, out.stdout


def test_describe_unknown_module_fails(lineside_bin):
    out = daemon.run_cli(["--describe-module", "nosuchmod", "--module-dir", paths.module_dir()])
    assert out.returncode != 0
    assert "nosuchmod" in out.stderr
