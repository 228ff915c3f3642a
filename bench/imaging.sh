#!/usr/bin/env bash
# Image library for OCR pre-processing (issue 5): SkiaSharp decode + Quarry's C# gray resize/crop vs
# OpenCvSharp4 on the same 200-dpi gray PNG pages (decode, resize to the detector input, 60 line crops to
# height 48), and what each costs to install. One run on this machine.
# usage: bench/imaging.sh     (installs poppler-utils, and libgtk-3-0 which OpenCvSharp's native library links)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
need_debs poppler-utils
echo "## Install cost"
echo "OpenCvSharp4 runtime needs: $(ldd "$HOME"/.nuget/packages/opencvsharp4.official.runtime.linux-x64/*/runtimes/linux-x64/native/libOpenCvSharpExtern.so 2>/dev/null | grep -c 'not found' || true) libraries missing before libgtk-3-0 is installed"
closure=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces --no-enhances libgtk-3-0 2>/dev/null | grep '^\w' | sort -u)
echo "libgtk-3-0 dependency closure: $(echo "$closure" | wc -l) Debian packages, $(echo "$closure" | xargs apt-cache show --no-all-versions 2>/dev/null | awk '/^Installed-Size/ {s+=$2} END {printf "%.0f", s/1024}') MB installed size (base libraries included; SkiaSharp's NoDependencies assets need none)"
need_debs libgtk-3-0
for p in skiasharp.nativeassets.linux.nodependencies opencvsharp4.official.runtime.linux-x64; do
  du -sh "$HOME/.nuget/packages/$p" 2>/dev/null | awk -v p="$p" '{print p ": " $1 " NuGet package on disk"}'
done
mkdir -p "$work/png"
for d in "$root"/../shared/corpus/scanned/report-tables-7-002-scan "$root"/../shared/corpus/scanned/article-2col-7-001-scan; do
  pdftoppm -r 200 -gray -png "$d/doc.pdf" "$work/png/$(basename "$d")"
done
dotnet build "$here/Quarry.ImagingBench" -c Release -o "$work/bin" -v quiet -nologo >/dev/null
echo "## Per page ($(ls "$work/png" | wc -l) pages, best of 3 passes)"
dotnet "$work/bin/Quarry.ImagingBench.dll" --repeat 3 "$work"/png/*.png
