#!/usr/bin/python3
"""Scores equation LaTeX against the corpus truth by normalised token edit distance.

usage: score_equations.py TRUTH_JSON PRED_DIR [--per-item]
PRED_DIR holds <name>.md or <name>.txt per corpus file. Each file is cut at its "Item N." markers; the piece
after a marker is that item's prediction: the $$..$$ / $..$ contents where the tool wrote math, else its
plain text (Unicode symbols read as their LaTeX commands, so plain-text tools are not punished for spelling).
Normalisation: tokens are commands, braces and single characters; spacing commands, \\left/\\right and size
commands are dropped; arguments of ^ _ and of known commands are braced, other braces dropped; a base's
^ and _ come in the order _ then ^; \\sin-style names become letters; \\le/\\ge/... fold to one spelling.
Similarity = 1 - levenshtein(tokens) / max(len). Prints mean similarity, exact-match share, per level and kind.
"""
import json, os, re, sys
from collections import defaultdict
import Levenshtein

UNICODE = {
    "α": r"\alpha", "β": r"\beta", "γ": r"\gamma", "δ": r"\delta", "ϵ": r"\epsilon", "ε": r"\varepsilon", "θ": r"\theta",
    "λ": r"\lambda", "µ": r"\mu", "μ": r"\mu", "σ": r"\sigma", "φ": r"\phi", "ϕ": r"\phi", "ω": r"\omega", "π": r"\pi", "ρ": r"\rho",
    "τ": r"\tau", "Γ": r"\Gamma", "∆": r"\Delta", "Δ": r"\Delta", "Σ": r"\Sigma", "Ω": r"\Omega", "Φ": r"\Phi", "Λ": r"\Lambda",
    "≤": r"\leq", "≥": r"\geq", "≠": r"\neq", "≈": r"\approx", "∼": r"\sim", "≡": r"\equiv", "∈": r"\in", "⊂": r"\subset",
    "→": r"\to", "⇒": r"\Rightarrow", "↦": r"\mapsto", "±": r"\pm", "×": r"\times", "·": r"\cdot", "⋅": r"\cdot", "−": "-",
    "∞": r"\infty", "∑": r"\sum", "∏": r"\prod", "∫": r"\int", "√": r"\sqrt", "∂": r"\partial", "∇": r"\nabla", "∥": r"\|",
    "ℝ": r"\mathbb{R}", "ℂ": r"\mathbb{C}", "ℤ": r"\mathbb{Z}", "ℕ": r"\mathbb{N}", "ℚ": r"\mathbb{Q}", "𝔼": r"\mathbb{E}",
    "ℒ": r"\mathcal{L}", "𝒪": r"\mathcal{O}", "ℱ": r"\mathcal{F}", "𝒢": r"\mathcal{G}", "̸=": r"\neq", "∶": ":",
}
SYNONYMS = {r"\le": r"\leq", r"\ge": r"\geq", r"\ne": r"\neq", r"\rightarrow": r"\to", r"\dfrac": r"\frac", r"\tfrac": r"\frac",
            r"\lbrace": r"\{", r"\rbrace": r"\}", r"\lvert": "|", r"\rvert": "|", r"\lVert": r"\|", r"\rVert": r"\|", r"\Vert": r"\|",
            r"\varepsilon": r"\epsilon", r"\varphi": r"\phi", r"\ldots": r"\dots", r"\cdots": r"\dots", r"\colon": ":"}
DROP = {r"\,", r"\;", r"\:", r"\!", r"\ ", r"\quad", r"\qquad", "~", r"\left", r"\right", r"\big", r"\Big", r"\bigg", r"\Bigg",
        r"\bigl", r"\bigr", r"\Bigl", r"\Bigr", r"\displaystyle", r"\textstyle", r"\limits", r"\nolimits", r"\mathrm", r"\text",
        r"\mathit", r"\operatorname", "\\\\", "&"}
NAMES = {r"\sin", r"\cos", r"\tan", r"\log", r"\ln", r"\exp", r"\lim", r"\max", r"\min", r"\det", r"\sup", r"\inf"}
ARITY = {r"\frac": 2, r"\binom": 2, r"\sqrt": 1, r"\mathbb": 1, r"\mathcal": 1, r"\mathbf": 1, r"\mathfrak": 1, r"\tag": 1,
         r"\hat": 1, r"\bar": 1, r"\vec": 1, r"\tilde": 1, r"\dot": 1, r"\overline": 1, r"\underline": 1, r"\boldsymbol": 1}


def tokens(s):
    for ch, cmd in UNICODE.items():
        s = s.replace(ch, " " + cmd + " ")
    out = []
    for t in re.findall(r"\\[A-Za-z]+|\\.|[^\s]", s):
        t = SYNONYMS.get(t, t)
        if t in DROP or t in (r"\begin", r"\end"):
            continue
        if t in NAMES:
            out.extend(t[1:])
            continue
        out.append(t)
    # environments: drop their {name} (pmatrix etc. appear as words otherwise)
    s2 = " ".join(out)
    s2 = re.sub(r"\{ (p|b|v)?matrix \}|\{ (cases|aligned|array) \}", " ", s2)
    return s2.split()


