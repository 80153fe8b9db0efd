#!/usr/bin/env bash
# Two `maillage` instances on one throwaway PostgreSQL behind nginx (round robin), checked
# from outside by Tests/cluster/two_instances.py: sessions shared, changes seen at once
# through the other instance, jobs and daily schedules run once, a stopped instance loses
# no GET. Needs: a debug build (.build/debug/maillage), PostgreSQL and nginx (Debian
# packages `postgresql`, `nginx`), the test venv (.venv-test, with `requests`).
# Ports: PostgreSQL 54341, instances 8111/8112, nginx 8110. Logs in test-artifacts/cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
ART="$ROOT/test-artifacts/cluster"
mkdir -p "$ART"
PY="${PYTHON:-$ROOT/.venv-test/bin/python}"
BIN="${MAILLAGE_BIN:-$ROOT/.build/debug/maillage}"
[ -x "$BIN" ] || { echo "no server binary at $BIN (swift build first)"; exit 1; }
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { echo "nginx is required (apt-get install nginx)"; exit 1; }
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$PGBIN/initdb" ] || { echo "PostgreSQL is required (apt-get install postgresql)"; exit 1; }
PGPORT=54341
PGTMP=$(mktemp -d)

cleanup() {
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGTMP/data" -m fast -w stop >/dev/null 2>&1 || true
  [ -f "$PGTMP/server.log" ] && cp "$PGTMP/server.log" "$ART/postgres.log" 2>/dev/null || true
  rm -rf "$PGTMP"
}
trap cleanup EXIT

chown postgres:postgres "$PGTMP" && chmod 700 "$PGTMP"
runuser -u postgres -- "$PGBIN/initdb" -D "$PGTMP/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
# Every statement is logged: the check counts the statements of a signed-in page.
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/server.log" \
  -o "-p $PGPORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$PGTMP -c fsync=off -c max_connections=100 -c log_statement=all" \
  -w start >/dev/null
export DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/postgres"
echo "throwaway PostgreSQL on port $PGPORT"

"$BIN" migrate --yes > "$ART/migrate.log" 2>&1 || { tail -n 20 "$ART/migrate.log"; exit 1; }
echo "migrated"

PSQL="$PGBIN/psql -h 127.0.0.1 -p $PGPORT -U postgres -d postgres" PG_LOG="$PGTMP/server.log" \
  MAILLAGE_BIN="$BIN" ARTIFACTS="$ART" "$PY" Tests/cluster/two_instances.py 2>&1 | tee "$ART/checks.log"
exit "${PIPESTATUS[0]}"
