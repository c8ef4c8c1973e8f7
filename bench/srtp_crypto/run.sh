#!/usr/bin/env bash
# SRTP crypto micro-benchmark: builds bench/srtp_crypto RelWithDebInfo, then measures protect+unprotect
# per packet at 1, 100, 1,000 and 6,000 live sessions on libsrtp2's stock crypto and on ours.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$BENCH_DIR/../.." && pwd)
build_dir=${BUILD_DIR:-$repo/build-bench-srtp}
sessions=1,100,1000,6000
seconds=2
suites="AES_CM_128_HMAC_SHA1_80"
cpu=""

usage() {
  cat >&2 <<'USAGE'
usage: bench/srtp_crypto/run.sh [--sessions 1,100,1000,6000] [--seconds S] [--suites "A B"] [--cpu N]
  --sessions  live session pairs per measurement (default 1,100,1000,6000)
  --seconds   measuring time per session count (default 2; at least one packet per session)
  --suites    a=crypto suite names to measure (default AES_CM_128_HMAC_SHA1_80; also
              AES_CM_128_HMAC_SHA1_32, AEAD_AES_128_GCM)
  --cpu N     pin the benchmark to CPU N (taskset)
Environment: BUILD_DIR (default build-bench-srtp in the checkout).
USAGE
  exit 2
}

while [ $# -gt 0 ]; do
  case "$1" in
    --sessions) sessions=${2:?}; shift 2 ;;
    --seconds) seconds=${2:?}; shift 2 ;;
    --suites) suites=${2:?}; shift 2 ;;
    --cpu) cpu=${2:?}; shift 2 ;;
    *) usage ;;
  esac
done

cmake -S "$BENCH_DIR" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build_dir" -j2 >/dev/null
bench=("$build_dir/srtp_crypto_bench")
if [ -n "$cpu" ]; then
  bench=(taskset -c "$cpu" "${bench[@]}")
fi

echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(uname -srm), $(nproc) CPUs: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-)"
# Each backend in its own process: the replacement of libsrtp2's crypto types is process-wide.
for suite in $suites; do
  for backend in stock openssl; do
    echo
    echo "## backend $backend"
    "${bench[@]}" --backend "$backend" --suite "$suite" --sessions "$sessions" --seconds "$seconds"
  done
done
