#!/usr/bin/env bash
# Copies the Office files of three Office libraries' public test suites into public/<fmt>/ from the stored
# mirrors (the `fetch` tool's /work/.mirror/<owner>+<name>/repo bare git directories; see SOURCES.md).
# usage: bench/office/fetch_public.sh [MIRROR_ROOT]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
mirror="${1:-/work/.mirror}"
take() { # repo ext dir...
  local repo=$1 ext=$2; shift 2
  local git="$mirror/$repo/repo"
  mkdir -p "$here/public/$ext"
  for d in "$@"; do
    git -C "$git" ls-tree -r HEAD --name-only -- "$d" | grep "\.$ext$" | while read -r f; do
      out="$here/public/$ext/${repo%%+*}-$(basename "$f")"
      # Large binaries may be absent from a snapshot: keep only real ZIPs.
      if git -C "$git" cat-file -p "HEAD:$f" > "$out" 2>/dev/null && [ "$(head -c 2 "$out")" = "PK" ]; then :; else rm -f "$out"; fi
    done
  done
  echo "$repo $(git -C "$git" log -1 --format=%H): $(ls "$here/public/$ext" | grep -c "^${repo%%+*}-") files"
}
take python-openxml+python-docx docx features/steps/test_files tests/test_files
take scanny+python-pptx pptx features/steps/test_files tests/test_files
take ClosedXML+ClosedXML xlsx ClosedXML.Tests/Resource/Examples/Misc ClosedXML.Tests/Resource/Examples/Ranges ClosedXML.Tests/Resource/Examples/Tables
