#!/usr/bin/env bash
# Agenda benchmark of issue #13 (« Measured, not timed in tests »; figures in docs/PERFORMANCE.md,
# section « Agenda : flux iCalendar »): the network feed /agenda/flux/reseau.ics with EVENTS generated
# public events on top of the demo (time to build it, bytes served), wrk on the same feed asked with
# its ETag (If-None-Match → 304: one query, no body), and the public agenda page's latency.
# SQLite, a throwaway database; the set-up (demo, generated events) is not timed.
#
# Usage: scripts/bench-agenda.sh [duration, default 10s]
# Settings (environment):
#   MAILLAGE_BIN  the binary; default: a release build made in a tar copy of the sources
#                 (SCRATCH, default .build-release-agenda: the shared .build is left alone)
#   EVENTS=5000   generated events; PORT=8098; OUT=test-artifacts/bench-agenda
# Needs wrk (apt-get install wrk), curl, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DURATION=${1:-10s}
PORT=${PORT:-8098}
EVENTS=${EVENTS:-5000}
OUT=${OUT:-test-artifacts/bench-agenda}
mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "wrk is required: apt-get install wrk"; exit 1; }
TMP=$(mktemp -d)
PID=""
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT

if [ -n "${MAILLAGE_BIN:-}" ]; then
  BIN=$(readlink -f "$MAILLAGE_BIN")
else
  # A release build in a copy of the sources, so that a build in progress in the checkout
  # (or other work in its .build) does not get in the way.
  SCRATCH=$(readlink -f "${SCRATCH:-.build-release-agenda}")
  mkdir -p "$TMP/src"
  # Every path Package.swift names (benchmarks and tests included: SwiftPM checks them all).
  tar -cf - Package.swift $(ls Package.resolved 2>/dev/null) Sources Resources Public Benchmarks Tests | tar -xf - -C "$TMP/src"
  (cd "$TMP/src" && swift build -c release --scratch-path "$SCRATCH" --product maillage 2>&1 | tail -n 1)
  BIN=$(cd "$TMP/src" && swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/maillage
fi
case "$BIN" in
  */release/*) KIND="release build";;
  */debug/*) KIND="DEBUG build (not representative)";;
  *) KIND="build of unknown type";;
esac
echo "bench-agenda: $BIN ($KIND), $(nproc) cores, $EVENTS events, $(date -u '+%Y-%m-%d %H:%M UTC')"
export DATABASE_PATH="$TMP/bench.sqlite" MAILLAGE_JOBS=off
URL="http://127.0.0.1:$PORT"
wait_up() { for _ in $(seq 1 240); do curl -fs "$URL/health" >/dev/null && return 0; sleep 0.5; done; echo "server did not start"; exit 1; }

# 1. The demo once (migrations, the network, a year of events), then the generated events.
"$BIN" demo --hostname 127.0.0.1 --port "$PORT" > "$OUT/demo.log" 2>&1 & PID=$!
wait_up; kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
python3 - "$DATABASE_PATH" "$EVENTS" <<'PY'
import random, sqlite3, sys, time, uuid
db, n = sys.argv[1], int(sys.argv[2])
c = sqlite3.connect(db)
delegations = [r[0] for r in c.execute("select id from delegations")]
kinds = ["assemblee-generale", "conseil-administration", "bureau", "commission-departementale", "reunion-directeurs",
         "reunion-comptables", "journee-regionale", "webinaire", "autre"]
rng = random.Random(13)
now = time.time()
day0 = int(now // 86400) - 365
rows = []
for i in range(n):
    d = day0 + rng.randrange(0, 730)                       # a year back, a year ahead
    start = d * 86400 + rng.choice([7, 8, 12, 13]) * 3600 + rng.choice([0, 1800])  # UTC: Paris morning or afternoon
    iso = time.strftime("%Y-%m-%d", time.gmtime(start))
    rows.append((str(uuid.UUID(int=rng.getrandbits(128))).upper(), f"Événement généré n° {i + 1} — réunion du réseau, ordre du jour",
                 rng.choice(kinds), rng.choice(delegations + [None] * 4), "public", 0, float(start), float(start + 3 * 3600),
                 iso, iso, "Maison des associations", "12 rue de la Solidarité, 44000 Nantes", None,
                 "Ordre du jour : actualités du réseau ; échanges, questions diverses.\nDéjeuner sur place.",
                 "cancelled" if i % 40 == 0 else "confirmed", 0, None, None, i % 3, 1, None, now, now))
c.executemany("insert into agenda_events values (" + ",".join("?" * 23) + ")", rows)
c.execute("update cache_versions set version = version + 1 where source = 'agenda'")
c.commit()
print(f"events in the database: {c.execute('select count(*) from agenda_events').fetchone()[0]}")
PY

# 2. Serve it like production.
"$BIN" serve --env production --hostname 127.0.0.1 --port "$PORT" > "$OUT/serve.log" 2>&1 & PID=$!
wait_up

FEED="$URL/agenda/flux/reseau.ics"
echo "--- network feed, built on every request (no ETag sent): time and bytes, 10 requests"
for i in $(seq 1 10); do curl -s -o "$TMP/feed.ics" -w '%{time_total} %{size_download}\n' "$FEED"; done | tee "$OUT/feed-times.txt"
python3 - "$OUT/feed-times.txt" "$TMP/feed.ics" <<'PY'
import statistics, sys
t = [tuple(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
times = sorted(x[0] for x in t)
body = open(sys.argv[2], "rb").read()
print(f"feed: {body.count(b'BEGIN:VEVENT')} events, {int(t[-1][1]):,} bytes; "
      f"median {statistics.median(times) * 1000:.0f} ms, min {times[0] * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms")
PY
ETAG=$(curl -sI "$FEED" | awk -F': ' 'tolower($1)=="etag"{print $2}' | tr -d '\r')
CODE=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $ETAG" "$FEED")
echo "ETag $ETAG → conditional request answers $CODE"
[ "$CODE" = 304 ] || { echo "expected 304"; exit 1; }
echo "--- conditional request (If-None-Match, 304), wrk -t2 -c64 -d$DURATION"
wrk -t2 -c64 -d"$DURATION" --latency -H "If-None-Match: $ETAG" "$FEED" | tee "$OUT/wrk-304.txt"
echo "--- the full feed without ETag, wrk -t2 -c4 -d$DURATION"
wrk -t2 -c4 -d"$DURATION" --timeout 30s --latency "$FEED" | tee "$OUT/wrk-feed.txt"
echo "--- public agenda page GET /agenda (coming events), wrk -t2 -c16 -d$DURATION"
wrk -t2 -c16 -d"$DURATION" --timeout 30s --latency "$URL/agenda" | tee "$OUT/wrk-agenda.txt"
echo "figures and logs in $OUT"
