"""Deterministic document content for the generated half of bench/office: the same structures drive the
DOCX, XLSX and PPTX generators and the reference Markdown / table truth they write beside each file."""
import html
import json
import os
import random
import sys

WORDS = ("harbour lantern quarry meadow signal copper orchard ledger valley engine river basalt timber "
         "granite harvest compass ferry beacon cellar market glacier pigment saddle furnace thimble "
         "parcel canyon tundra vessel marble cobalt prairie tractor lagoon quiver ribbon summit walnut "
         "anchor bramble crater delta ember fjord gravel hollow island juniper kettle lumber mosaic").split()


def words(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def sentence(rng):
    s = words(rng, rng.randint(6, 14))
    return s[0].upper() + s[1:] + "."


def paragraph(rng):
    return " ".join(sentence(rng) for _ in range(rng.randint(2, 4)))


def table(rng, rows, cols, merge=False):
    """A grid of cell texts: a header row of words, then numbers and words; optionally a merged header cell
    (returned as (grid, merges) with merges as (row, col, rowspan, colspan))."""
    grid = [[w.capitalize() for w in rng.sample(WORDS, cols)]]
    for _ in range(rows - 1):
        grid.append([rng.choice(WORDS)] + [str(rng.randint(1, 999)) for _ in range(cols - 1)])
    merges = []
    if merge and cols >= 3:
        grid[0][1] = grid[0][1] + " " + grid[0][2]
        grid[0][2] = ""
        merges.append((0, 1, 1, 2))
    return grid, merges


def table_html(grid, merges=()):
    covered = set()
    spans = {}
    for r, c, rs, cs in merges:
        spans[(r, c)] = (rs, cs)
        for i in range(r, r + rs):
            for j in range(c, c + cs):
                if (i, j) != (r, c):
                    covered.add((i, j))
    out = ["<table>"]
    for i, row in enumerate(grid):
        out.append("<tr>")
        for j, cell in enumerate(row):
            if (i, j) in covered:
                continue
            rs, cs = spans.get((i, j), (1, 1))
            attrs = (f' colspan="{cs}"' if cs > 1 else "") + (f' rowspan="{rs}"' if rs > 1 else "")
            out.append(f"<td{attrs}>{html.escape(cell)}</td>")
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)


def write_truth(path_base, md_parts, tables):
    with open(path_base + ".md", "w") as f:
        f.write("\n\n".join(md_parts) + "\n")
    with open(path_base + ".tables.json", "w") as f:
        json.dump({"tables": [{"grid": g} for g in tables]}, f, indent=1)


def generate(kind, make, here):
    """Writes N (argv[1], default 12) generated files of KIND and their truth under HERE/gen and HERE/truth."""
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 12
    out_dir, truth_dir = os.path.join(here, "gen", kind), os.path.join(here, "truth", kind)
    os.makedirs(out_dir, exist_ok=True)
    os.makedirs(truth_dir, exist_ok=True)
    for i in range(n):
        make(i, out_dir, truth_dir)
