#!/usr/bin/python3
"""Writes the LibreOffice-made part of the set: HTML documents converted by `soffice --headless`
(Writer) to PDF, with the expected grids written from the same data. Rotated variants are the
converted pages with /Rotate set (fitz), i.e. a landscape table stored on a turned page."""
import html, json, os, shutil, subprocess, sys, tempfile
import fitz

HERE = os.path.dirname(os.path.abspath(__file__))
PROSE = ("The committee reviewed the figures below before the annual meeting. Each value was checked "
         "against the ledger, and the differences were noted in the minutes of the session. ")


def cell(tag, text, attrs=""):
    return f"<{tag}{attrs}>" + "<br>".join(html.escape(t) for t in text.split("\n")) + f"</{tag}>"


def table(grid, header=1, style="ruled", spans=None, caption=None):
    """grid: rows of strings; spans: {(r, c): (rowspan, colspan)} with covered cells left out of the HTML."""
    spans = spans or {}
    covered = set()
    for (r, c), (rs, cs) in spans.items():
        covered |= {(r + i, c + j) for i in range(rs) for j in range(cs)} - {(r, c)}
    border = {"ruled": ' border="1" cellspacing="0" cellpadding="4"', "borderless": ' border="0" cellpadding="4"',
              "rows": ' border="0" cellspacing="0" cellpadding="4" style="border-top:1px solid black;border-bottom:1px solid black"'}[style]
    out = [f"<table{border}>"]
    for r, row in enumerate(grid):
        tds = []
        for c, text in enumerate(row):
            if (r, c) in covered:
                continue
            rs, cs = spans.get((r, c), (1, 1))
            a = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
            if style == "rows" and r == header - 1:
                a += ' style="border-bottom:1px solid black"'
            tds.append(cell("th" if r < header else "td", text, a))
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</table>")
    cap = f"<p>{html.escape(caption)}</p>" if caption else ""
    return cap + "".join(out)


def expected(grid, spans=None, caption=None, footnote=None):
    """Spanned cells keep their text in the first cell, the covered ones are empty (tabula's convention).
    caption/footnote: the lines that must be bound to the table (scored only where given)."""
    g = [[t.replace("\n", " ") for t in row] for row in grid]
    for (r, c), (rs, cs) in (spans or {}).items():
        for i in range(rs):
            for j in range(cs):
                if (i, j) != (0, 0):
                    g[r + i][c + j] = ""
    out = {"grid": g}
    if caption is not None:
        out["caption"], out["footnote"] = caption, footnote or []
    return out


CITIES = ["Oslo", "Lima", "Cairo", "Perth", "Quito", "Seoul", "Accra", "Hanoi", "Sofia", "Tunis", "Dakar", "Minsk"]


def numbers(rows, cols, seed):
    return [[f"{(seed * 37 + r * 13 + c * 7) % 900 + 100}" for c in range(cols)] for r in range(rows)]


DOCS = {}
# A fully ruled 7x7 grid between paragraphs.
g77 = [["City"] + [f"Q{i}" for i in range(1, 7)]] + [[CITIES[r]] + numbers(1, 6, r)[0] for r in range(6)]
DOCS["lo-ruled-7x7"] = ([PROSE, table(g77), PROSE * 2], [expected(g77)])
# Two 8-column ruled tables on one page.
g8a = [["Code"] + [f"M{i}" for i in range(1, 8)]] + [[f"A{r}"] + numbers(1, 7, r + 3)[0] for r in range(5)]
g8b = [["Item"] + [f"Y{i}" for i in range(2010, 2017)]] + [[f"B{r}"] + numbers(1, 7, r + 9)[0] for r in range(6)]
DOCS["lo-two-8col"] = ([PROSE, table(g8a), PROSE, table(g8b), PROSE], [expected(g8a), expected(g8b)])
# Spans, multi-line cells and a caption.
gsp = [["Region", "Sales", "", "Staff", ""],
       ["", "2022", "2023", "2022", "2023"],
       ["North\nand islands", "120", "135", "14", "15"],
       ["South", "98", "101", "11", "12"],
       ["East", "143", "150", "17", "18"],
       ["Total", "361", "386", "42", "45"]]
