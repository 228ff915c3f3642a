#!/usr/bin/env bash
# Rewrites samples/scan-top.{gif,bmp,webp,jp2}: the top of report-scan.pdf's first page (150 dpi, gray) in
# the image formats Quarry reads besides PNG/JPEG/TIFF. Needs poppler-utils and Debian's python3-pil.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pdftoppm -r 150 -gray -f 1 -l 1 "$here/report-scan.pdf" "$tmp/p"
/usr/bin/python3 - "$tmp"/p-1.pgm "$here" <<'PY'
import sys
from PIL import Image
page = Image.open(sys.argv[1])
top = page.crop((0, 0, page.width, 625))  # title, two headings, two paragraphs and a list
out = sys.argv[2] + "/scan-top."
# The GIF's second frame is blank: a reader that takes the last frame (or all) reads nothing.
top.save(out + "gif", save_all=True, append_images=[Image.new("L", top.size, 255)])
top.point(lambda v: 255 if v > 150 else 0).convert("1").save(out + "bmp")  # bilevel, as a fax
top.convert("RGB").save(out + "webp", quality=80)
top.save(out + "jp2", quality_mode="rates", quality_layers=[20])
PY
