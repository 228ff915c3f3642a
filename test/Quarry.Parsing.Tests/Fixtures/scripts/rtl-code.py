#!/usr/bin/python3
"""Writes rtl-code.pdf: a three-line code listing in Courier whose middle line holds a Hebrew string
literal, drawn in visual order (the Hebrew word's letters right to left, as a bidi-aware renderer
places them) in Noto Sans Hebrew; the logical line is `greeting_text = "שלום"  # shown to the user`."""
import os
import fitz

HEBREW = "/usr/share/fonts/truetype/noto/NotoSansHebrew-Regular.ttf"
doc = fitz.open()
page = doc.new_page(width=612, height=792)
x0, size, cw = 72, 10, 6.0  # Courier advances 0.6 em
lines = [("def greet(user_name):", None, None), ('    greeting_text = "', "שלום", '"  # shown to the user'), ("    return greeting_text", None, None)]
y = 100
for before, hebrew, after in lines:
    page.insert_text((x0, y), before, fontname="cour", fontsize=size)
    if hebrew:
        x = x0 + len(before) * cw
        visual = hebrew[::-1]
        page.insert_text((x, y), visual, fontname="heb", fontfile=HEBREW, fontsize=size)
        x += fitz.Font(fontfile=HEBREW).text_length(visual, fontsize=size)
        page.insert_text((x, y), after, fontname="cour", fontsize=size)
    y += 12
doc.save(os.path.join(os.path.dirname(os.path.abspath(__file__)), "rtl-code.pdf"), garbage=4, deflate=True)
