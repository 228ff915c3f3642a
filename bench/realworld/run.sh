#!/usr/bin/env bash
# Every real-world set in one go, Quarry (engine txt) next to its peers on the same files in the same run:
# tables (found / cell F1), headings (F1, words, bigrams), scripts and latex (words / bigrams against
# pdftotext, with PyMuPDF), equations (normalised LaTeX token similarity). Builds the CLI once.
# usage: bench/realworld/run.sh [SET...]   (default: tables headings scripts latex equations)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dotnet build "$root/src/Quarry.Cli" -c Release -v q --nologo >/dev/null
export QUARRY="dotnet $root/src/Quarry.Cli/bin/Release/net10.0/quarry.dll"
sets=("$@")
[ ${#sets[@]} -gt 0 ] || sets=(tables headings scripts latex equations)
for set in "${sets[@]}"; do
  echo "## $set"
  case "$set" in
    tables) bash "$here/tables/run.sh" --no-build ;;
    *) bash "$here/$set/run.sh" ;;
  esac
  echo
done
