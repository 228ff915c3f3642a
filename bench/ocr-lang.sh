#!/usr/bin/env bash
# OCR per script: one page of real text in each of English, French, Russian, Arabic and Chinese, made into a
# scan with the corpus's own pipeline (../shared/tools/make_scanned.py: 200 dpi, gray, tilt, speckles, blur),
# read by Quarry (`--engine ocr --lang L`) and by Tesseract 5 with that language's pack at its best
# (OMP_THREAD_LIMIT=1, pages two at a time), scored against the page's text layer (pdftotext) with
# bench/realworld/textscore.py: word F1 (Chinese: character F1, the characters spaced out on both sides).
# Quarry languages whose model is not installed print the error Quarry gives instead of a score.
# Sources: texlive's documentation (English, French, Chinese) and, as texlive's Russian and Arabic documents
# have no usable text layer (legacy 8-bit and presentation-form fonts), articles 1 and 3 of the Universal
# Declaration of Human Rights in Russian and Arabic, set by LibreOffice.
# usage: bench/ocr-lang.sh   (installs tesseract-ocr-{eng,fra,rus,ara,chi-sim}, texlive docs, libreoffice)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
need_debs tesseract-ocr tesseract-ocr-eng tesseract-ocr-fra tesseract-ocr-rus tesseract-ocr-ara tesseract-ocr-chi-sim \
  texlive-lang-french texlive-lang-cyrillic texlive-lang-chinese poppler-utils python3-pil
"$root/scripts/install-models.sh" >/dev/null
doc=/usr/share/doc/texlive-doc/latex
# id | source PDF | page | Quarry lang | Tesseract lang
langs=(
  "en|$doc/base/clsguide.pdf|3|en|eng"
  "fr|$doc/latex2e-help-texinfo-fr/latex2e-fr.pdf|12|en|fra"
  "ru|UDHR|1|ru|rus"
  "ar|UDHR|1|arabic|ara"
  "zh|$doc/ctex/ctex.pdf|3|ch|chi_sim"
)
mkdir -p "$work/src" "$work/ref" "$work/quarry" "$work/tess"
cat >"$work/ar.txt" <<'TXT'
الإعلان العالمي لحقوق الإنسان

المادة 1
يولد جميع الناس أحرارًا متساوين في الكرامة والحقوق. وقد وهبوا عقلاً وضميرًا وعليهم أن يعامل بعضهم بعضًا بروح الإخاء.

المادة 3
لكل فرد الحق في الحياة والحرية وسلامة شخصه.
TXT
cat >"$work/ru.txt" <<'TXT'
Всеобщая декларация прав человека

Статья 1
Все люди рождаются свободными и равными в своем достоинстве и правах. Они наделены разумом и совестью и должны поступать в отношении друг друга в духе братства.

Статья 3
Каждый человек имеет право на жизнь, на свободу и на личную неприкосновенность.
TXT
(cd "$work" && soffice --headless --convert-to pdf ar.txt ru.txt >/dev/null 2>&1)
for row in "${langs[@]}"; do
  IFS='|' read -r id pdf page _ _ <<<"$row"
  [ "$pdf" = UDHR ] && pdf="$work/$id.pdf"
  mkdir -p "$work/src/$id"
  pdfseparate -f "$page" -l "$page" "$pdf" "$work/src/$id/doc.pdf"
  pdftotext -layout "$work/src/$id/doc.pdf" "$work/src/$id/truth.md"
  echo '{}' >"$work/src/$id/truth.json"; echo '{}' >"$work/src/$id/meta.json"
done
/usr/bin/python3 "$root/../shared/tools/make_scanned.py" "$work/src" "$work/scan" 200 13 >/dev/null
spaced() { /usr/bin/python3 -c 'import re,sys; print(re.sub(r"([\u3400-\u9fff])", r" \1 ", open(sys.argv[1]).read()))' "$1"; }
printf '%-4s %-8s %8s %8s   %-8s %8s %8s\n' lang quarry F1 s/page tess F1 s/page
for row in "${langs[@]}"; do
  IFS='|' read -r id _ _ qlang tlang <<<"$row"
  scan="$work/scan/$id-scan/doc.pdf"
  mkdir -p "$work/r-$id" "$work/q-$id" "$work/t-$id"
  cp "$work/src/$id/truth.md" "$work/r-$id/$id.txt"
  s=$(date +%s.%N)
  if "$root/quarry" parse "$scan" -o "$work/out-$id" --engine ocr --lang "$qlang" --no-progress --quiet 2>"$work/q-$id.err"; then
    e=$(date +%s.%N); cp "$work/out-$id/doc/doc.md" "$work/q-$id/$id.md"
    qs=$(awk -v a="$s" -v b="$e" 'BEGIN { printf "%.2f", b - a }')
  else qs=-; fi
  pdftoppm -r 200 -gray -png "$scan" "$work/t-$id/p"
  s=$(date +%s.%N); OMP_THREAD_LIMIT=1 tesseract "$work/t-$id"/p-*.png "$work/t-$id/$id" -l "$tlang" 2>/dev/null; e=$(date +%s.%N)
  ts=$(awk -v a="$s" -v b="$e" 'BEGIN { printf "%.2f", b - a }')
  mv "$work/t-$id/$id.txt" "$work/t-$id/$id.md"; rm -f "$work/t-$id"/p-*.png
  if [ "$id" = zh ]; then for f in "$work"/[rqt]-"$id"/"$id".*; do spaced "$f" >"$f.x"; mv "$f.x" "$f"; done; fi
  score() { [ -f "$work/$1-$id/$id.md" ] && /usr/bin/python3 "$root/bench/realworld/textscore.py" "$work/r-$id" "$work/$1-$id" --json "$work/$1-$id.json" >/dev/null && /usr/bin/python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["summary"]["words"])' "$work/$1-$id.json" || echo -; }
  printf '%-4s %-8s %8s %8s   %-8s %8s %8s\n' "$id" "$qlang" "$(score q)" "$qs" "$tlang" "$(score t)" "$ts"
  [ "$qs" = - ] && sed 's/^/     quarry: /' "$work/q-$id.err" | cut -c1-200
done
