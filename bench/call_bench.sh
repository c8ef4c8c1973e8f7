#!/usr/bin/env bash
# Call benchmark: sipp UAC -> server -> sipp UAS (digest INVITE, 180, 200, ACK, 0-5 s hold, BYE) against Lineside, then Kamailio; prints max calls/s, concurrency, CPU, memory.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$BENCH_DIR")
# shellcheck source=lib/proc_usage.sh
source "$BENCH_DIR/lib/proc_usage.sh"
# shellcheck source=lib/call_step.sh
source "$BENCH_DIR/lib/call_step.sh"
# shellcheck source=lib/servers.sh
source "$BENCH_DIR/lib/servers.sh"

callers=1000
callees=100
duration=8
rates="100 200 400 700 1000 1500 2000 2500 3000 4000 5000"
step_budget=200 # seconds of rate steps per server, at most
servers="lineside kamailio"
keep=0
lineside_bin=${LINESIDE_BIN:-}
module_dir=${LINESIDE_MODULE_DIR:-}
lineside_config=$BENCH_DIR/lineside/calls.yaml
store_sync=full
max_new_per_second=0 # Lineside's kernel.calls.max_new_per_second (admission control); 0: off
lineside_port=15160
kamailio_port=15170
uas_port=15191
register_port=15192
export BENCH_SIPP_PORT=15190
export BENCH_DIR

usage() {
  cat >&2 <<'USAGE'
usage: bench/call_bench.sh [--rate R | --rates "R1 R2 ..."] [--duration S] [--callers N] [--callees N]
                           [--only lineside|kamailio] [--lineside-bin PATH] [--module-dir DIR] [--keep]
  --rates LIST    call rates to step through (default 100 200 400 700 1000 1500 2000 2500 3000 4000 5000);
                  stepping stops at >= 1 % failed calls
  --rate R        measure one rate only
  --duration S    seconds of new calls per step, 1..60 (default 8); each call is held 0-5 s (uniform)
  --callers N     calling users, 1..50000 (default 1000); --callees N called users, 1..1000 (default 100)
  --only NAME     benchmark one server
  --lineside-bin  the daemon (default: $LINESIDE_BIN, build/kernel/lineside, then build-*/kernel/lineside)
  --module-dir    its modules (default: <build>/modules next to the daemon's kernel/ folder)
  --max-new-per-second N  run Lineside with admission control at N new calls/s. Calls beyond get a
                  stateless 503; the sipp caller treats it as unexpected, carries on and retransmits
                  its INVITE, which is admitted once the allowance refills: read cpu% and us/call
                  (the server stays out of overload), not the failed-call share
  --keep          keep the work folder (configs, logs, sipp statistics)
USAGE
  exit 2
}

number() {
  case "$2" in '' | *[!0-9]*) echo "call_bench.sh: $1 needs a whole number, not '$2'" >&2; exit 2 ;; esac
  if [ "$2" -lt "$3" ] || [ "$2" -gt "$4" ]; then
    echo "call_bench.sh: $1 must be $3..$4" >&2
    exit 2
  fi
}

while [ $# -gt 0 ]; do
  case "$1" in
    --rate) number "$1" "${2:-}" 1 20000; rates=$2; shift 2 ;;
    --rates) rates=${2:-}; for r in $rates; do number "$1" "$r" 1 20000; done; shift 2 ;;
    --duration) number "$1" "${2:-}" 1 60; duration=$2; shift 2 ;;
    --callers) number "$1" "${2:-}" 1 50000; callers=$2; shift 2 ;;
    --callees) number "$1" "${2:-}" 1 1000; callees=$2; shift 2 ;;
    --only)
      case "${2:-}" in lineside | kamailio) servers=$2 ;; *) usage ;; esac
      shift 2
      ;;
    --lineside-bin) lineside_bin=${2:-}; shift 2 ;;
    --module-dir) module_dir=${2:-}; shift 2 ;;
    --max-new-per-second) number "$1" "${2:-}" 0 100000; max_new_per_second=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h | --help) usage ;;
    *) echo "call_bench.sh: unknown argument: $1" >&2; usage ;;
  esac
