#!/usr/bin/env bash
# The reliability suites of issue #12 at full size (make test runs the same tests small):
#   fuzz        10,000 inputs per format (text, HTML, gz, RSS/Atom, WARC, JSONL) through ingest,
#               and 100 large ones (10 KB - 1 MB, the shapes that cost the most work per byte)
#   crash       20 kill -9 trials over 300 invented articles, each compared with a clean run
#   concurrent  two ingests at once into one new ledger, 5 rounds
#   race        20 pairs of concurrent first opens, SQLite and (with CLAIMLEDGER_TEST_PG_URL) PostgreSQL
# Usage: scripts/reliability.sh [fuzz|crash|concurrent|race ...]   (default: all four)
# FUZZ_FORMATS="gz html" fuzzes only those formats (to split the fuzz over two processes).
# Sizes: FUZZ_EXAMPLES, FUZZ_LARGE, CRASH_TRIALS, CRASH_ARTICLES, CONCURRENT_ROUNDS, RACE_PAIRS.
# Prints one JSON line per suite (and per fuzz format) with what it met; exits non-zero when a
# suite fails or a fuzz input took over 30 s or the process over 1 GB (the bar of #12).
# PostgreSQL: export CLAIMLEDGER_TEST_PG_URL=$(scripts/start-postgres.sh) first.
set -uo pipefail
cd "$(dirname "$0")/.."
report=$(mktemp /tmp/claimledger-reliability.XXXXXX)
export CLAIMLEDGER_RELIABILITY_REPORT="$report" CLAIMLEDGER_FUZZ_REPORT="$report"
export CLAIMLEDGER_FUZZ_EXAMPLES=${FUZZ_EXAMPLES:-10000} CLAIMLEDGER_FUZZ_LARGE=${FUZZ_LARGE:-100}
export CLAIMLEDGER_CRASH_TRIALS=${CRASH_TRIALS:-20} CLAIMLEDGER_CRASH_ARTICLES=${CRASH_ARTICLES:-300}
export CLAIMLEDGER_CONCURRENT_ROUNDS=${CONCURRENT_ROUNDS:-5} CLAIMLEDGER_RACE_PAIRS=${RACE_PAIRS:-20}
declare -A TESTS=(
  [fuzz]=tests/fuzz/test_fuzz_ingest.py
  [crash]=tests/reliability/test_crash.py
  [concurrent]=tests/reliability/test_concurrent_ingest.py
  [race]=tests/ledger/test_first_open.py::test_concurrent_first_opens_never_fail
)
suites=("$@")
[ ${#suites[@]} -eq 0 ] && suites=(fuzz crash concurrent race)
status=0
for suite in "${suites[@]}"; do
  echo "== $suite ($(date -u +%FT%TZ))" >&2
  select=()
  [ "$suite" = fuzz ] && [ -n "${FUZZ_FORMATS:-}" ] && select=(-k "$(echo "$FUZZ_FORMATS" | sed 's/ \+/ or /g')")
  nice .venv/bin/python -m pytest -q -p no:cacheprovider -W ignore::DeprecationWarning "${select[@]}" \
      "${TESTS[$suite]}" >&2 || status=1
done
cat "$report"
.venv/bin/python - "$report" <<'PY' || status=1
import json, sys
over = [r for r in map(json.loads, open(sys.argv[1])) if "format" in r
        and (r["slowest_s"] > 30 or r["peak_rss_mb"] > 1024)]
for r in over:
    print(f"over the bar: {r['format']} slowest {r['slowest_s']} s, peak {r['peak_rss_mb']} MB", file=sys.stderr)
sys.exit(1 if over else 0)
PY
rm -f "$report"
exit $status
