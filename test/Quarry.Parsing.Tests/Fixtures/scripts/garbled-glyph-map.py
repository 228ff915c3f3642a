#!/usr/bin/python3
"""Writes garbled-glyph-map.pdf: a line of prose in Helvetica, and a formula line drawn in a font whose
/Encoding /Differences names the wrong glyphs (as old math fonts without ToUnicode do), so its text layer
reads `Q% Z fðPÞ CgðTÞ` for `Q% = f(P) + g(T)`."""
import os

formula = "Q% = f(P) + g(T), R = h(S) + k(U), V = m(W) + n(X)"
prose = "The quantities below follow from the model of the previous section."
stream = "BT /F1 11 Tf 72 720 Td (%s) Tj ET\nBT /F2 11 Tf 72 690 Td (%s) Tj ET\nBT /F2 11 Tf 72 660 Td (%s) Tj ET\n" % (
    prose, formula.replace("(", "\\(").replace(")", "\\)"), formula.replace("(", "\\(").replace(")", "\\)"))
objs = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding "
    "/Differences [40 /eth /Thorn 43 /C 61 /Z] >> >>",
    "<< /Length %d >>\nstream\n%sendstream" % (len(stream), stream),
]
out = bytearray(b"%PDF-1.4\n")
offsets = []
for i, o in enumerate(objs, 1):
    offsets.append(len(out))
    out += b"%d 0 obj\n%s\nendobj\n" % (i, o.encode("latin-1"))
xref = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
for off in offsets:
    out += b"%010d 00000 n \n" % off
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "garbled-glyph-map.pdf"), "wb") as f:
    f.write(out)
