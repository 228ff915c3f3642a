#!/usr/bin/env bash
# Quarry's bench: quality on the shared synthetic corpus (score.py, with PyMuPDF and pdftotext baselines)
# and speed (pages/s, slowest page, peak memory) against PyMuPDF and pdfminer.six in the same run, on the
# corpus and on real PDFs from Debian's texlive-latex-base-doc. Installs what it needs (root, Debian).
# usage: bench/run.sh            results go to stdout as Markdown
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
shared="$root/../shared"
corpus="$shared/corpus/synthetic"
real=/usr/share/doc/texlive-doc/latex/base
need=()
for p in python3-levenshtein python3-bs4 python3-fitz python3-pdfminer poppler-utils texlive-latex-base-doc; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "## Quality (score.py on $(ls "$corpus" | wc -l) synthetic documents)"
echo
echo '| parser | text | headings F1 | heading levels | tables | figures | furniture |'
echo '|---|---|---|---|---|---|---|'
row() { # name, score.py output
  local s="$2" get
  get() { sed -n "s/.*\b$1=\([0-9.]*\).*/\1/p" <<<"$s"; }
  echo "| $1 | $(get text) | $(get headings) | $(get heading_levels) | $(get tables) | $(get figures) | $(get furniture) |"
}
row quarry "$("$here/score-synthetic.sh" "$corpus" txt 2>/dev/null | tail -1)"
mkdir -p "$work/fitz" "$work/pdftotext"
for d in "$corpus"/*/; do
  id=$(basename "$d")
  /usr/bin/python3 -c "import fitz,sys; print(''.join(p.get_text() for p in fitz.open(sys.argv[1])))" "$d/doc.pdf" >"$work/fitz/$id.md"
  pdftotext -layout "$d/doc.pdf" "$work/pdftotext/$id.md"
done
row "PyMuPDF get_text()" "$(/usr/bin/python3 "$shared/tools/score.py" "$corpus" "$work/fitz")"
row "pdftotext -layout" "$(/usr/bin/python3 "$shared/tools/score.py" "$corpus" "$work/pdftotext")"
echo

dotnet build "$here/Quarry.Bench/Quarry.Bench.csproj" -c Release --nologo -v quiet >/dev/null
bench="$here/Quarry.Bench/bin/Release/net10.0/Quarry.Bench"
mkdir -p "$work/real"
for f in "$real"/*.pdf; do [ "$(basename "$f")" = source2e.pdf ] || ln -s "$f" "$work/real/"; done
echo "## Speed (one run, $(nproc) cores; Quarry = full structured parse + all writers)"
echo
echo '| set | tool | pages | seconds | pages/s | ratio to quarry | slowest page ms | peak MB |'
echo '|---|---|---|---|---|---|---|---|'
for set in synthetic real; do
  dir=$([ $set = synthetic ] && echo "$corpus" || echo "$work/real")
  q=$("$bench" --warmup "$dir")
  qcold=$("$bench" "$dir")
  m=$(/usr/bin/python3 "$here/peers.py" pymupdf "$dir")
  p=$(/usr/bin/python3 "$here/peers.py" pdfminer "$dir")
  field() { sed -n "s/.*\"$1\":\"\{0,1\}\([^,\"}]*\).*/\1/p" <<<"$2"; }
  qps=$(field pages_per_second "$q")
  for line in "quarry (warm)|$q" "quarry (cold, incl. JIT)|$qcold" "PyMuPDF get_text(dict)|$m" "pdfminer.six|$p"; do
    name=${line%%|*}; j=${line#*|}
    pps=$(field pages_per_second "$j")
    ratio=$(awk -v a="$pps" -v b="$qps" 'BEGIN { printf "%.2f", a / b }')
    mb=$(field peak_working_set_mb "$j"); [ -n "$mb" ] || mb=$(field peak_rss_mb "$j")
    echo "| $set | $name | $(field pages "$j") | $(field seconds "$j") | $pps | $ratio | $(field slowest_page_ms "$j") | $mb |"
  done
done
echo
echo "## One large document"
echo
echo "source2e.pdf ($(pdfinfo "$real/source2e.pdf" | awk '/^Pages/ {print $2}') pages): $("$bench" --threads 2 "$real/source2e.pdf")"