def parse(toks, i=0, close=None):
    """Tokens into nodes: a string or a list (a braced group)."""
    nodes = []
    while i < len(toks):
        t = toks[i]
        if t == "{":
            sub, i = parse(toks, i + 1, "}")
            nodes.append(sub)
        elif t == "}" and close == "}":
            return nodes, i + 1
        elif t == "}":
            pass  # unbalanced closer: ignore
        else:
            nodes.append(t)
        i += 1
    return nodes, i


def canon(nodes):
    """Braces only around arguments; _ before ^ on one base; flattened to tokens."""
    out = []
    i = 0
    items = []  # (kind, tokens) kind: 'sub'/'sup'/'other'
    while i < len(nodes):
        n = nodes[i]
        if isinstance(n, list):
            items.append(("other", canon(n)))
            i += 1
            continue
        if n in ("^", "_"):
            arg = nodes[i + 1] if i + 1 < len(nodes) else []
            body = canon(arg if isinstance(arg, list) else [arg])
            items.append(("sub" if n == "_" else "sup", [n, "{"] + body + ["}"]))
            i += 2
            continue
        if n in ARITY:
            toks = [n]
            j = i + 1
            if n == r"\sqrt" and j < len(nodes) and nodes[j] == "[":
                k = j
                while k < len(nodes) and nodes[k] != "]":
                    k += 1
                toks += ["["] + canon(nodes[j + 1:k]) + ["]"]
                j = k + 1
            for _ in range(ARITY[n]):
                arg = nodes[j] if j < len(nodes) else []
                toks += ["{"] + canon(arg if isinstance(arg, list) else [arg]) + ["}"]
                j += 1
            items.append(("other", toks))
            i = j
            continue
        items.append(("other", [n]))
        i += 1
    k = 0
    while k < len(items):
        if k + 1 < len(items) and items[k][0] == "sup" and items[k + 1][0] == "sub":
            items[k], items[k + 1] = items[k + 1], items[k]
            k += 2
            continue
        k += 1
    for _, toks in items:
        out.extend(toks)
    return out


def normalise(latex):
    nodes, _ = parse(tokens(latex))
    return canon(nodes)


def similarity(pred, truth):
    a, b = normalise(pred), normalise(truth)
    if not a and not b:
        return 1.0, True
    # Levenshtein over token sequences: map each distinct token to one character.
    alphabet = {}
    ea = "".join(alphabet.setdefault(t, chr(0x4E00 + len(alphabet))) for t in a)
    eb = "".join(alphabet.setdefault(t, chr(0x4E00 + len(alphabet))) for t in b)
    d = Levenshtein.distance(ea, eb)
    return 1 - d / max(len(a), len(b)), a == b


PROSE = "This sentence is ordinary prose that runs across the width of the text block, as the paragraphs of a paper do."
MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+.!~$<>|-])")


def predictions(text):
    """Item number -> predicted LaTeX (or plain text) from one tool's output."""
    marks = list(re.finditer(r"Item\s+(\d+)\s*\.", text))
    preds = {}
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        seg = text[m.end():end]
        maths = re.findall(r"\$\$(.*?)\$\$", seg, flags=re.S)
        rest = re.sub(r"\$\$.*?\$\$", " ", seg, flags=re.S)
        maths += re.findall(r"(?<![\\$])\$([^$]+?)\$", rest)
        if maths:
            pred = " ".join(maths)
        else:
            pred = MD_ESCAPE.sub(r"\1", seg)
            pred = " ".join(pred.split()).replace(PROSE, " ")
            pred = re.sub(r"^\s*We have\s+", " ", pred)
            pred = re.sub(r"\s+here\.\s*$", " ", pred)
        # a printed "(n)" at the end is the tool's rendering of the equation number
        pred = re.sub(r"\(\s*(\d+)\s*\)\s*$", r" \\tag{\1}", pred.strip())
        preds[int(m.group(1))] = pred
    return preds


def main():
    truth = json.load(open(sys.argv[1]))
    pred_dir = sys.argv[2]
    per_item = "--per-item" in sys.argv
    sims, exact = [], []
    by_level, by_kind = defaultdict(list), defaultdict(list)
    for name, items in truth.items():
        path = next((os.path.join(pred_dir, name + ext) for ext in (".md", ".txt") if os.path.exists(os.path.join(pred_dir, name + ext))), None)
        preds = predictions(open(path).read()) if path else {}
        for it in items:
            s, e = similarity(preds.get(it["id"], ""), it["latex"])
            sims.append(s)
            exact.append(e)
            by_level[it["level"]].append(s)
            by_kind[it["kind"]].append(s)
            if per_item:
                print(f"{it['id']:4d} L{it['level']} {it['kind']:8s} {s:.2f}  truth: {it['latex']}\n{'':24s}pred:  {preds.get(it['id'], '')}")
    mean = lambda xs: sum(xs) / max(1, len(xs))
    levels = " ".join(f"L{k}={mean(v):.3f}" for k, v in sorted(by_level.items()))
    kinds = " ".join(f"{k}={mean(v):.3f}" for k, v in sorted(by_kind.items()))
    print(f"similarity {mean(sims):.3f} exact {mean(exact):.3f} n={len(sims)} | {levels} | {kinds}")


if __name__ == "__main__":
    main()
