#!/usr/bin/env bash
# Legal search benchmark of issue #12 (« Measured, not timed in tests »; figures in
# docs/PERFORMANCE.md, section « Appui juridique : recherche »): the search page
# /juridique/recherche over 20 000 generated questions (with answers) and 2 000 published notes,
# signed in as a jurist (questions included) and as a member manager (notes and resources only),
# with a mix of French queries (plurals, accents, one to three words) — on SQLite and on
# PostgreSQL (a throwaway server). The set-up (members, `maillage legal bench-data`) is not timed.
# See scripts/bench_legal.py for what each figure is.
#
# Usage: scripts/bench-legal.sh [sqlite|postgres|both]      (default both)
# Settings (environment):
#   MAILLAGE_BIN   the binary; default .build/release/maillage if present, else .build/debug/maillage
#                  (nothing is built here: `swift build -c release --product maillage` first)
#   QUESTIONS=20000, NOTES=2000, MEMBERS=500, REQUESTS=400 (measured per role), WARMUP=40
#   PGPORT=5445    port of the throwaway PostgreSQL; PYTHON (default .venv-test/bin/python, needs requests)
#   OUT=test-artifacts/bench-legal   where the JSON figures and server logs go
set -euo pipefail
cd "$(dirname "$0")/.."
WHICH=${1:-both}
case "$WHICH" in sqlite|postgres|both) ;; *) echo "usage: $0 [sqlite|postgres|both]"; exit 2;; esac
if [ -n "${MAILLAGE_BIN:-}" ]; then BIN=$MAILLAGE_BIN
elif [ -x .build/release/maillage ]; then BIN=.build/release/maillage
else BIN=.build/debug/maillage; fi
[ -x "$BIN" ] || { echo "no binary at $BIN"; exit 2; }
case "$(readlink -f "$BIN")" in
  */release/*) KIND="release build";;
  */debug/*) KIND="DEBUG build (not representative: build with -c release)";;
  *) KIND="build of unknown type";;
esac
export MAILLAGE_BIN=$(readlink -f "$BIN")
PYTHON=${PYTHON:-.venv-test/bin/python}
[ -x "$PYTHON" ] || PYTHON=python3
PGPORT=${PGPORT:-5445}
export OUT=${OUT:-test-artifacts/bench-legal}
mkdir -p "$OUT"
echo "bench-legal: $BIN ($KIND), $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC')"

PGTMP=""; PGBIN=""
cleanup() {
  if [ -n "$PGTMP" ]; then
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGTMP/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PGTMP"
  fi
}
trap cleanup EXIT

if [ "$WHICH" != postgres ]; then
  env -u DATABASE_URL "$PYTHON" scripts/bench_legal.py sqlite | tee "$OUT/sqlite.json"
fi
if [ "$WHICH" != sqlite ]; then
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -x "$PGBIN/initdb" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)"; exit 2; }
  PGTMP=$(mktemp -d); chown postgres:postgres "$PGTMP"; chmod 700 "$PGTMP"
  runuser -u postgres -- "$PGBIN/initdb" -D "$PGTMP/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/server.log" \
    -o "-p $PGPORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$PGTMP" -w start >/dev/null
  DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/postgres" "$PYTHON" scripts/bench_legal.py postgres | tee "$OUT/postgres.json"
fi
