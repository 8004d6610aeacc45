# Sourced by bench/assignment/run.sh: CPU time of the server JVM, the machine's PostgreSQL (its postmaster and every
# child) and the load generator, against the machine's whole CPU, between two snapshots. Reads /proc only.
# cpu_ticks PID...: utime+stime of those processes, in clock ticks.
cpu_ticks() {
  local t=0 p f
  for p in "$@"; do
    f=$(cut -d' ' -f14,15 /proc/$p/stat 2>/dev/null) || continue
    set -- $f; t=$((t + $1 + $2))
  done
  echo $t
}
# pg_pids: the postmaster of the PostgreSQL at 127.0.0.1:5432 and its children (backends, walwriter, autovacuum...).
pg_pids() {
  local dir pm
  dir=$($PG -d postgres -Atc "show data_directory")
  pm=$(head -1 "$dir/postmaster.pid" 2>/dev/null) || return 0
  echo $pm
  awk -v pm="$pm" '{ if ($4 == pm) print $1 }' /proc/[0-9]*/stat 2>/dev/null
}
# machine_ticks: all CPU time of the machine (every core, idle included), in clock ticks.
machine_ticks() { awk '/^cpu / { s = 0; for (i = 2; i <= 9; i++) s += $i; print s }' /proc/stat; }
# cpu_begin SERVER_PID / cpu_end SERVER_PID LOADGEN_TICKS: prints each one's share of the machine between the two.
cpu_begin() { CPU_M0=$(machine_ticks); CPU_S0=$(cpu_ticks $1); CPU_P0=$(cpu_ticks $(pg_pids)); CPU_T0=$(thread_ticks $1); }
cpu_end() {
  local m s p
  m=$(( $(machine_ticks) - CPU_M0 )); s=$(( $(cpu_ticks $1) - CPU_S0 )); p=$(( $(cpu_ticks $(pg_pids)) - CPU_P0 ))
  python3 -c "m, s, p, g = $m, $s, $p, ${2:-0}
print(f'cpu share of the machine ({m / 100 / $(nproc):.0f} s x $(nproc) cores): server JVM {100 * s / m:.0f}%, PostgreSQL {100 * p / m:.0f}%, load generator {100 * g / m:.0f}%, everything else incl. idle {100 * (m - s - p - g) / m:.0f}%')"
}
# thread_ticks PID: "name ticks" per thread of the process, thread names with their numbers cut off (so the JIT
# compiler, the collector, the event loops and the workers each sum up under one name).
thread_ticks() {
  local f
  for f in /proc/$1/task/*/stat; do cat "$f" 2>/dev/null; echo; done |
    sed -nE 's/^[0-9]+ \((.*)\) (.*)$/\1|\2/p' | awk -F'|' '{ n = $1; gsub(/[-# ]*[0-9]+$/, "", n); split($2, f, " "); t[n] += f[12] + f[13] }
      END { for (n in t) printf "%s|%d\n", n, t[n] }'
}
# threads_end PID: the server's CPU by thread kind between cpu_begin and now (seconds, and share of the process): the
# JIT compiler and the collector are not in a JFR execution profile, which samples Java code only.
threads_end() {
  { echo "$CPU_T0" | sed 's/^/0|/'; thread_ticks $1 | sed 's/^/1|/'; } | awk -F'|' '
    { if ($1 == 0) t0[$2] = $3; else t1[$2] = $3 }
    END { for (n in t1) { d[n] = t1[n] - t0[n]; all += d[n] }
          for (n in d) if (d[n] > 0) printf "%6.1f s %4.0f%%  %s\n", d[n] / 100, 100 * d[n] / all, n }' | sort -nr
}
