#!/usr/bin/env bash
# OCR bench (issue 5), one run on this machine: Quarry's OCR engine vs Tesseract 5 (default settings,
# pdfimages → tesseract per page) on ../shared/corpus/scanned, scored by ../shared/tools/score.py; seconds
# per page for both; and the synthetic corpus under txt vs auto (the router must cost ~nothing).
# usage: bench/ocr.sh     (installs tesseract-ocr tesseract-ocr-eng poppler-utils python3-levenshtein python3-bs4)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
need_debs tesseract-ocr tesseract-ocr-eng poppler-utils python3-levenshtein python3-bs4
"$root/scripts/install-models.sh"
scanned="$root/../shared/corpus/scanned"
synthetic="$root/../shared/corpus/synthetic"
pages=$(for d in "$scanned"/*/; do pdfinfo "$d/doc.pdf" | awk '/^Pages/ {print $2}'; done | paste -sd+ | bc)

echo "## Scanned corpus ($(ls "$scanned" | wc -l) documents, $pages pages), one run"
s=$(date +%s.%N)
q=$(KEEP_PRED="$work/quarry" "$here/score-synthetic.sh" "$scanned" ocr 2>/dev/null | tail -1)
e=$(date +%s.%N)
qsec=$(awk -v a="$s" -v b="$e" -v n="$pages" 'BEGIN { printf "%.2f", (b - a) / n }')
mkdir -p "$work/tess"
s=$(date +%s.%N)
for d in "$scanned"/*/; do
  id=$(basename "$d")
  mkdir -p "$work/img/$id"
  pdfimages -all "$d/doc.pdf" "$work/img/$id/p"
  for img in "$work/img/$id"/p-*; do tesseract "$img" stdout 2>/dev/null; done > "$work/tess/$id.md"
done
e=$(date +%s.%N)
tsec=$(awk -v a="$s" -v b="$e" -v n="$pages" 'BEGIN { printf "%.2f", (b - a) / n }')
t=$(/usr/bin/python3 "$root/../shared/tools/score.py" "$scanned" "$work/tess")
echo "quarry ocr (documents 2 at a time, 2 cores): $q  seconds/page=$qsec"
echo "tesseract 5 (one page at a time; tesseract threads itself): $t  seconds/page=$tsec"
echo
echo "## Synthetic corpus: txt vs auto (router on born-digital pages)"
for engine in txt auto; do
  s=$(date +%s.%N); r=$("$here/score-synthetic.sh" "$synthetic" $engine 2>/dev/null | tail -1); e=$(date +%s.%N)
  echo "$engine: $r  seconds=$(awk -v a="$s" -v b="$e" 'BEGIN { printf "%.2f", b - a }')"
done
