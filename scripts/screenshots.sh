#!/usr/bin/env bash
# Retakes docs/screenshots/: each role's home, the directory, the campaign follow-up, an answer
# form with errors and a report page, at 1366 px and at 390 px (Tests/e2e/screenshots.py).
#
#   scripts/screenshots.sh [BASE_URL]
#
# With BASE_URL (or MAILLAGE_BASE_URL), shoots that running demo server; otherwise builds the
# debug binary and starts `maillage demo` on a throwaway database. Needs chromium and
# chromedriver (apt-get install chromium chromium-driver) and the test venv (.venv-test).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv-test/bin/python ]; then
  python3 -m venv .venv-test
  .venv-test/bin/pip install -q -r Tests/requirements.txt
fi
if [ $# -eq 0 ] && [ -z "${MAILLAGE_BASE_URL:-}" ] && [ -z "${MAILLAGE_BIN:-}" ]; then
  swift build --product maillage 2>&1 | tail -n 1
fi
exec .venv-test/bin/python Tests/e2e/screenshots.py "$@"
