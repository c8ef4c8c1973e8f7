#!/usr/bin/env bash
# The two developer commands: `run` builds and starts Lineside on the sample config; `test` runs the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
# The tools deps.sh installs come first: Debian's python3 has python3-pytest and python3-yaml, a pyenv shim may not.
export PATH="/usr/sbin:/usr/bin:/sbin:/bin:$PATH"

jobs=$(nproc)
started=$SECONDS
phase_name=""
phase_start=$SECONDS

phase() {
  phase_done
  phase_name=$1
  phase_start=$SECONDS
  echo "==> $phase_name"
}

phase_done() {
  if [ -n "$phase_name" ]; then
    echo "==> $phase_name: $((SECONDS - phase_start)) s (total $((SECONDS - started)) s)"
  fi
  phase_name=""
}

# configure DIR BUILD_TYPE [cmake args...]: (re)configure a Ninja build tree, replacing one made by another generator.
configure() {
  local dir=$1 type=$2
  shift 2
  if [ -f "$dir/CMakeCache.txt" ] && ! grep -q '^CMAKE_GENERATOR:INTERNAL=Ninja$' "$dir/CMakeCache.txt"; then
    echo "dev.sh: $dir was configured with another generator; starting it afresh"
    rm -rf "$dir"
  fi
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$type" "$@"
}

build() {
  cmake --build "$1" -j "$jobs"
}

cmd_run() {
  phase "dependencies"
  bash packaging/deps.sh
  phase "configure and build (build/)"
  configure build RelWithDebInfo
  build build
  phase "state folder and test certificate"
  install -d -m 0750 state
  bash packaging/test-cert.sh state/tls
  phase_done

  local bin=build/kernel/lineside
  if [ ! -x "$bin" ]; then
    echo "dev.sh: $bin was not built" >&2
    exit 1
  fi
  echo "lineside: admin token in state/admin.token (created at first start, API on http://127.0.0.1:8089);" \
    "register a phone as 1001 / secret1001 (domain pbx.test) at 127.0.0.1:5060 UDP/TCP or 5061 TLS"
  exec "$bin" --config etc/lineside.yaml --state-dir state --module-dir build/modules "$@"
}

# ctest_in DIR [ctest args...]: runs one tree's tests; returns ctest's status without stopping the script.
ctest_in() {
  local dir=$1
  shift
  ctest --test-dir "$dir" --output-on-failure -j2 --no-tests=error --timeout 600 "$@"
}

cmd_test() {
  local plain=0 sanitized=0

  phase "dependencies"
  bash packaging/deps.sh
  phase "configure and build (build/, RelWithDebInfo)"
  configure build RelWithDebInfo
  build build
  phase "tests (build/)"
  ctest_in build || plain=$?

  phase "configure and build (build-asan/, Debug, ASan+UBSan)"
  configure build-asan Debug -DLINESIDE_SANITIZE=ON
  build build-asan
  phase "tests (build-asan/)"
  local leaks=1
  if [ "$(bash packaging/lsan-probe.sh)" != 1 ]; then
    leaks=0
    echo "dev.sh: LeakSanitizer does not work here (ptrace is restricted); running with detect_leaks=0"
  fi
  export ASAN_OPTIONS="detect_leaks=$leaks:abort_on_error=1:fast_unwind_on_malloc=0"
  # Sofia-SIP's known TLS connection leak only (see packaging/lsan.supp).
  export LSAN_OPTIONS="suppressions=$PWD/packaging/lsan.supp:print_suppressions=0"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
  # The packaging check and the benchmarks say nothing new under sanitizers.
  ctest_in build-asan -LE '^(packaging|bench)$' || sanitized=$?
  phase_done

  echo "dev.sh: tests build/ exit $plain, build-asan/ exit $sanitized; $((SECONDS - started)) s in all"
  if [ "$plain" -ne 0 ] || [ "$sanitized" -ne 0 ]; then
    exit 1
  fi
}

case "${1:-}" in
  run) shift; cmd_run "$@" ;;
  test) shift; cmd_test "$@" ;;
  *)
    echo "usage: bash packaging/dev.sh run [lineside args...] | test" >&2
    exit 2
    ;;
esac
