#!/usr/bin/env bash
# Checks that a refactoring left the parser's output byte-identical: parses the shared corpus with the CLI
# built from this checkout and diffs every output file against a baseline written the same way before.
# usage: bench/pipeline-identity.sh BASELINE_DIR
#   BASELINE_DIR missing or empty: the outputs are written there (take it before the change);
#   otherwise they are written to a scratch folder and `diff -r` against it (exit 1 on any difference).
# Sets: synthetic with txt and auto, scanned with ocr and auto, bad with auto (failures' stderr kept).
# SETS="synthetic:txt scanned:ocr" runs only those set:engine pairs (the default is all five); NO_BUILD=1 skips the build; QUARRY_DLL=PATH runs that quarry.dll instead (a copy of a build, so the
# checkout can be rebuilt while this runs). Nothing is stripped: the outputs carry no timings (checked: two runs of
# the same build are identical), and stderr is taken with --quiet, which prints no durations.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
corpus=$(realpath "$root/../shared/corpus")
baseline=${1:?usage: bench/pipeline-identity.sh BASELINE_DIR}
dll=${QUARRY_DLL:-$root/src/Quarry.Cli/bin/Release/net10.0/quarry.dll}
[ -n "${NO_BUILD:-}" ] || dotnet build "$root/src/Quarry.Cli" -c Release -v q --nologo >/dev/null

# The OCR models are looked up beside the binary; a copied build finds the checkout's through this.
[ -n "${QUARRY_MODELS_DIR:-}" ] || [ ! -d "$root/.quarry/models" ] || export QUARRY_MODELS_DIR="$root/.quarry/models"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -d "$baseline" ] && [ -n "$(ls -A "$baseline")" ]; then out="$work/out"; else out=$baseline; fi
mkdir -p "$out"

# run SET ENGINE: parses every input of corpus/SET into OUT/SET-ENGINE/, with stderr and the exit code.
run() {
  local set=$1 engine=$2 in="$work/in-$1"
  if [ ! -d "$in" ]; then
    mkdir -p "$in"
    for d in "$corpus/$set"/*/; do [ -f "$d/doc.pdf" ] && ln -s "$d/doc.pdf" "$in/$(basename "$d").pdf"; done
    for f in "$corpus/$set"/*.*; do [ -f "$f" ] && [ "$(basename "$f")" != expect.json ] && ln -s "$f" "$in/"; done
  fi
  local dest="$out/$set-$engine"
  mkdir -p "$dest"
  local rc=0
  dotnet "$dll" parse "$in" -o "$dest/out" --engine "$engine" --quiet --jobs 1 2>"$dest/stderr" || rc=$?
  echo "$rc" >"$dest/rc"
  # Temp paths differ per run; the scratch folder is this run's only varying part of a message.
  sed -i "s#$work#WORK#g" "$dest/stderr"
  echo "$set $engine: exit $rc, $(find "$dest/out" -type f | wc -l) files"
}

for s in ${SETS:-synthetic:txt synthetic:auto scanned:ocr scanned:auto bad:auto}; do run "${s%%:*}" "${s##*:}"; done

if [ "$out" = "$baseline" ]; then
  echo "baseline written to $baseline"
else
  # Only the sets run this time are compared.
  for d in "$out"/*/; do diff -r "$baseline/$(basename "$d")" "$d"; done && echo "identical to $baseline"
fi
