"""Writes what PIL (the library mineru-vl-utils prepares images with) makes of a synthetic page, so the
C# port is compared with PIL itself. Run with /usr/bin/python3 (Debian python3-pil) from this folder.

page.png: 1700x1100 synthetic render (coloured blocks, text-like stripes, a gradient).
pil_layout.png: page resized BICUBIC to 1036x1036 (prepare_for_layout).
pil_crop_rot90.png: crop of the box (0.1, 0.2, 0.45, 0.3) rotated 90 with expand (prepare_for_extract).
pil_thin_upscaled.png: a 300x5 crop padded to 50:1 and upscaled to a 28 px short edge (resize_by_need).
"""
import math
from PIL import Image, ImageDraw

W, H = 1700, 1100
page = Image.new("RGB", (W, H), (255, 255, 255))
d = ImageDraw.Draw(page)
for x in range(W):
    d.line([(x, 900), (x, H)], fill=(x * 255 // W, 128, 255 - x * 255 // W))
for i, y in enumerate(range(80, 860, 26)):
    d.rectangle([100 + (i % 3) * 17, y, 800 - (i % 5) * 40, y + 11], fill=(20, 20, 20))
d.rectangle([900, 100, 1600, 800], fill=(200, 40, 40), outline=(0, 0, 255), width=5)
d.ellipse([1000, 200, 1400, 600], fill=(40, 160, 60))
page.save("page.png")

page.resize((1036, 1036), Image.Resampling.BICUBIC).save("pil_layout.png")

x1, y1, x2, y2 = 0.1, 0.2, 0.45, 0.3
crop = page.crop((x1 * W, y1 * H, x2 * W, y2 * H)).rotate(90, expand=True)
crop.save("pil_crop_rot90.png")


def resize_by_need(image, min_edge=28, max_ratio=50):
    if max(image.size) / min(image.size) > max_ratio:
        w, h = image.size
        nw, nh = (w, math.ceil(w / max_ratio)) if w > h else (math.ceil(h / max_ratio), h)
        canvas = Image.new(image.mode, (nw, nh), (255, 255, 255))
        canvas.paste(image, (int((nw - w) / 2), int((nh - h) / 2)))
        image = canvas
    if min(image.size) < min_edge:
        s = min_edge / min(image.size)
        image = image.resize((math.ceil(image.width * s), math.ceil(image.height * s)), Image.Resampling.BICUBIC)
    return image


resize_by_need(page.crop((100, 80, 400, 85))).save("pil_thin_upscaled.png")