done
[ -n "$rates" ] || usage
[ "$(echo "$rates" | wc -w)" -le 20 ] || { echo "call_bench.sh: at most 20 rates" >&2; exit 2; }

check_bench_tools call_bench.sh "$servers"

work=$(mktemp -d /tmp/lineside-callbench.XXXXXX)
export BENCH_WORK=$work
server_pid=""
uas_pid=""

stop_server() {
  stop_pid "$uas_pid"
  uas_pid=""
  stop_pid "$server_pid"
  server_pid=""
}

cleanup() {
  stop_server
  if [ "$keep" -eq 1 ]; then
    echo "bench: work folder kept: $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start_callees NAME PORT: the sipp callee on $uas_port, and every callee user registered there.
start_callees() {
  local name=$1 port=$2 ok
  sipp -sf "$BENCH_DIR/sipp/call_uas.xml" -i 127.0.0.1 -p "$uas_port" -nostdin -default_behaviors all,-abortunexp \
    -timeout 900s -trace_err -error_file "$work/$name.uas.errors.log" -error_overwrite true \
    >"$work/$name.uas.log" 2>&1 &
  uas_pid=$!
  timeout --kill-after=5 60 sipp "127.0.0.1:$port" -i 127.0.0.1 -p "$register_port" \
    -sf "$BENCH_DIR/sipp/register_contact.xml" -inf "$work/callees.csv" -key uas_port "$uas_port" \
    -r 200 -m "$callees" -l 200 -recv_timeout 5000 -timeout 50s -nostdin \
    -trace_stat -stf "$work/$name.register.stat.csv" -fd 1 >"$work/$name.register.log" 2>&1 || true
  ok=$(tail -n 1 "$work/$name.register.stat.csv" 2>/dev/null | awk -F';' '{ print $16 + 0 }')
  if [ "${ok:-0}" -ne "$callees" ]; then
    echo "bench: only ${ok:-0} of $callees callees registered with $name" >&2
    exit 1
  fi
}

mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# measure_step NAME PORT RATE: prints
# "RATE CALLS OK FAIL% ELAPSED PEAK SERVER_CPU_S SERVER_CPU% US_PER_CALL SIPP_CPU% BOX_BUSY%".
measure_step() {
  local name=$1 port=$2 rate=$3 calls cpu0 cpu1 busy0 total0 busy1 total1 created ok failed elapsed peak sipp_cpu
  calls=$((rate * duration))
  cpu0=$(tree_cpu_seconds "$server_pid")
  read -r busy0 total0 < <(machine_cpu_ticks)
  read -r created ok failed elapsed peak sipp_cpu < <(call_step "$port" "$rate" "$calls" "$work/$name.$rate")
  cpu1=$(tree_cpu_seconds "$server_pid")
  read -r busy1 total1 < <(machine_cpu_ticks)
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "bench: $name died during the $rate/s step; its log:" >&2
    tail -n 30 "$work/$name.log" >&2
    exit 1
  fi
  awk -v r="$rate" -v n="$calls" -v c="$created" -v ok="$ok" -v f="$failed" -v e="$elapsed" -v p="$peak" \
    -v c0="$cpu0" -v c1="$cpu1" -v s="$sipp_cpu" -v b0="$busy0" -v t0="$total0" -v b1="$busy1" -v t1="$total1" 'BEGIN {
      # Calls never created (sipp could not keep the rate within the bound) count as failed too.
      fp = (n > 0) ? 100 * (f + n - c) / n : 100; cpu = c1 - c0;
      pc = (e > 0) ? 100 * cpu / e : 0; us = (ok > 0) ? 1e6 * cpu / ok : 0;
      sp = (e > 0) ? 100 * s / e : 0; box = (t1 > t0) ? 100 * (b1 - b0) / (t1 - t0) : 0;
      printf "%d %d %d %.2f %.1f %d %.2f %.0f %.0f %.0f %.0f\n", r, n, ok, fp, e, p, cpu, pc, us, sp, box }'
}

