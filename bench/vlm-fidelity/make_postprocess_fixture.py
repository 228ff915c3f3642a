"""Runs mineru-vl-utils' post_process on postprocess_cases.CASES and writes inputs + VLU outputs as JSON.

    VLU_DIR=/tmp/vlu /usr/bin/python3 bench/vlm-fidelity/make_postprocess_fixture.py

MinerU's settings (MU backend/vlm/vlm_analyze.py): simple_post_process=False, handle_equation_block=True,
abandon_list=False, abandon_paratext=False, enable_table_formula_eq_wrap=True. Errors are caught the way
MinerUClientHelper.post_process catches them (original list, minus absorbed table images).
"""
import copy
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vlu_env  # noqa: E402

vlu_env.install()

from mineru_vl_utils.post_process import post_process  # noqa: E402
from mineru_vl_utils.post_process.table_image_processor import cleanup_table_image_metadata, is_absorbed_table_image  # noqa: E402
from mineru_vl_utils.structs import ContentBlock  # noqa: E402
from mineru_vl_utils.version import __version__  # noqa: E402

from postprocess_cases import CASES  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "test", "Quarry.Parsing.Tests",
                   "Readers", "Model", "Fixtures", "vlu-postprocess.json")


def to_block(d):
    b = ContentBlock(d["type"], list(d["bbox"]), d["angle"], d["content"], d.get("merge_prev", False))
    if "sub_type" in d:
        b["sub_type"] = d["sub_type"]
    return b


def run(blocks):
    try:
        return post_process(blocks, simple_post_process=False, handle_equation_block=True, abandon_list=False,
                            abandon_paratext=False, enable_table_formula_eq_wrap=True), None
    except Exception as e:  # as MinerUClientHelper.post_process
        kept = [b for b in blocks if not (b.type == "image" and is_absorbed_table_image(b))]
        return cleanup_table_image_metadata(kept), f"{type(e).__name__}: {e}"


cases = []
for name, source, inputs in CASES:
    blocks = [to_block(d) for d in copy.deepcopy(inputs)]
    out, error = run(blocks)
    cases.append({"name": name, "source": source, "input": inputs, "expected": [dict(b) for b in out],
                  **({"vlu_error": error} if error else {})})

with open(OUT, "w", encoding="utf-8") as f:
    json.dump({"generator": "bench/vlm-fidelity/make_postprocess_fixture.py",
               "mineru_vl_utils": f"{__version__} (abb57de)", "cases": cases}, f, ensure_ascii=False, indent=1)
    f.write("\n")
print(f"{len(cases)} cases -> {os.path.relpath(OUT)}")
