#!/usr/bin/env bash
# Run every scorer in ../shared/eval on ../shared/data and print a Markdown block of results
# (date, command, last line) to paste into BENCHMARKS.md. Usage: scripts/run-benchmarks.sh [NAME...]
set -uo pipefail
cd "$(dirname "$0")/.."
S=../shared
[ -d "$S/eval" ] || { echo "../shared is absent: nothing to measure" >&2; exit 1; }
declare -A CMDS=(
  [seed]="bash -c '.venv/bin/claimledger extract $S/seed/seed_article.txt --jsonl > /tmp/cl-seed.jsonl; python3 $S/eval/check_seed.py /tmp/cl-seed.jsonl'"
  [clean]="python3 $S/eval/eval_clean.py --data $S/data/aeb"
  [attribution]="python3 $S/eval/eval_attribution.py --data $S/data/polnear/dev.jsonl"
  [figures-gvdb]="python3 $S/eval/eval_figures.py --data $S/data/gvdb/dev.jsonl"
  [figures-wad]="python3 $S/eval/eval_figures.py --data $S/data/wad/dev.jsonl --text-key description --killed-key deaths"
  [places-gwn]="python3 $S/eval/eval_places.py --data $S/data/geo/gwn_dev.jsonl"
  [places-lgl]="python3 $S/eval/eval_places.py --data $S/data/geo/lgl.jsonl"
  [places-geovirus]="python3 $S/eval/eval_places.py --data $S/data/geo/geovirus.jsonl"
  [speed]="python3 $S/eval/bench_speed.py --data $S/data/polnear/train.jsonl --limit 150"
)
ORDER=(seed clean attribution figures-gvdb figures-wad places-gwn places-lgl places-geovirus speed)
[ $# -gt 0 ] && ORDER=("$@")
for name in "${ORDER[@]}"; do
  cmd=${CMDS[$name]}
  out=$(eval "$cmd" 2>/dev/null)
  echo "### $name ($(date -u +%F))"
  echo '```'
  echo "\$ ${cmd//$S/../shared}"
  echo "$out" | tail -n 6
  echo '```'
done
