#!/usr/bin/python3
"""Per-format scores of Quarry's Office output against the generated set's truth, plus speed.

usage: score.py OUT_DIR [--per-doc]
  OUT_DIR/<fmt>/<id>/<id>.md       Quarry's Markdown (quarry parse bench/office/gen/<fmt> -o OUT_DIR/<fmt>)
  truth/<fmt>/<id>.md              reference Markdown (headings, paragraphs, lists, tables)
  truth/<fmt>/<id>.tables.json     reference tables (cell grids)
Words, bigrams and headings come from bench/realworld/textscore.py; table cell F1 from the tables scorer
(bench/realworld/tables/score.py: one-to-one matching, found when cell F1 >= 0.5)."""
import importlib.util
import json
import os
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.abspath(os.path.join(here, "..", ".."))


def load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


tables = load("office_tables_score", os.path.join(root, "bench", "realworld", "tables", "score.py"))


def text_scores(truth_dir, out_dir):
    """textscore.py over flat copies of the Markdown (it wants PRED_DIR/<id>.md)."""
    with tempfile.TemporaryDirectory() as flat:
        for doc in os.listdir(out_dir):
            md = os.path.join(out_dir, doc, doc + ".md")
            if os.path.exists(md):
                os.symlink(md, os.path.join(flat, doc + ".md"))
        js = os.path.join(flat, "scores.json")
        ref = tempfile.mkdtemp()
        for f in os.listdir(truth_dir):
            if f.endswith(".md"):
                os.symlink(os.path.join(truth_dir, f), os.path.join(ref, f))
        subprocess.run([sys.executable, os.path.join(root, "bench", "realworld", "textscore.py"), ref, flat, "--json", js],
                       check=True, stdout=subprocess.DEVNULL)
        with open(js) as f:
            return json.load(f)


def table_scores(truth_dir, out_dir):
    scores, found, expected, extra = [], 0, 0, 0
    for f in sorted(os.listdir(truth_dir)):
        if not f.endswith(".tables.json"):
            continue
        doc = f[: -len(".tables.json")]
        exp = json.load(open(os.path.join(truth_dir, f)))["tables"]
        md_path = os.path.join(out_dir, doc, doc + ".md")
        pred = tables.html_tables(open(md_path).read()) if os.path.exists(md_path) else []
        res, unmatched = tables.match(exp, pred)
        scores += res
        found += sum(1 for s in res if s >= tables.FOUND)
        expected += len(exp)
        extra += unmatched
    return (sum(scores) / len(scores) if scores else float("nan")), found, expected, extra


def main():
    out = sys.argv[1]
    print("| format | docs | headings F1 | words F1 | bigrams F1 | tables found | table cell F1 | extra tables |")
    print("|---|---|---|---|---|---|---|---|")
    for fmt in ("docx", "xlsx", "pptx"):
        truth, pred = os.path.join(here, "truth", fmt), os.path.join(out, fmt)
        if not os.path.isdir(pred):
            continue
        t = text_scores(truth, pred)
        mean = t["summary"]
        cell, found, expected, extra = table_scores(truth, pred)
        docs = len([d for d in os.listdir(pred) if os.path.isdir(os.path.join(pred, d))])
        print(f"| {fmt} | {docs} | {mean.get('headings', float('nan')):.3f} | {mean['words']:.3f} | {mean['bigrams']:.3f} | "
              f"{found}/{expected} | {cell:.3f} | {extra} |")


if __name__ == "__main__":
    main()
