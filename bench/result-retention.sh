#!/usr/bin/env bash
# Issue 9, item 8: what 40 large retained results cost `quarry serve`. A 5-page image-only PDF (random
# 1500×1500 JPEG pages, ~13 MB) is submitted N times through /run with transport tarball_b64 and
# parse_method txt (each result ~17.6 MB of JSON) and fetched once through /status; then /health's result
# store figures and the server's RSS (VmRSS, VmHWM) are printed. Loopback only.
# usage: bench/result-retention.sh [N]     (default 40; installs python3-pil)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
need_debs python3-pil
n=${1:-40}
/usr/bin/python3 - "$work/big.pdf" <<'PY'
import os, sys
from PIL import Image
pages = [Image.frombytes("RGB", (1500, 1500), os.urandom(1500 * 1500 * 3)) for _ in range(5)]
pages[0].save(sys.argv[1], save_all=True, append_images=pages[1:], quality=95)
PY
QUARRY_SKIP_WARMUP=1 dotnet "$dll" serve --port 18420 > "$work/serve.log" 2>&1 & pids+=($!)
server=$!
for _ in $(seq 200); do grep -q '"listening"' "$work/serve.log" && break; sleep 0.1; done
/usr/bin/python3 - "$work/big.pdf" 18420 "$server" "$n" <<'PY'
import base64, json, sys, time, urllib.request
path, port, pid, n = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
b64 = base64.b64encode(open(path, "rb").read()).decode()
base = f"http://127.0.0.1:{port}"
def memory():
    d = dict(l.split(":", 1) for l in open(f"/proc/{pid}/status"))
    return int(d["VmRSS"].split()[0]) // 1024, int(d["VmHWM"].split()[0]) // 1024
sizes = []
for _ in range(n):
    body = json.dumps({"input": {"file_b64": b64, "transport": "tarball_b64", "parse_method": "txt"}}).encode()
    job = json.load(urllib.request.urlopen(urllib.request.Request(base + "/run", data=body, headers={"Content-Type": "application/json"}), timeout=300))
    while True:
        time.sleep(0.5)
        status = json.load(urllib.request.urlopen(f"{base}/status/{job['id']}", timeout=300))
        if status["status"] not in ("IN_QUEUE", "IN_PROGRESS"):
            break
    assert status["status"] == "COMPLETED", status.get("error")
    sizes.append(len(json.dumps(status)))
health = json.load(urllib.request.urlopen(base + "/health"))
time.sleep(2)
rss, peak = memory()
print(f"{n} results of {sum(sizes) / len(sizes) / 1e6:.1f} MB each; result store {health['results']}; server RSS {rss} MB, peak {peak} MB")
PY
