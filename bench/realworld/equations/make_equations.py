#!/usr/bin/python3
"""Writes the equation corpus: LaTeX equations of graded difficulty, compiled with pdflatex.

usage: make_equations.py OUT_DIR [SEED]
Writes OUT_DIR/eq-<k>.tex, eq-<k>.pdf and truth.json ({"eq-<k>": [{"id", "kind", "level", "latex"}]}).
Each equation follows a marker paragraph "Item N." so any tool's text can be cut back into items.
Kinds: display (\\[..\\]), numbered (equation environment; the truth carries \\tag{n}), inline ($..$ in a sentence).
Two files carry \\pdfgentounicode=1 (as arXiv builds do), two do not (TeX's default).
"""
import json, os, random, subprocess, sys, tempfile

GREEK = ["alpha", "beta", "gamma", "delta", "epsilon", "theta", "lambda", "mu", "sigma", "phi", "omega", "pi", "rho", "tau"]
UPPER_GREEK = ["Gamma", "Delta", "Sigma", "Omega", "Phi", "Lambda"]
LETTERS = list("abcxyzkntuvfg")
RELS = ["=", "<", ">", r"\leq", r"\geq", r"\neq", r"\approx", r"\sim", r"\equiv", r"\in", r"\subset", r"\to", r"\Rightarrow", r"\mapsto"]
BINOPS = ["+", "-", r"\times", r"\cdot", r"\pm"]


def atom(rng):
    r = rng.random()
    if r < 0.55:
        return rng.choice(LETTERS)
    if r < 0.8:
        return "\\" + rng.choice(GREEK)
    return str(rng.randint(1, 9))


def level1(rng):  # operators, relations, Greek
    return f"{atom(rng)} {rng.choice(BINOPS)} {atom(rng)} {rng.choice(RELS)} {atom(rng)}"


def level2(rng):  # sub/superscripts
    b = rng.choice(LETTERS)
    forms = [f"{b}^{{{rng.randint(2, 4)}}}", f"{b}_{{{rng.choice('ijkn')}}}", f"{b}_{{{rng.choice('ijk')}}}^{{{rng.randint(2, 3)}}}",
             f"e^{{-{rng.choice('xt')}}}", f"{b}_{{{rng.choice('ij')}{rng.choice('jk')}}}", f"\\{rng.choice(GREEK)}_{{{rng.randint(0, 2)}}}"]
    a, c = rng.sample(forms, 2)
    return f"{a} {rng.choice(BINOPS)} {c} {rng.choice(RELS[:6])} {atom(rng)}"


def level3(rng):  # fractions and radicals
    x, y = rng.sample(LETTERS, 2)
    forms = [f"\\frac{{{x}}}{{{y}}}", f"\\frac{{1}}{{{rng.randint(2, 9)}}}", f"\\sqrt{{{x}}}", f"\\sqrt{{{x}^{{2}} + {y}^{{2}}}}",
             f"\\frac{{{x} + {y}}}{{{rng.randint(2, 5)}}}", f"\\frac{{\\{rng.choice(GREEK)}}}{{{x}}}"]
    a, c = rng.sample(forms, 2)
    return f"{atom(rng)} = {a} {rng.choice(BINOPS)} {c}"


def level4(rng):  # big operators with limits, integrals
    i = rng.choice("ijk")
    x = rng.choice("xay")
    forms = [f"\\sum_{{{i}=1}}^{{n}} {x}_{{{i}}}", f"\\prod_{{{i}=1}}^{{n}} {x}_{{{i}}}", f"\\int_{{0}}^{{1}} {x}^{{2}} d{x}",
             f"\\int_{{0}}^{{\\infty}} e^{{-{x}}} d{x}", f"\\sum_{{{i}=0}}^{{\\infty}} \\frac{{1}}{{{i}!}}", f"\\lim_{{n \\to \\infty}} {x}_{{n}}"]
    return f"{rng.choice(forms)} = {atom(rng)}"