spans = {(0, 0): (2, 1), (0, 1): (1, 2), (0, 3): (1, 2)}
DOCS["lo-spans"] = ([PROSE, table(gsp, header=2, spans=spans, caption="Table 1: Sales and staff by region"), PROSE],
                    [expected(gsp, spans, caption=["Table 1: Sales and staff by region"])])
# Partially ruled: rules above, below and under the header only (booktabs-like), multi-line cells.
gpr = [["Parameter", "Symbol", "Value", "Unit"],
       ["Boiling point\nof water", "Tb", "100", "°C"],
       ["Density", "ρ", "997", "kg/m³"],
       ["Specific heat", "c", "4.18", "kJ/(kg·K)"],
       ["Viscosity", "μ", "0.89", "mPa·s"]]
DOCS["lo-partial-rules"] = ([PROSE, table(gpr, style="rows", caption="Table 2: Properties of water at 25 °C"), PROSE],
                            [expected(gpr, caption=["Table 2: Properties of water at 25 °C"])])
# Borderless table next to prose and a bulleted list (the list and prose must stay text).
gbl = [["Country", "Capital", "Population", "Area"],
       ["Norway", "Oslo", "5.4", "385"],
       ["Peru", "Lima", "33.7", "1285"],
       ["Egypt", "Cairo", "104.3", "1010"],
       ["Ghana", "Accra", "32.8", "239"],
       ["Senegal", "Dakar", "17.3", "197"]]
lst = "<ul>" + "".join(f"<li>{t}</li>" for t in ["First item of the list", "Second item, a little longer than the first", "Third"]) + "</ul>"
# Caption below a grid, then a source line and a starred note (report style); a paragraph that opens
# with "Table 4 lists" sits right above the table and stays text.
gcb = [["Port", "Ships", "Tonnes"], ["Rotterdam", "29 000", "436"], ["Antwerp", "14 500", "289"], ["Hamburg", "8 100", "119"]]
DOCS["lo-caption-below"] = ([PROSE, "Table 4 lists the three largest ports of the range by tonnage handled in the year.",
                             table(gcb) + "<p>Table 4. Cargo handled by port (million tonnes)</p><p>Source: port authorities.</p><p>* Provisional figures.</p>", PROSE],
                            [expected(gcb, caption=["Table 4. Cargo handled by port (million tonnes)"],
                                      footnote=["Source: port authorities.", "* Provisional figures."])])
DOCS["lo-borderless"] = ([PROSE, table(gbl, style="borderless"), PROSE, lst, PROSE], [expected(gbl)])
# A wide ruled table on a page stored turned by 90 and by 180 degrees (/Rotate).
gwide = [["Station"] + [f"Day {i}" for i in range(1, 10)]] + [[CITIES[r]] + numbers(1, 9, r + 5)[0] for r in range(8)]
DOCS["lo-rotate90"] = ([table(gwide)], [expected(gwide)])
DOCS["lo-rotate180"] = ([table(g77)], [expected(g77)])
ROTATE = {"lo-rotate90": 90, "lo-rotate180": 180}

tmp = tempfile.mkdtemp()
only = set(sys.argv[1:])  # rebuild only the named documents (soffice output changes between versions)
for name, (parts, tables) in DOCS.items():
    if only and name not in only:
        continue
    with open(os.path.join(tmp, name + ".html"), "w", encoding="utf-8") as f:
        f.write("<html><head><meta charset='utf-8'></head><body>" + "".join(p if p.startswith("<") else f"<p>{p}</p>" for p in parts) + "</body></html>")
    subprocess.run(["soffice", "--headless", "--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export", "--outdir", tmp, os.path.join(tmp, name + ".html")],
                   check=True, capture_output=True)
    doc = fitz.open(os.path.join(tmp, name + ".pdf"))
    if name in ROTATE:
        doc[0].set_rotation(ROTATE[name])
    doc.save(os.path.join(HERE, "pdf", name + ".pdf"), garbage=4, deflate=True)
    shutil.copy(os.path.join(tmp, name + ".html"), os.path.join(HERE, "lo", name + ".html"))
    with open(os.path.join(HERE, "expected", name + ".json"), "w", encoding="utf-8") as f:
        json.dump({"source": f"made here: lo/{name}.html via soffice --headless --convert-to pdf", "tables": tables}, f, ensure_ascii=False, indent=1)
shutil.rmtree(tmp)
print("ok")
