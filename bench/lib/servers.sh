# servers.sh: finding, starting, waiting for and stopping the benchmarked servers (sourced by the bench scripts).
# The caller sets $repo, $work, $lineside_port, $kamailio_port, $lineside_config (a template from
# bench/lineside/ with @PORT@, @SYNC@ and optionally @MAXRATE@), $store_sync and optionally $max_new_per_second; the start_* functions set $server_pid.

# find_lineside SCRIPT: sets $lineside_bin (given, else build/, else the first build-*/) and $module_dir.
find_lineside() {
  local candidate
  if [ -z "$lineside_bin" ]; then
    for candidate in "$repo"/build/kernel/lineside "$repo"/build-*/kernel/lineside; do
      if [ -x "$candidate" ]; then
        lineside_bin=$candidate
        break
      fi
    done
  fi
  if [ -z "$lineside_bin" ] || [ ! -x "$lineside_bin" ]; then
    echo "$1: no lineside binary (build first: bash packaging/dev.sh run, or --lineside-bin)" >&2
    exit 1
  fi
  [ -n "$module_dir" ] || module_dir="$(dirname "$(dirname "$lineside_bin")")/modules"
}

# stop_pid PID: SIGTERM, up to 10 s to go, then SIGKILL.
# check_bench_tools SCRIPT "SERVERS": sipp must be there, and kamailio / lineside when measured.
check_bench_tools() {
  local script=$1 servers=$2
  command -v sipp >/dev/null || { echo "$script: sipp missing: bash packaging/deps.sh" >&2; exit 1; }
  if [[ " $servers " == *" kamailio "* ]] && ! command -v kamailio >/dev/null; then
    echo "$script: kamailio missing: bash packaging/deps.sh --bench" >&2
    exit 1
  fi
  if [[ " $servers " == *" lineside "* ]]; then
    find_lineside "$script"
  fi
}

stop_pid() {
  local pid=$1 i
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

start_lineside() {
  local dir=$work/lineside
  mkdir -p "$dir/state"
  sed -e "s/@PORT@/$lineside_port/" -e "s/@SYNC@/$store_sync/" -e "s/@MAXRATE@/${max_new_per_second:-0}/" \
    "$lineside_config" >"$dir/lineside.yaml"
  cp "$work/directory.yaml" "$dir/directory.yaml"
  "$lineside_bin" --config "$dir/lineside.yaml" --state-dir "$dir/state" --module-dir "$module_dir" \
    >"$work/lineside.log" 2>&1 &
  server_pid=$!
}

start_kamailio() {
  local dir=$work/kamailio
  mkdir -p "$dir"
  kamailio -f "$BENCH_DIR/kamailio/kamailio.cfg" -DD -E -m 512 -M 32 -Y "$dir" \
    -l "udp:127.0.0.1:$kamailio_port" -A "USERS_DB_URL=\"text://$work/kamailio-db\"" \
    >"$work/kamailio.log" 2>&1 &
  server_pid=$!
}

# wait_listening NAME PORT: until the server has its UDP port (30 s at most).
wait_listening() {
  local i
  for ((i = 0; i < 300; i++)); do
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "bench: $1 exited while starting; its log:" >&2
      tail -n 30 "$work/$1.log" >&2
      exit 1
    fi
    if [ -n "$(ss -Huln "sport = :$2" 2>/dev/null)" ]; then
      return 0
    fi
    sleep 0.1
  done
  echo "bench: $1 did not listen on 127.0.0.1:$2 within 30 s" >&2
  exit 1
}
