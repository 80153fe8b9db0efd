#!/usr/bin/env bash
# Soak of issue #10: the demo server under a loopback load of signed-in users (admin, delegate,
# member) across the main pages, its memory sampled every 10 s; writes a Markdown table and the
# memory series to test-artifacts/soak/ and exits non-zero on any error or on memory growth
# beyond 10 % (end against start, start taken after the warm-up: see scripts/soak.py).
#
# Usage: scripts/soak.sh [sqlite|postgres]          (default sqlite)
# Settings (environment):
#   DURATION=600      measured seconds (after the warm-up); e.g. DURATION=60 for a trial
#   WARMUP=30         seconds of load before the memory reference is taken
#   CONCURRENCY=16    keep-alive connections (modest: on 2 cores the client must not be the bottleneck)
#   SESSIONS=2        signed-in sessions per role
#   SAMPLE=10         seconds between memory samples
#   MAILLAGE_BIN      server binary; default .build/release/maillage if present, else .build/debug/maillage
#                     (nothing is built here: `swift build -c release --product maillage` first for
#                     honest figures)
#   PORT=8121, PGPORT=54361 (ports of the ops contract), PYTHON (default python3), OUT=test-artifacts/soak
#   LABEL             names the output files (default <database>-<duration>s)
#   SOURCE_NOTE       what the binary was built from, for the report (default: this checkout's
#                     commit plus its working tree)
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${1:-sqlite}
case "$DB" in sqlite|postgres) ;; *) echo "usage: $0 [sqlite|postgres]"; exit 2;; esac
DURATION=${DURATION:-600}; WARMUP=${WARMUP:-30}; CONCURRENCY=${CONCURRENCY:-16}
SESSIONS=${SESSIONS:-2}; SAMPLE=${SAMPLE:-10}
PORT=${PORT:-8121}; PGPORT=${PGPORT:-54361}; PYTHON=${PYTHON:-python3}; OUT=${OUT:-test-artifacts/soak}
LABEL=${LABEL:-$DB-${DURATION}s}

if [ -n "${MAILLAGE_BIN:-}" ]; then BIN=$MAILLAGE_BIN
elif [ -x .build/release/maillage ]; then BIN=.build/release/maillage
else BIN=.build/debug/maillage; fi
[ -x "$BIN" ] || { echo "no server binary at $BIN (swift build -c release --product maillage)"; exit 2; }
case "$(readlink -f "$BIN")" in
  */release/*) KIND="release build";;
  */debug/*) KIND="DEBUG build (figures are not representative: build with -c release)";;
  *) KIND="build of unknown type";;
esac
BINDATE=$(date -u -r "$BIN" '+%Y-%m-%d %H:%M UTC')
echo "soak: binary $BIN ($KIND, built $BINDATE), database $DB"

if curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1; then
  echo "port $PORT already answers: stop that server first"; exit 2
fi

TMP=$(mktemp -d /tmp/maillage-soak.XXXXXX)
mkdir -p "$OUT"
PID=""; PGTMP=""; PGBIN=""
cleanup() {
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  if [ -n "$PGTMP" ]; then
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGTMP/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PGTMP"
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT

PGNOTE=""
if [ "$DB" = postgres ]; then
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$PGBIN" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)"; exit 2; }
  if "$PGBIN/pg_isready" -h 127.0.0.1 -p "$PGPORT" >/dev/null 2>&1; then
    echo "port $PGPORT already answers: stop that PostgreSQL first"; exit 2
  fi
  PGTMP=$(mktemp -d /tmp/maillage-soak-pg.XXXXXX)
  chown postgres:postgres "$PGTMP" && chmod 700 "$PGTMP"
  runuser -u postgres -- "$PGBIN/initdb" -D "$PGTMP/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/server.log" \
    -o "-p $PGPORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$PGTMP -c fsync=off" -w start >/dev/null
  export DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/postgres"
  PGNOTE="PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') (throwaway cluster, default settings, fsync=off), "
  unset DATABASE_PATH
else
  unset DATABASE_URL
  export DATABASE_PATH="$TMP/soak.sqlite"
fi

# The demo federation, served in production mode (Leaf's template cache on, as deployed).
"$BIN" demo --env production --hostname 127.0.0.1 --port "$PORT" > "$OUT/$LABEL-server.log" 2>&1 & PID=$!
for _ in $(seq 1 240); do
  curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
  kill -0 "$PID" 2>/dev/null || { echo "the server stopped: see $OUT/$LABEL-server.log"; exit 2; }
  sleep 0.5
done
curl -fs "http://127.0.0.1:$PORT/health" >/dev/null || { echo "the server did not answer /health"; exit 2; }

NOTE="Setup: \`$BIN\` ($KIND, built $BINDATE), \`maillage demo --env production\` on ${PGNOTE:-SQLite (file in a temp directory), }port $PORT, source: ${SOURCE_NOTE:-commit $(git log -1 --format=%h 2>/dev/null || echo '?') plus the working tree}."
set +e
"$PYTHON" scripts/soak.py --base "http://127.0.0.1:$PORT" --pid "$PID" --duration "$DURATION" --warmup "$WARMUP" \
  --concurrency "$CONCURRENCY" --sessions "$SESSIONS" --sample "$SAMPLE" --label "$LABEL" --out "$OUT" \
  ${PGTMP:+--pg-data "$PGTMP/data"} --setup-note "$NOTE" --verbose
RC=$?
set -e
kill -0 "$PID" 2>/dev/null || { echo "the server died during the soak: see $OUT/$LABEL-server.log"; RC=1; }
echo "soak: exit $RC"
exit $RC
