#!/usr/bin/env bash
# Runs every test suite of ActorStream and prints the totals on the last line:
#   N passed, M failed[, K skipped]
# Installs what the suites need (Debian packages, npm packages) when missing and starts
# throwaway local services (PostgreSQL on a loopback port) that are torn down afterwards.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '\n==> %s\n' "$*"; }

# ---------------------------------------------------------------- dependencies
need_pkgs=()
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] || need_pkgs+=(postgresql)
# The real Kafka clients of tests/ActorStream.ClientCompat.Tests (its tests fail, naming the package,
# when one is missing): kcat, kafka-python and confluent-kafka-python on Debian's python3, kafkajs
# from npm. python3-snappy, -lz4 and -zstandard are the codec libraries kafka-python loads when present
# (its codec tests are skipped, with the reason, without them).
command -v kcat >/dev/null 2>&1 || need_pkgs+=(kcat)
py_has() { [ -x /usr/bin/python3 ] && /usr/bin/python3 -c "import $1" >/dev/null 2>&1; }
py_has kafka || need_pkgs+=(python3-kafka)
py_has confluent_kafka || need_pkgs+=(python3-confluent-kafka)
py_has snappy || need_pkgs+=(python3-snappy)
py_has lz4.frame || need_pkgs+=(python3-lz4)
py_has zstandard || need_pkgs+=(python3-zstandard)
command -v node >/dev/null 2>&1 || need_pkgs+=(nodejs)
command -v npm >/dev/null 2>&1 || need_pkgs+=(npm)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    log "installing ${need_pkgs[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
    pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  else
    echo "missing packages: ${need_pkgs[*]} (run as root or install them)" >&2
  fi
fi

compat_js="tests/ActorStream.ClientCompat.Tests/js"
if command -v npm >/dev/null 2>&1; then
  log "npm ci ($compat_js)"
  (cd "$compat_js" && npm ci --no-audit --no-fund --loglevel=error) \
    || echo "npm ci failed in $compat_js; the kafkajs specs will fail and say why" >&2
else
  echo "npm is missing; the kafkajs specs will fail and say why" >&2
fi

# ---------------------------------------------------------------- services
work="$(mktemp -d -t actorstream-test.XXXXXX)"
pg_data="$work/pg"
cleanup() {
  if [ -n "${pg_bin:-}" ] && [ -f "$pg_data/postmaster.pid" ]; then
    run_pg "$pg_bin/pg_ctl" -D "$pg_data" -m immediate stop >/dev/null 2>&1
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# initdb refuses to run as root, so the cluster belongs to the postgres user when we are root.
run_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

if [ -n "${pg_bin:-}" ] && [ -x "$pg_bin/initdb" ]; then
  log "starting a throwaway PostgreSQL"
  pg_port="$(free_port)"
  mkdir -p "$pg_data"
  [ "$(id -u)" = 0 ] && chown postgres "$work" "$pg_data"
  if run_pg "$pg_bin/initdb" -D "$pg_data" -U actorstream --auth=trust -E UTF8 >"$work/initdb.log" 2>&1 \
     && run_pg "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w -t 60 \
          -o "-h 127.0.0.1 -p $pg_port -k $pg_data -c fsync=on -c max_connections=200" start >/dev/null; then
    export ACTORSTREAM_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=actorstream;Database=postgres;Pooling=true;Maximum Pool Size=50"
    echo "PostgreSQL on 127.0.0.1:$pg_port"
  else
    echo "PostgreSQL did not start; its specs will fail and say why" >&2
    cat "$work/initdb.log" >&2
  fi
fi

# ---------------------------------------------------------------- build
log "building (Release)"
if ! dotnet build ActorStream.sln -c Release -warnaserror -nologo -v q; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

# ---------------------------------------------------------------- tests
passed=0; failed=0; skipped=0; suites_failed=0

# Style is part of the build contract: the same analyzers the IDE shows, checked without changing files.
log "dotnet format --verify-no-changes"
if dotnet format ActorStream.sln --verify-no-changes --no-restore -v q; then
  passed=$((passed + 1))
else
  echo "formatting differs from .editorconfig: run 'dotnet format ActorStream.sln' and commit the result"
  failed=$((failed + 1)); suites_failed=$((suites_failed + 1))
fi
results="$work/results"; mkdir -p "$results"
for proj in tests/*/*.csproj; do
  name="$(basename "$proj" .csproj)"
  log "$name"
  trx="$results/$name.trx"
  dotnet test "$proj" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$trx" --logger "console;verbosity=minimal" \
    --blame-hang-timeout 5m
  rc=$?
  if [ -f "$trx" ]; then
    read -r p f s < <(/usr/bin/python3 - "$trx" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
c = ET.parse(sys.argv[1]).getroot().find("t:ResultSummary/t:Counters", ns)
total = int(c.get("total", 0)); p = int(c.get("passed", 0)); f = int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
print(p, f, max(total - p - f, 0))
PY
)
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then failed=$((failed + 1)); fi
  else
    echo "$name produced no results (exit $rc)"
    failed=$((failed + 1))
  fi
  [ "$rc" -ne 0 ] && suites_failed=$((suites_failed + 1))
done

summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo
echo "$summary"
[ "$failed" -eq 0 ] && [ "$suites_failed" -eq 0 ]
