#!/usr/bin/env bash
# Memory on a long scan (issue 5): peak resident memory of `quarry parse --engine ocr` on a 100-page
# image-only PDF (the scanned corpus' pages repeated, joined with qpdf) against a 20-page prefix of it.
# Bounded memory means the two peaks are close, not 5× apart. One run each on this machine.
# usage: bench/ocr-memory.sh     (installs qpdf, poppler-utils and GNU time)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
need_debs qpdf poppler-utils time
"$root/scripts/install-models.sh" >/dev/null
scans=("$root"/../shared/corpus/scanned/*/doc.pdf)
qpdf --empty --pages "${scans[@]}" "${scans[@]}" "${scans[@]}" -- "$work/all.pdf"
qpdf --empty --pages "$work/all.pdf" 1-100 -- "$work/scan-100.pdf"
qpdf --empty --pages "$work/all.pdf" 1-20 -- "$work/scan-20.pdf"
echo "## OCR memory, 200 dpi renders, --engine ocr (one document, pages in order)"
for n in 20 100; do
  /usr/bin/time -f "%M %e" -o "$work/time-$n" "$root/quarry" parse "$work/scan-$n.pdf" -o "$work/out-$n" --engine ocr --no-progress >/dev/null
  read -r kb sec < "$work/time-$n"
  awk -v n="$n" -v kb="$kb" -v s="$sec" 'BEGIN { printf "%3d pages: peak RSS %d MB, %.1f s (%.2f s/page)\n", n, kb / 1024, s, s / n }'
done
