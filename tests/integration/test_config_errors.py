"""Config errors: `lineside --check-config` and a starting daemon report file:line:column: key: message."""
import re

import pytest

from harness import config, daemon, paths


def _lines(cfg):
    return cfg.path.read_text().splitlines()


def _find(lines, pattern):
    for i, line in enumerate(lines):
        if re.match(pattern, line):
            return i
    raise AssertionError(f"{pattern!r} not in the generated config")


def broken_yaml(lines):
    i = _find(lines, r"^  workers: ")
    lines[i] = "  workers: 2: 3"  # a second ':' in a plain scalar: illegal map value at that ':'
    return lines, i + 1, [len("  workers: 2") + 1], None, None


def unknown_key(lines):
    i = _find(lines, r"^\s+max_expires: ")
    indent = len(lines[i]) - len(lines[i].lstrip())
    lines[i] = " " * indent + 'max_expire: "7200s"'
    return (lines, i + 1, [indent + 1], "modules.registrar.config.max_expire",
            re.escape("unknown key (did you mean 'max_expires'?)"))


def wrong_type(lines):
    i = _find(lines, r"^\s+max_expires: ")
    indent = len(lines[i]) - len(lines[i].lstrip())
    lines[i] = " " * indent + "max_expires: banana"
    return (lines, i + 1, [indent + 1, indent + len("max_expires: ") + 1], "modules.registrar.config.max_expires",
            re.escape("expected duration (e.g. 30s, 5m)"))


def missing_module(lines):
    lines += ["  nosuchmod:", "    enabled: true", "    required: true"]
    return (lines, len(lines) - 2, [3], "modules.nosuchmod",
            r"cannot load module 'nosuchmod' from \S*/nosuchmod\.so: .*No such file")


CASES = {"broken-yaml": broken_yaml, "unknown-key": unknown_key, "wrong-type": wrong_type,
         "missing-module": missing_module}


def _broken_config(tmp_path, pki, case):
    cfg = config.make_config(tmp_path / case, pki)
    lines, line, columns, key, message = CASES[case](_lines(cfg))
    cfg.path.write_text("\n".join(lines) + "\n")
    return cfg, line, columns, key, message


def _assert_reported(text, line, columns, key, message):
    """One line `lineside.yaml:LINE:COL: KEY: MESSAGE` (COL one of `columns`), 1-based like compilers."""
    found = re.findall(r"(?m)^lineside\.yaml:(\d+):(\d+): (.*)$", text)
    assert found, f"no 'lineside.yaml:line:column: ...' line in:\n{text}"
    want = [f for f in found if int(f[0]) == line and int(f[1]) in columns]
    assert want, f"expected an error at line {line}, column in {columns}; got {found}"
    rest = want[0][2]
    if key is not None:
        assert re.match(rf"{re.escape(key)}: {message}", rest), f"expected '{key}: ...{message}', got {rest!r}"


def _check_config(cfg):
    return daemon.run_cli(["--check-config", "lineside.yaml", "--module-dir", paths.module_dir()], cwd=cfg.workdir)


def test_valid_config_checks_ok(tmp_path, pki, lineside_bin):
    cfg = config.make_config(tmp_path / "good", pki)
    out = _check_config(cfg)
    assert out.returncode == 0, out.stderr
    assert "lineside.yaml: OK" in out.stdout, out.stdout


@pytest.mark.parametrize("case", list(CASES))
def test_check_config_reports_position_and_key(tmp_path, pki, lineside_bin, case):
    cfg, line, columns, key, message = _broken_config(tmp_path, pki, case)
    out = _check_config(cfg)
    assert out.returncode == 2, f"exit {out.returncode}\nstdout:{out.stdout}\nstderr:{out.stderr}"
    assert "OK" not in out.stdout
    _assert_reported(out.stderr, line, columns, key, message)


@pytest.mark.parametrize("case", list(CASES))
def test_daemon_refuses_to_start_with_the_same_message(tmp_path, pki, lineside_bin, case):
    cfg, line, columns, key, message = _broken_config(tmp_path, pki, case)
    argv = ["--config", "lineside.yaml", "--state-dir", cfg.state_dir, "--module-dir", paths.module_dir()]
    out = daemon.run_cli(argv, cwd=cfg.workdir, timeout=20)
    assert out.returncode != 0
    assert "lineside: ready" not in out.stderr + out.stdout
    _assert_reported(out.stderr, line, columns, key, message)
