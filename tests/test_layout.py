"""Undoing the PDF layout while keeping the map back to raw offsets."""

from __future__ import annotations

import functools
import os
from collections import Counter

import pytest

from analysis.reading.layout import unwrap
from tests.helpers import BLIND_FILES, ROOT

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


FILLER = "推动数字经济和实体经济深度融合发展壮大新兴产业集群加快"


def _wrapped(*lines: str) -> str:
    return "\n".join([FILLER] * 3 + list(lines) + [FILLER] * 3)


def test_a_digits_only_line_inside_a_number_is_part_of_it():
    import analysis

    raw = _wrapped("全区一般公共预算收入持续增长，工业增加值突破27", "00", "亿元，城乡居民收入稳步提高，新增就业岗位近1",
                   "400", "个，民生保障不断加强。")
    assert "突破2700亿元" in unwrap(raw).text and "近1400个" in unwrap(raw).text
    df = analysis.extract(raw)
    rows = dict(zip(df["raw"], df["value"]))
    assert rows["27\n00\n亿元"] == 2700 and rows["1\n400\n个"] == 1400
    for text, value in (("突破27\n00\n亿元", 2700), ("近1\n400\n个", 1400)):  # not wrapped: the same
        assert analysis.extract(text)["value"].tolist() == [value]


def test_page_numbers_stay_page_numbers():
    # a page number after a sentence end, a dashed one inside a number, a column of bare numbers
    raw = _wrapped("各项事业取得新的进展，群众满意度明显提升。", "3", "今年要重点做好以下工作，新建农村公路50", "- 3 -",
                   "00公里，改造老旧小区1291个。")
    text = unwrap(raw).text
    assert "提升。今年" in text.replace("\n", "") and "5000公里" in text
    assert "2023" not in unwrap("2023\n2024\n2025").text.replace("\n", "")


# ---------------------------------------------------------------------------------- narrow layouts
# A report printed in a narrow PDF column is hard-wrapped every few characters, anywhere: inside a
# number (突破190⏎0万户), after a decimal point (9.⏎8%). The values must be those of the unwrapped text.
# Reports annotated blind are never used here (they must not tune anything).
BLIND = BLIND_FILES  # the register's blind reports (tests/fixtures/heldout/reports.csv)
CORPUS = sorted(p for p in (ROOT / "seeds" / "corpus").glob("*.txt") if p.name not in BLIND)
# The default run checks a sample (one report of each year, four widths); LAYOUT_ALL=1 checks every
# report at every width 6-12 (about 500 extractions: minutes, not for every test run).
if os.environ.get("LAYOUT_ALL") == "1":
    NARROW = [(p.name, w) for p in CORPUS for w in range(6, 13)]
else:
    NARROW = [("2025_anhui.txt", 6), ("2025_anhui.txt", 9), ("2026_guangdong.txt", 7), ("2026_guangdong.txt", 8)]


def rewrap(text: str, width: int) -> str:
    """Every line of text cut into lines of `width` characters (the last one of a line shorter)."""
    out = []
    for line in text.split("\n"):
        out.extend([line[i:i + width] for i in range(0, len(line), width)] or [""])
    return "\n".join(out)


def _values(text: str) -> Counter:
    import analysis

    df = analysis.extract(text)
    return Counter(zip(df["value"], df["unit"], df["value_base"]))


@functools.cache
def _unwrapped_values(name: str) -> Counter:
    import analysis

    return _values(analysis.read_text(ROOT / "seeds" / "corpus" / name))


def test_the_narrow_sample_is_in_the_corpus():
    assert CORPUS and not BLIND & {p.name for p in CORPUS}
    assert {name for name, _ in NARROW} <= {p.name for p in CORPUS}


@pytest.mark.parametrize("name,width", NARROW)
def test_a_report_rewrapped_narrow_gives_the_same_values(name, width):
    import analysis

    wrapped = rewrap(analysis.read_text(ROOT / "seeds" / "corpus" / name), width)
    assert max(len(line) for line in wrapped.split("\n")) == width
    expected, got = _unwrapped_values(name), _values(wrapped)
    assert got == expected, f"lost {dict(expected - got)}, gained {dict(got - expected)}"


# Header lines (title, date, session, source, speaker) joined by a narrow wrap, and the opening address
# joined to them: 2026_tianjin lost its date at widths 8, 10, 11 and 12.
IDENTITY = [("2026_tianjin.txt", w) for w in (8, 10, 11, 12)] + [(name, w) for name, w in NARROW]


@pytest.mark.parametrize("name,width", IDENTITY)
def test_a_report_rewrapped_narrow_keeps_its_identity(name, width):
    from analysis import read_text
    from analysis.reading import document

    text = read_text(ROOT / "seeds" / "corpus" / name)
    want, got = document.read(text), document.read(rewrap(text, width))
    assert want.date and want.region and want.report_year
    assert (got.region, got.region_en, got.level, got.date, got.report_year, got.session) == \
        (want.region, want.region_en, want.level, want.date, want.report_year, want.session)


@pytest.mark.parametrize("width", range(6, 13))
def test_numbers_broken_at_any_narrow_width(width):
    import analysis

    paragraph = ("全区新增城镇就业人数突破1900万户，地区生产总值增长9.8%，粮食产量达到836.9亿斤，"
                 "一般公共预算收入增长12.5%，进出口总额2500亿美元，研发投入强度达到2.85%，"
                 "打造1-2个精品线路。")
    text = "\n".join([FILLER * 2, paragraph, FILLER * 2])
    expected = Counter(_values(text))
    for shift in range(width):  # every break position: the wrap starts `shift` characters earlier
        wrapped = rewrap(FILLER[:shift] + text, width)
        assert _values(wrapped) == expected, (width, shift)
    df = analysis.extract(rewrap(text, width))
    assert {1900.0, 9.8, 836.9, 12.5, 2500.0, 2.85, 1.0, 2.0} <= set(df["value"])


def test_ascii_words_broken_by_a_wrap_keep_their_space_units_do_not():
    lines = ["加快上游软硬件设备发展推动全产业链条IT", "software产品应用加快智能算力达223P", "F，超算算力达到1.3万P",
             "F，打造1-", "2个精品线路再加快建设"] + ["推动数字经济和实体经济深度融合发展壮大"] * 4
    text = unwrap("\n".join(lines)).text
    assert "IT software" in text and "223PF" in text and "1.3万PF" in text and "1-2个" in text
