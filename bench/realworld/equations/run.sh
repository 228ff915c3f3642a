#!/usr/bin/env bash
# Equation corpus: builds it if missing, runs Quarry (txt engine), PyMuPDF and pdftotext on the same PDFs in
# the same run, and prints score_equations.py's line for each.
# usage: bench/realworld/equations/run.sh [--per-item]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
corpus="$here/corpus"
[ -f "$corpus/truth.json" ] || /usr/bin/python3 "$here/make_equations.py" "$corpus"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/quarry" "$work/pymupdf" "$work/pdftotext"
dotnet "$root/src/Quarry.Cli/bin/Release/net10.0/quarry.dll" parse "$corpus" -o "$work/out" --quiet
for f in "$corpus"/*.pdf; do
  n=$(basename "$f" .pdf)
  cp "$work/out/$n/$n.md" "$work/quarry/$n.md"
  /usr/bin/python3 -c "import fitz,sys; print(''.join(p.get_text() for p in fitz.open(sys.argv[1])))" "$f" > "$work/pymupdf/$n.txt"
  pdftotext -enc UTF-8 "$f" "$work/pdftotext/$n.txt"
done
for tool in quarry pymupdf pdftotext; do
  printf '%-10s ' "$tool"
  /usr/bin/python3 "$here/score_equations.py" "$corpus/truth.json" "$work/$tool" "$@"
done
if [ -n "${KEEP_PRED:-}" ]; then rm -rf "$KEEP_PRED"; cp -r "$work" "$KEEP_PRED"; fi
