#!/usr/bin/python3
"""Writes rtl-unmapped.pdf from xelatex's rtl-unmapped.pdf (run `xelatex rtl-unmapped.tex` first): the font's
ToUnicode map loses the final Farsi yeh and the medial gaf, as XeTeX's maps do for contextual forms its
shaper made up (texlive's Persian-bib and kurdishlipsum documents). Those two glyphs then map to nothing."""
import os
import re

import fitz  # PyMuPDF, Debian's python3-fitz

here = os.path.dirname(os.path.abspath(__file__))
path = os.path.join(here, "rtl-unmapped.pdf")
doc = fitz.open(path)
for xref in range(1, doc.xref_length()):
    obj = doc.xref_object(xref)
    m = re.search(r"/ToUnicode (\d+) 0 R", obj)
    if not m:
        continue
    cmap = doc.xref_stream(int(m.group(1))).decode("latin-1")
    dropped = re.sub(r"<[0-9A-F]{4}> <(FBFD|FB95)>\n", "", cmap)
    lines = re.findall(r"^<[0-9A-F]{4}> <[0-9A-F]{4}>$", dropped, re.M)
    dropped = re.sub(r"\d+ beginbfchar", "%d beginbfchar" % len(lines), dropped)
    doc.update_stream(int(m.group(1)), dropped.encode("latin-1"))
doc.save(path + ".tmp")
os.replace(path + ".tmp", path)
