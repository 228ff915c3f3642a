#!/usr/bin/env bash
# OCR bench (issues 5 and 13), one run on this machine: Quarry's OCR engine against Tesseract 5 at its best
# here, on the same page images, scored by ../shared/tools/score.py; then the synthetic corpus under txt vs
# auto (the router must cost ~nothing).
#
# Fairness (issue 13): Tesseract runs one thread per process (OMP_THREAD_LIMIT=1; its OpenMP threads
# oversubscribe a small machine) and as many processes as cores (xargs -P), with tesseract-ocr-eng, on the
# pages rendered once by the very command Quarry's rasterizer runs for OCR (pdftoppm -gray -png at Quarry's
# OCR resolution), so both read the same pixels. Tesseract's time excludes that render; Quarry's includes
# its own (it reads the PDFs), so the ratio errs against Quarry. Both run under /usr/bin/time for peak RSS.
#
# Then, with bench/Quarry.Bench: the OCR models' load + warmup as a worker pays it at boot (fresh processes,
# wall and CPU: once with the folded-model cache cleared, three times hitting it; docs/ocr.md), and the time per OCR stage, one page at a time (STAGES=0 skips it: it reads the corpus again).
#
# usage: bench/ocr.sh [CORPUS_DIR]   (default ../shared/corpus/scanned; installs tesseract-ocr
#        tesseract-ocr-eng poppler-utils time python3-levenshtein python3-bs4 when missing)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
need_debs tesseract-ocr tesseract-ocr-eng poppler-utils time python3-levenshtein python3-bs4
"$root/scripts/install-models.sh"
scanned=$(realpath "${1:-$root/../shared/corpus/scanned}")
synthetic="$root/../shared/corpus/synthetic"
cores=$(nproc)
# Quarry's OCR resolution (ParseOptions.OcrDpi): the renders both engines read.
dpi=$(grep -oP 'OcrDpi \{ get; init; \} = \K[0-9]+' "$root/src/Quarry.Parsing/Pipeline/ParseOptions.cs")
score() { /usr/bin/python3 "$root/../shared/tools/score.py" "$scanned" "$1"; }
rss_mb() { awk '/Maximum resident set size/ { printf "%d", $NF / 1024 }' "$1"; }
per_page() { awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN { printf "%.2f", (b - a) / n }'; }

mkdir -p "$work/in" "$work/img" "$work/tess" "$work/quarry"
for d in "$scanned"/*/; do
  id=$(basename "$d")
  ln -s "$d/doc.pdf" "$work/in/$id.pdf"
done
pages=$(for f in "$work"/in/*.pdf; do pdfinfo "$f" | awk '/^Pages/ {print $2}'; done | paste -sd+ | bc)
echo "## Scanned corpus ($(ls "$work/in" | wc -l) documents, $pages pages, $cores cores), one run; load before: $(cut -d' ' -f1-3 /proc/loadavg)"

# The page images, once (timed apart: Quarry renders its own).
s=$(date +%s.%N)
for f in "$work"/in/*.pdf; do
  id=$(basename "$f" .pdf)
  mkdir -p "$work/img/$id"
  pdftoppm -gray -png -r "$dpi" "$f" "$work/img/$id/p"
done
e=$(date +%s.%N)
echo "render (pdftoppm -gray -png -r $dpi, one process): seconds/page=$(per_page "$s" "$e" "$pages")"

# Quarry: documents $cores at a time (quarry parse's default), end to end from the PDFs.
s=$(date +%s.%N)
/usr/bin/time -v -o "$work/quarry.time" "$root/quarry" parse "$work/in" -o "$work/out" --engine ocr --no-progress --quiet
e=$(date +%s.%N)
qsec=$(per_page "$s" "$e" "$pages")
for d in "$work/out"/*/; do id=$(basename "$d"); cp "$d/$id.md" "$work/quarry/$id.md"; done
[ -n "${KEEP_PRED:-}" ] && { rm -rf "$KEEP_PRED"; cp -r "$work/quarry" "$KEEP_PRED"; }

# Tesseract at its best: one thread per process, $cores pages at a time, pages joined per document in order.
s=$(date +%s.%N)
find "$work/img" -name 'p-*.png' -print0 | OMP_THREAD_LIMIT=1 /usr/bin/time -v -o "$work/tess.time" \
  xargs -0 -P "$cores" -I{} sh -c 'tesseract "$1" "${1%.png}" -l eng 2>/dev/null' _ {}
e=$(date +%s.%N)
tsec=$(per_page "$s" "$e" "$pages")
for d in "$work/img"/*/; do
  id=$(basename "$d")
  # pdftoppm pads page numbers to the width of the last one: order by the number.
  ls "$d"/p-*.txt | sort -t- -k2 -n | xargs cat > "$work/tess/$id.md"
done
# xargs' peak is its largest child's: one tesseract process; $cores of them run at once.
echo "quarry ocr (documents $cores at a time, renders included): $(score "$work/quarry")  seconds/page=$qsec  peak_rss_mb=$(rss_mb "$work/quarry.time")"
echo "tesseract 5 eng (OMP_THREAD_LIMIT=1, $cores processes, renders excluded): $(score "$work/tess")  seconds/page=$tsec  peak_rss_mb=$(rss_mb "$work/tess.time") (one process)"
echo "ratio quarry/tesseract seconds per page: $(awk -v q="$qsec" -v t="$tsec" 'BEGIN { printf "%.2f", q / t }')  load after: $(cut -d' ' -f1-3 /proc/loadavg)"

dotnet build "$here/Quarry.Bench/Quarry.Bench.csproj" -c Release --nologo -v quiet >/dev/null
bench="$here/Quarry.Bench/bin/Release/net10.0/Quarry.Bench"
first=$(ls "$work"/in/*.pdf | head -1)
echo
echo "## OCR models: load + warmup (fresh processes: 1 with the folded-model cache cleared, then 3 hitting it), wall ms / CPU ms; load $(cut -d' ' -f1 /proc/loadavg)"
rm -rf "${QUARRY_MODELS_DIR:-$root/.quarry/models}/folded"
boot() { "$bench" --boot | grep -oP '"ocr_models_load_ms":\K[0-9.]+|"ocr_models_load_cpu_ms":\K[0-9.]+' | paste -sd/; }
echo "cold (rewrites the graphs): $(boot)"
echo "cached: $(for _ in 1 2 3; do boot; done | paste -sd' ')"
if [ "${STAGES:-1}" != 0 ]; then
  echo
  echo "## Time per OCR stage, one document and one page at a time (Quarry.Bench --threads 1 --stages)"
  "$bench" --engine ocr --threads 1 --stages "$work"/in/*.pdf
fi

if [ -z "${SKIP_SYNTHETIC:-}" ]; then
  echo
  echo "## Synthetic corpus: txt vs auto (router on born-digital pages)"
  for engine in txt auto; do
    s=$(date +%s.%N); r=$("$here/score-synthetic.sh" "$synthetic" $engine 2>/dev/null | tail -1); e=$(date +%s.%N)
    echo "$engine: $r  seconds=$(awk -v a="$s" -v b="$e" 'BEGIN { printf "%.2f", b - a }')"
  done
fi
