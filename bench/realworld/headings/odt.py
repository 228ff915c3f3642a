#!/usr/bin/python3
"""LibreOffice documents for the heading set, written here as flat ODT (.fodt) and exported with soffice.

Each document is a list of parts; the reference headings are the parts this file marks as headings, never
anything read back from the PDF. Kinds: ("h", level, text) a Heading N paragraph; ("bold", text) a bold
paragraph alone on its line (a heading in the reference, level 3); ("runin", head, text) a paragraph opening
with a bold run-in head (the head is a heading in the reference, level 4); ("p", text) body text;
("table", rows) a table whose first row is set in bold (header cells are not headings).
"""
import os
import random
import shutil
import subprocess
from xml.sax.saxutils import escape

import fitz

SENTENCES = [
    "The committee reviewed the proposal in detail before the spring meeting.",
    "Each member of staff received a copy of the revised schedule by post.",
    "Measurements were taken twice a day, in the morning and late in the afternoon.",
    "The results agree with the earlier survey within the stated margin of error.",
    "Where the records were incomplete, the missing values were left out of the totals.",
    "A second supplier was approached when the first could not meet the deadline.",
    "The building work is expected to finish before the end of the financial year.",
    "Visitors are asked to register at the front desk and to wear a badge at all times.",
    "The costs in this section include tax but exclude the fees of external advisers.",
    "Several readers pointed out that the map on the back cover was out of date.",
    "In practice the procedure takes about three weeks from application to decision.",
    "The old storage rooms will be converted into two small meeting rooms.",
    "Figures for the northern district were supplied by the regional office.",
    "No changes to the opening hours are planned for the coming season.",
    "The working group will report its findings to the board in the autumn.",
]


def para(rng, n):
    return " ".join(rng.choice(SENTENCES) for _ in range(n))


def doc_report(rng):
    return "Annual facilities report", [
        ("h", 1, "Annual facilities report"),
        ("p", para(rng, 4)),
        ("h", 2, "1. Introduction"),
        ("p", para(rng, 6)),
        ("p", para(rng, 5)),
        ("h", 2, "2. Buildings and grounds"),
        ("h", 3, "2.1 Main building"),
        ("p", para(rng, 7)),
        ("table", [["Room", "Area (m²)", "Use"], ["A101", "42", "Office"], ["A102", "38", "Meeting"], ["B201", "120", "Storage"]]),
        ("p", para(rng, 3)),
        ("h", 3, "2.2 Grounds"),
        ("p", para(rng, 6)),
        ("bold", "Car park"),
        ("p", para(rng, 4)),
        ("bold", "Cycle storage"),
        ("p", para(rng, 4)),
        ("h", 2, "3. Costs"),
        ("p", para(rng, 5)),
        ("table", [["Item", "2023", "2024"], ["Energy", "12 400", "13 100"], ["Cleaning", "8 300", "8 550"], ["Repairs", "4 100", "6 020"]]),
        ("h", 2, "4. Outlook"),
        ("p", para(rng, 8)),
        ("p", para(rng, 6)),
    ]


def doc_rules(rng):
    return "Rules for the use of the library", [
        ("h", 1, "Rules for the use of the library"),
        ("p", para(rng, 3)),
        ("h", 2, "I. General provisions"),
        ("h", 3, "(1) Scope"),
        ("p", para(rng, 5)),
        ("h", 3, "(2) Definitions"),
        ("p", para(rng, 6)),
        ("h", 2, "II. Borrowing"),
        ("h", 3, "(1) Who may borrow"),
        ("p", para(rng, 4)),
        ("h", 3, "(2) Loan periods"),
        ("p", para(rng, 5)),
        ("table", [["Item", "Period", "Renewals"], ["Books", "4 weeks", "2"], ["Journals", "1 week", "0"], ["Media", "2 weeks", "1"]]),
        ("h", 3, "(3) Overdue items"),
        ("p", para(rng, 6)),
        ("h", 2, "III. Conduct"),
        ("runin", "Quiet areas.", para(rng, 4)),
        ("runin", "Food and drink.", para(rng, 4)),
        ("runin", "Mobile phones.", para(rng, 3)),
        ("h", 2, "IV. Final provisions"),
        ("p", para(rng, 7)),
    ]


def doc_minutes(rng):
    return "Minutes of the planning meeting", [
        ("h", 1, "Minutes of the planning meeting"),
        ("p", para(rng, 2)),
        ("h", 2, "a) Attendance"),
        ("p", para(rng, 3)),
        ("h", 2, "b) Matters arising"),
        ("p", para(rng, 6)),
        ("bold", "Heating in the east wing"),
        ("p", para(rng, 5)),
        ("bold", "Replacement of the lift"),
        ("p", para(rng, 5)),
        ("h", 2, "c) Budget"),
        ("p", para(rng, 4)),
        ("table", [["Heading", "Planned", "Spent"], ["Staff", "210 000", "198 400"], ["Materials", "35 000", "41 250"], ["Travel", "6 000", "2 310"]]),
        ("p", para(rng, 4)),
        ("h", 2, "d) Any other business"),
        ("runin", "Next meeting.", para(rng, 3)),
        ("runin", "Apologies.", para(rng, 2)),
        ("p", para(rng, 9)),
        ("p", para(rng, 7)),
    ]


