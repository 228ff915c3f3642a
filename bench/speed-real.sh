#!/usr/bin/env bash
# Quarry's full structured parse (warm, all writers, Quarry.Bench) against PyMuPDF get_text("dict") on the
# same real PDFs, alternating ROUNDS times in one run so both see the same machine load; prints each round's
# pages/s and the ratio PyMuPDF / Quarry, and the median ratio (lower is better for Quarry).
# usage: bench/speed-real.sh [ROUNDS] [DIR...]   default: Debian's texlive-latex-base-doc PDFs except source2e.pdf
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
rounds=${1:-3}
shift || true
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ $# -eq 0 ]; then
  real=/usr/share/doc/texlive-doc/latex/base
  [ -d "$real" ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq texlive-latex-base-doc >/dev/null; }
  mkdir -p "$work/real"
  for f in "$real"/*.pdf; do [ "$(basename "$f")" = source2e.pdf ] || ln -s "$f" "$work/real/"; done
  set -- "$work/real"
fi
dotnet build "$here/Quarry.Bench/Quarry.Bench.csproj" -c Release --nologo -v quiet >/dev/null
bench="$here/Quarry.Bench/bin/Release/net10.0/Quarry.Bench"
field() { sed -n "s/.*\"$1\":\"\{0,1\}\([^,\"}]*\).*/\1/p" <<<"$2"; }
ratios=()
for r in $(seq "$rounds"); do
  q=$("$bench" --warmup "$@")
  m=$(/usr/bin/python3 "$here/peers.py" pymupdf "$@")
  qps=$(field pages_per_second "$q"); mps=$(field pages_per_second "$m")
  ratio=$(awk -v a="$mps" -v b="$qps" 'BEGIN { printf "%.2f", a / b }')
  ratios+=("$ratio")
  echo "round $r: pages $(field pages "$q"), quarry $qps pages/s (slowest page $(field slowest_page_ms "$q") ms, peak $(field peak_working_set_mb "$q") MB), PyMuPDF dict $mps pages/s, ratio $ratio"
done
printf '%s\n' "${ratios[@]}" | sort -n | awk '{ a[NR] = $1 } END { print "median ratio PyMuPDF/Quarry: " a[int((NR + 1) / 2)] }'
