"""Undoing the PDF layout while keeping the map back to raw offsets."""

from __future__ import annotations

from analysis.layout import unwrap

WRAPPED = (
    "■上接第1版 我区坚持稳中求进，全年地区生产总值增长5.8%，一般公共预算收入126\n"
    ".3亿元，增长4.1%，乳业产业链产值突破2500亿\n"
    "元，完成清洁取暖改造 19.3 万户，全区研发投入强度达到2.\n"
    "85%，群众满意度明显提升，各项事业取得新的进展。\n"
    "\n"
    "今年要重点做好以下工作。我们要加快推进项目建设，力争投资\n"
    "\n"
    "突破万亿元大关，确保重大项目建设力度不降，新建农村公路50\n"
    "- 3 -\n"
    "00公里，改造老旧小区1291个，再建设一批便民充电桩设施。\n"
)


def test_readable_text_joins_lines_and_numbers():
    t = unwrap(WRAPPED).text
    assert "上接" not in t and "- 3 -" not in t
    for s in ("一般公共预算收入126.3亿元", "突破2500亿元", "19.3万户", "2.85%", "5000公里", "力争投资突破万亿元"):
        assert s in t, s
    assert t.count("\n") == 1  # two paragraphs; the blank line inside a sentence is a column break


def test_every_readable_char_maps_back():
    layout = unwrap(WRAPPED)
    for i, ch in enumerate(layout.text):
        raw = WRAPPED[layout.raw_pos(i)]
        assert raw == ch or (ch in " \n" and raw.isspace()), (i, ch, raw)


def test_span_maps_to_raw_span_with_inner_breaks():
    layout = unwrap(WRAPPED)
    k = layout.text.index("2500亿元")
    rs, re_ = layout.to_raw(k, k + len("2500亿元"))
    assert WRAPPED[rs:re_] == "2500亿\n元"


def test_unwrapped_text_keeps_one_paragraph_per_line():
    raw = "第一段。\n第二段，没有折行。\n第三段。"
    assert unwrap(raw).text == raw


def test_fullwidth_digits_become_ascii_same_length():
    raw = "增长１２．５％，新增３个。"
    layout = unwrap(raw)
    assert layout.text == "增长12.5%，新增3个。"
    assert len(layout.text) == len(raw)


def test_ascii_words_keep_a_space():
    lines = ["加快上游软硬件设备发展推动全产业链条IT", "software产品应用加快建设智算中心打造基地"] + ["推动数字经济和实体经济深度融合发展壮大"] * 4
    assert "IT software" in unwrap("\n".join(lines)).text
