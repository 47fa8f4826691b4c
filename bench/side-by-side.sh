#!/usr/bin/env bash
# side-by-side.sh: the same produce workload through Redis Streams, NATS JetStream and an
# ActorStream node, all on loopback on this machine, printed as one Markdown table.
#
# Usage:  bench/side-by-side.sh [SHARED_PERF_DIR] [--out FILE]
#   SHARED_PERF_DIR  the shared perf directory (default: <repository>/../shared/perf); used for
#                    its jsbench.c (a second NATS client, throughput only) when present.
#   --out FILE       also write the table (and the commands run) to FILE.
# Environment:
#   RECORDS          records per run for both sizes (default: 2,000,000 of 100 B, 500,000 of 1 KiB)
#   RECORDS_100, RECORDS_1K   the count for one size
#   SYSTEMS          which systems to run (default "redis nats actorstream")
#   REDIS_AOF_ALWAYS=0        skip the Redis run with appendfsync always
#   RDKAFKA_WINDOW=0 skip the second rdkafka_performance run (queue of 4,096 records)
#   LOADGEN=0        skip the project's own load generator (bench/ActorStream.Benchmarks)
#   NO_INSTALL=1     never call apt-get
#   SBS_BUILD_DIR    where the C clients are compiled (default: $TMPDIR/actorstream-sbs-build)
#   TMO              hard limit in seconds for any one client run (default 300)
#
# What it does: installs missing Debian packages when run as root (redis-server redis-tools
# nats-server libnats-dev gcc librdkafka-dev); starts every server itself on a free 127.0.0.1 port
# with a temporary data directory and stops it on exit (system services are never touched); for
# each system and record size runs one closed-loop produce of a fixed record count and reports
# records/s, payload MiB/s (2^20 bytes) and the p99 latency from send to acknowledgement,
# "n/a" where the client cannot measure it.
set -u -o pipefail

ROOT="$(git -C "$(dirname "${BASH_SOURCE[0]}")" rev-parse --show-toplevel)" || { echo "side-by-side: not inside the repository" >&2; exit 2; }
SHARED=""
OUT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --out) OUT="${2:?--out needs a file}"; shift 2 ;;
    --out=*) OUT="${1#--out=}"; shift ;;
    -h|--help) sed -n '2,/^set -u/p' "${BASH_SOURCE[0]}" | sed '$d'; exit 0 ;;
    -*) echo "side-by-side: unknown option $1" >&2; exit 2 ;;
    *) SHARED="$1"; shift ;;
  esac