declare -A result
bench_server() {
  local name=$1 port=$2
  echo
  echo "== $name on udp 127.0.0.1:$port"
  "start_$name"
  wait_listening "$name" "$port"
  start_callees "$name" "$port"
  echo "pid $server_pid; $callees callees registered at udp 127.0.0.1:$uas_port; memory (RSS/PSS MB):" \
    "$(read -r r p _ < <(tree_memory_kb "$server_pid"); echo "$(mb "$r")/$(mb "$p")")"
  printf '%-8s %7s %7s %6s %8s %6s %7s %5s %8s %6s %5s\n' calls/s calls ok fail% elapsed peak cpu_s cpu% us/call sipp% box%
  local rate line r n ok fp e p cpu pc us sp box steps_started=$SECONDS
  for rate in $rates; do
    if ((SECONDS - steps_started > step_budget)); then
      echo "(stopping: $step_budget s of steps used)"
      break
    fi
    line=$(measure_step "$name" "$port" "$rate")
    read -r r n ok fp e p cpu pc us sp box <<<"$line"
    printf '%-8s %7s %7s %6s %8s %6s %7s %5s %8s %6s %5s\n' "$r" "$n" "$ok" "$fp" "$e" "$p" "$cpu" "$pc" "$us" "$sp" "$box"
    if awk -v fp="$fp" 'BEGIN { exit !(fp < 1) }'; then
      result[$name.rate]=$r result[$name.fail]=$fp result[$name.peak]=$p result[$name.cpupct]=$pc
      result[$name.us]=$us result[$name.box]=$box
    else
      echo "(stopping: >= 1 % failed calls)"
      break
    fi
  done
  local rss pss hwm
  read -r rss pss hwm < <(tree_memory_kb "$server_pid")
  result[$name.rss]=$(mb "$rss") result[$name.pss]=$(mb "$pss") result[$name.hwm]=$(mb "$hwm")
  echo "memory after the steps: RSS $(mb "$rss") MB, PSS $(mb "$pss") MB, peak (VmHWM) $(mb "$hwm") MB"
  stop_server
}

echo "bench: calls $callers callers -> $callees callees, $duration s of calls per step, hold 0-5 s uniform," \
  "rates: $rates; sipp $(sipp -v 2>&1 | grep -o 'v[0-9.]*' | head -n 1), $(nproc) cores"
[ -n "$lineside_bin" ] && echo "bench: lineside = $lineside_bin, modules = $module_dir, max_new_per_second = $max_new_per_second"
bash "$BENCH_DIR/make-bench-data.sh" "$work" $((callers + callees))
# Users 100000.. are callees (registered at the sipp callee), the rest call them in turn.
head -n $((callees + 1)) "$work/users.csv" >"$work/callees.csv"
{
  echo SEQUENTIAL
  tail -n +$((callees + 2)) "$work/users.csv" | awk -F';' -v n="$callees" '{ printf "%s;%s;%d\n", $1, $2, 100000 + (NR - 1) % n }'
} >"$work/calls.csv"
for server in $servers; do
  port_var=${server}_port
  bench_server "$server" "${!port_var}"
done

echo
echo "== summary (highest rate with < 1 % failed calls; peak = concurrent calls at the caller; memory in MB)"
printf '%-9s %8s %6s %6s %5s %8s %5s %8s %8s %8s\n' server calls/s fail% peak cpu% us/call box% RSS PSS peak_RSS
for server in $servers; do
  printf '%-9s %8s %6s %6s %5s %8s %5s %8s %8s %8s\n' "$server" "${result[$server.rate]:--}" \
    "${result[$server.fail]:--}" "${result[$server.peak]:--}" "${result[$server.cpupct]:--}" \
    "${result[$server.us]:--}" "${result[$server.box]:--}" "${result[$server.rss]:--}" \
    "${result[$server.pss]:--}" "${result[$server.hwm]:--}"
done
if [ -n "${result[lineside.rate]:-}" ] && [ -n "${result[kamailio.rate]:-}" ]; then
  awk -v lr="${result[lineside.rate]}" -v kr="${result[kamailio.rate]}" -v lu="${result[lineside.us]}" \
    -v ku="${result[kamailio.us]}" 'BEGIN {
      printf "ratio lineside/kamailio: calls/s %.2f (target >= 0.4), CPU per call %.2f\n", lr / kr, (ku > 0 ? lu / ku : 0) }'
fi
