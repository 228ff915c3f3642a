#!/usr/bin/env bash
# Issue 9, item 6: how long a cancelled or timed-out job keeps its worker slot. `quarry serve` runs one job
# at a time; each case submits a document, waits until it has parsed for a while, then either POSTs
# /cancel/{id} or lets QUARRY_JOB_TIMEOUT_SECONDS run out, and polls /health every 20 ms until no job is
# running. The figure is the time from the cancel (or the deadline) to the freed slot. Loopback only.
# usage: bench/cancel-latency.sh [RUNS]     (default 3 runs per case)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
runs=${1:-3}
scan="$root/../shared/corpus/scanned/long-text-7-003-scan/doc.pdf"
blank="$root/../shared/corpus/bad/3000-blank-pages.pdf"
[ -f "$scan" ] && [ -f "$blank" ] || { echo "needs ../shared/corpus" >&2; exit 1; }
scripts/install-models.sh >/dev/null

serve() { # $1 port, $2 job timeout seconds
  QUARRY_SKIP_WARMUP=1 QUARRY_MAX_CONCURRENCY=1 QUARRY_JOB_TIMEOUT_SECONDS=$2 LOG_FORMAT=json \
    dotnet "$dll" serve --port "$1" > "$work/serve-$1.log" 2>&1 & pids+=($!)
  for _ in $(seq 200); do grep -q '"listening"' "$work/serve-$1.log" && break; sleep 0.1; done
}
serve 18310 600
serve 18311 3

/usr/bin/python3 - "$runs" "$scan" "$blank" <<'PY'
import base64, json, statistics, sys, time, urllib.request

runs, scan, blank = int(sys.argv[1]), sys.argv[2], sys.argv[3]

def call(port, method, path, body=None):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method,
                                 data=None if body is None else json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.load(r)

def running(port):
    return call(port, "GET", "/health")["workers"]["running"]

def wait_until(pred, limit=120):
    start = time.monotonic()
    while not pred():
        if time.monotonic() - start > limit:
            raise SystemExit("timed out waiting")
        time.sleep(0.02)

def case(port, path, method, mode, after):
    b64 = base64.b64encode(open(path, "rb").read()).decode()
    out = []
    for _ in range(runs):
        job = call(port, "POST", "/run", {"input": {"file_b64": b64, "parse_method": method, "transport": "inline"}})
        wait_until(lambda: call(port, "GET", f"/status/{job['id']}")["status"] == "IN_PROGRESS")
        started = time.monotonic()
        if mode == "cancel":
            time.sleep(after)
            t0 = time.monotonic()
            call(port, "POST", f"/cancel/{job['id']}")
        else:
            t0 = started + after  # the deadline, counted from the job's start (fetch of a b64 input is instant)
        wait_until(lambda: running(port) == 0)
        out.append(time.monotonic() - t0)
        status = call(port, "GET", f"/status/{job['id']}")
    return out, status["status"], (status.get("output") or {}).get("error_code")

rows = [
    ("scanned 3-page PDF, parse_method ocr", scan, "ocr", "cancel", 18310, 2.0),
    ("3000 blank pages, parse_method txt", blank, "txt", "cancel", 18310, 1.0),
    ("scanned 3-page PDF, parse_method ocr", scan, "ocr", "deadline 3 s", 18311, 3.0),
]
print("| document | stop | runs | slot freed after (median s) | max s | final status |")
print("|---|---|---|---|---|---|")
for name, path, method, mode, port, after in rows:
    times, status, code = case(port, path, method, "cancel" if mode == "cancel" else "deadline", after)
    print(f"| {name} | {mode} | {len(times)} | {statistics.median(times):.2f} | {max(times):.2f} | {status}{' ' + code if code else ''} |")
PY
