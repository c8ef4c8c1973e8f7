#!/usr/bin/env bash
# Media relay benchmark: N calls, each with an SRTP leg (phone A) and a plain RTP leg (phone B), G.711
# 20 ms both ways, through Lineside's srtp-media and through rtpengine (userspace, --table=-1), each
# relay pinned to one core and the load tool to another. Prints one JSON line per step and a summary:
# the largest N with 0 loss and p99 one-way delay < 1 ms, and CPU per relayed packet.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$BENCH_DIR/../.." && pwd)
tool_build=${TOOL_BUILD_DIR:-$repo/build-bench-media}
lineside_build=${LINESIDE_BUILD_DIR:-$repo/build}
calls="200,400,600,800,900,1000,1200,1400,1600"
relays="lineside rtpengine"
seconds=10
warmup=3
relay_cpu=0
tool_cpu=1
results=""

usage() {
  cat >&2 <<'USAGE'
usage: bench/media/run.sh [--calls 200,400,...] [--relays "lineside rtpengine"] [--seconds S]
                          [--warmup S] [--relay-cpu 0] [--tool-cpu 1] [--results FILE]
  --calls     concurrent calls per step (default 200,400,600,800,900,1000,1200,1400,1600)
  --relays    which relays to measure (default both)
  --seconds   measurement window per step (default 10), after --warmup seconds (default 3)
  --relay-cpu / --tool-cpu   the cores the relay and the load tool are pinned to (default 0 / 1)
  --results   also append every step's JSON line to FILE
Environment: LINESIDE_BUILD_DIR (a RelWithDebInfo build, default build/), TOOL_BUILD_DIR (default
build-bench-media). rtpengine comes from the Debian package rtpengine-daemon.
USAGE
  exit 2
}

while [ $# -gt 0 ]; do
  case "$1" in
    --calls) calls=${2:?}; shift 2 ;;
    --relays) relays=${2:?}; shift 2 ;;
    --seconds) seconds=${2:?}; shift 2 ;;
    --warmup) warmup=${2:?}; shift 2 ;;
    --relay-cpu) relay_cpu=${2:?}; shift 2 ;;
    --tool-cpu) tool_cpu=${2:?}; shift 2 ;;
    --results) results=${2:?}; shift 2 ;;
    *) usage ;;
  esac
done

for tool in jq curl taskset; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool missing" >&2; exit 1; }
done
if [[ " $relays " == *" rtpengine "* ]] && ! command -v rtpengine >/dev/null; then
  echo "run.sh: rtpengine missing: apt-get install rtpengine-daemon" >&2
  exit 1
fi
lineside_bin=$lineside_build/kernel/lineside
module_dir=$lineside_build/modules
if [[ " $relays " == *" lineside "* ]] && [ ! -x "$lineside_bin" ]; then
  echo "run.sh: no $lineside_bin (LINESIDE_BUILD_DIR: a RelWithDebInfo build)" >&2
  exit 1
fi

cmake -S "$BENCH_DIR" -B "$tool_build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$tool_build" -j2 >/dev/null
load=$tool_build/media_load
work=$(mktemp -d /tmp/lineside-media-bench.XXXXXX)
relay_pid=""
trap 'stop_relay; rm -rf "$work"' EXIT

stop_relay() {
  [ -n "$relay_pid" ] || return 0
  kill -TERM "$relay_pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$relay_pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$relay_pid" 2>/dev/null || true
  wait "$relay_pid" 2>/dev/null || true
  relay_pid=""
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_lineside: sets relay_pid and control_port; SRTP on, the caller's profile not AVP Only.
start_lineside() {
  local dir=$work/lineside admin_port token i
  rm -rf "$dir"
  mkdir -p "$dir/state"
  control_port=$(free_port)
  admin_port=$(free_port)
  sed -e "s/@SIP_PORT@/$control_port/" -e "s/@ADMIN_PORT@/$admin_port/" -e "s/@RELAY_MIN@/20000/" \
    -e "s/@RELAY_MAX@/29999/" "$BENCH_DIR/lineside.yaml" >"$dir/lineside.yaml"
  cp "$BENCH_DIR/directory.yaml" "$dir/directory.yaml"
  taskset -c "$relay_cpu" "$lineside_bin" --config "$dir/lineside.yaml" --state-dir "$dir/state" \
    --module-dir "$module_dir" >"$work/lineside.log" 2>&1 &
  relay_pid=$!
  for i in $(seq 100); do
    curl -sf "http://127.0.0.1:$admin_port/api/v1/health" >/dev/null 2>&1 && break
    sleep 0.1
  done
  token="Authorization: Bearer $(cat "$dir/state/admin.token")"
  curl -sf -H "$token" -X PATCH -d '{"srtp_enabled": true}' "http://127.0.0.1:$admin_port/api/v1/options" >/dev/null
  curl -sf -H "$token" -X PATCH -d '{"avp_only": false}' "http://127.0.0.1:$admin_port/api/v1/profiles/9" >/dev/null
  curl -sf -H "$token" -X PATCH -d '{"profile": 9}' "http://127.0.0.1:$admin_port/api/v1/devices/dev-2001" >/dev/null
}

start_rtpengine() {
  local i
  control_port=$(free_port)
  taskset -c "$relay_cpu" rtpengine --config-file=none --foreground --log-stderr --table=-1 \
    --interface=127.0.0.1 --listen-ng="127.0.0.1:$control_port" --port-min=20000 --port-max=29999 \
    --num-threads=1 --log-level=3 >"$work/rtpengine.log" 2>&1 &
  relay_pid=$!
  for i in $(seq 50); do
    ss -uln | grep -q "127.0.0.1:$control_port " && break
    sleep 0.1
  done
}

echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(uname -srm), $(nproc) CPUs:$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-)"
echo "# relay pinned to CPU $relay_cpu, load tool to CPU $tool_cpu; ${warmup}s warm-up, ${seconds}s measured per step"
summary=()
for relay in $relays; do
  best=0
  best_cost=""
  for n in ${calls//,/ }; do
    "start_$relay"
    line=$(taskset -c "$tool_cpu" "$load" --relay "$relay" --port "$control_port" --calls "$n" \
      --warmup "$warmup" --seconds "$seconds" --relay-pid "$relay_pid" 2>>"$work/load.err") || {
      echo "{\"relay\": \"$relay\", \"calls\": $n, \"error\": \"$(tail -1 "$work/load.err")\"}"
      stop_relay
      continue
    }
    stop_relay
    echo "$line"
    [ -z "$results" ] || echo "$line" >>"$results"
    ok=$(jq -r '(.a_to_b.lost + .b_to_a.lost == 0) and (.a_to_b.p99_us < 1000) and (.b_to_a.p99_us < 1000)' <<<"$line")
    cost=$(jq -r '.relay_cpu_us_per_packet' <<<"$line")
    if [ "$ok" = true ] && [ "$n" -gt "$best" ]; then
      best=$n
      best_cost=$cost
    fi
  done
  summary+=("$relay: largest N with 0 loss and p99 < 1 ms = $best calls (${best_cost:-n/a} us CPU per relayed packet there)")
  eval "best_$relay=$best"
done
echo
printf '%s\n' "${summary[@]}"
if [ -n "${best_lineside:-}" ] && [ -n "${best_rtpengine:-}" ] && [ "${best_rtpengine:-0}" -gt 0 ]; then
  awk -v l="$best_lineside" -v r="$best_rtpengine" 'BEGIN { printf "ratio lineside / rtpengine: %.2f\n", l / r }'
fi
