#!/bin/bash
# The scripts set: pdftotext (the reference), PyMuPDF get_text() and Quarry (engine txt) on the first
# 8 pages of each document in docs.tsv, in one run; prints words/bigrams per document and averaged.
# Scored with --fold-marks (textscore.py): pdftotext splits some vocalised Arabic at every mark.
# Usage: bench/realworld/scripts/run.sh [OUT_DIR]   (build the CLI first: dotnet build src/Quarry.Cli -c Release)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-/tmp/quarry-realworld-scripts}
bash "$here/../install.sh" "$here/docs.tsv"
/usr/bin/python3 "$here/../runset.py" "$here/docs.tsv" "$out" --pages 8 --fold-marks "${@:2}"
