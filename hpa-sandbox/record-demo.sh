#!/usr/bin/env bash
# Records how one demo app JVM responds to staged load, through a real Prometheus, into a CSV trace.
#
#   hpa-sandbox/record-demo.sh [OUT.csv]       (default docs/traces/demo-staged.csv)
#
# The demo JVM gets one processor (-XX:ActiveProcessorCount=1, pinned to CPU 1 with taskset) and a fixed
# 256 MiB heap; Prometheus (Debian package `prometheus`) scrapes it every second on 127.0.0.1 and the
# recorder (pinned to CPU 0) asks Prometheus every second. Environment overrides: REQUEST_PATH, PROFILE,
# WARMUP, MAX_OUTSTANDING, DEMO_CPU, LOAD_CPU. Needs 2 processors, java 17+, prometheus, taskset, curl.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-docs/traces/demo-staged.csv}
REQUEST_PATH=${REQUEST_PATH:-/work?ms=50&cpuMs=5&allocKb=256}
PROFILE=${PROFILE:-60s:5->60,60s:60,60s:60->120,90s:120,30s:120->180,45s:180,10s:180->260,20s:260,10s:260->60,60s:60,60s:60->5}
MAX_OUTSTANDING=${MAX_OUTSTANDING:-400}
WARMUP=${WARMUP:-30s:5->100}
DEMO_CPU=${DEMO_CPU:-1}
LOAD_CPU=${LOAD_CPU:-0}

command -v prometheus >/dev/null || { echo "install the Debian package prometheus" >&2; exit 1; }
./mvnw -B -q -pl demo-app,hpa-sandbox -am -DskipTests package
JAR=$(ls demo-app/target/steadypod-demo-app-*.jar | grep -v plain | head -1)
SANDBOX=hpa-sandbox/target/hpa-sandbox.jar
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
APP=$(free_port); MGMT=$(free_port); PROM=$(free_port)
WORK=$(mktemp -d)
DEMO_PID=""; PROM_PID=""
cleanup() {
  [ -n "$PROM_PID" ] && kill "$PROM_PID" 2>/dev/null || true
  [ -n "$DEMO_PID" ] && kill "$DEMO_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

start=$(date +%s.%N)
taskset -c "$DEMO_CPU" java -XX:ActiveProcessorCount=1 -Xms256m -Xmx256m -jar "$JAR" \
  --server.port="$APP" --management.server.port="$MGMT" --spring.config.import= >"$WORK/demo.log" 2>&1 &
DEMO_PID=$!
until curl -fs "http://127.0.0.1:$MGMT/actuator/health/readiness" >/dev/null 2>&1; do
  kill -0 "$DEMO_PID" 2>/dev/null || { cat "$WORK/demo.log" >&2; exit 1; }
  sleep 0.1
done
READY=$(python3 -c "import time; print(f'{time.time() - $start:.1f}')")
# CPU time the JVM spent to get there (utime + stime of /proc/PID/stat, in clock ticks).
STARTUP_CPU=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$DEMO_PID/stat")
echo "demo ready ${READY} s after launch, having used ${STARTUP_CPU} s of CPU"

cat >"$WORK/prometheus.yml" <<YML
global:
  scrape_interval: 1s
  scrape_timeout: 1s
scrape_configs:
  - job_name: demo
    metrics_path: /actuator/prometheus
    static_configs:
      - targets: ["127.0.0.1:$MGMT"]
YML
taskset -c "$LOAD_CPU" prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/data" \
  --web.listen-address="127.0.0.1:$PROM" --log.level=warn >"$WORK/prometheus.log" 2>&1 &
PROM_PID=$!
until curl -fs "http://127.0.0.1:$PROM/-/ready" >/dev/null 2>&1; do sleep 0.2; done

# Warm the JIT up and create the in-flight series, then record.
record() {
  taskset -c "$LOAD_CPU" java -jar "$SANDBOX" record \
    --request "http://127.0.0.1:$APP$REQUEST_PATH" --prometheus "http://127.0.0.1:$PROM" --selector 'job="demo"' "$@"
}
curl -fs "http://127.0.0.1:$APP$REQUEST_PATH" >/dev/null
until curl -fs "http://127.0.0.1:$PROM/api/v1/query?query=http_server_requests_active_seconds_count" | grep -q '"value"'; do
  sleep 0.5
done
record --profile "$WARMUP" --out "$WORK/warmup.csv" >/dev/null
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
record --profile "$PROFILE" --max-outstanding "$MAX_OUTSTANDING" --out "$OUT" \
  --note "machine: $(nproc) processors, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load average before recording $LOAD (1, 5, 15 min); demo JVM: -XX:ActiveProcessorCount=1 -Xms256m -Xmx256m pinned to CPU $DEMO_CPU, ready ${READY} s after launch using ${STARTUP_CPU} s of CPU; Prometheus and the recorder on CPU $LOAD_CPU; warm-up $WARMUP before recording"
echo "load average after recording: $(cut -d' ' -f1-3 /proc/loadavg)"
