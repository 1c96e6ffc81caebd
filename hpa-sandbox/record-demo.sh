#!/usr/bin/env bash
# Records how one demo app JVM responds to staged load, through a real Prometheus, into a CSV trace, for one of
# four workloads where autoscaling signals differ:
#
#   hpa-sandbox/record-demo.sh cpu|pool|alloc|throttled [OUT.csv]     (default docs/traces/demo-<kind>.csv)
#
#   cpu        CPU-bound: /work?ms=50&cpuMs=5&allocKb=256 (50 ms wait, 5 ms of CPU, 256 KiB of garbage), 256 MiB heap
#   pool       pool-bound I/O: 20 Tomcat request threads, /work?ms=200&cpuMs=1 (a long downstream wait, little CPU),
#              so the pod saturates near 20 / 0.2 s = 100 requests per second while its CPU stays low
#   alloc      allocation-heavy: a 96 MiB heap, /work?ms=50&cpuMs=2&allocKb=1024 (1 MiB of 1 KiB blocks held for the
#              request), so the collector is busy and blocks of waiting requests outlive young collections; 40 Tomcat
#              threads bound what the requests hold (40 MiB) so the JVM does not run out of memory past the knee
#   throttled  the cpu request in a cgroup v1 cpu cgroup with a CFS quota of half a processor
#              (cpu.cfs_quota_us=50000 per cpu.cfs_period_us=100000): needs root and a writable /sys/fs/cgroup/cpu;
#              the recorder reads the cgroup's cpu.stat every second into throttled_ms
#
# The demo JVM gets one processor (-XX:ActiveProcessorCount=1, pinned to CPU 1 with taskset) and a fixed heap;
# Prometheus (Debian package `prometheus`) scrapes it every second on 127.0.0.1 and the recorder (pinned to CPU 0)
# asks Prometheus every second. Each kind's profile takes 6 minutes after a 30 s warm-up: holds from well below to
# well past the kind's knee, then a drop, so the drain is in the trace.
# Environment overrides: REQUEST_PATH, PROFILE, WARMUP, MAX_OUTSTANDING, HEAP, TOMCAT_THREADS, CPU_QUOTA_US,
# CGROUP, DEMO_CPU, LOAD_CPU. Needs 2 processors, java 17+, prometheus, taskset, curl, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
usage() { sed -n '5p' "$0" | sed 's/^#   //' >&2; }
KIND=${1:-}
case "$KIND" in
  cpu)
    : "${REQUEST_PATH:=/work?ms=50&cpuMs=5&allocKb=256}"
    : "${PROFILE:=30s:5->60,40s:60,20s:60->120,40s:120,10s:120->150,40s:150,10s:150->180,40s:180,10s:180->230,30s:230,10s:230->60,50s:60,30s:60->5}"
    : "${WARMUP:=30s:5->100}" ;;
  pool)
    : "${REQUEST_PATH:=/work?ms=200&cpuMs=1}"
    : "${TOMCAT_THREADS:=20}"
    : "${PROFILE:=30s:5->40,40s:40,20s:40->70,40s:70,10s:70->90,40s:90,10s:90->110,40s:110,10s:110->140,30s:140,10s:140->40,50s:40,30s:40->5}"
    : "${WARMUP:=30s:5->60}" ;;
  alloc)
    : "${REQUEST_PATH:=/work?ms=50&cpuMs=2&allocKb=1024}"
    : "${HEAP:=96m}"
    : "${TOMCAT_THREADS:=40}"
    : "${PROFILE:=30s:5->60,40s:60,20s:60->120,40s:120,10s:120->170,40s:170,10s:170->210,40s:210,10s:210->260,30s:260,10s:260->60,50s:60,30s:60->5}"
    : "${WARMUP:=30s:5->60}" ;;
  throttled)
    : "${REQUEST_PATH:=/work?ms=50&cpuMs=5&allocKb=256}"
    : "${CPU_QUOTA_US:=50000}"
    : "${PROFILE:=30s:5->30,40s:30,20s:30->50,40s:50,10s:50->65,40s:65,10s:65->80,40s:80,10s:80->110,30s:110,10s:110->30,50s:30,30s:30->5}"
    : "${WARMUP:=30s:5->40}" ;;
  *)
    echo "error: give the kind of workload to record, one of cpu, pool, alloc, throttled${KIND:+ (not '$KIND')}" >&2
    usage
    exit 2 ;;
