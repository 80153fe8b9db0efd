#!/usr/bin/env bash
# The one test command: Swift tests on SQLite, the same on PostgreSQL (a throwaway server
# unless TEST_DATABASE_URL is given; its account must be allowed to create databases: the tests
# run three at once, each in its own maillage_test_<n> database), the browser suite in headless Chromium with axe-core,
# e-mail delivery against a real SMTP server (aiosmtpd, STARTTLS), the operations checks
# (logs, metrics, readiness, backup → restore, SQLite → PostgreSQL), the dues files (pain.008 against
# the official XSD) and killed generations, two instances behind nginx,
# and schemathesis against the OpenAPI document. Nothing is skipped: a missing PostgreSQL,
# Chromium, nginx or openssl fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
ART="$ROOT/test-artifacts"
mkdir -p "$ART"
VENV="$ROOT/.venv-test"
PIDS=()
PGTMP=""

cleanup() {
  for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done
  if [ -n "$PGTMP" ] && [ -d "$PGTMP" ]; then
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGTMP/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PGTMP"
  fi
}
trap cleanup EXIT

section() { printf '\n===== %s =====\n' "$*"; }

# After a failed Swift run: the crash message with what precedes the backtrace, the tests that
# had started and not ended (the one that crashed is among them), and the failed ones.
swift_failure() {
  echo "--- crash, if any ---"
  grep -naE -B3 -A12 "Fatal error|Precondition failed|Assertion failed|💣|Program crashed|Crash|unexpected signal" "$1" | grep -vaE "^[0-9]+[:-]0x" | head -n 80 || true
  echo "--- tests started and not ended ---"
  awk '/Test "[^"]*" started/ { match($0, /Test "[^"]*"/); t = substr($0, RSTART, RLENGTH); open[t] = 1 }
       /Test "[^"]*".* (passed|failed) after/ { match($0, /Test "[^"]*"/); delete open[substr($0, RSTART, RLENGTH)] }
       END { for (t in open) print t }' "$1" | head -n 40
  echo "--- failed ---"
  grep -aE "✘ Test .* failed" "$1" | head -n 40 || true
}

section "Build (debug, with tests)"
swift build --build-tests 2>&1 | tail -n 3

section "Swift tests on SQLite"
# A missing page snapshot fails instead of being recorded (Tests/MaillageTests/Snapshots).
export CI=1
swift test --skip-build 2>&1 | tee "$ART/swift-sqlite.log" | grep -vE '^(􀟈|◇|↳)' | tail -n 40
grep -qE "Test run with [0-9]+ tests? .*passed" "$ART/swift-sqlite.log" || { swift_failure "$ART/swift-sqlite.log"; echo "Swift tests on SQLite failed"; exit 1; }

section "Swift tests on PostgreSQL"
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  PGURL="$TEST_DATABASE_URL"
else
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -x "$PGBIN/initdb" ] || { echo "PostgreSQL is not installed (apt-get install postgresql): cannot test on it"; exit 1; }
  PGTMP=$(mktemp -d); PGPORT=${PGPORT:-54329}
  chown postgres:postgres "$PGTMP" && chmod 700 "$PGTMP"
  runuser -u postgres -- "$PGBIN/initdb" -D "$PGTMP/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/server.log" \
    -o "-p $PGPORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$PGTMP -c fsync=off -c max_connections=200" -w start >/dev/null
  PGURL="postgres://postgres@127.0.0.1:$PGPORT/postgres"
  echo "throwaway PostgreSQL on port $PGPORT"
fi
DATABASE_URL="$PGURL" swift test --skip-build --filter MaillageTests 2>&1 | tee "$ART/swift-postgres.log" | grep -vE '^(􀟈|◇|↳)' | tail -n 40
grep -qE "Test run with [0-9]+ tests? .*passed" "$ART/swift-postgres.log" || { swift_failure "$ART/swift-postgres.log"; echo "Swift tests on PostgreSQL failed"; exit 1; }

section "Python tools (venv: selenium, axe, schemathesis, openpyxl)"
command -v chromium >/dev/null && command -v chromedriver >/dev/null \
  || { echo "chromium and chromium-driver are required (apt-get install chromium chromium-driver)"; exit 1; }
[ -x "$VENV/bin/pip" ] || python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check -r Tests/requirements.txt

section "Browser suite in headless Chromium (axe-core), API probes, independent figures (DuckDB)"
MAILLAGE_BIN="$ROOT/.build/debug/maillage" OBSERVATORY_BENCH_BIN="$ROOT/.build/debug/observatory-bench" \
  "$VENV/bin/pytest" Tests/e2e Tests/api Tests/observatory -q -p no:cacheprovider \
  --junitxml="$ART/browser.xml" 2>&1 | tee "$ART/browser.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || { echo "browser suite failed (screenshots in test-artifacts/browser)"; exit 1; }

section "E-mail delivery (aiosmtpd with STARTTLS and implicit TLS)"
command -v openssl >/dev/null || { echo "openssl is required for the test SMTP server's certificate"; exit 1; }
MAILLAGE_BIN="$ROOT/.build/debug/maillage" "$VENV/bin/pytest" Tests/mail -q -p no:cacheprovider \
  --junitxml="$ART/mail.xml" 2>&1 | tee "$ART/mail.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || { echo "e-mail delivery tests failed"; exit 1; }

