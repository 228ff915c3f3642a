"""Inputs for the post-processing golden test, with where each came from.

Real model answers (OTSL grammar is shared by MinerU2.5, PaddleOCR-VL and granite-docling; no recorded raw
MinerU2.5 content answer was found in public repositories):
  PADDLE   public GitHub file "Real OCR raw grids (captured this session via live PaddleOCR-VL)"
           (search index id 70135237306): raw OTSL answers to "Table Recognition:".
  GRANITE  public GitHub report of granite-docling "overfit exceptions" (search index id 55192433490): raw OTSL
           tails the model produced while degenerating (ragged rows, text before the first token, text after
           <ucel>, trailing </otsl>).
  MU_DOCS  opendatalab/MinerU@79d6d8d docs/en/reference/output_files.md, VLM *_model.json sample (replayed).
  MU_3872  opendatalab/MinerU issue #3872: a MinerU2.5 equation as MinerU printed it (cut where the issue
           excerpt ends, so its braces are unbalanced).
  MU_3123  opendatalab/MinerU issue #3123: a MinerU VLM text answer with crossed inline delimiters.
  VLU_DOC  mineru-vl-utils@abb57de __main__ examples in post_process/text_*.py (model answers it was tuned on).
Everything else is an edge case written for this test (marked EDGE).
"""

B = [0.1, 0.1, 0.9, 0.2]  # a box for cases where geometry does not matter


def blk(type_, content, bbox=B, angle=0, **extra):
    d = {"type": type_, "bbox": bbox, "angle": angle, "content": content}
    if type_ == "text":
        d["merge_prev"] = extra.pop("merge_prev", False)
    d.update(extra)
    return d


