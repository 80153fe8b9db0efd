#!/usr/bin/env bash
# Report page latency on a synthetic national history (issue #3): release build, the
# observatory-bench history (5,000 structures, 10 campaigns) loaded through the real
# commands (import-members, observatory open, observatory import --validate), then wrk on
# the national and a delegation report, signed in. The first request of each page (which
# computes the campaign's figure cube) is timed apart from the cached ones.
# Usage: scripts/bench-report.sh [duration, default 10s]. Needs wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10s}
PORT=${PORT:-8098}
STRUCTURES=${STRUCTURES:-5000}
CAMPAIGNS=${CAMPAIGNS:-10}
command -v wrk >/dev/null || { echo "wrk is required: apt-get install wrk"; exit 1; }
SCRATCH=${SCRATCH:-.build-release}
swift build -c release --scratch-path "$SCRATCH" 2>&1 | tail -n 1
BINDIR=$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)
TMP=$(mktemp -d)
PID=""
trap '[ -n "$PID" ] && kill $PID 2>/dev/null; rm -rf "$TMP"' EXIT
export DATABASE_PATH="$TMP/bench.sqlite"

echo "--- synthetic history: $STRUCTURES structures, $CAMPAIGNS campaigns"
"$BINDIR/observatory-bench" --out "$TMP/history" --structures "$STRUCTURES" --campaigns "$CAMPAIGNS" > "$TMP/bench.log"
# The register, from the history's members: one line per structure, member since 2010.
python3 - "$TMP/history/structures.csv" "$TMP/members.csv" <<'PY'
import csv, sys
rows = {}
with open(sys.argv[1], encoding="utf-8-sig") as f:
    for r in csv.DictReader(f, delimiter=";"):
        s = rows.setdefault(r["siret"], {"department": r["department"], "types": set()})
        s["types"].update(t for t in r["types"].split(",") if t)
with open(sys.argv[2], "w", encoding="utf-8") as out:
    out.write("siret;nom;types;commune;departement;statut;date_adhesion\n")
    for i, (siret, s) in enumerate(sorted(rows.items())):
        out.write(f"{siret};Structure synthétique {i + 1};{','.join(sorted(s['types']))};Commune {i % 97};{s['department']};actif;01/01/2010\n")
PY
T0=$(date +%s.%N)
"$BINDIR/maillage" import-members "$TMP/members.csv" --apply | tail -n 1
YEARS=$(ls "$TMP/history" | sed -n 's/^answers-\([0-9]*\)\.csv$/\1/p' | sort)
for Y in $YEARS; do
  "$BINDIR/maillage" observatory open --year "$Y" --opens-on "01/04/$((Y + 1))" --closes-on "31/05/$((Y + 1))" > /dev/null
  "$BINDIR/maillage" observatory import --campaign "$Y" "$TMP/history/answers-$Y.csv" --apply --validate | tail -n 1
done
printf 'loaded in %.1f s\n' "$(echo "$(date +%s.%N) - $T0" | bc)"
LAST=$(echo "$YEARS" | tail -n 1)
"$BINDIR/maillage" create-admin --email bench@maillage.test --name Bench --password "bench-password-1" > /dev/null

"$BINDIR/maillage" serve --env production --hostname 127.0.0.1 --port "$PORT" > "$TMP/serve.log" 2>&1 & PID=$!
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.5; done
JAR="$TMP/cookies"
CSRF=$(curl -s -c "$JAR" "http://127.0.0.1:$PORT/connexion" | grep -oE 'name="_csrf" value="[^"]+"' | head -n 1 | sed 's/.*value="//; s/"$//')
curl -s -b "$JAR" -c "$JAR" -o /dev/null --data-urlencode "_csrf=$CSRF" --data-urlencode "email=bench@maillage.test" \
  --data-urlencode "password=bench-password-1" "http://127.0.0.1:$PORT/connexion"
COOKIE=$(awk '$6=="maillage_session"{print $7}' "$JAR")
for P in "/observatoire/$LAST/rapport" "/observatoire/$LAST/rapport/PDL" "/observatoire/$LAST/portrait/AI"; do
  echo "--- $P"
  curl -s -o /dev/null -w "first request (figure cube computed): %{http_code} in %{time_total} s\n" -H "Cookie: maillage_session=$COOKIE" "http://127.0.0.1:$PORT$P"
  curl -s -o /dev/null -w "second request (cached cube): %{time_total} s\n" -H "Cookie: maillage_session=$COOKIE" "http://127.0.0.1:$PORT$P"
  wrk -t2 -c16 -d"$DURATION" --latency -H "Cookie: maillage_session=$COOKIE" "http://127.0.0.1:$PORT$P" | grep -E "Requests/sec|50%|90%|99%|Non-2xx|Socket"
done
