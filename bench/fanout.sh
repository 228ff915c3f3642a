#!/usr/bin/env bash
# Issue 4 figures on loopback: client round trips per transport through `quarry serve` (with s3rver as the
# bucket), and a 300-page PDF (pages 1-300 of texlive's source2e.pdf, cut with qpdf) parsed as one job vs
# fanned out in 50-page jobs, with the outputs compared. Prints Markdown-ish lines.
# usage: bench/fanout.sh       (needs ./test.sh run once for test/tools; installs qpdf, texlive-latex-base-doc)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
need_debs qpdf texlive-latex-base-doc
qpdf /usr/share/doc/texlive-doc/latex/base/source2e.pdf --pages . 1-300 -- "$work/big300.pdf"
node "$root/test/tools/node_modules/s3rver/bin/s3rver.js" --directory "$work/s3" --address 127.0.0.1 --port 18301 --configure-bucket quarry --silent >/dev/null & pids+=($!)
BUCKET_ENDPOINT_URL=http://127.0.0.1:18301 BUCKET_NAME=quarry BUCKET_ACCESS_KEY_ID=S3RVER BUCKET_SECRET_ACCESS_KEY=S3RVER \
  QUARRY_MAX_CONCURRENCY=2 dotnet "$dll" serve --port 18302 > "$work/serve.log" 2>&1 & pids+=($!)
for _ in $(seq 100); do grep -q '"listening"' "$work/serve.log" && break; sleep 0.1; done
ep=http://127.0.0.1:18302
echo "## Client round trips through quarry serve (samples/report.pdf, 3 runs each, wall seconds of quarry submit incl. process start)"
for t in inline tarball_b64 s3 auto; do
  times=()
  for i in 1 2 3; do
    s=$(date +%s.%N); dotnet "$dll" submit "$root/samples/report.pdf" --endpoint $ep -o "$work/rt-$t-$i" --transport $t --no-progress >/dev/null; e=$(date +%s.%N)
    times+=("$(awk -v a="$s" -v b="$e" 'BEGIN { printf "%.2f", b - a }')")
  done
  same=$(cmp -s "$work/rt-$t-1/report/report.md" "$work/rt-inline-1/report/report.md" && echo "same Markdown as inline" || echo "DIFFERENT Markdown")
  echo "$t: ${times[*]} s; $same"
done
echo
echo "## 300-page PDF: one job vs fan-out (50 pages per job, 2 in parallel; the server runs 2 jobs at once on 2 cores)"
s=$(date +%s.%N); dotnet "$dll" submit "$work/big300.pdf" --endpoint $ep -o "$work/one" --transport s3 --no-progress | tail -1; e=$(date +%s.%N)
echo "single job: $(awk -v a="$s" -v b="$e" 'BEGIN { printf "%.2f", b - a }') s"
s=$(date +%s.%N); dotnet "$dll" submit "$work/big300.pdf" --endpoint $ep -o "$work/fan" --transport s3 --fan-out 50 --parallel 2 --no-progress | tail -1; e=$(date +%s.%N)
echo "fan-out: $(awk -v a="$s" -v b="$e" 'BEGIN { printf "%.2f", b - a }') s"
for f in big300.md big300_content_list.json big300_content_list_v2.json big300_middle.json; do
  if cmp -s "$work/one/big300/$f" "$work/fan/big300/$f"; then echo "$f: identical"; else
    echo "$f: differs ($(diff <(tr ',' '\n' < "$work/one/big300/$f") <(tr ',' '\n' < "$work/fan/big300/$f") | grep -c '^[<>]') differing lines after splitting at commas)"; fi
done
echo
echo "## quarry chunk on corpus long-text-7-013 (first 3 of $(dotnet "$dll" parse "$root/../shared/corpus/synthetic/long-text-7-013/doc.pdf" -o "$work/ck" --quiet; dotnet "$dll" chunk "$work/ck/doc" --max-chars 1200 | wc -l) chunks, text cut at 160 chars)"
dotnet "$dll" chunk "$work/ck/doc" --max-chars 1200 | head -3 | /usr/bin/python3 -c '
import json, sys
for line in sys.stdin:
    c = json.loads(line); c["text"] = c["text"][:160] + "…"; print(json.dumps(c, ensure_ascii=False))'