esac
OUT=${2:-docs/traces/demo-$KIND.csv}
HEAP=${HEAP:-256m}
TOMCAT_THREADS=${TOMCAT_THREADS:-200}
MAX_OUTSTANDING=${MAX_OUTSTANDING:-400}
DEMO_CPU=${DEMO_CPU:-1}
LOAD_CPU=${LOAD_CPU:-0}
CPU_PERIOD_US=100000
CGROUP=${CGROUP:-/sys/fs/cgroup/cpu/steadypod-demo}

if [ -n "${CPU_QUOTA_US:-}" ]; then
  # A CFS quota needs the cgroup v1 cpu controller and root to create a group and move the JVM into it.
  if [ "$(id -u)" != 0 ]; then
    echo "error: the $KIND kind puts the demo JVM in a cgroup with a CPU quota, which needs root (run it as root)" >&2
    exit 1
  fi
  parent=$(dirname "$CGROUP")
  if [ ! -w "$parent/cpu.cfs_quota_us" ]; then
    echo "error: the $KIND kind needs a writable cgroup v1 cpu controller at $parent (no $parent/cpu.cfs_quota_us);" \
      "set CGROUP to a directory under the machine's cgroup v1 cpu mount" >&2
    exit 1
  fi
  if [ -e "$CGROUP" ]; then
    rmdir "$CGROUP" 2>/dev/null || { echo "error: $CGROUP exists and is in use (see its tasks)" >&2; exit 1; }
  fi
fi

