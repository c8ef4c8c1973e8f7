# call_step.sh: one bounded sipp run of the call scenario, summarised from its -trace_stat file (sourced).

# call_step PORT RATE CALLS OUT_PREFIX: places CALLS calls at RATE/s through 127.0.0.1:PORT (callers and
# callees from $BENCH_WORK/calls.csv) and prints "CREATED SUCCESSFUL FAILED ELAPSED_S PEAK_CONCURRENT SIPP_CPU_S".
# Calls still open when sipp stops count as failed. Run it in a subshell (`< <(call_step ...)`): sipp's CPU
# is read from that shell's children times.
call_step() {
  local port=$1 rate=$2 calls=$3 out=$4
  local limit=$((rate * 8)) seconds
  [ "$limit" -lt 200 ] && limit=200
  [ "$limit" -gt 60000 ] && limit=60000
  # Hard bound: the time the calls need at the target rate, the longest hold (5 s), 15 s for stragglers.
  seconds=$(((calls + rate - 1) / rate + 5 + 15))
  rm -f "$out.stat.csv"
  timeout --kill-after=5 $((seconds + 10)) \
    sipp "127.0.0.1:$port" -i 127.0.0.1 -p "$BENCH_SIPP_PORT" \
      -sf "$BENCH_DIR/sipp/call_uac.xml" -inf "$BENCH_WORK/calls.csv" \
      -r "$rate" -rp 1000 -m "$calls" -l "$limit" \
      -recv_timeout 10000 -timeout "${seconds}s" -default_behaviors all,-abortunexp \
      -nostdin -trace_stat -stf "$out.stat.csv" -fd 1 \
      -trace_err -error_file "$out.errors.log" -error_overwrite true \
      >"$out.sipp.log" 2>&1 || true
  local stat sipp_cpu
  read -r stat </proc/"$BASHPID"/stat
  stat=${stat##*) }
  sipp_cpu=$(echo "$stat" | awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }')
  if [ ! -s "$out.stat.csv" ]; then
    echo "0 0 0 0 0 $sipp_cpu"
    return
  fi
  # Columns: 1 StartTime, 3 CurrentTime ("date<TAB>time<TAB>epoch"), 13 TotalCallCreated, 14 CurrentCall,
  # 16 SuccessfulCall(C), 18 FailedCall(C). The last row is the final one; the peak is over all rows.
  awk -F';' -v cpu="$sipp_cpu" 'NR > 1 {
      if ($14 + 0 > peak) peak = $14 + 0
      split($1, start, "\t"); split($3, now, "\t"); created = $13; ok = $16; failed = $18; e = now[3] - start[3]
    } END {
      open = created - ok - failed; if (open < 0) open = 0
      printf "%d %d %d %.3f %d %s\n", created, ok, failed + open, e, peak, cpu
    }' "$out.stat.csv"
}
