"""When and whose a number is (issue 13, items 1 and 4, and the report year): sections and periods
from what a paragraph says about time, part-year values, the basis of a rate, baselines with their
own year, subjects that are zones, parks and companies, and the identity of a report without its
title lines. Synthetic texts test the structure; corpus reports (never the blind ones) the examples
of the issue."""

from __future__ import annotations

import csv
import re

import pandas as pd
import pytest

import analysis
from analysis.extraction import schema
from analysis.reading import document
from tests.helpers import BLIND_FILES, ROOT

CORPUS = ROOT / "seeds" / "corpus"
BLIND = BLIND_FILES  # the register's blind reports (tests/fixtures/heldout/reports.csv)
MANIFEST = [r for r in csv.DictReader((CORPUS / "manifest.csv").open(encoding="utf-8")) if r["file"] not in BLIND]


def _row(df: pd.DataFrame, raw: str, after: str = "") -> pd.Series:
    """The row of the quantity written `raw` (the first after the text `after` in its sentence)."""
    hits = df[(df["raw"].str.replace("\n", "") == raw) & df["sentence"].str.contains(re.escape(after))]
    assert len(hits), f"no row {raw!r} after {after!r}"
    return hits.iloc[0]


@pytest.fixture(scope="module")
def reports() -> dict[str, pd.DataFrame]:
    names = ["2026_hebei", "2026_gansu", "2026_hunan", "2026_shanxi", "2026_neimenggu", "2026_guangxi", "2026_liaoning"]
    return {n: analysis.extract(CORPUS / f"{n}.txt") for n in names}


# ------------------------------------------------------------------------------------ period and section

FIVE_THEN_YEAR = """2026年某省政府工作报告
各位代表：
一、“十四五”时期工作回顾
这五年，经济实力跃上新台阶。全省生产总值从2020年的3.68万亿元增长到2025年的4.93万亿元，规上工业增加值年均增长6.5%，城镇新增就业每年超过90万人。
刚刚过去的2025年，我们顶住压力、迎难而上。全省生产总值增长5.6%，固定资产投资下降3.3%。
上半年城镇调查失业率5.5%，全年城镇调查失业率5.3%。
各位代表！过去五年成绩的取得，根本在于党中央领航掌舵。单位GDP能耗累计下降18%。
二、“十五五”时期主要目标任务
“十五五”时期，地区生产总值年均增长5%左右。今年确保新增新能源装机3000万千瓦。
三、2026年重点工作
今年经济社会发展的主要预期目标是：地区生产总值增长5%左右。
（一）扩大内需。在去年建成10个园区基础上，再建5个。
"""


def test_a_past_year_paragraph_after_five_year_paragraphs_is_the_review():
    df = analysis.extract(FIVE_THEN_YEAR)
    gdp = _row(df, "5.6%")
    assert (gdp["section"], gdp["period"], gdp["year"], gdp["kind"]) == ("review", "annual", 2025, "achieved")
    assert gdp["concept"] == "gdp_growth"
    five = _row(df, "6.5%")
    assert (five["section"], five["period"], five["year"]) == ("five_year_review", "multi_year", 2025)
    # back to the plan period: the paragraph opening on 过去五年 after the year's paragraphs
    assert _row(df, "18%")[["section", "period"]].tolist() == ["five_year_review", "multi_year"]


def test_every_year_and_cumulative_claims_are_multi_year():
    df = analysis.extract(FIVE_THEN_YEAR)
    jobs = _row(df, "90万人")
    assert (jobs["period"], jobs["year"]) == ("multi_year", 2025)
    text = "一、2025年工作回顾\n城镇新增就业每年超过90万人，全年地区生产总值增长5%。"
    df = analysis.extract(text)
    assert _row(df, "90万人")["period"] == "multi_year" and _row(df, "5%")["period"] == "annual"


def test_start_value_of_a_change_is_a_baseline_with_its_own_year():
    df = analysis.extract(FIVE_THEN_YEAR)
    start, end = _row(df, "3.68万亿元"), _row(df, "4.93万亿元")
    assert (start["kind"], start["year"]) == ("context", 2020)
    assert (end["kind"], end["year"]) == ("achieved", 2025)


def test_a_this_year_task_among_the_five_year_goals_is_annual():
    df = analysis.extract(FIVE_THEN_YEAR)
    goal, task = _row(df, "5%", "年均增长"), _row(df, "3000万千瓦")
    # a five-year goal stated as an annual average (年均) is multi_year with the plan's end year
    assert (goal["year"], goal["period"]) == (2030, "multi_year")
    assert (task["year"], task["period"], task["kind"]) == (2026, "annual", "target")


