#!/usr/bin/python3
"""Generated XLSX workbooks with known content (python3-openpyxl): one to three sheets, each with a title
line and one or two tables (side by side or stacked, past empty rows/columns, not at A1), header rows,
numbers under number formats (thousands, decimals, percentages, dates), a merged header cell, and a hidden
sheet that must not show. Writes gen/xlsx/<id>.xlsx and truth/xlsx/<id>.md + .tables.json; the truth
holds the values as Excel displays them."""
import datetime
import os
import random

import openpyxl

import content

here = os.path.dirname(os.path.abspath(__file__))

FORMATS = [
    ("#,##0", lambda v: f"{v:,.0f}"),
    ("#,##0.00", lambda v: f"{v:,.2f}"),
    ("0.0%", lambda v: f"{v * 100:.1f}%"),
    ("0.00", lambda v: f"{v:.2f}"),
]


def put_table(ws, rng, top, left, tables, md):
    rows, cols = rng.randint(3, 7), rng.randint(2, 5)
    header = [w.capitalize() for w in rng.sample(content.WORDS, cols)]
    grid = [header]
    for c, h in enumerate(header):
        ws.cell(top, left + c, h)
    fmt = [rng.choice(FORMATS) for _ in range(cols)]
    for r in range(1, rows):
        row = []
        for c in range(cols):
            cell = ws.cell(top + r, left + c)
            if c == 0:
                cell.value = rng.choice(content.WORDS)
                row.append(cell.value)
            elif c == cols - 1 and rng.random() < 0.3:
                day = datetime.date(2020, 1, 1) + datetime.timedelta(days=rng.randint(0, 1500))
                cell.value = day
                cell.number_format = "yyyy-mm-dd"
                row.append(day.isoformat())
            else:
                code, show = fmt[c]
                v = rng.uniform(0, 1) if "%" in code else rng.uniform(10, 100000)
                cell.value = v
                cell.number_format = code
                row.append(show(v))
        grid.append(row)
    merges = []
    if cols >= 3 and rng.random() < 0.4:
        ws.merge_cells(start_row=top, start_column=left + 1, end_row=top, end_column=left + 2)
        merged = header[1] + " " + header[2]
        ws.cell(top, left + 1, merged)
        grid[0][1], grid[0][2] = merged, ""
        merges.append((0, 1, 1, 2))
    tables.append(grid)
    md.append(content.table_html(grid, merges))
    return rows, cols


def make(i, out_dir, truth_dir):
    rng = random.Random(2000 + i)
    wb = openpyxl.Workbook()
    md, tables = [], []
    sheets = rng.randint(1, 3)
    for s in range(sheets):
        ws = wb.active if s == 0 else wb.create_sheet()
        ws.title = content.words(rng, 1).capitalize() + str(s)
        if sheets > 1:
            md.append("# " + ws.title)
        top, left = rng.randint(1, 3), rng.randint(1, 3)
        title = content.words(rng, 4).capitalize()
        ws.cell(top, left, title)
        md.append(title)
        rows, cols = put_table(ws, rng, top + 2, left, tables, md)
        if rng.random() < 0.5:
            if rng.random() < 0.5:
                put_table(ws, rng, top + 2, left + cols + 2, tables, md)   # side by side
            else:
                put_table(ws, rng, top + 2 + rows + 2, left, tables, md)   # stacked
    hidden = wb.create_sheet("Hidden")
    hidden["A1"] = "this sheet is hidden"
    hidden.sheet_state = "hidden"
    name = f"gen-xlsx-{i:02d}"
    wb.save(os.path.join(out_dir, name + ".xlsx"))
    content.write_truth(os.path.join(truth_dir, name), md, tables)


if __name__ == "__main__":
    content.generate("xlsx", make, here)
