#!/usr/bin/env bash
# Parses ../shared/corpus/<set> with quarry and scores the Markdown with ../shared/tools/score.py.
# usage: bench/score-synthetic.sh [CORPUS_DIR] [ENGINE]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
corpus=$(realpath "${1:-$root/../shared/corpus/synthetic}")
engine=${2:-txt}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in" "$work/pred"
for d in "$corpus"/*/; do
  id=$(basename "$d")
  [ -f "$d/doc.pdf" ] && ln -s "$d/doc.pdf" "$work/in/$id.pdf"
done
"$root/quarry" parse "$work/in" -o "$work/out" --engine "$engine" --no-progress
for d in "$work/out"/*/; do
  id=$(basename "$d")
  cp "$d/$id.md" "$work/pred/$id.md"
done
if [ -n "${KEEP_PRED:-}" ]; then rm -rf "$KEEP_PRED"; cp -r "$work/pred" "$KEEP_PRED"; fi
/usr/bin/python3 "$root/../shared/tools/score.py" "$corpus" "$work/pred" ${SCORE_JSON:+--json "$SCORE_JSON"}