def test_plan_and_task_chapters_never_give_results():
    df = analysis.extract(FIVE_THEN_YEAR)
    assert _row(df, "10个")["kind"] == "context" and _row(df, "5个")["kind"] == "target"


def test_plan_items_inside_a_review_without_a_year_are_targets():
    text = ("2026年某市政府工作报告\n各位代表：\n一、工作回顾\n过去一年，地区生产总值增长5.2%。"
            "今年拟安排民生资金20亿元，办好十件民生实事。\n二、今年工作安排\n地区生产总值增长5%左右。")
    df = analysis.extract(text)
    assert _row(df, "5.2%")["kind"] == "achieved"
    plan = _row(df, "20亿元")
    assert (plan["kind"], plan["year"]) == ("target", 2026)


def test_part_year_values_are_not_the_year(reports):
    df = analysis.extract(FIVE_THEN_YEAR)
    mid, end = _row(df, "5.5%"), _row(df, "5.3%")
    assert (mid["period"], mid["year"]) == ("part_year", 2025)
    assert (end["period"], end["year"]) == ("annual", 2025)
    df = analysis.extract("一、2024年工作回顾\n三季度增长4.6%，四季度增长5.6%，全年增长4.8%。1—11月规模以上工业能耗强度下降8.9%。")
    assert [_row(df, r)["period"] for r in ("4.6%", "5.6%", "4.8%", "8.9%")] == ["part_year"] * 2 + ["annual", "part_year"]
    # 年末…从上半年5.5%降到5.3%: the end of the change is the year-end rate (Guangxi 2026)
    g = reports["2026_guangxi"]
    assert _row(g, "5.3%", "从上半年5.5%降到5.3%")["period"] == "annual"
    assert _row(g, "5.5%", "从上半年5.5%降到5.3%")["period"] == "part_year"


def test_past_year_review_in_corpus_reports(reports):
    """Hebei and Gansu 2026: the 2025 paragraph after the 这五年 paragraphs; Hunan 2026: the 这五年
    paragraphs after the 2025 ones; Shanxi 2026: 全年GDP增长4%."""
    for name, raw, after in [("2026_hebei", "5.6%", "全省生产总值增长"), ("2026_gansu", "5.8%", "地区生产总值增长"),
                             ("2026_shanxi", "4%", "GDP增长"), ("2026_hunan", "4.8%", "前十强")]:
        r = _row(reports[name], raw, after)
        assert (r["section"], r["period"], r["year"], r["kind"]) == ("review", "annual", 2025, "achieved"), name
    hunan = reports["2026_hunan"]
    doc = document.read(CORPUS / "2026_hunan.txt")
    paras = [p.index for p in doc.paragraphs if doc.text[p.start:p.end].startswith("这五年")]
    five = hunan[hunan["paragraph"].isin(paras)]
    assert len(five) and (five["section"] == "five_year_review").all()
    # a change over the five years is multi_year; a level reached at their end is 2025's value
    ach = five[five["kind"] == "achieved"]
    assert (ach.loc[ach["measure"] == "growth", "period"] == "multi_year").all()
    assert _row(five, "1.8万家", "高新技术企业")["period"] == "annual"
    assert _row(five, "1523公里", "新增高速公路")["period"] == "multi_year"


def test_plan_chapters_give_no_results_and_five_year_outline_is_five_year(reports):
    for name, df in reports.items():
        plan = df[df["section"].str.startswith("task-") | df["section"].isin(["plan", "targets", "five_year_goals"])]
        assert not (plan["kind"] == "achieved").any(), name
    # Inner Mongolia 2026: the numbered chapters after the targets are tasks (确保新增新能源装机3000万千瓦 is 2026)
    nm = _row(reports["2026_neimenggu"], "3000万千瓦", "确保新增新能源装机")
    assert nm["section"].startswith("task-") and (nm["year"], nm["period"]) == (2026, "annual")
    # Liaoning 2026: 《纲要（草案）》明确了…主要指标 is the plan period's (2030), not this year's
    ln = _row(reports["2026_liaoning"], "5.5%", "三是围绕民生福祉")
    assert (ln["section"], ln["year"], ln["period"]) == ("five_year_goals", 2030, "horizon")


# ------------------------------------------------------------------------------------ basis and subject

