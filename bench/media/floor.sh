#!/usr/bin/env bash
# The relay's kernel floor: runs relay_floor's bare loops (epoll as srtp-media reads and sends, and
# io_uring when liburing-dev is installed) alternately, --repeat times each, and prints every run's
# JSON line and each mode's mean, min and max CPU per relayed packet. --gather-us lists pauses
# after each productive round to try in the epoll loops (0 = none).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$BENCH_DIR/../.." && pwd)
tool_build=${TOOL_BUILD_DIR:-$repo/build-bench-media}
modes="epoll uring uring-defer"
gathers="0"
pairs=1000
repeat=4
seconds=5
results=""
label=""

usage() {
  echo "usage: bench/media/floor.sh [--modes \"epoll epoll-connected uring uring-defer\"] [--pairs N]" \
    "[--repeat R] [--seconds S] [--gather-us \"0 100 200\"] [--results FILE] [--label TEXT]" >&2
  exit 2
}
while [ $# -gt 0 ]; do
  case $1 in
    --modes) modes=${2:?}; shift 2 ;;
    --pairs) pairs=${2:?}; shift 2 ;;
    --repeat) repeat=${2:?}; shift 2 ;;
    --seconds) seconds=${2:?}; shift 2 ;;
    --gather-us) gathers=${2:?}; shift 2 ;;
    --results) results=${2:?}; shift 2 ;;
    --label) label=${2:?}; shift 2 ;;
    *) usage ;;
  esac
done
command -v jq >/dev/null || { echo "floor.sh: jq missing" >&2; exit 1; }
cmake -S "$BENCH_DIR" -B "$tool_build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$tool_build" --target relay_floor -j2 >/dev/null

echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(uname -srm), $(nproc) CPUs: $pairs socket pairs, 50 packets a second into each socket (as $pairs calls), ${seconds}s windows"
lines=$(mktemp)
trap 'rm -f "$lines"' EXIT
for run in $(seq "$repeat"); do
  for mode in $modes; do
    for gather in $gathers; do
      [[ $mode == epoll* || $gather == 0 ]] || continue
      line=$("$tool_build/relay_floor" --mode "$mode" --gather-us "$gather" --pairs "$pairs" \
        --seconds "$seconds" |
        jq -c --arg when "$(date -u +%Y-%m-%dT%H:%M:%SZ)" --arg tag "$label" --argjson run "$run" \
          '. + {run: $run, when: $when} + (if $tag == "" then {} else {label: $tag} end)')
      echo "$line"
      echo "$line" >>"$lines"
      [ -z "$results" ] || echo "$line" >>"$results"
    done
  done
done
jq -rs 'group_by([.mode, (.gather_us // 0)])[] | map(.relay_cpu_us_per_packet) as $c |
  "\(.[0].mode), gather \(.[0].gather_us // 0) us: \($c | add / length * 1000 | round / 1000) us per packet, mean of \($c | length) (\($c | min)-\($c | max)), lost \(map(.lost) | add)"' "$lines"