PADDLE_PYTHEAS = r"<fcel>Class<fcel>Pytheas<lcel><fcel>TIRS<lcel><fcel>SP_CRF<lcel><fcel>Heuristics<lcel><nl><ucel><fcel>P<fcel>R<fcel>P<fcel>R<fcel>P<fcel>R<fcel>P<fcel>R<nl><fcel>DATA<fcel>\(99.93\pm0.02\)<fcel>\(99.90\pm0.02\)<fcel>\(99.92\pm0.01\)<fcel>\(91.94\pm0.59\)<fcel>\(99.27\pm0.11\)<fcel>\(99.80\pm0.09\)<fcel>\(99.03\pm0.13\)<fcel>\(99.89\pm0.01\)<nl><fcel>↳(top only)<fcel>\(97.37\pm0.36\)<fcel>\(97.18\pm0.76\)<fcel>\(93.72\pm0.64\)<fcel>\(85.01\pm1.52\)<fcel>\(86.89\pm1.40\)<fcel>\(84.91\pm2.09\)<fcel>\(67.94\pm1.78\)<fcel>\(80.99\pm1.55\)<nl><fcel>SUBHEADER<fcel>\(88.14\pm3.34\)<fcel>\(88.72\pm1.98\)<fcel>-<fcel>-<fcel>\(50.00\pm16.67\)<fcel>\(0.0\pm0.0\)<fcel>-<fcel>-<nl>"
PADDLE_INVOICE = "<fcel>DATE / TIME<lcel><fcel>PAGE<fcel>CASH SALE NO.<lcel><fcel>USER<fcel>SALESMAN<nl><fcel>22/06/2026 13:14<lcel><fcel>1 of 1<fcel>LY-G026-864067<lcel><fcel>Yusri<ecel><nl><fcel>NO<fcel>ITEM DESCRIPTION<lcel><lcel><fcel>QTY<fcel>UNIT PRICE<fcel>AMOUNT (RM)<nl><fcel>1<fcel>NB-MSI-V16HX-AI-A2XWJG-478MY-GRY VECTOR 16HX AI / 16 QHD+ IPS 240HZ / U9-275HX / 16GB D5 / 1TB SSD / NVIDIA RTX5090 24GB D7 / W11 / 2 YR + 1ST YR ITW / GAMING BP / COSMOS GRAY / 9S7-15M352-478 SN#:K2507N0044577<lcel><lcel><fcel>1<fcel>14,500.00<fcel>14,500.00<nl><ucel><ucel><xcel><xcel><fcel>1<fcel>14,500.00<ecel><nl><ucel><ucel><xcel><xcel><fcel>TOTAL<fcel>14,500.00<ecel><nl>"
PADDLE_BANNER = r"<fcel>astana hub<fcel>Internal regulatory document\nAstana Hub International Technopark of IT startups Corporate Fund<fcel>Page 1<nl><fcel>REGISTRATION PROCEDURE FOR PARTICIPANTS OF ASTANA HUB INTERNATIONAL TECHNOLOGY PARK OF IT STARTUPS<lcel><lcel><nl>"
PADDLE_FORM = "<fcel>Nama Penentang/Syarikat/ Pertubuhan Perbadanan/ Pertubuhan/Firma<fcel>:<fcel>ICONIX CO-LIVING SDN BHD<nl><ecel><fcel>1439156-A<ecel><nl><fcel>No. Kad Pengenalan/<fcel>:<ecel><nl><fcel>No. Pendaftaran Syarikat/ Pertubuhan Perbadanan/ Pertubuhan/Firma<ecel><ecel><nl><fcel>Alamat Surat Menyurat<fcel>:<fcel>UNIT NO 20-01, MERCU ASPIRE, KL ECO CITY<nl><ecel><fcel>:<fcel>59200 Kuala Lumpur<nl><ecel><fcel>/ admin@iconixpropertymgmt.com<ecel><nl>"
GRANITE_20 = "<fcel>10<fcel>30.0<fcel>2<nl><fcel>사용자 취급부주의<fcel>안 람 조 정 연부및 오 개 방<fcel>2<fcel>41.7<fcel>4100.0<nl><ecel>보 베<fcel>수 리 작 업 실<fcel>5<fcel>41.7<fcel>5<nl><fcel>공급자 부주의<fcel>시 공 농 람<fcel>5<fcel>41.7<fcel>5<nl><ucel><fcel>안 전첨미 실<fcel>2<fcel>16.6<fcel>5.2<nl><fcel>소 게<lcel><fcel>12<fcel>100.0<fcel>4100.0<nl><fcel>기타사고<fcel>기타 사 고<fcel>11<fcel>100.0<fcel>5<nl><ecel>촌게<fcel>363<fcel>100.0<ecel><fcel>5<nl><fcel>164<lcel><ecel><ecel><ecel><nl></otsl>"
GRANITE_22 = "추진일정<fcel>부발전시설<ecel><nl><fcel>온한 1974 2019 06 27<fcel>조사 완료<fcel>21.09 21.10<fcel>472<nl><fcel>건설기본계획 홨정 초설<fcel>확인<ecel><ucel><nl><ucel><fcel>촉건<fcel>'21. 10<ucel><nl><fcel>촉건설계획없액 제결<fcel>제결<fcel>'22. 04<ucel><nl><fcel>주기기공급안 체결<fcel>체결<fcel>'24. 07<ucel><nl><fcel>추설비공사않 체결<fcel>제결<fcel>'24. 07<ucel><nl><fcel>촉공 준공<fcel>제결<fcel>('25. 06)<nl><ucel><fcel>'27. 12<fcel>'27. 12)<nl></otsl>"
GRANITE_24 = "8045-2591 Homepage : www.anyang.go.kr<fcel>e-mail 해치지단게 235 31-8045-2591<fcel>안양시 시설구분 처리시설 처리리대에로<fcel>지방치단체 235 패략: 031-8045-5500<fcel>기술<nl><ucel><ucel><ucel><ucel><ucel><ucel><nl><fcel>(사무실)<lcel><lcel><lcel><lcel><ucel>.<nl><ucel><fcel>수송 및 전후<fcel>작리조 개업<lcel><ucel>.<nl><ucel><fcel>(사무실)<fcel>31-8045-2591<fcel>이름 : 10 행eve<ucel>.<nl><ucel><ucel><fcel>15:00-17:30<fcel>e-mail<fcel>담당자<nl></otsl>"
MU_3872 = r"\begin{array}{l} \mathcal {L} = \sum_ {(i, j, j ^ {\prime}) \in \mathcal {D}} \ln \sigma \left(\mathbf {u} _ {i} ^ {T} \mathbf {e} _ {j} - \mathbf {u} _ {i} ^ {T} \mathbf {e} _ {j ^ {\prime}}\right) - \frac {\lambda_ {X}}{2} \sum_ {l} | | \sigma \left(\mathbf {X} _ {l - 1} \mathbf {W} _ {l} + \mathbf {b} _ {l}\right) - \mathbf {X} _ {l} | | _ {2} ^ {2} \\ + \sum_ {(v _ {h}, r, v _ {t}, v _ {t ^ {\prime}}) \in \mathcal {S}} \ln \sigma (| | \mathbf {v} _ {h} \mathbf {M} _ {r} + \mathbf {r} - \mathbf {v} _ {t} \mathbf {M} _ {r} | | _ {2} ^ {2} - | | \mathbf {v} _ {h} \ma"
MU_3123 = r"The FOB AR 10 ppm premium unleaded gasoline barge was assessed at  $\) 973.75/\mathrm{mt}\(and at a$ \ $3.50 / \mathrm{mt}$  discount to Eurobob barges."

