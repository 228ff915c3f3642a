#!/usr/bin/env bash
# Model engine bench (issue 11), against the OpenAI-compatible stand-in (test/Quarry.ModelStandIn) on loopback:
# no GPU here, so GPU time is the stand-in's simulated time (latency per request + per completion token).
#  1. throughput: pages/s against the server-bound limit (stand-in GPU-seconds / its max_num_seqs);
#  2. time to fail with the server down: breaker closed (each job retries), then open (fail fast);
#  3. hybrid vs vlm on the synthetic corpus: model requests, GPU-seconds, and score.py quality;
#  4. peak memory on a 1000-page document (SKIP_1000=1 skips it: it takes the longest).
# usage: bench/vlm.sh            (installs poppler-utils python3-levenshtein python3-bs4 curl)
#        SECTIONS="2 3" bench/vlm.sh   runs only those sections
set -euo pipefail
source "$(dirname "$0")/lib.sh"
need_debs poppler-utils python3-levenshtein python3-bs4 curl time
dotnet build "$root/test/Quarry.ModelStandIn" -c Release -v q --nologo >/dev/null
standin="$root/test/Quarry.ModelStandIn/bin/Release/net10.0/Quarry.ModelStandIn.dll"
synthetic=$(realpath "$root/../shared/corpus/synthetic")
# A server-bound setting: the client's own CPU (render, resize, PNG, ~1 CPU-second a page here) must not be
# the bottleneck, or the figure measures this 2-core machine rather than how well Quarry keeps the server busy.
latency=${LATENCY_MS:-1000}
seqs=${MAX_NUM_SEQS:-4}

