#!/usr/bin/env bash
# Checks a running Maillage server against its API contract, Resources/openapi.json.
#
#   Tests/api/run_schemathesis.sh BASE_URL TOKEN
#     e.g. Tests/api/run_schemathesis.sh http://127.0.0.1:8093 mlg_xxx
#
# 1. prepare: the server must serve Resources/openapi.json unchanged at
#    BASE_URL/api/openapi.json and accept TOKEN; real delegation codes, departments and
#    structure ids are read for the schemathesis dictionaries (schemathesis.toml), and
#    the years of the Observatory campaigns appended to a copy of it.
# 2. schemathesis 4 runs every built-in check (server errors, status codes, content
#    types, response schemas, headers, positive/negative data, auth, methods...) on
#    every operation, through all phases (examples, coverage, fuzzing, stateful),
#    MAX_EXAMPLES (default 50) generated cases per operation. Nothing is excluded;
#    the one tuned check is explained in schemathesis.toml and narrowed by hooks.py.
# 3. probes: fixed requests with exact expectations (live_checks.py).
#
# Tools: schemathesis 4.x and jsonschema from the venv in $VENV (default .venv-test),
# or, when that has none, from PATH. Environment: MAX_EXAMPLES, SEED (reproduce a run),
# REPORT_DIR (keeps the JUnit report and the cassette of every request).
# Exit status: 0 when every step passed, 1 otherwise, 2 on bad usage or setup.
set -uo pipefail

if [ $# -ne 2 ] || [ -z "$1" ] || [ -z "$2" ]; then
  echo "usage: $0 BASE_URL TOKEN" >&2
  exit 2
fi
BASE_URL=${1%/}
TOKEN=$2
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
MAX_EXAMPLES=${MAX_EXAMPLES:-50}

# The venv named by $VENV (relative paths: from the current directory, then from the
# repository root); without $VENV, .venv-test at the root, else whatever is on PATH.
venv_dir() {
  case "$1" in
    /*) echo "$1" ;;
    *) if [ -d "$PWD/$1" ]; then echo "$PWD/$1"; else echo "$ROOT/$1"; fi ;;
  esac
}
ST=""
if [ -n "${VENV:-}" ]; then
  VENV=$(venv_dir "$VENV")
  [ -x "$VENV/bin/schemathesis" ] || { echo "no schemathesis in VENV=$VENV (pip install -r Tests/requirements.txt)" >&2; exit 2; }
  ST="$VENV/bin/schemathesis"; PY="$VENV/bin/python"
elif [ -x "$ROOT/.venv-test/bin/schemathesis" ]; then
  ST="$ROOT/.venv-test/bin/schemathesis"; PY="$ROOT/.venv-test/bin/python"
elif command -v schemathesis >/dev/null 2>&1; then
  ST=$(command -v schemathesis); PY=$(dirname "$ST")/python
  [ -x "$PY" ] || PY=python3
else
  echo "schemathesis not found in .venv-test nor on PATH; set VENV (pip install -r Tests/requirements.txt)" >&2
  exit 2
fi
VERSION=$("$ST" --version 2>/dev/null | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | head -n 1)
case "$VERSION" in
  4.*) ;;
  *) echo "schemathesis 4.x is required, found '${VERSION:-nothing}' at $ST" >&2; exit 2 ;;
esac

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
REPORT_DIR=${REPORT_DIR:-$WORK/report}
mkdir -p "$REPORT_DIR"

echo "== API contract of $BASE_URL (schemathesis $VERSION, $MAX_EXAMPLES examples per operation)"
echo "-- prepare"
if ! "$PY" "$HERE/live_checks.py" prepare "$BASE_URL" "$TOKEN" "$WORK"; then
  echo "API contract: could not start (see above)"
  exit 1
fi
cat "$HERE/schemathesis.toml" "$WORK/campaign_years.toml" > "$WORK/schemathesis.toml"
# shellcheck disable=SC1091
set -a; . "$WORK/env"; set +a
export MAILLAGE_API_TOKEN="$TOKEN"
export SCHEMATHESIS_HOOKS="$HERE/hooks.py"

echo "-- schemathesis"
seed_args=()
[ -n "${SEED:-}" ] && seed_args=(--seed "$SEED")
"$ST" --config-file "$WORK/schemathesis.toml" run "$BASE_URL/api/openapi.json" \
  --url "$BASE_URL" \
  --checks all \
  --max-examples "$MAX_EXAMPLES" \
  --request-timeout 10 \
  --generation-database none \
  --report junit,vcr --report-dir "$REPORT_DIR" \
  "${seed_args[@]}"
ST_STATUS=$?

echo "-- probes"
"$PY" "$HERE/live_checks.py" probes "$BASE_URL" "$TOKEN"
PROBE_STATUS=$?

echo "== API contract summary"
[ "$ST_STATUS" -eq 0 ] && echo "schemathesis: passed" || echo "schemathesis: FAILED (exit $ST_STATUS; failures and reproducing curl commands above)"
[ "$PROBE_STATUS" -eq 0 ] && echo "probes: passed" || echo "probes: FAILED (lines marked FAIL above)"
[ "${REPORT_DIR}" != "$WORK/report" ] && echo "reports: $REPORT_DIR"
if [ "$ST_STATUS" -ne 0 ] || [ "$PROBE_STATUS" -ne 0 ]; then
  echo "API contract: FAILED"
  exit 1
fi
echo "API contract: passed"