done
SHARED="${SHARED:-$ROOT/../shared/perf}"
[ -n "$OUT" ] && case "$OUT" in /*) ;; *) OUT="$PWD/$OUT" ;; esac

N100="${RECORDS_100:-${RECORDS:-2000000}}"
N1K="${RECORDS_1K:-${RECORDS:-500000}}"
SYSTEMS="${SYSTEMS:-redis nats actorstream}"
TMO="${TMO:-300}"
BUILD="${SBS_BUILD_DIR:-${TMPDIR:-/tmp}/actorstream-sbs-build}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/actorstream-sbs.XXXXXX")"
mkdir -p "$BUILD"

log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
load1() { cut -d' ' -f1 /proc/loadavg; }

# --- processes this script starts; every one is stopped by its PID on exit --------------------
PIDS=()
stop_pid() { # TERM, up to 20 s to exit, then KILL
  local pid="$1" i
  kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null
  for i in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  return 0
}
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null && return 0
  local p
  for _ in $(seq 1 50); do
    p=$(( 20000 + RANDOM % 30000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return 0; }
  done
  return 1
}
wait_port() { # wait_port PORT SECONDS PID: until something accepts on PORT (fails early if PID exits)
  local i
  for i in $(seq 1 $(( $2 * 5 ))); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    kill -0 "$3" 2>/dev/null || return 1
    sleep 0.2
  done
  return 1
}
p99_of_file() { # p99 of one number per line, divided by $2 (e.g. 1000 for µs -> ms)
  sort -n "$1" | awk -v d="$2" '{ v[NR] = $1 } END { if (NR == 0) { print "n/a"; exit } i = int((NR - 1) * 0.99) + 1; printf "%.2f\n", v[i] / d }'
}
mib() { awk -v r="$1" -v s="$2" 'BEGIN { printf "%.1f", r * s / 1048576 }'; }

# --- results ----------------------------------------------------------------------------------
ROWS=()     # "system|client and window|durability|rps100|mb100|p99_100|rps1k|mb1k|p99_1k|load"
CMDS=()     # the exact commands, in the order they ran
NOTES=()
declare -A R # R[key.size]=value for the row being measured
add_row() { # add_row SYSTEM CLIENT DURABILITY KEY LOAD
  local k="$4"
  ROWS+=("$1|$2|$3|${R[$k.rps.100]:-n/a}|${R[$k.mb.100]:-n/a}|${R[$k.p99.100]:-n/a}|${R[$k.rps.1024]:-n/a}|${R[$k.mb.1024]:-n/a}|${R[$k.p99.1024]:-n/a}|$5")
}
set_result() { # set_result KEY SIZE RPS P99
  R[$1.rps.$2]="$(awk -v r="$3" 'BEGIN { s = sprintf("%.0f", r); while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]($|,)/, ",&", s); print s }')"
  R[$1.mb.$2]="$(mib "$3" "$2")"
  R[$1.p99.$2]="${4:-n/a}"
}
run_cmd() { # run_cmd LOGFILE CMD...: records the command, runs it with the time limit
  local logf="$1"; shift
  CMDS+=("$(printf '%q ' "$@" | sed 's/ $//')")
  timeout "$TMO" "$@" >"$logf" 2>&1
}
records_for() { [ "$1" = 100 ] && echo "$N100" || echo "$N1K"; }

# --- installation -----------------------------------------------------------------------------
missing_packages() {
  local pkgs=()
  command -v redis-server >/dev/null || pkgs+=(redis-server)
  command -v redis-benchmark >/dev/null || pkgs+=(redis-tools)
  command -v nats-server >/dev/null || pkgs+=(nats-server)
  [ -f /usr/include/nats/nats.h ] || pkgs+=(libnats-dev)
  command -v gcc >/dev/null || pkgs+=(gcc)
  { [ -f /usr/include/librdkafka/rdkafka.h ] && [ -f /usr/share/doc/librdkafka-dev/examples/rdkafka_performance.c ]; } || pkgs+=(librdkafka-dev)
  echo "${pkgs[@]}"
}
install_missing() {
  local missing; missing="$(missing_packages)"
  [ -z "$missing" ] && return 0
  if [ "${NO_INSTALL:-0}" = 1 ]; then
    log "missing packages: $missing (NO_INSTALL=1: the systems that need them are skipped)"
  elif [ "$(id -u)" -ne 0 ]; then
    log "missing packages: $missing. Not root, so not installing them; the systems that need them are skipped."
    log "to install: sudo apt-get install -y $missing"
  else
    log "installing: $missing"
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >"$WORK/apt.log" 2>&1 \
      || { apt-get update -qq >>"$WORK/apt.log" 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >>"$WORK/apt.log" 2>&1; } \
      || log "apt-get install failed (see output below); continuing with what is there"$'\n'"$(tail -5 "$WORK/apt.log")"
  fi
}

# --- clients we compile -----------------------------------------------------------------------
jslat_bin() {
  local b="$BUILD/jslat" src="$ROOT/bench/peers/jslat.c"
  if [ ! -x "$b" ] || [ "$src" -nt "$b" ]; then
    gcc -O2 -o "$b" "$src" -lnats >"$BUILD/jslat.log" 2>&1 || return 1
  fi
  echo "$b"
}
jsbench_bin() {
  local b="$BUILD/jsbench" src="$SHARED/jsbench.c"
  [ -f "$src" ] || return 1
  if [ ! -x "$b" ] || [ "$src" -nt "$b" ]; then
    gcc -O2 -o "$b" "$src" -lnats >"$BUILD/jsbench.log" 2>&1 || return 1
  fi
  echo "$b"
}
# rdkafka_performance ships as example source only and includes librdkafka-internal headers;
# bench/peers/rdkafka-shim/ stands in for the two it needs.
rdperf_bin() {
  local d="$BUILD/rdperf" src=/usr/share/doc/librdkafka-dev/examples/rdkafka_performance.c
  [ -x "$d/rdkafka_performance" ] && { echo "$d/rdkafka_performance"; return 0; }
  [ -f "$src" ] || return 1
  mkdir -p "$d/src" "$d/examples"
  cp "$ROOT/bench/peers/rdkafka-shim/rd.h" "$ROOT/bench/peers/rdkafka-shim/rdtime.h" "$d/src/"
  cp "$src" "$d/examples/"
  gcc -O2 -I"$d/src" -I/usr/include/librdkafka -o "$d/rdkafka_performance" "$d/examples/rdkafka_performance.c" \
      -lrdkafka -lm >"$d/build.log" 2>&1 || return 1
  echo "$d/rdkafka_performance"
}

# --- Redis 7 Streams --------------------------------------------------------------------------
REDIS_CLIENT="redis-benchmark, 50 connections × pipeline 16 (800 XADDs in flight)"
redis_run() { # redis_run KEY DURABILITY-TEXT REDIS-ARGS...
  local key="$1" dtext="$2"; shift 2
  local dir="$WORK/redis-$key" port pid size n body out rps p99 load
  mkdir -p "$dir"
  port=$(free_port) || { log "redis: no free port"; return; }
  load=$(load1)
  CMDS+=("redis-server --bind 127.0.0.1 --port $port --dir DIR --save '' $*")
  redis-server --bind 127.0.0.1 --port "$port" --dir "$dir" --save '' --daemonize no --logfile "$dir/redis.log" "$@" &
  pid=$!; PIDS+=("$pid")
  if ! wait_port "$port" 15 "$pid"; then
    log "redis ($key) did not start; see its log"; tail -5 "$dir/redis.log" >&2; stop_pid "$pid"; return
  fi
  for size in 100 1024; do
    n=$(records_for "$size")
    body=$(head -c "$size" /dev/zero | tr '\0' x)
    log "redis $key: XADD $n × $size B"
    CMDS+=("redis-benchmark -h 127.0.0.1 -p $port --csv -n $n -c 50 -P 16 XADD s$size '*' f <$size x's>")
    timeout "$TMO" redis-benchmark -h 127.0.0.1 -p "$port" --csv -n "$n" -c 50 -P 16 XADD "s$size" '*' f "$body" >"$dir/bench-$size.csv" 2>&1
    # "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
    out=$(awk -F'","' 'NR > 1 && NF >= 7 { gsub(/"/, "", $7); print $2, $7; exit }' "$dir/bench-$size.csv")
    rps=${out%% *}; p99=${out##* }
    if [ -n "$out" ] && [ "$(redis-cli -p "$port" XLEN "s$size")" -ge "$n" ]; then
      set_result "$key" "$size" "$rps" "$(printf '%.2f' "$p99")"
    else
      log "redis $key $size B: failed or incomplete"; tail -3 "$dir/bench-$size.csv" >&2
    fi
    redis-cli -p "$port" DEL "s$size" >/dev/null
  done
  stop_pid "$pid"
  add_row "Redis $(redis-server --version | sed -n 's/.*v=\([0-9.]*\).*/\1/p') Streams, XADD" "$REDIS_CLIENT" "$dtext" "$key" "$load"
}
redis_all() {
  command -v redis-server >/dev/null && command -v redis-benchmark >/dev/null \
    || { NOTES+=("Redis skipped: redis-server / redis-benchmark not installed."); return; }
  redis_run redis-noaof "in memory only (appendonly no, no RDB snapshots)" --appendonly no
  if [ "${REDIS_AOF_ALWAYS:-1}" = 1 ]; then
    redis_run redis-always "AOF, appendfsync always: fsync before replying, once per event-loop pass (group commit)" \
      --appendonly yes --appendfsync always
  fi
}

