#!/usr/bin/env bash
# `wharf dev` cold start to /readyz, N times on a fresh data dir and N times on an existing one, then idle RSS
# 30 s after ready with the given --nodes. Uses the built distribution directly (no staleness check of ./wharf).
# The JVM flags come from WHARF_JAVA_OPTS exactly as ./wharf passes them (unset = the launcher's defaults).
# usage: bench/scripts/cold-start.sh [N=5] [NODES=0] [PORT=18444]   (RSS=0: skip the RSS part; N=0: only RSS)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
N=${1:-5}; NODES=${2:-0}; PORT=${3:-18444}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
OPTS=${WHARF_JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -XX:+UseStringDeduplication}
DATA=$(mktemp -d /tmp/wharf-coldstart.XXXXXX)
now_ms() { date +%s%3N; }

start() { # $1 = data dir; sets MS (ms to readyz) and PID
  if curl -sk --max-time 1 "https://127.0.0.1:$PORT/readyz" >/dev/null 2>&1; then
    echo "something already answers on port $PORT" >&2; exit 1
  fi
  local t0; t0=$(now_ms)
  # shellcheck disable=SC2086
  "$JAVA" $OPTS --enable-native-access=ALL-UNNAMED -cp "$ROOT/server/target/wharf/lib/*" dev.wharf.server.Main \
    dev --data-dir "$1" --api-port "$PORT" --registry-port 0 --nodes "$NODES" >"$1.log" 2>&1 &
  PID=$!
  until [ "$(curl -sk --max-time 1 "https://127.0.0.1:$PORT/readyz" 2>/dev/null)" = ok ]; do
    kill -0 "$PID" 2>/dev/null || { echo "server exited; log:" >&2; cat "$1.log" >&2; exit 1; }
    sleep 0.02
  done
  MS=$(( $(now_ms) - t0 ))
  CPU=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%d", ($14 + $15) * 1000 / hz}' "/proc/$PID/stat")
}
stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; PID=; }
PID=
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$DATA"' EXIT

echo "# $(date -u +%FT%TZ) nproc=$(nproc) load: $(cut -d' ' -f1-3 /proc/loadavg) nodes=$NODES opts: $OPTS"

fresh=(); existing=(); fcpu=(); ecpu=()
for i in $(seq 1 "$N"); do
  rm -rf "$DATA/fresh"; start "$DATA/fresh"; stop; fresh+=("$MS"); fcpu+=("$CPU")
done
for i in $(seq 1 "$N"); do
  start "$DATA/fresh"; stop; existing+=("$MS"); ecpu+=("$CPU")
done
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
if [ "$N" -gt 0 ]; then
echo "fresh data dir:    ${fresh[*]} ms to ready (median $(median "${fresh[@]}")); process CPU at ready ${fcpu[*]} ms (median $(median "${fcpu[@]}"))"
echo "existing data dir: ${existing[*]} ms to ready (median $(median "${existing[@]}")); process CPU at ready ${ecpu[*]} ms (median $(median "${ecpu[@]}"))"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
fi
if [ "${RSS:-1}" = 1 ]; then
  start "$DATA/fresh"; echo "ready in $MS ms (process CPU $CPU ms)"; sleep 30
  echo "idle RSS 30 s after ready (--nodes $NODES): $(( $(ps -o rss= -p "$PID") / 1024 )) MB; load: $(cut -d' ' -f1-3 /proc/loadavg)"
  stop
fi
rm -rf "$DATA"
