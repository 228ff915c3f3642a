#!/usr/bin/env bash
# Real-world tables: runs Quarry (txt engine) on every PDF of the set, then scores Quarry, PyMuPDF's
# find_tables() and pdftotext in the same run. usage: bench/realworld/tables/run.sh [--per-doc] [--no-build]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
out="${TABLES_OUT:-/tmp/quarry-tables-bench}"
if [[ " $* " != *" --no-build "* ]]; then
  dotnet build "$root/src/Quarry.Cli" -c Release -v q --nologo >/dev/null
fi
rm -rf "$out" && mkdir -p "$out"
dotnet "$root/src/Quarry.Cli/bin/Release/net10.0/quarry.dll" parse "$here/pdf" -o "$out" --engine txt --quiet --no-crops
/usr/bin/python3 "$here/score.py" "$here" "$out" $(printf '%s\n' "$@" | grep -x -- --per-doc || true)