def level5(rng):  # alphabets
    forms = [r"x \in \mathbb{R}^{n}", r"f : \mathbb{R} \to \mathbb{C}", r"\mathcal{L}(\theta) = \mathbf{x}^{2}",
             r"\mathbf{A} \mathbf{x} = \mathbf{b}", r"\mathcal{O}(n \log n)", r"z \in \mathbb{Z}", r"\mathbb{E}[X] = \mu",
             r"\mathcal{F} \subset \mathcal{G}", r"\mathbf{v} \cdot \mathbf{w} = 0", r"\mathbb{N} \subset \mathbb{Q}"]
    return rng.choice(forms)


def level6(rng):  # nested and combined
    forms = [r"e^{x^{2}}", r"\frac{\partial^{2} u}{\partial x^{2}} = c^{2} \frac{\partial^{2} u}{\partial t^{2}}",
             r"\sqrt{\frac{a}{b}}", r"\frac{1}{1 + e^{-x}}", r"\sum_{i=1}^{n} \frac{1}{i^{2}} \leq \frac{\pi^{2}}{6}",
             r"\int_{a}^{b} f(x) dx = F(b) - F(a)", r"x = \frac{-b \pm \sqrt{b^{2} - 4 a c}}{2 a}",
             r"\sigma^{2} = \frac{1}{n} \sum_{i=1}^{n} (x_{i} - \mu)^{2}", r"\|x\|_{2} = \sqrt{\sum_{i} x_{i}^{2}}",
             r"p(x) = \frac{1}{\sigma \sqrt{2 \pi}} e^{-\frac{(x - \mu)^{2}}{2 \sigma^{2}}}", r"\nabla \cdot \mathbf{E} = \frac{\rho}{\epsilon_{0}}",
             r"\binom{n}{k} = \frac{n!}{k! (n - k)!}", r"A = \begin{pmatrix} a & b \\ c & d \end{pmatrix}"]
    return rng.choice(forms)


# Full-width prose before each equation, as in a paper (a short marker alone at the left margin beside
# centred equations would make the page look like two columns).
PROSE = "This sentence is ordinary prose that runs across the width of the text block, as the paragraphs of a paper do."

LEVELS = [level1, level2, level3, level4, level5, level6]

PREAMBLE = r"""\documentclass[11pt]{article}
\usepackage{amsmath,amssymb}
\usepackage[margin=2.5cm]{geometry}
\pagestyle{empty}
%s
\begin{document}
"""


def build(out, seed=12, files=4, per_file=36):
    rng = random.Random(seed)
    truth = {}
    n = 0
    for k in range(files):
        name = f"eq-{k + 1}"
        items = []
        body = []
        eqno = 0
        for j in range(per_file):
            n += 1
            level = j % len(LEVELS)
            latex = LEVELS[level](rng)
            kind = ["display", "numbered", "inline"][rng.randrange(3)]
            if "pmatrix" in latex or "binom" in latex:
                kind = "display"
            body.append(f"\\noindent Item {n}. {PROSE}")
            if kind == "inline":
                body.append(f"We have ${latex}$ here.\n")
                truth_latex = latex
            elif kind == "numbered":
                eqno += 1
                body.append(f"\\begin{{equation}}\n{latex}\n\\end{{equation}}\n")
                truth_latex = f"{latex} \\tag{{{eqno}}}"
            else:
                body.append(f"\\[\n{latex}\n\\]\n")
                truth_latex = latex
            items.append({"id": n, "kind": kind, "level": level + 1, "latex": truth_latex})
        extra = r"\input glyphtounicode \pdfgentounicode=1" if k >= 2 else ""
        tex = PREAMBLE % extra + "\n".join(body) + "\n\\end{document}\n"
        with open(os.path.join(out, name + ".tex"), "w") as f:
            f.write(tex)
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "-output-directory", tmp, os.path.join(out, name + ".tex")],
                           check=True, capture_output=True)
            os.replace(os.path.join(tmp, name + ".pdf"), os.path.join(out, name + ".pdf"))
        truth[name] = items
    with open(os.path.join(out, "truth.json"), "w") as f:
        json.dump(truth, f, indent=1)
    return n


if __name__ == "__main__":
    out = os.path.abspath(sys.argv[1])
    os.makedirs(out, exist_ok=True)
    print(build(out, int(sys.argv[2]) if len(sys.argv) > 2 else 12), "equations")
