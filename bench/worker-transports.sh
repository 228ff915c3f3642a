#!/usr/bin/env bash
# Worker figures for issue 3, all on loopback: boot to ready with and without warmup; per-job phase times
# for a 10-page PDF with each transport (inline, tarball_b64, s3 via a local s3rver); and a ~60 MB result
# under tarball_b64 (must fail RESULT_TOO_LARGE) and auto with a bucket (must arrive by URL).
# usage: bench/worker-transports.sh     (needs ./test.sh run once for test/tools; installs python3-pil)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
need_debs python3-pil poppler-utils texlive-latex-base-doc

echo "## Boot to ready (quarry serve, process start to the 'ready' log line; 3 runs each)"
for warm in 1 0; do
  for i in 1 2 3; do
    port=$((18100 + i + warm * 10))
    QUARRY_SKIP_WARMUP=$((1 - warm)) dotnet "$dll" serve --port $port > "$work/boot.log" 2>&1 &
    p=$!
    for _ in $(seq 100); do grep -q '"listening"' "$work/boot.log" && break; sleep 0.1; done
    kill $p; wait $p 2>/dev/null || true
    echo "warmup=$warm run=$i $(grep -o '"boot_ms":[0-9.]*' "$work/boot.log") $(grep -o '"warmup_ms":[0-9.null]*' "$work/boot.log")"
  done
done

# File host, S3 server, and the API with a bucket configured.
cp /usr/share/doc/texlive-doc/latex/base/cfgguide.pdf "$work/ten.pdf" 2>/dev/null || cp "$root/../shared/corpus/synthetic/long-text-7-013/doc.pdf" "$work/ten.pdf"
/usr/bin/python3 - "$work/big.pdf" <<'PY'
import os, sys
from PIL import Image
pages = []
for i in range(11):
    pages.append(Image.frombytes("RGB", (1800, 1800), os.urandom(1800 * 1800 * 3)))
pages[0].save(sys.argv[1], save_all=True, append_images=pages[1:], quality=95)
PY
(cd "$work" && exec /usr/bin/python3 -m http.server 18200 --bind 127.0.0.1 >/dev/null 2>&1) & pids+=($!)
node "$root/test/tools/node_modules/s3rver/bin/s3rver.js" --directory "$work/s3" --address 127.0.0.1 --port 18201 --configure-bucket quarry --silent & pids+=($!)
BUCKET_ENDPOINT_URL=http://127.0.0.1:18201 BUCKET_NAME=quarry BUCKET_ACCESS_KEY_ID=S3RVER BUCKET_SECRET_ACCESS_KEY=S3RVER \
  QUARRY_ALLOW_LOCAL_FETCH=1 dotnet "$dll" serve --port 18202 > "$work/serve.log" 2>&1 & pids+=($!)
for _ in $(seq 100); do grep -q '"listening"' "$work/serve.log" && break; sleep 0.1; done
sleep 1
job() { curl -s -X POST http://127.0.0.1:18202/runsync -H 'Content-Type: application/json' -d "$1" -o "$work/out.json"; /usr/bin/python3 - "$work/out.json" <<'PY'
import json, sys
o = json.load(open(sys.argv[1]))
out = o.get("output", {})
r = (out.get("results") or [{}])[0]
size = len(open(sys.argv[1], "rb").read())
print(f"status={o['status']} pages={r.get('pages_requested', {}).get('pages')} transport={r.get('transport')} "
      f"phase_ms={json.dumps(out.get('debug', {}).get('phase_ms'))} response_bytes={size} "
      + (f"error={out.get('error')!r}" if 'error' in out else f"url={'tarball_url' in r}"))
PY
}
echo
echo "## Per-job phases, $(pdfinfo "$work/ten.pdf" 2>/dev/null | awk '/^Pages/ {print $2}') pages fetched from a loopback file host (2nd of 2 runs per transport)"
for t in inline tarball_b64 s3; do
  job "{\"input\":{\"file_url\":\"http://127.0.0.1:18200/ten.pdf\",\"transport\":\"$t\",\"end_page\":9}}" >/dev/null
  echo "$t: $(job "{\"input\":{\"file_url\":\"http://127.0.0.1:18200/ten.pdf\",\"transport\":\"$t\",\"end_page\":9}}")"
done
echo
echo "## A PDF of $(($(stat -c %s "$work/big.pdf") / 1000000)) MB (11 pages of incompressible JPEG), whose result is ~60 MB"
echo "tarball_b64: $(job '{"input":{"file_url":"http://127.0.0.1:18200/big.pdf","transport":"tarball_b64"}}')"
echo "auto + bucket: $(job '{"input":{"file_url":"http://127.0.0.1:18200/big.pdf","transport":"auto"}}')"
