"""Property-based tests: arbitrary text never crashes the extractor, and every span is exact."""

from __future__ import annotations

import functools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import analysis
from analysis.reading.layout import unwrap

# An alphabet rich in what the extractor looks at: digits (half and full width), Chinese numerals,
# magnitudes, units, qualifiers, punctuation, whitespace and line breaks, page-marker characters.
PIECES = list("0123456789０１２３４５６７８９.,．，。；：、%％-—~至到第") + list("零〇一二两三四五六七八九十百千万亿") + [
    "万亿", "亿元", "万千瓦", "千瓦时", "个百分点", "倍", "人次", "万人", "公里", "亩", "斤", "吨", "位", "P", "G", "S",
    "左右", "以上", "以下", "以内", "近", "超过", "突破", "不低于", "不超过", "多", "余", "增长", "下降", "降至", "由",
    "分别", "和", "“", "”", "《", "》", "（", "）", "一、", "（一）", "一是", "年", "月", "■上接第1版", "- 3 -",
    " ", "\u3000", "\n", "\r\n", "\n\n", "\t", "力争", "确保", "每年", "我区有", "主要预期目标", "工作回顾", "工作安排",
    "乳业", "稀土", "游客", "新能源", "百分之", "点", "<script>", "{{", "}}", "\x00"[:0],
]
texty = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=80).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texty)
def test_spans_are_exact_and_nothing_crashes(text):
    df = analysis.extract(text)
    for _, r in df.iterrows():
        assert 0 <= r["start"] < r["end"] <= len(text)
        assert text[r["start"]:r["end"]] == r["raw"]
        assert text[r["sentence_start"]:r["sentence_end"]]
        assert r["sentence_start"] <= r["start"] and r["end"] <= r["sentence_end"]
    assert list(df.columns) == analysis.columns()


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_text(text):
    df = analysis.extract(text)
    for _, r in df.iterrows():
        assert text[r["start"]:r["end"]] == r["raw"]


@settings(max_examples=300, deadline=None)
@given(texty)
def test_layout_map_is_monotonic(text):
    layout = unwrap(text)
    positions = [layout.raw_pos(i) for i in range(len(layout.text))]
    assert positions == sorted(positions)
    assert len(set(positions)) == len(positions)
    assert all(layout.readable_pos(p) == i for i, p in enumerate(positions))
    kept = set(positions)
    assert all(layout.readable_pos(r) is None for r in range(len(text)) if r not in kept)
    for i, p in enumerate(positions):
        ch, raw = layout.text[i], text[p]
        assert ch == raw or ch in " \n" or raw.translate(str.maketrans("０１２３４５６７８９％．", "0123456789%.")) == ch


@functools.lru_cache(maxsize=1)
def _seed_paragraphs() -> tuple[list[str], list[tuple[str, float]]]:
    from analysis.project import config

    paragraphs = unwrap(analysis.read_text(config.DEFAULT_SEED)).text.split("\n")
    return paragraphs, _values("\n".join(paragraphs))


def _values(text: str) -> list[tuple[str, float]]:
    df = analysis.extract(text)
    return sorted(("".join(r.split()), v) for r, v in zip(df["raw"], df["value"]))


@settings(max_examples=20, deadline=None)
@given(st.integers(10, 80))  # a PDF page is at least 10 characters wide (layout._is_wrapped)
def test_rewrapping_the_seed_at_any_width_keeps_every_value(width):
    """The seed's paragraphs hard-wrapped at any width (numbers cut at every position): same values."""
    paragraphs, expected = _seed_paragraphs()
    lines = []
    for p in paragraphs:
        lines += [p[i:i + width] for i in range(0, len(p), width)] + [""]
    assert _values("\n".join(lines)) == expected


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_a_number_wrapped_over_a_digits_only_line_keeps_its_value(data):
    """Any number of the seed, its last digits on a line of their own (近1⏎400⏎个): the same value."""
    import re

    from analysis.project import config

    text = unwrap(analysis.read_text(config.DEFAULT_SEED)).text
    df = analysis.extract(text)
    numbers = [(s, e, r, v) for s, e, r, v in zip(df["start"], df["end"], df["raw"], df["value"])
               if re.match(r"\d{2,}(?!\d)(?![.．])", r)]
    s, e, r, v = data.draw(st.sampled_from(numbers))
    digits = re.match(r"\d+", r).end()
    cut = data.draw(st.integers(max(1, digits - 4), digits - 1))
    # the number's paragraph, wrapped like a PDF page: full lines before, the digits alone, the rest
    p0 = text.rfind("\n", 0, s) + 1
    p1 = text.find("\n", e) % (len(text) + 1)
    head, tail = text[p0:s + cut], text[s + digits:p1 or None]
    lines = [FILL] * 3 + [head, r[cut:digits], tail] + [FILL] * 3
    wrapped = "\n".join(lines)
    out = analysis.extract(wrapped)
    k = len("\n".join([FILL] * 3)) + 1 + len(head) - cut
    row = out[out["start"] == k]
    assert len(row) == 1 and row["value"].iloc[0] == v, (r, cut, row[["raw", "value"]].to_dict("records"))


FILL = "推动数字经济和实体经济深度融合发展壮大新兴产业集群加快"
