#!/usr/bin/python3
"""Builds the heading evaluation set: PDFs (outline stripped) in BUILD_DIR/pdf, reference Markdown in BUILD_DIR/ref.

Usage: build.py BUILD_DIR

Which lines are headings comes from the sources only: \\section/\\subsection/... in the LaTeX files, the frame
titles of the beamer files, the Heading styles of the LibreOffice files (written by odt.py). The PDF is used
for two things the source cannot say: the number LaTeX printed in front of a title ("2.1", "I.", "(1)") and the
exact glyphs a macro turned into (\\LaTeXe). The outline hyperref writes is removed before any parser sees
the file, so no parser can read the answer from the bookmarks.

The reference body text is pdftotext's (reading order) with the heading lines replaced by Markdown headings:
words and bigrams on this set are therefore measured against pdftotext, which favours it; the set exists
for the heading figure.
"""
import os
import re
import shutil
import subprocess
import sys

import fitz
import Levenshtein

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import odt  # noqa: E402

# id -> (source file, preamble injected before the document's own, for the variants that restyle headings)
RUNIN = (r"\makeatletter\AtBeginDocument{"
         r"\renewcommand\subsection{\@startsection{subsection}{2}{0pt}{2ex}{-1em}{\normalfont\normalsize\bfseries}}"
         r"\renewcommand\subsubsection{\@startsection{subsubsection}{3}{0pt}{2ex}{-1em}{\normalfont\normalsize\itshape}}}"
         r"\makeatother")
ROMAN = (r"\AtBeginDocument{\renewcommand\thesection{\Roman{section}.}"
         r"\renewcommand\thesubsection{(\arabic{subsection})}\renewcommand\thesubsubsection{\alph{subsubsection})}}")
ALPHA = r"\AtBeginDocument{\renewcommand\thesection{\alph{section})}}"
LATEX = {
    "ltx3info": ("ltx3info", ""),
    "modguide": ("modguide", ""),
    "cfgguide": ("cfgguide", ""),
    "ltnews22": ("ltnews22", ""),
    "section-doc": ("section-doc", ""),
    "usrguide": ("usrguide", ""),
    "clsguide": ("clsguide", ""),
    "usrguide-roman": ("usrguide", ROMAN),
    "clsguide-runin": ("clsguide", RUNIN),
    "ltx3info-alpha": ("ltx3info", ALPHA),
}
HANDOUT = r"\PassOptionsToClass{handout}{beamer}"
SLIDES = {
    "conference-ornate-20min": ("conference-ornate-20min", HANDOUT),
    "generic-ornate-15min-45min": ("generic-ornate-15min-45min", HANDOUT),
    "speaker-introduction-2min": ("speaker-introduction-2min", HANDOUT),
    "beamerexample-conference-talk": ("beamerexample-conference-talk", HANDOUT),
    "beamerexample-conference-talk-169": ("beamerexample-conference-talk", HANDOUT + r"\PassOptionsToClass{aspectratio=169}{beamer}"),
}
SECTION_LEVEL = {"part": 1, "chapter": 1, "section": 1, "subsection": 2, "subsubsection": 3, "paragraph": 4, "subparagraph": 5}

MACROS = [
    (r"\\LaTeXe(\{\})?", "LaTeX2ε"), (r"\\LaTeX3", "LaTeX3"), (r"\\LaTeX(\{\})?", "LaTeX"), (r"\\eTeX", "ε-TeX"),
    (r"\\TeX(\{\})?", "TeX"), (r"\\dots|\\ldots", "..."), (r"\\cs\{([^{}]*)\}", "\x00\\1"), (r"\\\\", " "),
    (r"~|\\ ", " "), (r"``|''", '"'), (r"`", "‘"), (r"'", "’"), (r"---", "—"), (r"--", "–"), (r"\\&", "&"), (r"\\%", "%"),
]


def braced(text, i):
    """The text of the {...} group opening at text[i], and the index after it."""
    assert text[i] == "{"
    depth = 0
    for j in range(i, len(text)):
        if text[j] == "{" and text[j - 1] != "\\":
            depth += 1
        elif text[j] == "}" and text[j - 1] != "\\":
            depth -= 1
            if depth == 0:
                return text[i + 1:j], j + 1
    raise ValueError("unbalanced braces")


def skip(text, i, open_, close):
    while i < len(text) and text[i] in " \t\n":
        i += 1
    if i < len(text) and text[i] == open_:
        return text.index(close, i) + 1
    return i


def clean(title):
    t = title
    for pat, rep in MACROS:
        t = re.sub(pat, rep, t)
    t = re.sub(r"\\[a-zA-Z@]+\*?", "", t)  # remaining commands: keep their argument text only
    t = t.replace("{", "").replace("}", "").replace("\\", "").replace("\x00", "\\")
    return " ".join(t.split())


