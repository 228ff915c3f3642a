#!/usr/bin/env bash
# Runs Quarry's whole test suite (all test projects, Release) and ends with "N passed, N failed".
# Needs only the .NET SDK; NuGet packages restore on first run. The shared corpus at ../shared is read by
# the corpus and bad-input tests.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$root"
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
