#!/usr/bin/env bash
# kill -9 crash safety: a member import, an answers import and a campaign close, each
# SIGKILLed RUNS times at a random moment, must leave the database either fully changed
# or untouched, with an audit log matching the data (scripts/crash_safety.py does the work).
#
#   scripts/crash-safety.sh [RUNS]      RUNS kills per operation (default 20)
#   MAILLAGE_BIN=path/to/maillage        binary to test (default .build/debug/maillage);
#                                        nothing is built here: build first
#   CRASH_SEED=N                         replay the same random delays
#
# Works in .build-crash/work/ (git-ignored). Prints one line per run and the summary
# "crash-safety: N runs, N consistent, 0 inconsistent"; exits 1 on any inconsistency.
set -euo pipefail

RUNS="${1:-20}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="${MAILLAGE_BIN:-$ROOT/.build/debug/maillage}"
WORK="${CRASH_WORK:-$ROOT/.build-crash/work}"

command -v python3 >/dev/null || { echo "crash-safety: python3 is required" >&2; exit 2; }
python3 -c "import sqlite3" 2>/dev/null \
  || { echo "crash-safety: the python3 sqlite3 module is required (apt-get install python3)" >&2; exit 2; }
[[ -x "$BIN" ]] || { echo "crash-safety: no binary at $BIN: build it first (swift build), or set MAILLAGE_BIN" >&2; exit 2; }

args=(--binary "$BIN" --work "$WORK" --runs "$RUNS")
[[ -n "${CRASH_SEED:-}" ]] && args+=(--seed "$CRASH_SEED")
exec nice -n 10 python3 "$ROOT/scripts/crash_safety.py" "${args[@]}"
