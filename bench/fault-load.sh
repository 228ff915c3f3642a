#!/usr/bin/env bash
# Fault and load bench for `quarry serve` (issue 9): 50 concurrent clients mixing /run + /status polling,
# /runsync and invalid inputs, with a stalled S3 endpoint, an endless file_url body, mid-job /cancel, and
# SIGTERM mid-load. Loopback only. Prints Markdown tables; see bench/README.md.
# usage: bench/fault-load.sh          (env: CLIENTS=50 QUARRY_MAX_CONCURRENCY=2 BENCH_DEADLINE_SECONDS=180)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
/usr/bin/python3 "$here/fault_load.py" "$dll" "$work" "$root/../shared"
