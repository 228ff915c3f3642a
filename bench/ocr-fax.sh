#!/usr/bin/env bash
# Bilevel (fax-style) input: samples/scan-2p.tif (two CCITT G4 pages, 150 dpi) read by Quarry and by
# Tesseract 5; share of each output's words (lowercased, letters/digits) found in the document's truth.
# usage: bench/ocr-fax.sh     (installs tesseract-ocr tesseract-ocr-eng)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
need_debs tesseract-ocr tesseract-ocr-eng
"$root/scripts/install-models.sh" >/dev/null
tif="$root/samples/scan-2p.tif"
truth="$root/../shared/corpus/scanned/report-tables-7-002-scan/truth.md"
s=$(date +%s.%N); "$root/quarry" parse "$tif" -o "$work/q" --engine auto --no-progress >/dev/null; e=$(date +%s.%N)
qs=$(awk -v a="$s" -v b="$e" 'BEGIN { printf "%.1f", b - a }')
s=$(date +%s.%N); tesseract "$tif" "$work/t" 2>/dev/null; e=$(date +%s.%N)
ts=$(awk -v a="$s" -v b="$e" 'BEGIN { printf "%.1f", b - a }')
precision() {
  /usr/bin/python3 - "$truth" "$1" <<'PY'
import re, sys
from collections import Counter
truth = Counter(re.findall(r"[a-z0-9]+", open(sys.argv[1]).read().lower()))
words = re.findall(r"[a-z0-9]+", open(sys.argv[2]).read().lower())
hit = 0
for w in words:
    if truth[w] > 0:
        truth[w] -= 1
        hit += 1
print(f"{len(words)} words, word precision {hit / len(words):.3f}")
PY
}
echo "quarry auto: $(precision "$work/q/scan-2p/scan-2p.md"), ${qs} s (process start included)"
echo "tesseract 5: $(precision "$work/t.txt"), ${ts} s"
