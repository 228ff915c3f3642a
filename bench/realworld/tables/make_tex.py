#!/usr/bin/python3
"""Writes the LaTeX-made captioned tables of the set: tex/NAME.tex compiled with pdflatex (xelatex for
CJK) to pdf/NAME.pdf, with the expected grid, caption and footnotes written from the same data.
Covers captions above (article) and below, IEEE-style "TABLE II" over a small-caps title, "Tab." and
localised labels, notes and source lines under the table, and prose that mentions a table next to it
(which must stay text)."""
import json, os, shutil, subprocess, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PROSE = ("The measurements were repeated on three separate days, and the averages are reported here. "
         "Each run used the same apparatus and calibration, so the differences reflect the samples. ")


def tabular(grid, cols=None):
    cols = cols or "l" + "r" * (len(grid[0]) - 1)
    rows = [" & ".join(r) + r" \\" for r in grid]
    return "\n".join([rf"\begin{{tabular}}{{{cols}}}", r"\toprule", rows[0], r"\midrule", *rows[1:], r"\bottomrule", r"\end{tabular}"])


def doc(body, preamble="", engine="pdflatex"):
    pre = r"\documentclass[11pt]{article}\usepackage[T1]{fontenc}\usepackage{lmodern}\usepackage{booktabs}\usepackage[margin=2.5cm]{geometry}" + preamble
    return engine, pre + "\n\\begin{document}\n" + body + "\n\\end{document}\n"


G1 = [["Sample", "Mass (g)", "Volume (ml)", "Density"], ["Copper", "89.6", "10.0", "8.96"], ["Iron", "78.7", "10.0", "7.87"],
      ["Lead", "113.4", "10.0", "11.34"], ["Tin", "72.9", "10.0", "7.29"]]
G2 = [["Month", "North", "South", "East"], ["January", "120", "98", "143"], ["February", "131", "102", "139"],
      ["March", "125", "110", "150"], ["April", "140", "115", "162"]]
G3 = [["Model", "Params", "Top-1", "Top-5"], ["Small", "11M", "69.8", "89.1"], ["Medium", "25M", "76.1", "92.9"],
      ["Large", "60M", "78.3", "94.1"]]
G4 = [["Land", "Hauptstadt", "Einwohner"], ["Norwegen", "Oslo", "5,4"], ["Peru", "Lima", "33,7"], ["Ghana", "Accra", "32,8"]]
G5 = [["Pays", "Capitale", "Habitants"], ["Norvège", "Oslo", "5,4"], ["Pérou", "Lima", "33,7"], ["Ghana", "Accra", "32,8"]]
G6 = [["城市", "人口", "面积"], ["北京", "2189", "16410"], ["上海", "2487", "6340"], ["广州", "1867", "7434"]]

DOCS = {}
# Caption above (article default: \caption before the tabular), notes and source below it.
DOCS["tex-caption-above-notes"] = (doc(PROSE + "\n\n" + r"\begin{table}[h]\centering\caption{Density of four metals at room temperature}" + "\n"
    + tabular(G1) + "\n\n" + r"\smallskip{\footnotesize Note: Volumes were measured by displacement.\par Source: laboratory notebook, 2021.\par}\end{table}"
    + "\n\n" + PROSE + PROSE),
    [{"grid": G1, "caption": ["Table 1: Density of four metals at room temperature"],
      "footnote": ["Note: Volumes were measured by displacement.", "Source: laboratory notebook, 2021."]}])
# Caption below, and a prose paragraph right above the table that mentions it (stays text).
DOCS["tex-caption-below-prose"] = (doc(PROSE + "\n\n" + r"Table~1 shows the monthly sales of the three regions; the figures are in thousands of units." + "\n\n"
    + r"\begin{table}[h]\centering" + "\n" + tabular(G2) + "\n" + r"\caption{Monthly sales by region}\end{table}" + "\n\n" + PROSE + PROSE),
    [{"grid": G2, "caption": ["Table 1: Monthly sales by region"], "footnote": []}])
