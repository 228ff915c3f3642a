#!/usr/bin/env bash
# Office inputs (issue 15): generates the DOCX/XLSX/PPTX set with known content, parses it and the public
# test-suite files with Quarry, and prints per-format scores (headings, words, bigrams, table cells) and
# speed (ms per page, steady state, one thread, via bench/Quarry.Bench).
# usage: bench/office/run.sh [--no-build]   (needs /usr/bin/python3 with python3-docx/openpyxl, node + npm)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${OFFICE_OUT:-/tmp/quarry-office-bench}"
if [[ " $* " != *" --no-build "* ]]; then
  dotnet build "$root/src/Quarry.Cli" -c Release -v q --nologo >/dev/null
  dotnet build "$root/bench/Quarry.Bench" -c Release -v q --nologo >/dev/null
fi
/usr/bin/python3 "$here/gen_docx.py" 12
/usr/bin/python3 "$here/gen_xlsx.py" 12
(cd "$here/pptx" && [ -d node_modules ] || npm install --no-audit --no-fund >/dev/null) && node "$here/pptx/gen_pptx.js" 12
[ -d "$here/public" ] || bash "$here/fetch_public.sh"
quarry="dotnet $root/src/Quarry.Cli/bin/Release/net10.0/quarry.dll"
rm -rf "$out" && mkdir -p "$out"
for fmt in docx xlsx pptx; do
  $quarry parse "$here/gen/$fmt" -o "$out/$fmt" --quiet
done
echo "## generated set (truth known)"
/usr/bin/python3 "$here/score.py" "$out"
echo
echo "## public test-suite files: parsed without error"
for fmt in docx xlsx pptx; do
  echo -n "$fmt: "
  $quarry parse "$here/public/$fmt" -o "$out/public-$fmt" 2>"$out/public-$fmt.err" | grep -o "parsed [0-9]*/[0-9]* inputs, [0-9]* pages" || true
done
echo
echo "## speed (steady state, 1 thread, all writers in memory)"
bench="$root/bench/Quarry.Bench/bin/Release/net10.0/Quarry.Bench.dll"
for fmt in docx xlsx pptx; do
  echo -n "gen $fmt: "; dotnet "$bench" --threads 1 --warmup --repeat 3 "$here/gen/$fmt"/*."$fmt"
  # Quarry.Bench's slowest-page figure needs a page: decks without slides (parsed as empty documents) sit out.
  mapfile -t files < <(for f in "$here/public/$fmt"/*."$fmt"; do { [ "$fmt" != pptx ] || [ "$(unzip -Z1 "$f" | grep -c '^ppt/slides/slide')" -gt 0 ]; } && echo "$f"; done)
  echo -n "public $fmt: "; dotnet "$bench" --threads 1 --warmup --repeat 3 "${files[@]}"
done
