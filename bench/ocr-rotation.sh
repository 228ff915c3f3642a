#!/usr/bin/env bash
# Scanned pages shown turned: a scanned-corpus document with every page set to /Rotate 90, 180 and 270
# (PyMuPDF set_rotation, so the page shows the scan sideways or upside down), and the same scan stored
# turned with a /Rotate that shows it upright. Parses each under ocr and scores it against the document's
# truth with ../shared/tools/score.py.
# usage: bench/ocr-rotation.sh [DOC_ID]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
id=${1:-article-1col-7-000-scan}
src="$root/../shared/corpus/scanned/$id"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus/$id" "$work/in"
cp "$src"/truth.* "$work/corpus/$id/"
/usr/bin/python3 - "$src/doc.pdf" "$work/in" <<'PY'
import sys, fitz
src, out = sys.argv[1], sys.argv[2]
for rot in (0, 90, 180, 270):
    d = fitz.open(src)
    for p in d:
        p.set_rotation(rot)
    d.save(f"{out}/shown-{rot}.pdf")
for rot in (90, 270):
    s, d = fitz.open(src), fitz.open()
    for p in s:
        pix = p.get_pixmap(dpi=150)
        page = d.new_page(width=p.rect.height, height=p.rect.width)
        page.insert_image(page.rect, pixmap=pix, rotate=rot)
        page.set_rotation(rot)
    d.save(f"{out}/stored-{rot}.pdf")
PY
for f in "$work"/in/*.pdf; do
  name=$(basename "$f" .pdf)
  "$root/quarry" parse "$f" -o "$work/out" --engine ocr --no-progress --quiet
  mkdir -p "$work/pred-$name"
  cp "$work/out/$name/$name.md" "$work/pred-$name/$id.md"
  echo "$name $(/usr/bin/python3 "$root/../shared/tools/score.py" "$work/corpus" "$work/pred-$name" | tail -1)"
done