# --- NATS 2.9 JetStream -----------------------------------------------------------------------
nats_all() {
  command -v nats-server >/dev/null || { NOTES+=("NATS skipped: nats-server not installed."); return; }
  local jl jb dir="$WORK/nats" port pid size n out load version dtext
  jl=$(jslat_bin) || { NOTES+=("NATS skipped: bench/peers/jslat.c does not build (needs libnats-dev, gcc)."); return; }
  jb=$(jsbench_bin) || { jb=""; NOTES+=("NATS jsbench row skipped: no jsbench.c in $SHARED or it does not build."); }
  version=$(nats-server --version | sed 's/.*v//')
  dtext="file store, written to OS buffers, no fsync per message (2.9 has no sync_interval: always)"
  mkdir -p "$dir"
  port=$(free_port) || { log "nats: no free port"; return; }
  load=$(load1)
  CMDS+=("nats-server -a 127.0.0.1 -p $port -js -sd DIR")
  nats-server -a 127.0.0.1 -p "$port" -js -sd "$dir/store" >"$dir/nats.log" 2>&1 &
  pid=$!; PIDS+=("$pid")
  if ! wait_port "$port" 15 "$pid"; then log "nats-server did not start"; tail -5 "$dir/nats.log" >&2; stop_pid "$pid"; return; fi
  for size in 100 1024; do
    n=$(records_for "$size")
    log "nats: jslat $n × $size B"
    if run_cmd "$dir/jslat-$size.log" "$jl" "nats://127.0.0.1:$port" "$n" "$size" 4096 file; then
      out=$(tail -1 "$dir/jslat-$size.log")     # records/s MiB/s p50 p99 errors
      set_result nats "$size" "$(echo "$out" | cut -d' ' -f1)" "$(echo "$out" | cut -d' ' -f4)"
    else
      log "nats jslat $size B failed:"; tail -3 "$dir/jslat-$size.log" >&2
    fi
  done
  add_row "NATS $version JetStream, async publish" "jslat (bench/peers/jslat.c, libnats), 1 connection, 4096 in flight" "$dtext" nats "$load"
  if [ -n "$jb" ]; then
    load=$(load1)
    for size in 100 1024; do
      n=$(records_for "$size")
      log "nats: jsbench $n × $size B"
      if run_cmd "$dir/jsbench-$size.log" "$jb" "nats://127.0.0.1:$port" pub-async "$n" "$size" file; then
        set_result nats-jsbench "$size" "$(tail -1 "$dir/jsbench-$size.log")" "n/a"
      else
        log "nats jsbench $size B failed:"; tail -3 "$dir/jsbench-$size.log" >&2
      fi
    done
    add_row "NATS $version JetStream, async publish" "jsbench (shared perf dir), 1 connection, 4096 in flight; no latency output" "$dtext" nats-jsbench "$load"
  fi
  stop_pid "$pid"
}

