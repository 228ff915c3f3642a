#!/usr/bin/python3
"""Table scorer: share of expected tables found and cell F1, for Quarry's Markdown <table>s and for
PyMuPDF's page.find_tables() (lines and text strategies), plus how much of the expected cell text
each tool's plain output holds at all (Quarry .md, PyMuPDF get_text, pdftotext).

usage: score.py SET_DIR QUARRY_OUT_DIR [--per-doc]

Cells are compared as normalised text (NFKC, case-folded, whitespace folded); empty cells are ignored.
Expected tables are matched one-to-one to predicted tables by best cell F1; a table counts as found
when that F1 is >= 0.5. "partial" expectations (pdfplumber's asserted rows) match row prefixes.

Expected tables that carry "caption" / "footnote" lists are also scored for binding: Quarry's
content_list.json must give the matched table exactly those lines (joined, normalised) as its
table_caption / table_footnote; an empty list expects none. A caption left as a stray paragraph, split,
or bound to the wrong table all count as wrong.
"""
import collections, glob, json, os, re, subprocess, sys, unicodedata
import fitz
from bs4 import BeautifulSoup

FOUND = 0.5


def norm(s):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", s or "")).strip().casefold()


def f1(exp, pred):
    e = collections.Counter(c for c in map(norm, exp) if c)
    p = collections.Counter(c for c in map(norm, pred) if c)
    tp = sum((e & p).values())
    if tp == 0:
        return 0.0, tp, sum(e.values()), sum(p.values())
    pr, rc = tp / sum(p.values()), tp / sum(e.values())
    return 2 * pr * rc / (pr + rc), tp, sum(e.values()), sum(p.values())


def html_tables(md):
    out = []
    for t in BeautifulSoup(md, "html.parser").find_all("table"):
        out.append([[c.get_text(" ") for c in tr.find_all(["td", "th"])] for tr in t.find_all("tr")])
    return out


def score_table(exp, pred):
    """Cell F1 of one expected table against one predicted table (rows of strings)."""
    if "grid" in exp:
        return f1([c for r in exp["grid"] for c in r], [c for r in pred for c in r])[0]
    # partial: each asserted row against the predicted row that shares most cells with it (prefix)
    tp = ne = npred = 0
    for row in exp["partial"]:
        best = (0, sum(1 for c in row if norm(c)), 0)
        for prow in pred:
            _, t, e, p = f1(row, prow[: len(row)])
            if t > best[0]:
                best = (t, e, p)
        tp, ne, npred = tp + best[0], ne + best[1], npred + (best[2] or 0)
    if tp == 0:
        return 0.0
    pr, rc = tp / max(npred, 1), tp / ne
    return 2 * pr * rc / (pr + rc)


def unescape(s):
    """content_list text is Markdown-escaped ("\\*"), as MinerU writes it."""
    return re.sub(r"\\([^\w\s])", r"\1", s)


def content_list_tables(qout, name):
    """Quarry's tables from content_list.json: (rows, caption lines, footnote lines), in document order."""
    path = os.path.join(qout, name, name + "_content_list.json")
    if not os.path.exists(path):
        return []
    out = []
    for b in json.load(open(path, encoding="utf-8")):
        if b.get("type") == "table":
            rows = html_tables(b.get("table_body", ""))
            out.append((rows[0] if rows else [], b.get("table_caption", []), b.get("table_footnote", [])))
    return out


def match(expected, predicted, pairs_out=None):
    """Greedy one-to-one matching by F1; returns per-expected F1 and the count of unmatched predictions."""
    pairs = sorted(((score_table(e, p), i, j) for i, e in enumerate(expected) for j, p in enumerate(predicted)), reverse=True)
    used_e, used_p, res = set(), set(), [0.0] * len(expected)
    for s, i, j in pairs:
        if i in used_e or j in used_p or s <= 0:
            continue
        used_e.add(i); used_p.add(j); res[i] = s
        if pairs_out is not None:
            pairs_out[i] = j
    return res, len(predicted) - len(used_p)


