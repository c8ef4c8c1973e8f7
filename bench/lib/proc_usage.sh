# proc_usage.sh: CPU seconds and memory of a server's whole process tree, read from /proc (sourced by the bench).

# tree_pids PID: PID and all its descendants, one per line.
tree_pids() {
  local pid=$1 child
  echo "$pid"
  for child in $(cat /proc/"$pid"/task/*/children 2>/dev/null); do
    tree_pids "$child"
  done
}

# tree_cpu_seconds PID: utime+stime of the tree (all threads), in seconds with two decimals.
tree_cpu_seconds() {
  local hz ticks=0 pid stat
  hz=$(getconf CLK_TCK)
  for pid in $(tree_pids "$1"); do
    stat=$(cat /proc/"$pid"/stat 2>/dev/null) || continue
    # Fields after the ")" that ends the command name: utime is the 12th, stime the 13th.
    stat=${stat##*) }
    set -- $stat
    ticks=$((ticks + ${12} + ${13}))
  done
  awk -v t="$ticks" -v hz="$hz" 'BEGIN { printf "%.2f", t / hz }'
}

# tree_memory_kb PID: "RSS PSS HWM" in KiB summed over the tree. For one process RSS is VmRSS and
# HWM its peak (VmHWM); for several, PSS is the fair total (shared pages divided among sharers).
tree_memory_kb() {
  local pid rss=0 pss=0 hwm=0 v
  for pid in $(tree_pids "$1"); do
    v=$(awk '/^VmRSS:/ { print $2 }' /proc/"$pid"/status 2>/dev/null) && rss=$((rss + ${v:-0}))
    v=$(awk '/^VmHWM:/ { print $2 }' /proc/"$pid"/status 2>/dev/null) && hwm=$((hwm + ${v:-0}))
    v=$(awk '/^Pss:/ { print $2 }' /proc/"$pid"/smaps_rollup 2>/dev/null) && pss=$((pss + ${v:-0}))
  done
  echo "$rss $pss $hwm"
}

# machine_cpu_ticks: "BUSY TOTAL" jiffies of all cores since boot, to tell how saturated the box was.
machine_cpu_ticks() {
  awk '/^cpu / { total = 0; for (i = 2; i <= NF; i++) total += $i; idle = $5 + $6; print total - idle, total }' /proc/stat
}
