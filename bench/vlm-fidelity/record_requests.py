"""Drives mineru-vl-utils' real client (MinerUClient, backend http-client) against recording_server.py on page
images rendered from corpus PDFs, and writes the recorded requests as fixtures.

    VLU_DIR=/tmp/vlu /usr/bin/python3 bench/vlm-fidelity/record_requests.py

Pages: pdftoppm -r 200 (MinerU renders at 200 dpi; these pages stay under its 3500 px long-side cap), first page.
MinerU's client settings (MU backend/vlm/vlm_analyze.py) except image analysis, which Quarry leaves off.
"""
import hashlib
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import vlu_env  # noqa: E402

vlu_env.install()

from PIL import Image  # noqa: E402
from mineru_vl_utils import MinerUClient  # noqa: E402
from mineru_vl_utils.version import __version__  # noqa: E402

from recording_server import Recorder  # noqa: E402

ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
CORPUS = os.path.normpath(os.path.join(ROOT, "..", "shared", "corpus"))
OUT = os.path.join(ROOT, "test", "Quarry.Parsing.Tests", "Readers", "Model", "Fixtures", "vlu-requests")
PAGES = ["synthetic/article-1col-7-000", "synthetic/article-2col-7-001", "scanned/article-1col-7-005-scan"]

os.makedirs(OUT, exist_ok=True)
for doc in PAGES:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", "-singlefile",
                        os.path.join(CORPUS, doc, "doc.pdf"), os.path.join(tmp, "page")], check=True)
        page = Image.open(os.path.join(tmp, "page.png")).convert("RGB")
        page.load()

    recorder = Recorder()
    try:
        client = MinerUClient(backend="http-client", server_url=recorder.url + "/", max_retries=0,
                              enable_table_formula_eq_wrap=True, image_analysis=False, use_tqdm=False)
        blocks = client.two_step_extract(page)
    finally:
        recorder.close()

    name = doc.split("/")[-1]
    fixture = {
        "generator": "bench/vlm-fidelity/record_requests.py",
        "mineru_vl_utils": f"{__version__} (abb57de)",
        "page": {"pdf": f"../shared/corpus/{doc}/doc.pdf", "page_index": 0,
                 "render": "pdftoppm -r 200 -png -f 1 -l 1 -singlefile doc.pdf page",
                 "width": page.width, "height": page.height,
                 "rgb_sha256": hashlib.sha256(page.tobytes()).hexdigest()},
        "requests": recorder.requests,
        "result": [dict(b) for b in blocks],
    }
    with open(os.path.join(OUT, f"{name}.json"), "w", encoding="utf-8") as f:
        json.dump(fixture, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"{name}: {len(recorder.requests)} requests, {len(blocks)} blocks")
