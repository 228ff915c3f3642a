#!/usr/bin/python3
"""Peers for the speed bench: PyMuPDF get_text("dict") and pdfminer.six extract_pages over the same PDFs.
usage: peers.py {pymupdf|pdfminer} FILE_OR_DIR...   -> one JSON line (pages, seconds, pages/s, peak RSS)"""
import json, os, resource, sys, time

def files(args):
    for a in args:
        if os.path.isdir(a):
            for root, _, names in os.walk(a):
                yield from (os.path.join(root, n) for n in sorted(names) if n.endswith(".pdf"))
        else:
            yield a

def pymupdf(path):
    import fitz
    n = 0
    with fitz.open(path) as doc:
        for page in doc:
            page.get_text("dict")
            n += 1
    return n

def pdfminer(path):
    from pdfminer.high_level import extract_pages
    return sum(1 for _ in extract_pages(path))

tool, paths = sys.argv[1], list(files(sys.argv[2:]))
fn = {"pymupdf": pymupdf, "pdfminer": pdfminer}[tool]
start, pages, failed = time.perf_counter(), 0, 0
for p in paths:
    try:
        pages += fn(p)
    except Exception:
        failed += 1
secs = time.perf_counter() - start
print(json.dumps({"tool": tool, "files": len(paths), "failed": failed, "pages": pages, "seconds": round(secs, 3),
                  "pages_per_second": round(pages / secs, 1), "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}))
