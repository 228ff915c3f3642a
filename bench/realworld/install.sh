#!/bin/bash
# Installs the Debian packages that ship a set's documents, when any document is missing.
# Usage: install.sh DOCS.tsv   (needs sudo/root for apt-get)
set -euo pipefail
tsv=$1
missing=$(awk -F'\t' '!/^#/ && NF==3 { if (system("test -e \"" $2 "\"") != 0) print $3 }' "$tsv" | sort -u)
if [ -n "$missing" ]; then
  echo "installing: $missing" >&2
  apt-get install -y --no-install-recommends $missing
fi
