#!/usr/bin/env bash
# Fuzzes every parser of outside input in MaillageCore with libFuzzer + AddressSanitizer.
#
#   scripts/fuzz.sh [RUNS]          RUNS inputs per target (default 100000)
#   FUZZ_TARGETS="csv xlsx" scripts/fuzz.sh 1000     only some targets
#   scripts/fuzz.sh --corpus        rewrites the seed corpora Fuzz/corpus/ (Fuzz/MakeCorpus.swift)
#
# Builds into .build-fuzz/ (git-ignored): ZIPFoundation (from SwiftPM's checkout, so run
# `swift build` once first) and MaillageCore once as instrumented static libraries (from a
# snapshot of Sources/MaillageCore, so edits made meanwhile by others do not break the
# build), then one small executable per Fuzz/<Name>Fuzz.swift, linked with the system zlib. Each target
# runs on a temporary copy of Fuzz/corpus/<name>/ (the committed corpus never grows),
# with -timeout=10: an input taking longer is a hang. Prints, per target, the inputs run,
# crashes, hangs, leaks and out-of-memory; exits 1 if any target found one. A failing
# input is kept in .build-fuzz/artifacts/ (replay: .build-fuzz/<name>-fuzz FILE).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
OUT=.build-fuzz
# ZIPFoundation's sources, and the module map of the system zlib they import (CZlib).
ZIPF=.build/checkouts/ZIPFoundation/Sources
[[ -d "$ZIPF/ZIPFoundation" ]] || { echo "fuzz: $ZIPF missing, run swift build first" >&2; exit 2; }
ZLIB=(-I "$ZIPF/CZLib" -Xcc -D_GNU_SOURCE=1)

# build_zipfoundation DIR [swiftc flags]: ZIPFoundation as a static library and module in DIR.
build_zipfoundation() {
  local dir="$1"; shift
  mkdir -p "$dir"
  $NICE swiftc "$@" -parse-as-library -O "${ZLIB[@]}" -module-name ZIPFoundation \
    -emit-module -emit-module-path "$dir/ZIPFoundation.swiftmodule" \
    -emit-library -static -o "$dir/libZIPFoundation.a" "$ZIPF"/ZIPFoundation/*.swift
}
NICE="nice -n 10"

if [[ "${1:-}" == "--corpus" ]]; then
  # Seeds from the test fixtures (XLSX made by XlsxWriter and openpyxl) and from the
  # project's own writers; the test files lose their `@testable import`.
  mkdir -p "$OUT/corpus-src"
  for f in XLSXFixtures; do
    grep -v '^@testable import MaillageCore\|^import Testing' "Tests/MaillageCoreTests/$f.swift" > "$OUT/corpus-src/$f.swift"
  done
  build_zipfoundation "$OUT/corpus-lib"
  swiftc -parse-as-library "${ZLIB[@]}" -I "$OUT/corpus-lib" Sources/MaillageCore/*.swift Sources/MaillageCore/*/*.swift \
    "$OUT"/corpus-src/*.swift Fuzz/MakeCorpus.swift "$OUT/corpus-lib/libZIPFoundation.a" -lz -o "$OUT/make-corpus"
  rm -rf Fuzz/corpus && "$OUT/make-corpus" Fuzz/corpus
  echo "fuzz: corpus written: $(find Fuzz/corpus -type f | wc -l) files, $(cat Fuzz/corpus/*/* | wc -c) bytes"
  exit 0
fi
RUNS="${1:-100000}"
# target  source              max_len  dictionary
TABLE="csv      CSVFuzz         65536  csv
xlsx     XLSXFuzz        65536  xml
member   MemberFileFuzz  65536  csv
answers  AnswerFileFuzz  65536  csv
exact    ExactFuzz       256    number
siret    SIRETFuzz       128    number"
TARGETS="${FUZZ_TARGETS:-$(echo "$TABLE" | awk '{print $1}' | xargs)}"
# Swift's own crash reporter would fight ASan over the signal; libFuzzer reports instead.
export SWIFT_BACKTRACE=enable=no

command -v swiftc >/dev/null || { echo "fuzz: swiftc not found" >&2; exit 2; }
mkdir -p "$OUT/lib" "$OUT/artifacts"