# --- ActorStream node -------------------------------------------------------------------------
rdkafka_rows() { # rdkafka_rows EXE RDPERF DIR PORT KEY "EXTRA -X ARGS" WINDOW-TEXT DURABILITY-TEXT
  local exe="$1" rp="$2" dir="$3" port="$4" key="$5" window="$7" dtext="$8" size n out load topic
  local -a extra
  read -r -a extra <<<"$6"
  load=$(load1)
  for size in 100 1024; do
    n=$(records_for "$size")
    topic="$key-$size"
    run_cmd "$dir/topic-$topic.log" "$exe" topics create "$topic" --partitions 6 --bootstrap "127.0.0.1:$port" \
      || { log "topic $topic not created:"; cat "$dir/topic-$topic.log" >&2; continue; }
    log "actorstream: rdkafka_performance $n × $size B ${extra[*]}"
    if run_cmd "$dir/rdperf-$topic.log" "$rp" -P -t "$topic" -p -1 -s "$size" -c "$n" -a 1 -b "127.0.0.1:$port" \
         -X linger.ms=5 -X batch.size=1000000 "${extra[@]}" -l -A "$dir/lat-$topic.txt" -q; then
      # "% N messages produced (B bytes), N delivered (offset 0, F failed) in Tms: R msgs/s and M MB/s, ..."
      out=$(sed -n 's/.* \([0-9]*\) delivered (offset [0-9]*, \([0-9]*\) failed) in [0-9]*ms: \([0-9]*\) msgs\/s.*/\1 \2 \3/p' "$dir/rdperf-$topic.log" | tail -1)
      if [ -n "$out" ] && [ "$(echo "$out" | cut -d' ' -f1)" = "$n" ] && [ "$(echo "$out" | cut -d' ' -f2)" = 0 ]; then
        set_result "$key" "$size" "$(echo "$out" | cut -d' ' -f3)" "$(p99_of_file "$dir/lat-$topic.txt" 1000)"
      else
        log "rdkafka_performance $size B: not every record was delivered:"; tail -3 "$dir/rdperf-$topic.log" >&2
      fi
    else
      log "rdkafka_performance $size B failed:"; tail -3 "$dir/rdperf-$topic.log" >&2
    fi
    rm -f "$dir/lat-$topic.txt"
  done
  add_row "ActorStream node, Kafka produce, 6 partitions, acks=1" \
    "rdkafka_performance -P (librdkafka $(dpkg-query -W -f='${Version}' librdkafka-dev 2>/dev/null | cut -d- -f1)), linger.ms=5, batch.size=1000000, $window" "$dtext" "$key" "$load"
}
actorstream_all() {
  command -v dotnet >/dev/null || { NOTES+=("ActorStream skipped: dotnet not installed."); return; }
  local exe="$ROOT/src/ActorStream.Node/bin/Release/net10.0/actorstream" rp dir="$WORK/actorstream" port pid size n load out rps p99 lg=1
  local dtext="SQLite WAL, synchronous=FULL: acks=1 answered after the fsync of its group commit"
  mkdir -p "$dir"
  log "building the node: dotnet build -c Release src/ActorStream.Node"
  CMDS+=("dotnet build -c Release src/ActorStream.Node")
  (cd "$ROOT" && dotnet build -c Release src/ActorStream.Node >"$dir/build-node.log" 2>&1) \
    || { NOTES+=("ActorStream skipped: the node does not build."); tail -20 "$dir/build-node.log" >&2; return; }
  if [ "${LOADGEN:-1}" = 1 ]; then
    log "building the load generator: dotnet build -c Release bench/ActorStream.Benchmarks"
    CMDS+=("dotnet build -c Release bench/ActorStream.Benchmarks")
    (cd "$ROOT" && dotnet build -c Release bench/ActorStream.Benchmarks >"$dir/build-bench.log" 2>&1) \
      || { lg=0; NOTES+=("ActorStream load-generator row skipped: bench/ActorStream.Benchmarks does not build."); }
  else
    lg=0
  fi
  rp=$(rdperf_bin) || { rp=""; NOTES+=("ActorStream rdkafka_performance row skipped: it does not build (needs librdkafka-dev, gcc)."); }

  port=$(free_port) || { log "actorstream: no free port"; return; }
  CMDS+=("src/ActorStream.Node/bin/Release/net10.0/actorstream node --data-dir DIR --listen 127.0.0.1:$port")
  "$exe" node --data-dir "$dir/data" --listen "127.0.0.1:$port" >"$dir/node.log" 2>&1 &
  pid=$!; PIDS+=("$pid")
  if ! wait_port "$port" 60 "$pid"; then log "the node did not start"; tail -20 "$dir/node.log" >&2; stop_pid "$pid"; return; fi

  if [ -n "$rp" ]; then
    # librdkafka's default queue, then a queue of 4,096 records: the window of the NATS client
    rdkafka_rows "$exe" "$rp" "$dir" "$port" as-rdkafka "" "librdkafka's default queue of ≤ 100,000 records" "$dtext"
    if [ "${RDKAFKA_WINDOW:-1}" = 1 ]; then
      rdkafka_rows "$exe" "$rp" "$dir" "$port" as-rdkafka-4096 "-X queue.buffering.max.messages=4096" "queue of ≤ 4,096 records (as the NATS client)" "$dtext"
    fi
  fi
  if [ "$lg" = 1 ]; then
    load=$(load1)
    for size in 100 1024; do
      n=$(records_for "$size")
      log "actorstream: kafka-produce $n × $size B"
      if run_cmd "$dir/loadgen-$size.log" dotnet run -c Release --no-build --project "$ROOT/bench/ActorStream.Benchmarks" -- \
             kafka-produce --bootstrap "127.0.0.1:$port" --topic "lg$size" --records "$n" --record-size "$size" --partitions 6 --acks 1 \
             --node-pid "$pid"; then
        out=$(sed -n 's/^records=\([0-9.]*\)\/s mbps=\([0-9.]*\) p99ms=\([0-9.]*\).*/\1 \3/p' "$dir/loadgen-$size.log" | tail -1)
        [ -n "$out" ] && set_result as-loadgen "$size" "${out% *}" "${out#* }"
        grep -h "cpu of the node" "$dir/loadgen-$size.log" | sed "s/^/  $size B: /" >&2
      else
        log "kafka-produce $size B failed:"; tail -3 "$dir/loadgen-$size.log" >&2
      fi
    done
    add_row "ActorStream node, Kafka produce, 6 partitions, acks=1" \
      "bench/ActorStream.Benchmarks kafka-produce, 1 connection, 1,000-record batches, 5 requests in flight (p99 per request)" "$dtext" as-loadgen "$load"
  fi
  stop_pid "$pid"
}

