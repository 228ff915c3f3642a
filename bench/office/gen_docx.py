#!/usr/bin/python3
"""Generated DOCX documents with known content (python3-docx): headings at three levels, paragraphs with
bold and italic runs, bulleted and numbered lists, tables (one with a merged header), a picture with a
caption, page header and footer. Writes gen/docx/<id>.docx and truth/docx/<id>.md + .tables.json."""
import os
import random
import struct
import zlib

import docx

import content

here = os.path.dirname(os.path.abspath(__file__))


def png(w=8, h=8):
    raw = b"".join(b"\x00" + bytes([100, 150, 200]) * w for _ in range(h))
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def make(i, out_dir, truth_dir):
    rng = random.Random(1000 + i)
    d = docx.Document()
    md, tables = [], []
    title = content.words(rng, 3).title()
    d.add_heading(title, 0)
    md.append("# " + title)
    d.sections[0].header.paragraphs[0].text = "Internal memo " + str(i)
    d.sections[0].footer.paragraphs[0].text = "Confidential draft"
    for s in range(rng.randint(2, 4)):
        h1 = content.words(rng, rng.randint(2, 4)).capitalize()
        d.add_heading(h1, 1)
        md.append("# " + h1)
        for _ in range(rng.randint(1, 3)):
            text = content.paragraph(rng)
            p = d.add_paragraph()
            parts = text.split(" ")
            cut = rng.randint(1, len(parts) - 2)
            p.add_run(" ".join(parts[:cut]) + " ")
            p.add_run(parts[cut]).bold = True
            p.add_run(" " + " ".join(parts[cut + 1:]))
            md.append(text)
        h2 = content.words(rng, rng.randint(2, 3)).capitalize()
        d.add_heading(h2, 2)
        md.append("## " + h2)
        kind = rng.choice(["List Bullet", "List Number"])
        items = [content.sentence(rng) for _ in range(rng.randint(2, 5))]
        for it in items:
            d.add_paragraph(it, style=kind)
        md.append("\n".join(("- " if kind == "List Bullet" else f"{n + 1}. ") + it for n, it in enumerate(items)))
        if rng.random() < 0.7:
            h3 = content.words(rng, 2).capitalize()
            d.add_heading(h3, 3)
            md.append("### " + h3)
            grid, merges = content.table(rng, rng.randint(3, 6), rng.randint(3, 5), merge=rng.random() < 0.5)
            t = d.add_table(rows=len(grid), cols=len(grid[0]))
            for r, row in enumerate(grid):
                for c, cell in enumerate(row):
                    if cell:
                        t.cell(r, c).text = cell
            for r, c, rs, cs in merges:
                a = t.cell(r, c)
                a.merge(t.cell(r + rs - 1, c + cs - 1))
                a.text = grid[r][c]
            caption = f"Table {len(tables) + 1}: {content.words(rng, 3)}"
            d.add_paragraph(caption, style="Caption")
            md.append(caption + "\n" + content.table_html(grid, merges))
            tables.append(grid)
        if rng.random() < 0.4:
            path = os.path.join(out_dir, f"img{i}.png")
            with open(path, "wb") as f:
                f.write(png())
            d.add_picture(path)
            os.remove(path)
            caption = f"Figure {s + 1}: {content.words(rng, 4)}"
            d.add_paragraph(caption, style="Caption")
            md.append(caption)
    name = f"gen-docx-{i:02d}"
    d.save(os.path.join(out_dir, name + ".docx"))
    content.write_truth(os.path.join(truth_dir, name), md, tables)


if __name__ == "__main__":
    content.generate("docx", make, here)