# IEEE style: "TABLE II" on its own line over a small-caps title, a starred note below.
DOCS["tex-ieee-roman"] = (doc(PROSE + "\n\n" + r"\begin{center}{\footnotesize TABLE II\\ \textsc{Accuracy of the Three Models}}\\[4pt]" + "\n"
    + tabular(G3) + r"\\[2pt]{\footnotesize * Single crop, validation set.}\end{center}" + "\n\n" + PROSE + PROSE),
    [{"grid": G3, "caption": ["TABLE II", "Accuracy of the Three Models"], "footnote": ["* Single crop, validation set."]}])
# German label, "Tab." short label below the table, French label.
DOCS["tex-localised"] = (doc(PROSE + "\n\n" + r"\begin{table}[h]\centering\caption{Hauptstädte und Einwohner (Mio.)}" + "\n" + tabular(G4) + r"\end{table}"
    + "\n\n" + PROSE + "\n\n" + r"\begin{center}" + tabular(G5) + r"\\[6pt] Tableau 2 -- Capitales et habitants (millions)\end{center}" + "\n\n" + PROSE,
    r"\usepackage[utf8]{inputenc}\renewcommand{\tablename}{Tabelle}"),
    [{"grid": G4, "caption": ["Tabelle 1: Hauptstädte und Einwohner (Mio.)"], "footnote": []},
     {"grid": G5, "caption": ["Tableau 2 – Capitales et habitants (millions)"], "footnote": []}])
# Chinese label 表 above, "Tab. 2" style caption of an English table below.
DOCS["tex-cjk-tab"] = (doc("本文给出三个城市的人口和面积数据，数据来自统计年鉴。" * 3 + "\n\n" + r"\begin{center}表 1：城市人口与面积\\[4pt]" + tabular(G6) + r"\end{center}"
    + "\n\n" + PROSE + "\n\n" + r"\begin{center}" + tabular(G1) + r"\\[6pt] Tab. 2: Density of four metals\end{center}" + "\n\n" + PROSE,
    r"\usepackage{xeCJK}\setCJKmainfont{Noto Serif CJK SC}", engine="xelatex"),
    [{"grid": G6, "caption": ["表 1：城市人口与面积"], "footnote": []},
     {"grid": G1, "caption": ["Tab. 2: Density of four metals"], "footnote": []}])

# booktabs with a wrapped p{} column and no rule between rows: each record is one row (not yet read so).
G7 = [["Method", "Description", "Score"],
      ["Baseline", "A plain linear model trained on the raw features without any tuning of its parameters", "61.2"],
      ["Boosted", "Gradient boosted trees with early stopping", "74.8"],
      ["Ensemble", "An average of the five best models from the search, each trained on its own split of the data", "77.1"]]
DOCS["tex-booktabs-wrapped"] = (doc(PROSE + "\n\n" + r"\begin{table}[h]\centering\caption{Methods compared}" + "\n"
    + tabular(G7, cols="lp{6cm}r") + r"\end{table}" + "\n\n" + PROSE + PROSE),
    [{"grid": G7, "caption": ["Table 1: Methods compared"], "footnote": []}])

if __name__ == "__main__":
    tmp = tempfile.mkdtemp()
    for name, ((engine, src), tables) in DOCS.items():
        if engine == "xelatex":
            src = src.replace(r"\usepackage[T1]{fontenc}\usepackage{lmodern}", "")
        with open(os.path.join(HERE, "tex", name + ".tex"), "w", encoding="utf-8") as f:
            f.write(src)
        subprocess.run([engine, "-interaction=nonstopmode", "-output-directory", tmp, os.path.join(HERE, "tex", name + ".tex")],
                       check=True, capture_output=True)
        shutil.copy(os.path.join(tmp, name + ".pdf"), os.path.join(HERE, "pdf", name + ".pdf"))
        with open(os.path.join(HERE, "expected", name + ".json"), "w", encoding="utf-8") as f:
            json.dump({"source": f"made here: tex/{name}.tex via {engine}", "tables": tables}, f, ensure_ascii=False, indent=1)
    shutil.rmtree(tmp)
    print("ok")
