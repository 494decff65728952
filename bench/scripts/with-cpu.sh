#!/usr/bin/env bash
# Runs a command and prints, beside its output, the load average before and after, nproc, and the CPU seconds
# the command and a given server process (its pid) used meanwhile — to see who took the 2 cores.
# usage: bench/scripts/with-cpu.sh SERVER_PID command args...
set -euo pipefail
server=$1; shift
ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
echo "# $(date -u +%FT%TZ) nproc=$(nproc) load before: $(cut -d' ' -f1-3 /proc/loadavg)"
s0=$(ticks "$server")
/usr/bin/time -f "# command cpu: user %U s + sys %S s over %e s wall" "$@"
s1=$(ticks "$server")
echo "# server cpu: $(awk -v t=$((s1 - s0)) -v hz="$hz" 'BEGIN{printf "%.1f", t/hz}') s; load after: $(cut -d' ' -f1-3 /proc/loadavg)"
