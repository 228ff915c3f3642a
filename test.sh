#!/usr/bin/env bash
# Runs Quarry's whole test suite (all test projects, Release) and ends with "N passed, N failed".
# Needs the .NET SDK; it installs the rest itself: NuGet packages on restore, the real servers the tests
# start on loopback (s3rver, from npm, into test/tools; Node.js from Debian if missing), the OCR models
# (scripts/install-models.sh), pdftoppm (Debian poppler-utils) and opj_decompress (libopenjp2-tools, JPEG 2000).
# The shared corpus at ../shared is read by the corpus and bad-input tests.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$root"
if ! command -v npm >/dev/null 2>&1; then
  echo "test.sh: installing Node.js and npm (Debian) for the S3 test server" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null || exit 1
fi
if [ ! -f test/tools/node_modules/s3rver/bin/s3rver.js ] || [ ! -f test/tools/node_modules/runpod-sdk/package.json ]; then
  (cd test/tools && npm ci --no-audit --no-fund --loglevel=error) || exit 1
fi
# OCR: PP-OCRv4 models from npm (checksum-verified), poppler's pdftoppm for page rendering, OpenJPEG's decoder.
scripts/install-models.sh || exit 1
if ! command -v pdftoppm >/dev/null 2>&1 || ! command -v opj_decompress >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils libopenjp2-tools >/dev/null || exit 1
fi
results="$root/TestResults"
rm -rf "$results"
dotnet test Quarry.sln -c Release --nologo -v quiet --logger "trx" --results-directory "$results" "$@"
status=$?
passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the build or the runner failed before any test could report
fi
echo "$passed passed, $failed failed"
exit "$status"