def strip_comments(src):
    """Comments, verbatim environments and \\verb: a \\section in an example is not a heading of the document."""
    src = re.sub(r"(?<!\\)%.*", "", src)
    src = re.sub(r"\\begin\{(verbatim\*?|Verbatim|lstlisting|example)\}.*?\\end\{\1\}", "", src, flags=re.S)
    src = re.sub(r"\\verb\*?(.).*?\1", "", src)
    if r"\MakeShortVerb" in src:  # |\chapter{<title>}| is verbatim in documents that make | a short \verb
        src = re.sub(r"\|[^|\n]*\|", "", src)
    return src


def latex_titles(src):
    """(level, title) of every sectioning command in the document body, in order."""
    body = strip_comments(src)
    start = body.find(r"\begin{document}")
    body = body[start:]
    out = []
    for m in re.finditer(r"\\(part|chapter|section|subsection|subsubsection|paragraph|subparagraph)\b\*?", body):
        i = skip(body, m.end(), "[", "]")
        if i < len(body) and body[i] == "{":
            title, _ = braced(body, i)
            if "#" not in title:
                out.append((SECTION_LEVEL[m.group(1)], clean(title)))
    return out


def frame_titles(src):
    """One title per frame (None when the frame has none), skipping frames shown in beamer mode only."""
    body = strip_comments(src)
    body = body[body.find(r"\begin{document}"):]
    out = []
    for m in re.finditer(r"\\begin\{frame\}", body):
        end = body.find(r"\end{frame}", m.end())
        i = m.end()
        spec = re.match(r"\s*<([^>]*)>", body[i:])
        if spec:
            if spec.group(1) == "beamer":
                continue
            i += spec.end()
        i = skip(body, i, "[", "]")
        title = None
        if i < len(body) and body[i] == "{":
            title, _ = braced(body, i)
        else:
            ft = re.search(r"\\frametitle(<[^>]*>)?\s*\{", body[i:end])
            if ft:
                title, _ = braced(body, i + ft.end() - 1)
        out.append(clean(title) if title else None)
    return out


def pdf_lines(pdf):
    """Per page, pdftotext's lines (only to read what was printed; the same lines the reference is built from)."""
    return [[l.strip() for l in page.splitlines() if l.strip()] for page in pdftotext_pages(pdf)]


LEADER = re.compile(r"(\.\s?){4,}")
TOC_LINE = re.compile(r"[\s.]\d+$|(\.\s?){4,}")
NUMBER = re.compile(r"^(\(?[0-9]+(\.[0-9]+)*[.)]?|\(?[a-z]\)|[IVXLC]+\.|[A-Z]\.?)\s+")


def rendered(title, lines):
    """The printed form of a source title: the best matching line, or the line's run-in start."""
    best, score = None, 0.0
    # A long title may wrap: try each line joined with the next one and two. A number set apart from its title
    # by a wide gap ("1.2" then "Overview") comes out of pdftotext as a line of its own: join it back.
    joined = [" ".join(lines[i:i + n]) for n in (2, 3) for i in range(len(lines) - n + 1)]
    numbered = [a + " " + b for a, b in zip(lines, lines[1:]) if NUMBER.fullmatch(a + " ")]
    for line in numbered + list(lines) + joined:
        # A table of contents entry ("2.1 Setup . . . 7") is not the heading.
        toc = TOC_LINE.search(line) and not TOC_LINE.search(title)
        bare = NUMBER.sub("", line)
        for cand, head in ((line, line), (bare, line)):
            r = Levenshtein.ratio(title.casefold(), cand.casefold())
            if r > score and not toc:
                best, score = head, r
            # A run-in heading starts a line of running text.
            if len(cand) > len(title) + 5 and cand.casefold().startswith(title.casefold()) and not LEADER.search(line):
                prefix = line[: len(line) - len(cand) + len(title)]
                if 0.99 > score:
                    best, score = prefix, 0.99
    return (best, score) if score >= 0.8 else (title, score)


def reference(page_texts, heads):
    """pdftotext's text with each heading's line(s) replaced by a Markdown heading (heads: per page, (level, text))."""
    out = []
    for text, page_heads in zip(page_texts, heads):
        lines = [l for l in text.splitlines()]
        for level, head in page_heads:
            flat = " ".join(head.split())
            placed = False
            for k, line in enumerate(lines):
                if line.startswith("#"):
                    continue
                # (a section number alone, "1.2", ends in digits too but is no contents line)
                toc = TOC_LINE.search(line.strip()) and not TOC_LINE.search(flat) and not NUMBER.fullmatch(line.strip() + " ")
                joined = line.strip()
                # A heading broken over two lines in the PDF (pdftotext may leave an empty line between a number and
                # its title).
                two = (joined + " " + lines[k + 1].strip()) if k + 1 < len(lines) else joined
                three = (joined + " " + lines[k + 2].strip()) if k + 2 < len(lines) and not lines[k + 1].strip() else two
                for span, cand in ((1, joined), (2, two), (3, three)):
                    if not toc and Levenshtein.ratio(cand.casefold(), flat.casefold()) >= 0.9:
                        lines[k:k + span] = ["", "#" * level + " " + flat, ""]
                        placed = True
                        break
                    if span == 1 and len(cand) > len(flat) and cand.casefold().startswith(flat.casefold()) and not LEADER.search(cand):
                        lines[k:k + 1] = ["", "#" * level + " " + flat, "", cand[len(flat):].strip()]
                        placed = True
                        break
                if placed:
                    break
            if not placed:
                lines.insert(0, "#" * level + " " + flat)
                print(f"  (heading not found in pdftotext text, put at page top: {flat!r})", file=sys.stderr)
        out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"