DOCS = {"odt-report": doc_report, "odt-rules": doc_rules, "odt-minutes": doc_minutes}

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles>
 <style:style style:name="Standard" style:family="paragraph"><style:text-properties style:font-name="Liberation Serif" fo:font-family="'Liberation Serif'" fo:font-size="11pt"/></style:style>
 <style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-bottom="0.25cm" fo:text-align="justify"/></style:style>
 <style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-top="0.42cm" fo:margin-bottom="0.21cm" fo:keep-with-next="always"/><style:text-properties style:font-name="Liberation Sans" fo:font-family="'Liberation Sans'" fo:font-weight="bold"/></style:style>
 <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="1"><style:text-properties fo:font-size="18pt"/></style:style>
 <style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="2"><style:text-properties fo:font-size="14pt"/></style:style>
 <style:style style:name="Heading_20_3" style:display-name="Heading 3" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="3"><style:text-properties fo:font-size="12pt"/></style:style>
 <style:style style:name="Header" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-size="9pt" fo:font-style="italic"/></style:style>
 <style:style style:name="Footer" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="9pt"/></style:style>
 <style:style style:name="Table_20_Contents" style:display-name="Table Contents" style:family="paragraph" style:parent-style-name="Standard"/>
 <style:style style:name="Table_20_Heading" style:display-name="Table Heading" style:family="paragraph" style:parent-style-name="Table_20_Contents"><style:text-properties fo:font-weight="bold"/></style:style>
</office:styles>
<office:automatic-styles>
 <style:style style:name="B" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:padding="0.1cm" fo:border="0.5pt solid #000000"/></style:style>
 <style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"/>
  <style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.5cm"/></style:header-style>
  <style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.5cm"/></style:footer-style></style:page-layout>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">
 <style:header><text:p text:style-name="Header">{header}</text:p></style:header>
 <style:footer><text:p text:style-name="Footer">Page <text:page-number text:select-page="current">1</text:page-number></text:p></style:footer>
</style:master-page></office:master-styles>
<office:body><office:text>
"""


def to_xml(parts, header):
    out = [HEAD.replace("{header}", escape(header))]
    for part in parts:
        kind = part[0]
        if kind == "h":
            out.append(f'<text:h text:style-name="Heading_20_{part[1]}" text:outline-level="{part[1]}">{escape(part[2])}</text:h>')
        elif kind == "bold":
            out.append(f'<text:p text:style-name="Text_20_body"><text:span text:style-name="B">{escape(part[1])}</text:span></text:p>')
        elif kind == "runin":
            out.append(f'<text:p text:style-name="Text_20_body"><text:span text:style-name="B">{escape(part[1])}</text:span> {escape(part[2])}</text:p>')
        elif kind == "p":
            out.append(f'<text:p text:style-name="Text_20_body">{escape(part[1])}</text:p>')
        elif kind == "table":
            rows = part[1]
            out.append(f'<table:table table:name="T{len(out)}"><table:table-column table:number-columns-repeated="{len(rows[0])}"/>')
            for r, row in enumerate(rows):
                style = "Table_20_Heading" if r == 0 else "Table_20_Contents"
                cells = "".join(f'<table:table-cell table:style-name="Cell" office:value-type="string"><text:p text:style-name="{style}">{escape(c)}</text:p></table:table-cell>' for c in row)
                out.append(f"<table:table-row>{cells}</table:table-row>")
            out.append("</table:table>")
    out.append("</office:text></office:body></office:document>\n")
    return "\n".join(out)


def headings(parts):
    out = []
    for part in parts:
        if part[0] == "h":
            out.append((part[1], part[2]))
        elif part[0] == "bold":
            out.append((3, part[1]))
        elif part[0] == "runin":
            out.append((4, part[1]))
    return out


def build_all(work, pdf_dir):
    """Writes each document, exports it, strips the outline; yields (id, pdf, per-page headings)."""
    os.makedirs(work, exist_ok=True)
    for ident, make in DOCS.items():
        header, parts = make(random.Random(ident))
        fodt = os.path.join(work, ident + ".fodt")
        with open(fodt, "w", encoding="utf-8") as f:
            f.write(to_xml(parts, header))
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", work, fodt],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300, check=True)
        out = os.path.join(pdf_dir, ident + ".pdf")
        doc = fitz.open(os.path.join(work, ident + ".pdf"))
        doc.set_toc([])
        doc.save(out, garbage=3, deflate=True)
        # Headings go to the page that prints them (the text is ours; the page is where LibreOffice put it).
        heads = [[] for _ in range(len(doc))]
        pending = headings(parts)
        page = 0
        for level, text in pending:
            while page < len(doc) - 1 and text not in doc[page].get_text():
                page += 1
            heads[page].append((level, text))
        yield ident, out, heads
    shutil.rmtree(os.path.join(work, "lo-profile"), ignore_errors=True)
