"""Where the build outputs and sources are: the env vars ctest sets, with repo-relative defaults."""
import os
from pathlib import Path

# tests/integration/harness/paths.py -> the repository root
REPO = Path(__file__).resolve().parents[3]
INTEGRATION_DIR = Path(__file__).resolve().parents[1]
SIPP_DIR = INTEGRATION_DIR / "sipp"

# Build folders tried for manual runs (ctest always sets the env vars).
_BUILD_CANDIDATES = ("build", "build-kernel")


def _from_env_or_build(var, relative):
    value = os.environ.get(var)
    if value:
        return Path(value)
    for build in _BUILD_CANDIDATES:
        candidate = REPO / build / relative
        if candidate.exists():
            return candidate
    return REPO / _BUILD_CANDIDATES[0] / relative


def source_dir():
    value = os.environ.get("LINESIDE_SOURCE_DIR")
    return Path(value) if value else REPO


def lineside_bin():
    return _from_env_or_build("LINESIDE_BIN", "kernel/lineside")


def module_dir():
    return _from_env_or_build("LINESIDE_MODULE_DIR", "modules")


def fixture_dir():
    return _from_env_or_build("LINESIDE_FIXTURE_DIR", "fixture-modules")


def example_hello_so():
    return _from_env_or_build("LINESIDE_EXAMPLE_HELLO_SO", "example-hello/hello.so")


def sample_config():
    return source_dir() / "etc" / "lineside.yaml"


def sample_directory():
    return source_dir() / "etc" / "directory.yaml"


def rfc4475_dir():
    return source_dir().parent / "shared" / "rfc4475"