command -v prometheus >/dev/null || { echo "install the Debian package prometheus" >&2; exit 1; }
./mvnw -B -q -pl demo-app,hpa-sandbox -am -DskipTests package
JAR=$(ls demo-app/target/steadypod-demo-app-*.jar | grep -v plain | head -1)
SANDBOX=hpa-sandbox/target/hpa-sandbox.jar
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
APP=$(free_port); MGMT=$(free_port); PROM=$(free_port)
WORK=$(mktemp -d)
DEMO_PID=""; PROM_PID=""; MADE_CGROUP=""
cleanup() {
  [ -n "$PROM_PID" ] && kill "$PROM_PID" 2>/dev/null || true
  [ -n "$DEMO_PID" ] && kill "$DEMO_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  # The group can go once the JVM has left it (its threads gone).
  if [ -n "$MADE_CGROUP" ]; then
    for _ in $(seq 50); do rmdir "$CGROUP" 2>/dev/null && break; sleep 0.1; done
    [ -e "$CGROUP" ] && echo "warning: could not remove $CGROUP" >&2
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

JVM_FLAGS="-XX:ActiveProcessorCount=1 -Xms$HEAP -Xmx$HEAP"
GC=$(java $JVM_FLAGS -XX:+PrintFlagsFinal -version 2>/dev/null |
  awk '$2 ~ /^Use(Serial|Parallel|G1|Z|Shenandoah)GC$/ && $4 == "true" {print $2}')
APP_ARGS=(--server.port="$APP" --management.server.port="$MGMT" --spring.config.import=
  --server.tomcat.threads.max="$TOMCAT_THREADS")
KIND_NOTE="kind $KIND: request $REQUEST_PATH, Tomcat threads.max $TOMCAT_THREADS, heap $HEAP, ${GC:-default GC} (JVM ergonomics)"
RECORD_ARGS=()
if [ -n "${CPU_QUOTA_US:-}" ]; then
  mkdir "$CGROUP"; MADE_CGROUP=1
  echo "$CPU_PERIOD_US" >"$CGROUP/cpu.cfs_period_us"
  echo "$CPU_QUOTA_US" >"$CGROUP/cpu.cfs_quota_us"
  # The shell joins the group before it becomes the JVM, so every thread the JVM starts is in it (writing a running
  # JVM's pid to tasks would move its main thread only).
  LAUNCH=(bash -c 'echo $$ >"$0/cgroup.procs" && exec "$@"' "$CGROUP")
  RECORD_ARGS=(--cgroup "$CGROUP")
else
  LAUNCH=()
fi

start=$(date +%s.%N)
"${LAUNCH[@]}" taskset -c "$DEMO_CPU" java $JVM_FLAGS -jar "$JAR" "${APP_ARGS[@]}" >"$WORK/demo.log" 2>&1 &
DEMO_PID=$!
until curl -fs "http://127.0.0.1:$MGMT/actuator/health/readiness" >/dev/null 2>&1; do
  kill -0 "$DEMO_PID" 2>/dev/null || { cat "$WORK/demo.log" >&2; exit 1; }
  sleep 0.1
done
READY=$(python3 -c "import time; print(f'{time.time() - $start:.1f}')")
# CPU time the JVM spent to get there (utime + stime of /proc/PID/stat, in clock ticks).
STARTUP_CPU=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$DEMO_PID/stat")
echo "demo ready ${READY} s after launch, having used ${STARTUP_CPU} s of CPU"
if [ -n "$MADE_CGROUP" ]; then
  threads=$(ls "/proc/$DEMO_PID/task" | wc -l)
  inside=$(grep -cxF -f <(ls "/proc/$DEMO_PID/task") "$CGROUP/tasks" || true)
  [ "$inside" = "$threads" ] || { echo "error: only $inside of the JVM's $threads threads are in $CGROUP" >&2; exit 1; }
  KIND_NOTE="$KIND_NOTE; CFS quota $CPU_QUOTA_US us per $CPU_PERIOD_US us period (cgroup v1 $CGROUP, all $threads JVM threads in it at readiness); the JVM started inside the quota, so the cpu column (process_cpu_usage) is a share of the quota ($CPU_QUOTA_US/$CPU_PERIOD_US of a processor), not of the machine's processors"
  echo "demo JVM in $CGROUP with a quota of $CPU_QUOTA_US us per $CPU_PERIOD_US us"
fi

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
# The pod's CPU request for the replay (the processor the JVM may use, or its quota), and what the cpu column is
# a share of: a JVM inside a quota reports process_cpu_usage as a share of that quota, not of the machine.
if [ -n "${CPU_QUOTA_US:-}" ]; then
  SHARE=$(python3 -c "print(f'{$CPU_QUOTA_US / $CPU_PERIOD_US:g}')")
  POD_NOTES=(--note "pod: cpu request $((CPU_QUOTA_US * 1000 / CPU_PERIOD_US))m, its CFS quota"
    --note "cpu column: a share of $SHARE processors (the JVM's quota)")
else
  POD_NOTES=(--note "pod: cpu request 1000m, the one processor the JVM may use")
fi
record --profile "$PROFILE" --max-outstanding "$MAX_OUTSTANDING" --out "$OUT" "${RECORD_ARGS[@]}" "${POD_NOTES[@]}" \
  --note "machine: $(nproc) processors, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load average before recording $LOAD (1, 5, 15 min); demo JVM: $JVM_FLAGS pinned to CPU $DEMO_CPU, ready ${READY} s after launch using ${STARTUP_CPU} s of CPU; Prometheus and the recorder on CPU $LOAD_CPU; warm-up $WARMUP before recording; $KIND_NOTE"
echo "load average after recording: $(cut -d' ' -f1-3 /proc/loadavg)"
