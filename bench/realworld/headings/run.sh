#!/usr/bin/env bash
# Heading evaluation set: builds the PDFs and references (once, into BUILD), then runs Quarry, PyMuPDF
# (get_text) and pdftotext on the same files in this run and prints words / bigrams / heading F1 for each.
# usage: bench/realworld/headings/run.sh [BUILD_DIR]   (default: bench/realworld/headings/build, git-ignored)
# PER_DOC=1 adds per-document lines for Quarry; QUARRY="dotnet path/quarry.dll" runs a given build.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
build=${1:-$here/build}
if [ ! -d "$build/ref" ] || [ -z "$(ls -A "$build/ref" 2>/dev/null)" ]; then
  /usr/bin/python3 "$here/build.py" "$build"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/quarry" "$work/pymupdf" "$work/pdftotext"
start=$(date +%s.%N)
${QUARRY:-"$root/quarry"} parse "$build/pdf" -o "$work/out" --engine txt --no-progress --quiet
for d in "$work/out"/*/; do id=$(basename "$d"); cp "$d/$id.md" "$work/quarry/$id.md"; done
t_quarry=$(echo "$(date +%s.%N) - $start" | bc)
start=$(date +%s.%N)
/usr/bin/python3 - "$build/pdf" "$work/pymupdf" <<'PY'
import os, sys, fitz
src, dst = sys.argv[1:]
for name in sorted(os.listdir(src)):
    if name.endswith(".pdf"):
        with fitz.open(os.path.join(src, name)) as doc:
            text = "\n".join(page.get_text() for page in doc)
        open(os.path.join(dst, name[:-4] + ".txt"), "w", encoding="utf-8").write(text)
PY
t_pymupdf=$(echo "$(date +%s.%N) - $start" | bc)
start=$(date +%s.%N)
for f in "$build/pdf"/*.pdf; do pdftotext -enc UTF-8 "$f" "$work/pdftotext/$(basename "${f%.pdf}").txt"; done
t_pdftotext=$(echo "$(date +%s.%N) - $start" | bc)
score=$here/../textscore.py
for set in all latex slides odt; do
  ref=$work/ref-$set
  mkdir -p "$ref"
  case $set in
    all) cp "$build/ref"/*.md "$ref/";;
    slides) for f in "$build/ref"/*.md; do case $(basename "$f") in *conference*|*ornate*|speaker*) cp "$f" "$ref/";; esac; done;;
    odt) cp "$build/ref"/odt-* "$ref/";;
    latex) cp "$build/ref"/*.md "$ref/"; rm -f "$ref"/*conference* "$ref"/*ornate* "$ref"/speaker* "$ref"/odt-*;;
  esac
  for tool in quarry pymupdf pdftotext; do
    printf '%-7s %-10s %s\n' "$set" "$tool" "$(/usr/bin/python3 "$score" "$ref" "$work/$tool")"
  done
done
printf 'seconds: quarry %.1f (CLI, whole parse)  pymupdf %.1f  pdftotext %.1f\n' "$t_quarry" "$t_pymupdf" "$t_pdftotext"
if [ -n "${PER_DOC:-}" ]; then /usr/bin/python3 "$score" "$build/ref" "$work/quarry" --per-doc; fi
if [ -n "${KEEP_PRED:-}" ]; then rm -rf "$KEEP_PRED"; cp -r "$work/quarry" "$KEEP_PRED"; fi