def fitz_tables(path, strategy):
    doc = fitz.open(path)
    out = []
    for page in doc:
        try:
            for t in page.find_tables(strategy=strategy).tables:
                out.append([[c or "" for c in r] for r in t.extract()])
        except Exception:  # noqa: BLE001 - a peer failure counts as no table
            pass
    return out


def text_recall(expected, text):
    t = norm(text)
    cells = [norm(c) for e in expected for r in e.get("grid", e.get("partial", [])) for c in r if norm(c)]
    return sum(1 for c in cells if c in t), len(cells)


def main():
    set_dir, qout = sys.argv[1], sys.argv[2]
    per_doc = "--per-doc" in sys.argv
    # PyMuPDF gained find_tables() in 1.23; Debian's python3-fitz (1.21) has none, and then only its plain
    # text is scored.
    tools = ["quarry"] + (["pymupdf-lines", "pymupdf-text"] if hasattr(fitz.Page, "find_tables") else [])
    agg = {k: {"found": 0, "f1": 0.0, "extra": 0} for k in tools}
    recall = {k: [0, 0] for k in ["quarry", "pymupdf", "pdftotext"]}
    total = 0
    binding = {"caption": [0, 0], "footnote": [0, 0]}
    for path in sorted(glob.glob(os.path.join(set_dir, "pdf", "*.pdf"))):
        name = os.path.splitext(os.path.basename(path))[0]
        expected = json.load(open(os.path.join(set_dir, "expected", name + ".json"), encoding="utf-8"))["tables"]
        md_path = os.path.join(qout, name, name + ".md")
        md = open(md_path, encoding="utf-8").read() if os.path.exists(md_path) else ""
        preds = {"quarry": html_tables(md)}
        for k in tools[1:]:
            preds[k] = fitz_tables(path, k.split("-")[1])
        total += len(expected)
        line = [f"{name[:44]:44s}"]
        for k in tools:
            res, extra = match(expected, preds[k])
            agg[k]["found"] += sum(1 for s in res if s >= FOUND)
            agg[k]["f1"] += sum(res)
            agg[k]["extra"] += extra
            line.append(f"{k}: {sum(1 for s in res if s >= FOUND)}/{len(expected)} f1 {sum(res) / len(expected):.2f} +{extra}")
        if any("caption" in e for e in expected):
            cl = content_list_tables(qout, name)
            pairs = {}
            res, _ = match(expected, [t[0] for t in cl], pairs)
            for i, e in enumerate(expected):
                for k, pos in (("caption", 1), ("footnote", 2)):
                    if k not in e:
                        continue
                    got = cl[pairs[i]][pos] if i in pairs and res[i] >= FOUND else None
                    ok = got is not None and unescape(norm(" ".join(got))) == norm(" ".join(e[k]))
                    binding[k][0] += ok; binding[k][1] += 1
                    if per_doc and not ok:
                        print(f"  {name}: table {i + 1} {k} expected {e[k]} got {got}")
        soup_text = BeautifulSoup(md, "html.parser").get_text(" ")
        plain = {"quarry": soup_text, "pymupdf": "".join(p.get_text() for p in fitz.open(path)),
                 "pdftotext": subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True).stdout}
        for k, text in plain.items():
            hit, n = text_recall(expected, text)
            recall[k][0] += hit; recall[k][1] += n
        if per_doc:
            print("  ".join(line))
    print(f"tables: {total} expected in {len(glob.glob(os.path.join(set_dir, 'pdf', '*.pdf')))} PDFs")
    for k in tools:
        a = agg[k]
        print(f"{k:14s} found {a['found']}/{total} ({a['found'] / total:.0%})  cell F1 {a['f1'] / total:.3f}  spurious tables {a['extra']}")
    if len(tools) == 1:
        print(f"pymupdf        n/a: PyMuPDF {fitz.VersionBind} has no page.find_tables() (1.23+)")
    print("bound (quarry, exact): " + "  ".join(f"{k}s {h}/{n}" for k, (h, n) in binding.items()))
    print("cell text present in plain output: " + "  ".join(f"{k} {h / n:.3f}" for k, (h, n) in recall.items()))


if __name__ == "__main__":
    main()
