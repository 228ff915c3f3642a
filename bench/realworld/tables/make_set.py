#!/usr/bin/python3
"""Rebuilds pdf/ and expected/ from the fetched tabula-java and pdfplumber mirrors (see SOURCES.md).

Multi-page sources are cut to the one page the expectation is about, so the set stays small.
Expected grids: tabula-java's own CSV/JSON test expectations (whole grids); pdfplumber's tests assert
single rows or cells, so those files carry "partial" rows (row prefixes that must appear in a table).
"""
import csv, io, json, os, subprocess, sys
import fitz

HERE = os.path.dirname(os.path.abspath(__file__))
TABULA = "/work/.mirror/tabulapdf+tabula-java/repo"
PLUMBER = "/work/.mirror/jsvine+pdfplumber/repo"
TRES = "src/test/resources/technology/tabula/"


def show(repo, path):
    return subprocess.run(["git", "-C", repo, "show", "HEAD:" + path], check=True, capture_output=True).stdout


def save_page(data, name, page=0):
    src = fitz.open(stream=data, filetype="pdf")
    out = fitz.open()
    out.insert_pdf(src, from_page=page, to_page=page)
    out.save(os.path.join(HERE, "pdf", name + ".pdf"), garbage=4, deflate=True)


def csv_grid(text):
    return [[c.replace("\r", " ") for c in row] for row in csv.reader(io.StringIO(text))]


def json_grids(text):
    return [[[c["text"].replace("\r", " ") for c in row] for row in t["data"]] for t in json.loads(text)]


def write(name, source, tables):
    with open(os.path.join(HERE, "expected", name + ".json"), "w", encoding="utf-8") as f:
        json.dump({"source": source, "tables": tables}, f, ensure_ascii=False, indent=1)


# tabula-java: (pdf, expectation, kind); all on page 1.
TABULA_SET = [
    ("AnimalSounds", "csv/AnimalSounds.csv", "csv"),
    ("AnimalSounds1", "json/AnimalSounds1.json", "json"),
    ("MultiColumn", None, "multicolumn"),
    ("Publication_of_award_of_Bids_for_Transport_Sector__August_2016", "csv/Publication_of_award_of_Bids_for_Transport_Sector__August_2016.csv", "csv"),
    ("argentina_diputados_voting_record", "csv/argentina_diputados_voting_record.csv", "csv"),
    ("frx_2012_disclosure", "csv/frx_2012_disclosure.csv", "csv"),
    ("indictb1h_14", "csv/indictb1h_14.csv", "csv"),
    ("schools", "csv/schools.csv", "csv"),
    ("spanning_cells", "json/spanning_cells.json", "json"),
    ("spreadsheet_no_bounding_frame", "csv/spreadsheet_no_bounding_frame.csv", "csv"),
    ("twotables", "json/twotables.json", "json"),
]

for name, exp, kind in TABULA_SET:
    save_page(show(TABULA, TRES + name + ".pdf"), "tabula-" + name)
    src = f"tabula-java {TRES}{name}.pdf"
    if kind == "csv":
        tables = [{"grid": csv_grid(show(TABULA, TRES + exp).decode("utf-8"))}]
    elif kind == "json":
        tables = [{"grid": g} for g in json_grids(show(TABULA, TRES + exp).decode("utf-8"))]
    else:
        # MultiColumn.csv is the two side-by-side tables' rows, one area after the other (24 + 20 rows).
        rows = csv_grid(show(TABULA, TRES + "csv/MultiColumn.csv").decode("utf-8"))
        tables = [{"grid": rows[:24]}, {"grid": rows[24:]}]
    write("tabula-" + name, src, tables)

# pdfplumber: rows asserted by its tests, or read off the page where the test asserts a count.
PLUMBER_SET = {
    "issue-140-example": [{"partial": [["", "0085648100300", "CENTRAL KMA", "LILYS 55% DARK CHOC BAR", "415", "$ 0.61", "$ 253.15", "0.0000"]]}],
    "issue-466-example": [{"grid": [[f"T{t}-C{c}" for c in range(3)]] + [[f"T{t}-{r}{c}" + ("-last" if r == 2 else "") for c in range(3)] for r in range(3)]} for t in range(4)],
    "table-curves-example": [{"partial": [["Thrombocytopenia", "Uncommon", "Uncommon", "Common"], ["Pruritus", "Uncommon", "Uncommon", "Uncommon*"], ["Angioedema", "Not known", "Not known", "Not known"]]}],
    "nics-background-checks-2015-11": [{"partial": [["Alabama", "18,870", "23,022", "22,650", "859", "1,178", "0", "14", "15", "0", "2,179", "2,307", "11"], ["Guam", "0", "100", "55", "12", "3", "0", "0", "0", "0", "1", "0", "0"], ["Kentucky", "264,140", "12,155", "14,847", "254", "648", "1", "9", "11", "0", "1,491", "2,315", "2"]]}],
}
PLUMBER_SET["nics-background-checks-2015-11-rotated"] = PLUMBER_SET["nics-background-checks-2015-11"]
for name, tables in PLUMBER_SET.items():
    save_page(show(PLUMBER, "tests/pdfs/" + name + ".pdf"), "pdfplumber-" + name)
    write("pdfplumber-" + name, f"pdfplumber tests/pdfs/{name}.pdf", tables)
print("ok")
