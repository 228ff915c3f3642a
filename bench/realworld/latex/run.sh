#!/bin/bash
# The latex set: pdftotext (the reference), PyMuPDF get_text() and Quarry (engine txt) on the first
# 6 pages of each document in docs.tsv, in one run; prints words/bigrams per document and averaged.
# Usage: bench/realworld/latex/run.sh [OUT_DIR]   (build the CLI first: dotnet build src/Quarry.Cli -c Release)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-/tmp/quarry-realworld-latex}
bash "$here/../install.sh" "$here/docs.tsv"
/usr/bin/python3 "$here/../runset.py" "$here/docs.tsv" "$out" --pages 6 "${@:2}"
