#!/usr/bin/python3
"""Runs pdftotext, PyMuPDF and Quarry on one real-world set and scores them with textscore.py.

Usage: runset.py DOCS.tsv OUT_DIR [--pages N] [--engine txt] [--quarry CMD] [--fold-marks]
  DOCS.tsv   id <TAB> path <TAB> Debian package (lines starting with # are skipped)
  OUT_DIR    gets ref/ (pdftotext, the reference), pymupdf/, quarry/ and the scores

Each document is read on its first N pages only (all three tools on the same pages). pdftotext's
output is the reference; PyMuPDF's get_text() and Quarry's Markdown are scored against it, and the
wall time of each tool is printed alongside.
"""
import argparse
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def load(tsv):
    docs = []
    with open(tsv, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            doc_id, path, _pkg = line.split("\t")
            docs.append((doc_id, path))
    return docs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("docs")
    ap.add_argument("out")
    ap.add_argument("--pages", type=int, default=8)
    ap.add_argument("--engine", default="txt")
    ap.add_argument("--quarry", default=None, help="command that runs the Quarry CLI")
    ap.add_argument("--fold-marks", action="store_true", help="score without Hebrew/Arabic marks (textscore.py --fold-marks)")
    args = ap.parse_args()
    import fitz  # PyMuPDF, Debian's python3-fitz

    docs = load(args.docs)
    missing = [p for _, p in docs if not os.path.exists(p)]
    if missing:
        sys.exit("missing documents (run install.sh): " + ", ".join(missing))
    out = os.path.abspath(args.out)
    for sub in ("ref", "pymupdf", "quarry", "inputs", "quarry-raw"):
        shutil.rmtree(os.path.join(out, sub), ignore_errors=True)
        os.makedirs(os.path.join(out, sub))
    for doc_id, path in docs:
        os.symlink(path, os.path.join(out, "inputs", doc_id + ".pdf"))

    t = time.time()
    for doc_id, path in docs:
        subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", "1", "-l", str(args.pages), path,
                        os.path.join(out, "ref", doc_id + ".txt")], check=True)
    t_pdftotext = time.time() - t

    t = time.time()
    for doc_id, path in docs:
        with fitz.open(path) as d:
            text = "".join(d[i].get_text() for i in range(min(args.pages, d.page_count)))
        with open(os.path.join(out, "pymupdf", doc_id + ".txt"), "w", encoding="utf-8") as f:
            f.write(text)
    t_pymupdf = time.time() - t

    quarry = args.quarry or "dotnet " + os.path.join(HERE, "..", "..", "src", "Quarry.Cli", "bin", "Release", "net10.0", "quarry.dll")
    t = time.time()
    subprocess.run(quarry.split() + ["parse", os.path.join(out, "inputs"), "-o", os.path.join(out, "quarry-raw"),
                                     "-e", args.engine, "-E", str(args.pages - 1), "--no-crops", "--quiet", "-j", "1"])
    t_quarry = time.time() - t
    for doc_id, _ in docs:
        md = os.path.join(out, "quarry-raw", doc_id, doc_id + ".md")
        if os.path.exists(md):
            shutil.copy(md, os.path.join(out, "quarry", doc_id + ".md"))

    score = os.path.join(HERE, "textscore.py")
    for name, secs in (("pymupdf", t_pymupdf), ("quarry", t_quarry)):
        print(f"== {name} ({secs:.1f} s; pdftotext {t_pdftotext:.1f} s) against pdftotext, {len(docs)} documents, first {args.pages} pages")
        sys.stdout.flush()
        subprocess.run([sys.executable, score, os.path.join(out, "ref"), os.path.join(out, name), "--per-doc",
                        "--json", os.path.join(out, name + ".json")] + (["--fold-marks"] if args.fold_marks else []), check=True)


if __name__ == "__main__":
    main()
