#!/usr/bin/env bash
# bench/profile_calls.sh: where the daemon spends its time during calls: runs call_bench.sh at one
# rate (Lineside only) and samples the daemon with perf (software clock, works without PMU access).
set -euo pipefail
cd "$(dirname "$0")/.."
rate=${1:-800}
bin=${LINESIDE_BIN:-build/kernel/lineside}
mods=${LINESIDE_MODULE_DIR:-build/modules}
command -v perf >/dev/null || { echo "profile_calls.sh: perf missing: apt-get install linux-perf" >&2; exit 1; }
out=$(mktemp -d /tmp/lineside-profile.XXXXXX)
timeout 200 bash bench/call_bench.sh --only lineside --rate "$rate" --duration 8 --lineside-bin "$bin" \
  --module-dir "$mods" > "$out/bench.log" 2>&1 &
bench=$!
pid=""
for _ in $(seq 1 60); do
  pid=$(pgrep -f "$bin --config" | head -1 || true)
  [ -n "$pid" ] && grep -q "calls/s" "$out/bench.log" && break
  sleep 1
done
[ -n "$pid" ] || { echo "profile_calls.sh: the daemon did not start" >&2; cat "$out/bench.log"; exit 1; }
sleep 3
perf record -e cpu-clock -F 999 -g -p "$pid" -o "$out/perf.data" -- sleep 6 > /dev/null 2>&1
wait "$bench" || true
echo "== time by shared object (daemon at $rate calls/s)"
perf report -i "$out/perf.data" --no-children --sort dso --stdio -g none 2>/dev/null | grep "%" | head -12
echo "== hottest symbols"
perf report -i "$out/perf.data" --no-children --sort symbol --stdio -g none 2>/dev/null | grep "%" | head -25
echo "(data in $out)"
