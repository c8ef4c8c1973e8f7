# sipp_step.sh: one bounded sipp run of the digest REGISTER scenario, summarised from its -trace_stat file (sourced).

# sipp_step PORT RATE CALLS OUT_PREFIX: sends CALLS registrations at RATE/s to 127.0.0.1:PORT and prints
# "CREATED SUCCESSFUL FAILED ELAPSED_S SIPP_CPU_S". Calls still open when sipp stops count as failed.
# Run it in a subshell (as `< <(sipp_step ...)` does): sipp's CPU is read from that shell's children times.
sipp_step() {
  local port=$1 rate=$2 calls=$3 out=$4
  local limit=$rate seconds
  [ "$limit" -lt 1000 ] && limit=1000
  [ "$limit" -gt 20000 ] && limit=20000
  # Hard bound on the run: the time the calls need at the target rate, plus 15 s for stragglers.
  seconds=$(( (calls + rate - 1) / rate + 15 ))
  rm -f "$out.stat.csv"
  timeout --kill-after=5 $((seconds + 10)) \
    sipp "127.0.0.1:$port" -i 127.0.0.1 -p "$BENCH_SIPP_PORT" \
      -sf "$BENCH_DIR/sipp/register_digest.xml" -inf "$BENCH_WORK/users.csv" \
      -r "$rate" -rp 1000 -m "$calls" -l "$limit" \
      -recv_timeout 5000 -timeout "${seconds}s" -default_behaviors all,-bye \
      -nostdin -trace_stat -stf "$out.stat.csv" -fd 1 \
      -trace_err -error_file "$out.errors.log" -error_overwrite true \
      >"$out.sipp.log" 2>&1 || true
  local stat sipp_cpu
  read -r stat </proc/"$BASHPID"/stat
  stat=${stat##*) }
  # cutime and cstime (the 14th and 15th fields after the name) hold the waited-for children: timeout and sipp.
  sipp_cpu=$(echo "$stat" | awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }')
  if [ ! -s "$out.stat.csv" ]; then
    echo "0 0 0 0 $sipp_cpu"
    return
  fi
  # The last row is the final one. StartTime and CurrentTime hold "date<TAB>time<TAB>epoch".
  tail -n 1 "$out.stat.csv" | awk -F';' -v cpu="$sipp_cpu" '{
    split($1, start, "\t"); split($3, now, "\t");
    created = $13; ok = $16; failed = $18;
    open = created - ok - failed; if (open < 0) open = 0;
    printf "%d %d %d %.3f %s\n", created, ok, failed + open, now[3] - start[3], cpu
  }'
}
