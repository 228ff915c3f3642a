#!/usr/bin/env bash
# Quarry's full structured parse (warm, all writers, Quarry.Bench) against PyMuPDF get_text("dict") on the
# same real PDFs, alternating ROUNDS times in one run so all see the same machine load; prints each round's
# pages/s and the ratio PyMuPDF / Quarry, and the median ratio (lower is better for Quarry). BASE_BENCH=path
# to another build's Quarry.Bench (e.g. a worktree at an older commit) adds it to each round, for
# before/after figures from one run. BENCH_ARGS passes options to both (e.g. --no-crops).
# usage: [BASE_BENCH=…] [BENCH_ARGS=…] bench/speed-real.sh [ROUNDS] [DIR...]
#        default DIR: Debian's texlive-latex-base-doc PDFs except source2e.pdf
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
# shellcheck disable=SC2086
run_quarry() { "$1" --warmup ${BENCH_ARGS:-} "${@:2}"; }
describe() { echo "$(field pages_per_second "$1") pages/s, cpu $(field cpu_seconds "$1") s, slowest page $(field slowest_page_ms "$1") ms, peak $(field peak_working_set_mb "$1") MB"; }
ratios=()
base_ratios=()
for r in $(seq "$rounds"); do
  q=$(run_quarry "$bench" "$@")
  m=$(/usr/bin/python3 "$here/peers.py" pymupdf "$@")
  qps=$(field pages_per_second "$q"); mps=$(field pages_per_second "$m")
  ratio=$(awk -v a="$mps" -v b="$qps" 'BEGIN { printf "%.2f", a / b }')
  ratios+=("$ratio")
  line="round $r: pages $(field pages "$q"); quarry $(describe "$q"); PyMuPDF dict $mps pages/s; ratio $ratio"
  if [ -n "${BASE_BENCH:-}" ]; then
    b=$(run_quarry "$BASE_BENCH" "$@")
    bratio=$(awk -v a="$mps" -v b="$(field pages_per_second "$b")" 'BEGIN { printf "%.2f", a / b }')
    base_ratios+=("$bratio")
    line="$line; base $(describe "$b"); base ratio $bratio"
  fi
  echo "$line"
done
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
echo "median ratio PyMuPDF/Quarry: $(median "${ratios[@]}")"
[ ${#base_ratios[@]} -eq 0 ] || echo "median ratio PyMuPDF/base: $(median "${base_ratios[@]}")"