def test_basis_of_a_rate():
    text = ("一、2025年工作回顾\n地方一般公共预算收入增长1.7%（同口径增长2.5%以上）。扣除房地产开发投资后，固定资产投资增长2.7%。"
            "鄱阳湖区总磷浓度剔除自然因素影响后下降8.5%。企业享受研发费用税前加计扣除金额超6900亿元。")
    df = analysis.extract(text)
    assert [_row(df, r)["basis"] for r in ("1.7%", "2.5%", "2.7%", "8.5%", "6900亿元")] == [
        "", "like_for_like", "adjusted", "adjusted", ""]


def test_subjects_are_zones_parks_and_companies():
    text = ("一、2025年工作回顾\n开发区规上工业增加值增长6%。全省地区生产总值增长5%。新建园区5个。"
            "能源集团、林草生态公司利润分别增长1倍和15倍，交通集团、文旅集团营收分别增长1.1倍和4.3倍。")
    df = analysis.extract(text)
    assert _row(df, "6%")["subject"] == "开发区"
    assert _row(df, "5%")["subject"] == "" and _row(df, "5个")["subject"] == ""
    assert [_row(df, r)["subject"] for r in ("1倍", "15倍", "1.1倍", "4.3倍")] == ["能源集团", "林草生态公司", "交通集团",
                                                                                  "文旅集团"]


def test_schema_has_part_year_and_basis():
    cols = schema.columns()
    assert cols[cols.index("period") + 1] == "basis"
    assert "part_year" in schema.enum("period") and schema.enum("basis") == ["", "like_for_like", "adjusted"]
    conventions = (ROOT / "docs" / "CONVENTIONS.md").read_text(encoding="utf-8")
    assert "part_year" in conventions and "like_for_like" in conventions


# ------------------------------------------------------------------------------------ report year

@pytest.mark.parametrize("row", MANIFEST, ids=lambda r: r["file"])
def test_identity_without_title_lines(row):
    """Every non-blind corpus report with its title, date, source and speaker lines cut (and again with
    the opening address cut too) keeps its region, level and report year."""
    text = analysis.read_text(CORPUS / row["file"])
    lines = text.split("\n")
    # the opening address ends the header lines; a report given without them (2026_national: no header, no
    # opening address, only the closing 各位代表！) is read whole
    k = next((i for i, ln in enumerate(lines) if re.match(r"\s*各位代表[：:]", ln)), None)
    for cut in (k + 1, k + 2) if k is not None else (0,):
        d = document.from_text("\n".join(lines[cut:]), f"cut-{cut}-{row['file']}")
        assert (d.region_en, d.level, d.report_year) == (row["region_en"], row["level"], int(row["year"])), cut


@pytest.mark.parametrize("text,year", [
    ("现在，我代表市人民政府向大会报告工作。\n一、2025年和“十四五”时期工作回顾\n过去一年，地区生产总值增长5%。", 2026),
    ("一、过去一年工作回顾\n2024年是实现“十四五”规划目标任务的关键一年。地区生产总值增长5%。", 2025),
    ("今年是“十五五”开局之年。地区生产总值增长5%左右。", 2026),
    ("今年是“十四五”规划收官之年。地区生产总值增长5%左右。", 2025),
    ("一、牢记嘱托\n过去一年，地区生产总值增长5%。\n三、2026年主要工作\n地区生产总值增长5%左右。", 2026),
])
def test_report_year_from_content(text, year):
    assert document.from_text(text).report_year == year


@pytest.mark.parametrize("name,cut,identity", [
    ("national", 6, ("全国", "national", 2026)),   # no title, date, source or 我代表国务院 line
    ("national", 8, ("全国", "national", 2026)),
    ("county", 5, ("", "county", 2026)),          # only 我代表旗人民政府 says what it is
    ("provincial", 4, ("", "provincial", 2026)),
])
def test_identity_of_synthetic_reports_without_title_lines(name, cut, identity):
    lines = analysis.read_text(ROOT / "tests" / "fixtures" / "unseen" / f"{name}.txt").split("\n")
    d = document.from_text("\n".join(lines[cut:]), f"cut-{cut}-{name}")
    assert (d.region, d.level, d.report_year) == identity


def test_a_session_line_naming_only_a_suffix_gives_the_level():
    d = document.read(ROOT / "tests" / "fixtures" / "unseen" / "provincial_plain.txt")
    assert (d.region, d.level, d.report_year) == ("", "provincial", 2026)


def test_an_annual_average_concentration_is_not_a_multi_year_value():
    df = analysis.extract("一、2025年工作回顾\nPM2.5年均浓度降至30微克/立方米，规上工业增加值年均增长6%。")
    assert _row(df, "30微克/立方米")["period"] == "annual" and _row(df, "6%")["period"] == "multi_year"
