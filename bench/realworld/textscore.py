#!/usr/bin/python3
"""Word, bigram and heading scores of parser output against reference text, for the real-world sets.

Usage: textscore.py REF_DIR PRED_DIR [--json OUT.json] [--per-doc] [--fold-marks]
  REF_DIR/<id>.md or <id>.txt    the reference (Markdown keeps its headings; plain text has none)
  PRED_DIR/<id>.md or <id>.txt   the parser's output for the same document

Metrics, averaged over the documents present in both folders (0..1, higher is better):
  words     F1 of the multiset of words (case-folded, NFKC, typographic quotes folded, bidi controls
            read as spaces, punctuation stripped at word edges; each
            Han, kana or Hangul character is a word of its own)
  bigrams   F1 of the multiset of adjacent word pairs: word order, which `words` cannot see
  headings  F1 of heading lines (similarity >= 0.9), over the documents whose reference has headings
  --fold-marks  Hebrew and Arabic combining marks (niqqud, harakat, shadda, superscript alef) are left out,
            and a space before one does not part words; applied to every tool alike. pdftotext writes
            some Arabic PDFs with a space at every mark and marks on the wrong letter ("ال َّرح ٰمنِ" for
            "الرَّحمٰنِ", XeTeX and LuaTeX Quran and vocalised-prose documents): without this such a
            reference matches no correctly read word. Correct text never has a space before a mark, so
            only the marks themselves go unmeasured.
Markup is removed with the shared scorer's plain_text (tables become their cell text), so Markdown and
plain text compare on the same footing. Needs Debian's python3-levenshtein and python3-bs4.
"""
import json
import os
import re
import sys
import unicodedata
from collections import Counter

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "tools"))
from score import headings, plain_text  # noqa: E402  (the corpus scorer: one definition of markup stripping)
import Levenshtein  # noqa: E402

EDGE = re.compile(r"^[\W_]+|[\W_]+$", re.U)
# Han, kana and Hangul are written without spaces between words: each such character counts as one word,
# so a paragraph joined without spaces scores as its per-line pieces do.
CJK = re.compile(r"([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff])")


# pdftotext wraps right-to-left runs in invisible bidi controls without a space ("exam\u202cفي"): they part
# words. Typographic and straight apostrophes and quotes are the same word ("don’t", "don't").
BIDI_CONTROLS = re.compile(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
# A Markdown code fence's info string ("```txt") is markup, not text.
FENCE_INFO = re.compile(r"^(\s*```)[\w+-]+\s*$", re.M)
# Hebrew and Arabic combining marks, and the spaces before them (--fold-marks).
RTL_MARK = "\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
SPACED_MARKS = re.compile(f"\\s*[{RTL_MARK}]+")
FOLD_MARKS = False


def words(text):
    text = unicodedata.normalize("NFKC", text).casefold().translate(QUOTES)
    text = BIDI_CONTROLS.sub(" ", text)
    if FOLD_MARKS:
        text = SPACED_MARKS.sub("", text)
    out = []
    for raw in CJK.sub(r" \1 ", text).split():
        w = EDGE.sub("", raw)
        if w:
            out.append(w)
    return out


def f1(ref, pred):
    if not ref and not pred:
        return 1.0
    common = sum((ref & pred).values())
    if common == 0:
        return 0.0
    p = common / sum(pred.values())
    r = common / sum(ref.values())
    return 2 * p * r / (p + r)


def heading_f1(ref, pred):
    ref = [t for _, t in ref]
    pred = [t for _, t in pred]
    used = set()
    hits = 0
    for t in ref:
        for i, p in enumerate(pred):
            if i not in used and Levenshtein.ratio(t.casefold(), p.casefold()) >= 0.9:
                used.add(i)
                hits += 1
                break
    if hits == 0:
        return 0.0
    return 2 * hits / (len(ref) + len(pred))


def read(folder, stem):
    for ext in (".md", ".txt"):
        path = os.path.join(folder, stem + ext)
        if os.path.exists(path):
            with open(path, encoding="utf-8", errors="replace") as f:
                return f.read(), ext
    return None, None


def score_doc(ref_text, ref_ext, pred_text, pred_ext):
    rw = words(plain_text(FENCE_INFO.sub(r"\1", ref_text)) if ref_ext == ".md" else ref_text)
    pw = words(plain_text(FENCE_INFO.sub(r"\1", pred_text)) if pred_ext == ".md" else pred_text)
    out = {
        "words": f1(Counter(rw), Counter(pw)),
        "bigrams": f1(Counter(zip(rw, rw[1:])), Counter(zip(pw, pw[1:]))),
    }
    ref_h = headings(ref_text) if ref_ext == ".md" else []
    if ref_h:
        out["headings"] = heading_f1(ref_h, headings(pred_text) if pred_ext == ".md" else [])
    return out


def main():
    argv = sys.argv[1:]
    json_out = None
    if "--json" in argv:
        i = argv.index("--json")
        json_out = argv[i + 1]
        del argv[i:i + 2]
    global FOLD_MARKS
    FOLD_MARKS = "--fold-marks" in argv
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 2:
        sys.exit(__doc__)
    ref_dir, pred_dir = args
    stems = sorted({os.path.splitext(n)[0] for n in os.listdir(ref_dir) if n.endswith((".md", ".txt"))})
    per_doc = {}
    for stem in stems:
        ref, ref_ext = read(ref_dir, stem)
        pred, pred_ext = read(pred_dir, stem)
        per_doc[stem] = score_doc(ref, ref_ext, pred or "", pred_ext or ".txt")
    if "--per-doc" in sys.argv:
        for stem, s in per_doc.items():
            print(stem, " ".join(f"{k}={v:.3f}" for k, v in s.items()))
    summary = {"docs": len(per_doc)}
    for key in ("words", "bigrams", "headings"):
        vals = [s[key] for s in per_doc.values() if key in s]
        if vals:
            summary[key] = round(sum(vals) / len(vals), 4)
    print(" ".join(f"{k}={v}" for k, v in summary.items()))
    if json_out:
        with open(json_out, "w", encoding="utf-8") as f:
            json.dump({"summary": summary, "documents": per_doc}, f, indent=1)


if __name__ == "__main__":
    main()
