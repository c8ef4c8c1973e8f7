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
calls="400,600,800,900,1000,1100,1200"
repeat=2
relays="lineside rtpengine"
seconds=10
warmup=3
relay_cpu=0
tool_cpu=1
results=""
label=""
max_idle_wait=900
realtime=0

usage() {
  cat >&2 <<'USAGE'
usage: bench/media/run.sh [--calls 400,600,...] [--relays "lineside rtpengine"] [--seconds S]
                          [--warmup S] [--repeat R] [--relay-cpu 0] [--tool-cpu 1] [--results FILE]
                          [--label TEXT] [--max-idle-wait S] [--realtime PRIO]
  --calls     concurrent calls per step (default 400,600,800,900,1000,1100,1200)
  --repeat    runs per step (default 2); the one with the lowest p99 counts: other load on a
              shared machine only ever adds delay
  --relays    which relays to measure (default both)
  --seconds   measurement window per step (default 10), after --warmup seconds (default 3)
  --relay-cpu / --tool-cpu   the cores the relay and the load tool are pinned to (default 0 / 1)
  --results   also append every step's JSON line to FILE
  --label     a "label" field added to every line (which build or change it measured)
  --max-idle-wait  how long to wait for an idle machine before each run (default 900 s)
  --realtime  run each relay's media thread under SCHED_FIFO at this priority (Lineside
              realtime_priority, rtpengine --scheduling=fifo --priority); 0 = normal (default)
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
    --repeat) repeat=${2:?}; shift 2 ;;
    --relay-cpu) relay_cpu=${2:?}; shift 2 ;;
    --tool-cpu) tool_cpu=${2:?}; shift 2 ;;
    --results) results=${2:?}; shift 2 ;;
    --label) label=${2:?}; shift 2 ;;
    --max-idle-wait) max_idle_wait=${2:?}; shift 2 ;;
    --realtime) realtime=${2:?}; shift 2 ;;
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

# wait_idle: the benchmark shares the machine; wait (at most --max-idle-wait) until the CPUs were
# less than 10 % busy over 2 s, so other work does not pass for relay delay. Prints the busy share
# it saw last (kept in each line as busy_before).
wait_idle() {
  local deadline=$((SECONDS + max_idle_wait)) a b busy
  while :; do
    a=$(awk '/^cpu / { t = 0; for (i = 2; i <= NF; i++) t += $i; print t - $5 - $6, t }' /proc/stat)
    sleep 2
    b=$(awk '/^cpu / { t = 0; for (i = 2; i <= NF; i++) t += $i; print t - $5 - $6, t }' /proc/stat)
    busy=$(awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " ");
      printf "%.3f", (y[1] - x[1]) / ((y[2] - x[2]) > 0 ? (y[2] - x[2]) : 1) }')
    if awk -v b="$busy" 'BEGIN { exit !(b < 0.10) }' || [ $SECONDS -ge $deadline ]; then
      echo "$busy"
      return
    fi
    sleep 5
  done
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
    -e "s/@RELAY_MAX@/29999/" -e "s/@REALTIME@/$realtime/" "$BENCH_DIR/lineside.yaml" >"$dir/lineside.yaml"
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
  local i rtpengine_scheduling=()
  [ "$realtime" -eq 0 ] || rtpengine_scheduling=(--scheduling=fifo "--priority=$realtime")
  control_port=$(free_port)
  taskset -c "$relay_cpu" rtpengine --config-file=none --foreground --log-stderr --table=-1 \
    --interface=127.0.0.1 --listen-ng="127.0.0.1:$control_port" --port-min=20000 --port-max=29999 \
    --num-threads=1 --log-level=3 "${rtpengine_scheduling[@]}" >"$work/rtpengine.log" 2>&1 &
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
    chosen=""
    for ((run = 1; run <= repeat; run++)); do
      idle_before=$(wait_idle)
      "start_$relay"
      line=$(taskset -c "$tool_cpu" "$load" --relay "$relay" --port "$control_port" --calls "$n" \
        --warmup "$warmup" --seconds "$seconds" --relay-pid "$relay_pid" 2>>"$work/load.err") || {
        echo "{\"relay\": \"$relay\", \"calls\": $n, \"error\": \"$(tail -1 "$work/load.err")\"}"
        stop_relay
        continue
      }
      stop_relay
      line=$(jq -c --arg load "$(cut -d' ' -f1-3 /proc/loadavg)" --argjson run "$run" \
        --argjson busy "$idle_before" --arg tag "$label" --argjson rt "$realtime" \
        '. + {run: $run, loadavg: $load, busy_before: $busy, realtime: $rt} + (if $tag == "" then {} else {"label": $tag} end)' \
        <<<"$line")
      echo "$line"
      [ -z "$results" ] || echo "$line" >>"$results"
      if [ -z "$chosen" ] || jq -e --argjson c "$chosen" \
        '([.a_to_b.p99_us, .b_to_a.p99_us] | max) < ([$c.a_to_b.p99_us, $c.b_to_a.p99_us] | max)' \
        <<<"$line" >/dev/null; then
        chosen=$line
      fi
    done
    [ -n "$chosen" ] || continue
    # A step counts when nothing was lost, p99 stayed under 1 ms both ways, and the load tool
    # itself kept its schedule (otherwise it measured its own overload, not the relay's).
    ok=$(jq -r '(.a_to_b.lost + .b_to_a.lost == 0) and (.a_to_b.p99_us < 1000) and
                (.b_to_a.p99_us < 1000) and (.tool_send_late_p99_us < 100)' <<<"$chosen")
    cost=$(jq -r '.relay_cpu_us_per_packet' <<<"$chosen")
    jitter=$(jq -r '[.a_to_b.jitter_mean_us, .b_to_a.jitter_mean_us] | max // "?"' <<<"$chosen")
    echo "# $relay $n calls: $( [ "$ok" = true ] && echo pass || echo fail), $cost us/packet," \
      "p99 $(jq -r '[.a_to_b.p99_us, .b_to_a.p99_us] | max' <<<"$chosen") us, mean jitter $jitter us"
    if [ "$ok" = true ] && [ "$n" -gt "$best" ]; then
      best=$n
      best_cost=$cost
    fi
  done
  summary+=("$relay: largest N with 0 loss and p99 < 1 ms = $best calls (${best_cost:-n/a} us CPU per relayed packet there)")
  eval "best_$relay=$best"
  eval "cost_$relay=${best_cost:-0}"
done
echo
printf '%s\n' "${summary[@]}"
if [ -n "${best_lineside:-}" ] && [ -n "${best_rtpengine:-}" ] && [ "${best_rtpengine:-0}" -gt 0 ]; then
  awk -v l="$best_lineside" -v r="$best_rtpengine" -v lc="$cost_lineside" -v rc="$cost_rtpengine" \
    'BEGIN { printf "calls: lineside / rtpengine = %.2f; CPU per packet: rtpengine / lineside = %.2f\n",
             l / r, (lc > 0 ? rc / lc : 0) }'
fi
