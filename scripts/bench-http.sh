#!/usr/bin/env bash
# HTTP benchmark of issue #2: release build, `maillage serve` on the demo data, then wrk on
# a plain-text route and on the member directory filtered to 50 rows, signed in.
# Usage: scripts/bench-http.sh [duration, default 10s]. Needs wrk (apt-get install wrk).
# PROFILE=FILE also records the server with perf during the directory run (8 s, call graphs)
# and writes `perf report --children` there (docs/PERFORMANCE.md reads it by component).
# SCRATCH: the release build directory (default .build-release).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10s}
PORT=${PORT:-8097}
command -v wrk >/dev/null || { echo "wrk is required: apt-get install wrk"; exit 1; }
SCRATCH=${SCRATCH:-.build-release}
swift build -c release --scratch-path "$SCRATCH" --product maillage 2>&1 | tail -n 1
BIN=$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/maillage
TMP=$(mktemp -d)
export DATABASE_PATH="$TMP/bench.sqlite"
# Load the demo once, then serve it like production would.
"$BIN" demo --hostname 127.0.0.1 --port "$PORT" > "$TMP/demo.log" 2>&1 & PID=$!
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.5; done
kill "$PID"; wait "$PID" 2>/dev/null || true
"$BIN" serve --env production --hostname 127.0.0.1 --port "$PORT" > "$TMP/serve.log" 2>&1 & PID=$!
trap 'kill $PID 2>/dev/null || true; rm -rf "$TMP"' EXIT
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.5; done

# Sign in as the national admin through the real form (CSRF token, session cookie).
JAR="$TMP/cookies"
CSRF=$(curl -s -c "$JAR" "http://127.0.0.1:$PORT/connexion" | grep -oE 'name="_csrf" value="[^"]+"' | head -n 1 | sed 's/.*value="//; s/"$//')
curl -s -b "$JAR" -c "$JAR" -o /dev/null --data-urlencode "_csrf=$CSRF" --data-urlencode "email=admin@demo.maillage.test" \
  --data-urlencode "password=maillage-demo" "http://127.0.0.1:$PORT/connexion"
COOKIE=$(awk '$6=="maillage_session"{print $7}' "$JAR")
DIR="/adherents?delegation=PDL&sort=name"
ROWS=$(curl -s -H "Cookie: maillage_session=$COOKIE" "http://127.0.0.1:$PORT$DIR" | grep -c 'href="/adherents/[0-9A-F-]\{36\}"' || true)
echo "directory page rows: $ROWS"

rss() { awk '/VmRSS/{print $2/1024 " MB"}' "/proc/$PID/status"; }
echo "idle RSS: $(rss)"
echo "--- plain text: GET /health"
wrk -t2 -c64 -d"$DURATION" --latency "http://127.0.0.1:$PORT/health"
echo "--- directory, signed in: GET $DIR"
wrk -t2 -c64 -d"$DURATION" --latency -H "Cookie: maillage_session=$COOKIE" "http://127.0.0.1:$PORT$DIR" & W=$!
if [ -n "${PROFILE:-}" ]; then
  sleep 1; perf record -F 499 -g -p "$PID" -o "$TMP/perf.data" -- sleep 8 >/dev/null 2>&1 & P=$!
fi
sleep 5; echo "RSS under load: $(rss)"; wait $W
echo "RSS after load: $(rss)"
if [ -n "${PROFILE:-}" ]; then
  wait $P || true
  perf report -i "$TMP/perf.data" --children --sort symbol -g none 2>/dev/null | grep -v '^#' | grep '%' | head -n 400 > "$PROFILE"
  echo "profile: $PROFILE"
fi