free_port() { /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# start_standin ARGS...: a stand-in on a free loopback port, answering from the PDFs given with --pdf.
start_standin() {
  port=$(free_port)
  dotnet "$standin" --port "$port" "$@" >"$work/standin-$port.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && return 0; sleep 0.2; done
  echo "stand-in did not start" >&2; cat "$work/standin-$port.log" >&2; exit 1
}
stats() { curl -sf "http://127.0.0.1:$port/_stand-in/stats"; }
reset() { curl -sf -X POST "http://127.0.0.1:$port/_stand-in/reset" >/dev/null; }
field() { /usr/bin/python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
pdfs=(); for d in "$synthetic"/*/; do pdfs+=(--pdf "$d/doc.pdf"); done
want() { [[ " ${SECTIONS:-1 2 3 4} " == *" $1 "* ]]; }

if want 1; then
echo "## 1. Throughput (stand-in: ${latency} ms per request, max_num_seqs ${seqs}; Quarry in-flight limit 64)"
docs=(report-tables-7-002 article-2col-7-001 article-1col-7-010 headers-footers-7-004)
sel=(); for id in "${docs[@]}"; do [ -d "$synthetic/$id" ] && sel+=(--pdf "$synthetic/$id/doc.pdf"); done
start_standin "${sel[@]}" --latency-ms "$latency" --max-num-seqs "$seqs"
mkdir -p "$work/in1"; for id in "${docs[@]}"; do [ -d "$synthetic/$id" ] && ln -s "$synthetic/$id/doc.pdf" "$work/in1/$id.pdf"; done
pages=$(for f in "$work/in1"/*.pdf; do pdfinfo "$f" | awk '/^Pages/ {print $2}'; done | paste -sd+ | bc)
s=$(date +%s.%N)
QUARRY_VLM_MAX_IN_FLIGHT=64 /usr/bin/time -f "%U %S" -o "$work/time1.txt" dotnet "$dll" parse "$work/in1" -o "$work/out1" --engine vlm --vlm-url "http://127.0.0.1:$port" --no-progress --quiet
e=$(date +%s.%N)
st=$(stats)
gpu=$(field gpu_seconds <<<"$st"); req=$(field requests <<<"$st")
cpu=$(awk '{ print $1 + $2 }' "$work/time1.txt")
awk -v a="$s" -v b="$e" -v n="$pages" -v g="$gpu" -v c="$seqs" -v r="$req" -v cpu="$cpu" 'BEGIN {
  w = b - a; bound = g / c;
  printf "pages=%d requests=%d wall=%.2fs pages/s=%.3f server-bound limit=%.3f pages/s (gpu %.1fs / %d seqs) efficiency=%.0f%% quarry cpu=%.2f s/page\n", n, r, w, n / w, n / bound, g, c, 100 * bound / w, cpu / n }'
kill "${pids[-1]}" 2>/dev/null || true
fi

if want 2; then
echo
echo "## 2. Time to fail with the server down (quarry serve, jobs one after another, backend vlm-engine)"
dead=$(free_port)   # nothing listens there
api=$(free_port)
QUARRY_VLM_SERVER_URL="http://127.0.0.1:$dead" QUARRY_SKIP_WARMUP=1 dotnet "$dll" serve --port "$api" >"$work/serve.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$api/health" >/dev/null && break; sleep 0.2; done
printf '{"input":{"file_b64":"%s","backend":"vlm-engine","transport":"inline"}}' "$(base64 -w0 "$synthetic/article-1col-7-000/doc.pdf")" >"$work/job.json"
for i in 1 2 3 4 5; do
  s=$(date +%s.%N)
  out=$(curl -s -X POST "http://127.0.0.1:$api/runsync?wait=120000" -H 'Content-Type: application/json' -d @"$work/job.json")
  e=$(date +%s.%N)
  code=$(/usr/bin/python3 -c 'import json,sys; o=json.load(sys.stdin); print((o.get("output") or {}).get("error_code") or o.get("status"))' <<<"$out")
  awk -v a="$s" -v b="$e" -v i="$i" -v c="$code" 'BEGIN { printf "job %d: %s after %.2fs\n", i, c, b - a }'
done
kill "${pids[-1]}" 2>/dev/null || true
fi

if want 3; then
echo
echo "## 3. hybrid (effort medium) vs vlm on the synthetic corpus (stand-in GPU time: 50 ms per request + 2 ms per completion token, max_num_seqs 16)"
start_standin "${pdfs[@]}" --latency-ms 50 --token-latency-ms 2 --max-num-seqs 16
for engine in vlm hybrid txt; do
  reset
  s=$(date +%s.%N)
  r=$(QUARRY_VLM_SERVER_URL="http://127.0.0.1:$port" QUARRY_VLM_MAX_IN_FLIGHT=64 "$here/score-synthetic.sh" "$synthetic" "$engine" 2>/dev/null | tail -1)
  e=$(date +%s.%N)
  st=$(stats)
  awk -v a="$s" -v b="$e" -v e="$engine" -v r="$r" -v q="$(field requests <<<"$st")" -v g="$(field gpu_seconds <<<"$st")" \
    'BEGIN { printf "%-6s model requests=%d gpu-seconds=%.1f wall=%.1fs  %s\n", e, q, g, b - a, r }'
done
kill "${pids[-1]}" 2>/dev/null || true
fi

if want 4 && [ -z "${SKIP_1000:-}" ]; then
  echo
  echo "## 4. Peak memory on a 1000-page document (vlm; stand-in without latency)"
  list=(); while [ ${#list[@]} -lt 1000 ]; do for d in "$synthetic"/*/; do list+=("$d/doc.pdf"); done; done
  # The synthetic corpus is 161 pages in 40 files: unite whole files past 1000 pages, then parse pages 0-999.
  acc=(); n=0; for f in "${list[@]}"; do acc+=("$f"); n=$((n + $(pdfinfo "$f" | awk '/^Pages/ {print $2}'))); [ $n -ge 1000 ] && break; done
  pdfunite "${acc[@]}" "$work/big.pdf"
  start_standin "${pdfs[@]}"
  s=$(date +%s.%N)
  /usr/bin/time -v dotnet "$dll" parse "$work/big.pdf" -o "$work/out4" --engine vlm --vlm-url "http://127.0.0.1:$port" --end-page 999 --no-crops --no-progress --quiet 2>"$work/time4.txt"
  e=$(date +%s.%N)
  rss=$(awk -F: '/Maximum resident/ {gsub(/ /, "", $2); print $2}' "$work/time4.txt")
  awk -v a="$s" -v b="$e" -v k="$rss" -v q="$(field requests <<<"$(stats)")" 'BEGIN { printf "pages=1000 wall=%.0fs peak RSS=%.0f MB model requests=%d\n", b - a, k / 1024, q }'
fi
