#!/usr/bin/env bash
# The gateway's L7 path versus nginx proxying the same backend, and direct to the backend (the ceiling), with wrk
# at 64 connections; then L4 throughput (a 64 MiB download) through the gateway's TCP proxy versus direct.
# Usage: bench/scripts/gateway-vs-nginx.sh [seconds]   (needs nginx and wrk: apt-get install nginx-light wrk)
# PIN=1: the proxy under test (nginx's workers, or the gateway's JVM) on CPU 1, wrk and the backend on CPU 0, so
# that the scheduler's placement of five busy threads on two cores does not decide the round (docs/benchmarks.md §9).
# Run from the repository root after `./mvnw -B -q -o -pl bench -am package -DskipTests` and `./wharf --help`.
set -euo pipefail
secs=${1:-10}
if [ "${PIN:-0}" = 1 ]; then PROXY_CPU="taskset -c 1"; LOAD_CPU="taskset -c 0"; else PROXY_CPU=""; LOAD_CPU=""; fi
tmp=$(mktemp -d /tmp/gwbench.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; for f in "$tmp"/*.pid; do [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null; done; rm -rf "$tmp"; }
trap cleanup EXIT
BACKEND=18181 NGINX_PROXY=18182 GW_HTTP=18183 GW_TCP=18184
mkdir -p "$tmp/www" "$tmp/logs"
head -c 67108864 /dev/zero >"$tmp/www/big"
# two nginx instances, so that the proxy under test has its own workers (auto = one per core, like the gateway's
# event loops) and the backend its own
conf() { # name workers server-block
  cat >"$tmp/$1.conf" <<CONF
worker_processes $2;
pid $tmp/$1.pid;
error_log $tmp/logs/$1.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  keepalive_requests 1000000;
  upstream backend { server 127.0.0.1:$BACKEND; keepalive 64; }
  $3
}
CONF
  local cpu=$LOAD_CPU; [ "$1" = proxy ] && cpu=$PROXY_CPU
  $cpu nginx -c "$tmp/$1.conf" -p "$tmp"
}
# the backend: a small fixed answer, and a big file for the L4 throughput run
conf backend 1 "server { listen 127.0.0.1:$BACKEND; root $tmp/www; location = / { return 200 \"hello from the backend\\n\"; } }"
# the peer: nginx as a reverse proxy with keep-alive to the backend, as ingress-nginx configures it
conf proxy auto "server { listen 127.0.0.1:$NGINX_PROXY; location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection \"\"; } }"
CP='server/target/wharf/lib/*:bench/target/classes'
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
$PROXY_CPU $JAVA ${GATEWAY_JAVA_OPTS:--XX:+UseSerialGC -Xms64m -Xmx256m} -cp "$CP" dev.wharf.bench.gateway.GatewayProxyRun \
  $GW_HTTP $GW_TCP 127.0.0.1:$BACKEND >"$tmp/gw.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$GW_HTTP/" && break; sleep 0.1; done
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); pinned: ${PIN:-0}; gateway JVM opts: ${GATEWAY_JAVA_OPTS:--XX:+UseSerialGC -Xms64m -Xmx256m}"
run() { # name url
  $LOAD_CPU wrk -t2 -c64 -d10s "$2" >/dev/null 2>&1 # warm-up (the JIT compiles the hot path; 5 s was too short for C2 on 2 shared cores)
  local out; out=$($LOAD_CPU wrk -t2 -c64 -d"${secs}s" --latency "$2")
  local rps p99; rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out"); p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  printf '%-28s %12s req/s   p99 %s\n' "$1" "$rps" "$p99"
}
for round in 1 2; do
  echo "round $round"
  run "direct (ceiling)" "http://127.0.0.1:$BACKEND/"
  run "nginx proxy" "http://127.0.0.1:$NGINX_PROXY/"
  run "wharf gateway L7" "http://127.0.0.1:$GW_HTTP/"
done
tput() { # name url: MB/s of 8 sequential 64 MiB downloads
  local t0 t1; t0=$(date +%s.%N)
  for _ in 1 2 3 4 5 6 7 8; do curl -s -o /dev/null "$2"; done
  t1=$(date +%s.%N)
  printf '%-28s %8.0f MB/s\n' "$1" "$(echo "8*64/($t1-$t0)" | bc -l)"
}
tput "L4 direct" "http://127.0.0.1:$BACKEND/big"
tput "L4 through the gateway" "http://127.0.0.1:$GW_TCP/big"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