CASES = [
    # --- real tables
    ("paddle_pytheas_spans_and_inline_math", "PADDLE", [blk("table", PADDLE_PYTHEAS, [0.08, 0.3, 0.92, 0.55])]),
    ("paddle_invoice_xcel_block", "PADDLE", [blk("table", PADDLE_INVOICE, [0.05, 0.2, 0.95, 0.5])]),
    ("paddle_banner_literal_backslash_n", "PADDLE", [blk("table", PADDLE_BANNER)]),
    ("paddle_form_empty_cells", "PADDLE", [blk("table", PADDLE_FORM)]),
    ("granite_ragged_rows_trailing_tag", "GRANITE", [blk("table", GRANITE_20)]),
    ("granite_text_before_first_token", "GRANITE", [blk("table", GRANITE_22)]),
    ("granite_text_after_ucel_desync", "GRANITE", [blk("table", GRANITE_24)]),
    # --- real equations / text
    ("mu3872_truncated_array_equation", "MU_3872", [blk("equation", MU_3872, [0.1, 0.4, 0.9, 0.5])]),
    ("mu3123_crossed_inline_delimiters", "MU_3123", [blk("text", MU_3123)]),
    ("vlu_doc_display_matrix_in_text", "VLU_DOC", [blk("text", r"(B) \[ \begin{pmatrix}2&-1\\-1&2\end{pmatrix}. \]")]),
    ("vlu_doc_underscores", "VLU_DOC", [blk("text", r"xxx = \( \sigma ___ = \lambda \)")]),
    ("vlu_doc_blank_in_formula", "VLU_DOC", [blk("text", r"(13) 设  \( z = \left(\frac{y}{x}\right)^{\frac{x}{y}} \) ，则  \( \frac{\partial z}{\partial x}\bigg|_{(1,2)} = ____ \) .")]),
    ("vlu_doc_macro_spacing", "VLU_DOC", [blk("text", "abcdf \\( a \\timesX b \\) asdadfads")]),
    ("vlu_doc_coloneqq", "VLU_DOC", [blk("equation", "\\[a \\coloneqq b\\]")]),
    # --- MinerU *_model.json replay (already post-processed blocks, run through again)
    ("mu_docs_model_json_replay", "MU_DOCS", [
        {"type": "header", "bbox": [0.077, 0.095, 0.18, 0.181], "angle": 0, "content": "ELSEVIER"},
        {"type": "title", "bbox": [0.157, 0.228, 0.833, 0.253], "angle": 0, "content": "The response of flow duration curves to afforestation"},
    ]),
    # --- EDGE: tables
    ("edge_otsl_short_rows_padded", "EDGE", [blk("table", "<fcel>a<fcel>b<fcel>c<nl><fcel>d<nl><fcel>e<fcel>f<nl>")]),
    ("edge_otsl_overlapping_spans", "EDGE", [blk("table", "<fcel>A<lcel><nl><ucel><fcel>B<nl>")]),
    ("edge_otsl_xcel_block", "EDGE", [blk("table", "<fcel>Big<lcel><fcel>x<nl><ucel><xcel><fcel>y<nl><fcel>z<fcel>w<fcel>v<nl>")]),
    ("edge_otsl_lcel_first_column", "EDGE", [blk("table", "<lcel><fcel>a<nl><ucel><ecel><nl>")]),
    ("edge_otsl_escaping", "EDGE", [blk("table", "<fcel>A&B <\"x\"> 'q'<fcel>  spaced  <nl>")]),
    ("edge_otsl_no_tokens", "EDGE", [blk("table", "just some words the model read")]),
    ("edge_otsl_only_nl", "EDGE", [blk("table", "<nl><nl>")]),
    ("edge_html_table_kept", "EDGE", [blk("table", "<table><tr><td>\\(x^2\\)</td></tr></table>")]),
    ("edge_html_table_with_spaces_lost", "EDGE", [blk("table", " <table><tr><td>a</td></tr></table>\n")]),
    ("edge_table_eq_existing_and_display", "EDGE", [blk("table", "<fcel><eq>\\(a\\)</eq> and \\[ b \\]<fcel>\\( c \\)<nl>")]),
    ("edge_table_repetitive_degenerate", "EDGE", [blk("table", "<fcel>0" * 400 + "<nl>" + "<fcel>0<nl>" * 50)]),
    ("edge_table_empty_and_null", "EDGE", [blk("table", ""), blk("table", None)]),
    # --- EDGE: list items and [Non-Text]
    ("edge_list_item_becomes_text", "EDGE", [blk("list_item", "1. a \\[x\\] item"), blk("list", None)]),
    ("edge_non_text_placeholders", "EDGE", [
        blk("header", " [Non-Text] "), blk("footer", "[Non-Text]"), blk("text", "[Non-Text]"), blk("title", "[Non-Text]"),
        blk("table", "[Non-Text]"), blk("equation", "[Non-Text]"), blk("image", None), blk("page_number", "[Non-Text]"),
    ]),
    # --- EDGE: equations
    ("edge_eq_left_without_right", "EDGE", [blk("equation", r"\left( a + b")]),
    ("edge_eq_right_without_left_in_array", "EDGE", [blk("equation", r"\begin{array}{cc} a \right) & b \\ \left[ c & d \end{array}")]),
    ("edge_eq_rightarrow_quirk", "EDGE", [blk("equation", r"x \rightarrow y \left( z")]),
    ("edge_eq_no_array_second_piece", "EDGE", [blk("equation", r"a & \left( b \\ c")]),
    ("edge_eq_nested_arrays", "EDGE", [blk("equation", r"\begin{array}{c} \left( \begin{array}{c} \left[ x \\ y \end{array} \\ z \right. \end{array} \left\{")]),
    ("edge_eq_array_out_of_order", "EDGE", [blk("equation", r"\end{array} \left( x \begin{array}{c}")]),
    ("edge_eq_double_subscript", "EDGE", [blk("equation", r"x_{i}_{j} + y _ {a{b}} _ {c} = 0")]),
    ("edge_eq_big_variants", "EDGE", [blk("equation", r"\big{)} \Bigl {(} \bigg{\}} \Biggm{\}} \Big {|} \biggl{]} \Biggm {[} \bigr{\langle} \bigtimes")]),
    ("edge_eq_leq_and_braces", "EDGE", [blk("equation", r"a<b \leq c } { \frac{1}{2 \{ x")]),
    ("edge_eq_whitespace_only", "EDGE", [blk("equation", "  \n ")]),
    ("edge_eq_outer_brackets_kept_inner", "EDGE", [blk("equation", "\\[\\[ x \\]\\]")]),
    ("edge_eq_python_space_x1c", "EDGE", [blk("equation", "\x1c x_{1} \x1d")]),
    # --- EDGE: text
    ("edge_text_citation_stays_display", "EDGE", [blk("text", "see \\[1, 2–4\\] and \\[12\\] but \\[x+1\\] and \\[\\]")]),
    ("edge_text_macro_spacing_known", "EDGE", [blk("text", "\\(\\top \\int \\inf \\toX \\inX \\inft \\congA \\subsetB\\) \\toZ outside")]),
    ("edge_text_only_underscores", "EDGE", [blk("text", "fill \\(______\\) and \\(a ___ b ____\\)")]),
    ("edge_text_repetitive_degenerate", "EDGE", [blk("text", "the the " * 300)]),
    ("edge_other_types_untouched", "EDGE", [blk("title", "\\[x\\] title"), blk("code", "a<b \\left("), blk("ref_text", "[1] \\[2\\]")]),
    # --- EDGE: equation blocks
    ("edge_equation_block_two_with_tags", "EDGE", [
        blk("equation_block", None, [0.1, 0.3, 0.9, 0.5]),
        blk("equation", "\\[ a = b \\tag{1} \\]", [0.12, 0.31, 0.88, 0.39]),
        blk("equation", "c = d \\tag {2}", [0.12, 0.41, 0.88, 0.49]),
        blk("text", "after", [0.1, 0.6, 0.9, 0.7]),
    ]),
    ("edge_equation_block_one_tag_kept", "EDGE", [
        blk("equation_block", None, [0.1, 0.3, 0.9, 0.5], angle=None),
        blk("equation", "a = b", [0.12, 0.31, 0.88, 0.39]),
        blk("equation", "c = d \\tag{3}", [0.12, 0.41, 0.88, 0.49]),
        blk("equation", "e = f", [0.12, 0.6, 0.88, 0.7]),
    ]),
    ("edge_equation_block_single_member", "EDGE", [
        blk("equation_block", None, [0.1, 0.3, 0.9, 0.5]),
        blk("equation", "a = b", [0.12, 0.31, 0.88, 0.39]),
    ]),
    ("edge_equation_block_partial_cover", "EDGE", [
        blk("equation_block", None, [0.1, 0.3, 0.9, 0.5]),
        blk("equation", "a", [0.12, 0.31, 0.88, 0.39]),
        blk("equation", "b", [0.12, 0.45, 0.88, 0.6]),
    ]),
    ("edge_equation_block_null_member_aborts", "EDGE", [
        blk("list_item", "item \\[y\\]", [0.1, 0.05, 0.9, 0.1]),
        blk("header", "[Non-Text]", [0.1, 0.0, 0.9, 0.04]),
        blk("table", "<fcel>t<nl>", [0.1, 0.1, 0.9, 0.2]),
        blk("equation_block", None, [0.1, 0.3, 0.9, 0.5]),
        blk("equation", "\\[ a < b \\]", [0.12, 0.31, 0.88, 0.39]),
        blk("equation", None, [0.12, 0.41, 0.88, 0.49]),
    ]),
    # --- EDGE: image analysis answers (Pro models, image analysis on)
    ("edge_image_analysis_routes", "EDGE", [
        blk("image", "<|class_start|>pure_table<|class_end|><|sub_class_start|><|sub_class_end|><|caption_start|>T<|caption_end|><|content_start|>| a | b |\n| --- | :---: |\n| 1 \\| x | \\(y\\) |<|content_end|>"),
        blk("image", "<|class_start|>Pure_Table<|class_end|><|content_start|><fcel>p<fcel>q<nl>"),
        blk("image", "<|class_start|>pure_formula<|class_end|><|content_start|>\\[ E = mc^2 \\]<|content_end|>"),
        blk("image", "<|class_start|>natural_image<|class_end|><|caption_start|> A cat on a mat <|caption_end|><|content_start|>ignored<|content_end|>"),
        blk("image", "<|class_start|>chemical<|class_end|><|caption_start|>benzene<|caption_end|><|content_start|>C1=CC=CC=C1<|content_end|>"),
        blk("image", "<|class_start|>screenshot<|class_end|><|caption_start|>cap<|caption_end|><|content_start|>some text<|content_end|>"),
        blk("image", "a plain caption from a replayed model.json"),
        blk("chart", "<|class_start|>chart<|class_end|><|sub_class_start|>Bar<|sub_class_end|><|content_start|>| x | y |\n| --- | --- |\n| 1 | 2 |<|content_end|>"),
    ]),
]