# 1. ZIPFoundation and MaillageCore, instrumented, once. Rebuilt only when their sources changed.
SRC="$OUT/src"
STAMP="$OUT/lib/sources.sha"
SHA="$(cat Sources/MaillageCore/*.swift Sources/MaillageCore/*/*.swift "$ZIPF"/ZIPFoundation/*.swift | sha1sum | cut -d' ' -f1)"
if [[ ! -f "$OUT/lib/libMaillageCore.a" || "$(cat "$STAMP" 2>/dev/null)" != "$SHA" ]]; then
  rm -rf "$SRC" && mkdir -p "$SRC"
  cp -R Sources/MaillageCore "$SRC/"
  echo "fuzz: building ZIPFoundation and MaillageCore (ASan + fuzzer coverage)…"
  start=$(date +%s)
  rm -f "$OUT/lib/libMaillageCore.a" "$OUT/lib/libZIPFoundation.a"
  if ! build_zipfoundation "$OUT/lib" -sanitize=fuzzer,address >"$OUT/lib/zipfoundation.log" 2>&1; then
    grep -v "Cannot export local symbol" "$OUT/lib/zipfoundation.log" | head -40 >&2
    echo "fuzz: ZIPFoundation build failed" >&2; exit 2
  fi
  if ! $NICE swiftc -sanitize=fuzzer,address -parse-as-library -O -enable-testing "${ZLIB[@]}" -I "$OUT/lib" \
      -module-name MaillageCore -emit-module -emit-module-path "$OUT/lib/MaillageCore.swiftmodule" \
      -emit-library -static -o "$OUT/lib/libMaillageCore.a" \
      "$SRC"/MaillageCore/*.swift "$SRC"/MaillageCore/*/*.swift >"$OUT/lib/build.log" 2>&1; then
    grep -v "Cannot export local symbol" "$OUT/lib/build.log" | head -40 >&2
    echo "fuzz: MaillageCore build failed" >&2; exit 2
  fi
  echo "$SHA" > "$STAMP"
  rm -f "$OUT"/*-fuzz
  echo "fuzz: ZIPFoundation and MaillageCore built in $(( $(date +%s) - start )) s"
fi

failed=0
total_runs=0
printf '%-8s %10s %8s %6s %6s %5s %7s\n' target inputs crashes hangs leaks ooms seconds
for name in $TARGETS; do
  read -r _ source maxlen dict <<<"$(echo "$TABLE" | awk -v n="$name" '$1 == n')"
  [[ -n "${source:-}" ]] || { echo "fuzz: unknown target $name" >&2; exit 2; }
  bin="$OUT/$name-fuzz"
  if [[ ! -x "$bin" || "Fuzz/$source.swift" -nt "$bin" ]]; then
    if ! $NICE swiftc -sanitize=fuzzer,address -parse-as-library -O "${ZLIB[@]}" -I "$OUT/lib" \
        "Fuzz/$source.swift" "$OUT/lib/libMaillageCore.a" "$OUT/lib/libZIPFoundation.a" -lz \
        -o "$bin" >"$OUT/$name.build.log" 2>&1; then
      grep -v "Cannot export local symbol" "$OUT/$name.build.log" | head -40 >&2
      echo "fuzz: $name build failed" >&2; exit 2
    fi
  fi
  corpus="$(mktemp -d "${TMPDIR:-/tmp}/maillage-fuzz-$name.XXXXXX")"
  cp -R "Fuzz/corpus/$name/." "$corpus/"
  artifacts="$OUT/artifacts/$name-"
  rm -f "$artifacts"*
  dictarg=()
  [[ "$dict" != "-" ]] && dictarg=(-dict="Fuzz/dict/$dict.dict")
  log="$OUT/$name.log"
  start=$(date +%s)
  set +e
  $NICE "$bin" -runs="$RUNS" -max_len="$maxlen" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$artifacts" -print_final_stats=1 "${dictarg[@]}" "$corpus" >"$log" 2>&1
  status=$?
  set -e
  seconds=$(( $(date +%s) - start ))
  rm -rf "$corpus"
  runs=$(awk '/stat::number_of_executed_units:/ {print $2}' "$log" | tail -1)
  [[ -n "$runs" ]] || runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -1)
  count() { find "$OUT/artifacts" -maxdepth 1 -name "$name-$1-*" | wc -l; }
  crashes=$(count crash); hangs=$(count timeout); leaks=$(count leak); ooms=$(count oom)
  printf '%-8s %10s %8s %6s %6s %5s %7s\n' "$name" "${runs:-?}" "$crashes" "$hangs" "$leaks" "$ooms" "$seconds"
  total_runs=$(( total_runs + ${runs:-0} ))
  if (( status != 0 || crashes + hangs + leaks + ooms > 0 )); then
    failed=1
    echo "fuzz: $name FAILED (exit $status), see $log and $artifacts*" >&2
    grep -E "ERROR|SUMMARY|Fatal error|deadly signal|Test unit written" "$log" | head -5 >&2 || true
  fi
done
echo "fuzz: $total_runs inputs in total, $([[ $failed == 0 ]] && echo "no crash, hang, leak or out-of-memory" || echo FAILURES)"
exit $failed