section "Operations (JSON logs, metrics, readiness, backup → restore, SQLite → PostgreSQL)"
MAILLAGE_BIN="$ROOT/.build/debug/maillage" TEST_PG_URL="$PGURL" "$VENV/bin/pytest" Tests/ops -q -p no:cacheprovider \
  --junitxml="$ART/ops.xml" 2>&1 | tee "$ART/ops.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || { echo "operations tests failed (test-artifacts/ops)"; exit 1; }

section "Dues: the demo's direct-debit file against the official pain.008 XSD, generation killed mid-way"
# A fresh demo database (loaded by `maillage demo`, then stopped), the real `maillage dues sepa`
# on it, the file validated by xmlschema against sepaxml's pain.008.001.02.xsd; then 5,000-member
# generations SIGKILLed mid-run on SQLite and on the throwaway PostgreSQL (its public schema is
# recreated: nothing after this section uses it).
DUESDIR=$(mktemp -d)
DATABASE_PATH="$DUESDIR/demo.sqlite" MAILLAGE_JOBS=off "$ROOT/.build/debug/maillage" demo --hostname 127.0.0.1 --port 8095 \
  > "$ART/dues-demo.log" 2>&1 &
DUESPID=$!; PIDS+=($DUESPID)
for _ in $(seq 1 120); do curl -fs http://127.0.0.1:8095/health >/dev/null 2>&1 && break; sleep 1; done
kill "$DUESPID"; wait "$DUESPID" 2>/dev/null || true
DATABASE_PATH="$DUESDIR/demo.sqlite" MAILLAGE_JOBS=off "$ROOT/.build/debug/maillage" dues sepa \
  --due-date "$(date -d '+40 days' +%F)" --output "$DUESDIR/pain008.xml" 2>&1 | tee "$ART/dues-sepa.log"
[ -s "$DUESDIR/pain008.xml" ] || { echo "maillage dues sepa wrote no file on the demo"; exit 1; }
PAIN008_FILE="$DUESDIR/pain008.xml" TEST_PG_URL="$PGURL" "$VENV/bin/pytest" Tests/dues -q -p no:cacheprovider \
  --junitxml="$ART/dues.xml" 2>&1 | tee "$ART/dues.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || { echo "dues checks failed (test-artifacts/dues*.log)"; exit 1; }

section "Two instances behind nginx on one PostgreSQL"
[ -x /usr/sbin/nginx ] || { echo "nginx is required (apt-get install nginx)"; exit 1; }
VENV="$VENV" bash scripts/two-instances.sh 2>&1 | tee "$ART/two-instances.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || { echo "two-instance checks failed (test-artifacts/cluster)"; exit 1; }

section "API contract (schemathesis against /api/openapi.json)"
APIDB=$(mktemp -d)/api.sqlite
DATABASE_PATH="$APIDB" "$ROOT/.build/debug/maillage" demo --hostname 127.0.0.1 --port 8093 > "$ART/api-server.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 120); do curl -fs http://127.0.0.1:8093/health >/dev/null 2>&1 && break; sleep 1; done
TOKEN=$(grep -oE 'mlg_[A-Za-z0-9_-]+' "$ART/api-server.log" | tail -n 1)
[ -n "$TOKEN" ] || { echo "no API token printed by the demo"; exit 1; }
VENV="$VENV" REPORT_DIR="$ART/schemathesis" bash Tests/api/run_schemathesis.sh http://127.0.0.1:8093 "$TOKEN" 2>&1 | tee "$ART/schemathesis.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || { echo "schemathesis found problems"; exit 1; }

section "Security suite (live server)"
# Replays each attack of the security review against live demo servers (Tests/security/README.md).
MAILLAGE_BIN="$ROOT/.build/debug/maillage" "$VENV/bin/pytest" Tests/security -q -p no:cacheprovider \
  --junitxml="$ART/security.xml" 2>&1 | tee "$ART/security.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || { echo "security suite failed (server logs in test-artifacts/security)"; exit 1; }

section "Summary"
count() { grep -oE "Test run with [0-9]+ tests?" "$1" | tail -n 1 | grep -oE "[0-9]+"; }
SQLITE=$(count "$ART/swift-sqlite.log"); PG=$(count "$ART/swift-postgres.log")
BROWSER=$(grep -oE "[0-9]+ passed" "$ART/browser.log" | tail -n 1 | grep -oE "[0-9]+")
SECURITY=$(grep -oE "[0-9]+ passed" "$ART/security.log" | tail -n 1 | grep -oE "[0-9]+")
MAIL=$(grep -oE "[0-9]+ passed" "$ART/mail.log" | tail -n 1 | grep -oE "[0-9]+")
OPS=$(grep -oE "[0-9]+ passed" "$ART/ops.log" | tail -n 1 | grep -oE "[0-9]+")
DUES=$(grep -oE "[0-9]+ passed" "$ART/dues.log" | tail -n 1 | grep -oE "[0-9]+")
CLUSTER=$(grep -c "^PASS" "$ART/two-instances.log" || true)
echo "SQLite: $SQLITE Swift tests passed"
echo "PostgreSQL: $PG Swift tests passed"
echo "Chromium + API: $BROWSER pytest tests passed"
echo "E-mail: $MAIL pytest tests passed"
echo "Operations: $OPS pytest tests passed"
echo "Dues (pain.008 XSD, killed generations): $DUES pytest tests passed"
echo "Two instances: $CLUSTER checks passed"
echo "Security: $SECURITY pytest tests passed"
echo "tests: $((SQLITE + PG + BROWSER + MAIL + OPS + CLUSTER + SECURITY)) passed, 0 failed"
