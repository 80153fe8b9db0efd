#!/usr/bin/env bash
# The Observatory's figures: Maillage's engine against an independent DuckDB computation.
#
#   scripts/bench-observatory.sh [DIR]
#
# Builds observatory-bench in release, generates a synthetic national history into DIR
# (default .build/observatory-bench), times the importer's parse of the answers files and the
# app's figures and benchmarks, then reads the same files with DuckDB (read_csv timed alone,
# then its load) and computes the same figures and benchmark lines in SQL on exact integers,
# and compares them one by one. Prints the times side by side, their ratios and the comparison;
# exits 1 on any difference.
#
# Environment: STRUCTURES (5000), CAMPAIGNS (10), SEED (42); BENCH_PACKAGE, the Swift package
# to build in (default: this repository); OBSERVATORY_BENCH_BIN, a binary to use as is.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DIR=${1:-"$ROOT/.build/observatory-bench"}
STRUCTURES=${STRUCTURES:-5000}
CAMPAIGNS=${CAMPAIGNS:-10}
SEED=${SEED:-42}
VENV="$ROOT/.venv-bench"

section() { printf '\n===== %s =====\n' "$*"; }

if [ -z "${OBSERVATORY_BENCH_BIN:-}" ]; then
  section "Build (release)"
  PACKAGE=${BENCH_PACKAGE:-$ROOT}
  (cd "$PACKAGE" && swift build -c release --product observatory-bench 2>&1 | tail -n 2)
  OBSERVATORY_BENCH_BIN="$(cd "$PACKAGE" && swift build -c release --show-bin-path)/observatory-bench"
fi

section "DuckDB"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -c 'import duckdb' 2>/dev/null || "$VENV/bin/pip" install --quiet --disable-pip-version-check duckdb
"$VENV/bin/python" -c 'import duckdb; print("duckdb", duckdb.__version__)'

section "Maillage: $STRUCTURES structures, $CAMPAIGNS campaigns, seed $SEED"
rm -f "$DIR"/answers-*.csv "$DIR"/figures-*.json "$DIR"/structures.csv "$DIR"/*-summary.json
"$OBSERVATORY_BENCH_BIN" --out "$DIR" --structures "$STRUCTURES" --campaigns "$CAMPAIGNS" --seed "$SEED"

section "Independent computation (DuckDB) and comparison"
status=0
"$VENV/bin/python" scripts/observatory_duckdb.py "$DIR" || status=$?

section "Summary"
"$VENV/bin/python" - "$DIR" "$status" <<'EOF'
import json, os, sys
directory, status = sys.argv[1], int(sys.argv[2])
m = json.load(open(os.path.join(directory, "bench-summary.json")))
if not os.path.exists(os.path.join(directory, "duckdb-summary.json")):
    print(f"the independent computation failed (status {status}): no comparison")
    sys.exit(0)
d = json.load(open(os.path.join(directory, "duckdb-summary.json")))
print(f"data: {m['structures']} structures, {m['campaigns']} campaigns, {m['answers']} answers, {m['figures']} figures; "
      f"generation {m['generation_seconds']:.2f} s (not counted)")
# Like with like: parsing the files apart, then the computation from values in memory on each
# side (DuckDB: SQL, figures and secrecy, benchmark lines in SQL; its load stays apart).
duck_compute = d['sql_seconds'] + d['figures_seconds'] + d['benchmark_seconds']
print(f"parse:    Maillage {m['parse_seconds']:.3f} s (AnswerFile.parse, from disk, checked rows)  |  "
      f"DuckDB {d['read_csv_seconds']:.3f} s (read_csv, all text)  ->  DuckDB / Maillage {d['read_csv_seconds'] / m['parse_seconds']:.2f}")
print(f"          DuckDB's whole load (read_csv, checks, decimals, members): {d['load_seconds']:.3f} s")
print(f"Maillage: {m['maillage_seconds']:.3f} s (figures {m['figures_seconds']:.3f} s + benchmarks {m['benchmark_seconds']:.3f} s)")
print(f"DuckDB:   {duck_compute:.3f} s (SQL {d['sql_seconds']:.3f} s + figures and secrecy {d['figures_seconds']:.3f} s "
      f"+ benchmark lines {d['benchmark_seconds']:.3f} s; load {d['load_seconds']:.3f} s apart)")
print(f"ratio DuckDB / Maillage (computation): {duck_compute / m['maillage_seconds']:.1f}")
print(f"comparison: {'all figures and benchmark counts match' if d['mismatches'] == 0 else str(d['mismatches']) + ' difference(s)'}"
      + ("" if status in (0, 1) else f" (independent computation failed, status {status})"))
EOF
exit "$status"