# --- main -------------------------------------------------------------------------------------
install_missing
START_LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"
START_DATE="$(date +%Y-%m-%d)"
START_TIME="$(date +%H:%M)"
log "load average at start: $START_LOAD; records: $N100 × 100 B, $N1K × 1 KiB; work dir $WORK"
for s in $SYSTEMS; do
  case "$s" in
    redis) redis_all ;;
    nats) nats_all ;;
    actorstream) actorstream_all ;;
    *) log "unknown system $s (known: redis nats actorstream)" ;;
  esac
done
END_LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"

report() {
  echo "Run $START_DATE $START_TIME–$(date +%H:%M) on $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)); load average (1/5/15 min) $START_LOAD at the start, $END_LOAD at the end. Loopback; each server started by the script with a temporary data dir; client and server share the cores."
  echo "Records per run: $N100 of 100 B, $N1K of 1 KiB. MB/s = payload MiB/s (2^20 bytes). p99 = send → acknowledgement in a closed loop at full load, so it includes waiting behind the records in flight; n/a = the client does not measure it."
  echo
  echo "| system | client, in flight | durability | 100 B records/s | 100 B MB/s | 100 B p99 ms | 1 KiB records/s | 1 KiB MB/s | 1 KiB p99 ms | load before |"
  echo "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  local row
  for row in "${ROWS[@]}"; do echo "| ${row//|/ | } |"; done
  if [ "${#NOTES[@]}" -gt 0 ]; then echo; for row in "${NOTES[@]}"; do echo "- $row"; done; fi
  echo
  echo "Commands (DIR = a fresh temporary directory, TMP = the run's temporary directory, BUILD = where the script compiles the C clients):"
  echo '```'
  for row in "${CMDS[@]}"; do
    # paths of this checkout and of the temporary directories are shown relative / as placeholders
    row="${row//$ROOT\//}"; row="${row//$WORK/TMP}"; row="${row//$BUILD/BUILD}"
    echo "$row"
  done
  echo '```'
}
report
[ -n "$OUT" ] && report >"$OUT" && log "table written to $OUT"
exit 0