def pdftotext_pages(pdf):
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")


def compile_tex(src_path, preamble, work, name):
    os.makedirs(work, exist_ok=True)
    shutil.copy(src_path, os.path.join(work, os.path.basename(src_path)))
    stem = os.path.splitext(os.path.basename(src_path))[0]
    arg = preamble + r"\input{" + stem + "}"
    for _ in range(2):
        subprocess.run(["pdflatex", "-interaction=batchmode", "-jobname", name, arg], cwd=work,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    return os.path.join(work, name + ".pdf")


def strip_outline(src, dst):
    doc = fitz.open(src)
    doc.set_toc([])
    doc.save(dst, garbage=3, deflate=True)


def page_of(title, pages, start):
    """The first page at or after start whose lines hold this title."""
    for p in range(start, len(pages)):
        if rendered(title, pages[p])[1] >= 0.9:
            return p
    return None


def build_latex(build, ident, src_name, preamble):
    pdf = compile_tex(os.path.join(HERE, "src", "latex", src_name + ".tex"), preamble, os.path.join(build, "work"), ident)
    out = os.path.join(build, "pdf", ident + ".pdf")
    strip_outline(pdf, out)
    pages = pdf_lines(out)
    with open(os.path.join(HERE, "src", "latex", src_name + ".tex"), encoding="utf-8", errors="replace") as f:
        titles = latex_titles(f.read())
    heads = [[] for _ in pages]
    cursor = 0
    for level, title in titles:
        # Titles in a table of contents come first: search from the previous heading's page on, taking the last page
        # with a match only when the title also shows in the contents.
        p = page_of(title, pages, cursor)
        if p is None:
            print(f"  {ident}: title not on any page: {title!r}", file=sys.stderr)
            continue
        text, _ = rendered(title, pages[p])
        heads[p].append((level, text))
        cursor = p
    return out, heads


def build_slides(build, ident, src_name, preamble):
    path = os.path.join(HERE, "src", "slides", src_name + ".tex")
    pdf = compile_tex(path, preamble, os.path.join(build, "work"), ident)
    out = os.path.join(build, "pdf", ident + ".pdf")
    strip_outline(pdf, out)
    pages = pdf_lines(out)
    with open(path, encoding="utf-8", errors="replace") as f:
        src = f.read()
    frames = frame_titles(src)
    title = re.search(r"\\title(\[[^\]]*\])?\s*\{", strip_comments(src))
    doc_title = clean(braced(strip_comments(src), title.end() - 1)[0]) if title else None
    heads = [[] for _ in pages]
    cursor = 0
    for frame in frames:
        want = frame or doc_title  # the title page's frame has no frame title: its title is the talk's
        if not want:
            continue
        p = page_of(want, pages, cursor)
        if p is None:
            print(f"  {ident}: frame title not found: {want!r}", file=sys.stderr)
            continue
        heads[p].append((1 if frame is None else 2, rendered(want, pages[p])[0]))
        cursor = p + 1
    return out, heads


def main():
    build = sys.argv[1]
    os.makedirs(os.path.join(build, "pdf"), exist_ok=True)
    os.makedirs(os.path.join(build, "ref"), exist_ok=True)
    jobs = [(i, build_latex, s, p) for i, (s, p) in LATEX.items()]
    jobs += [(i, build_slides, s, p) for i, (s, p) in SLIDES.items()]
    for ident, fn, src, pre in jobs:
        pdf, heads = fn(build, ident, src, pre)
        write_ref(build, ident, pdf, heads)
    for ident, pdf, heads in odt.build_all(os.path.join(build, "work"), os.path.join(build, "pdf")):
        write_ref(build, ident, pdf, heads)


def write_ref(build, ident, pdf, heads):
    with open(os.path.join(build, "ref", ident + ".md"), "w", encoding="utf-8") as f:
        f.write(reference(pdftotext_pages(pdf), heads))
    print(f"{ident}: {sum(len(h) for h in heads)} headings, {len(heads)} pages")


if __name__ == "__main__":
    main()
