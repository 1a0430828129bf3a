"""What a number counts and over which time (issue 13): sentence shapes of a five-year review whose
numbers are over the period (multi_year) or the level at its end (annual), and numbers written as
fractions, ratios and Chinese-numeral counts. Synthetic texts only: each test states one shape."""

from __future__ import annotations

import re

import pandas as pd

import analysis

HEAD = "2026年某省政府工作报告\n各位代表：\n一、“十四五”时期工作回顾\n"


def _row(df: pd.DataFrame, raw: str, after: str = "") -> pd.Series:
    hits = df[(df["raw"].str.replace("\n", "") == raw) & df["sentence"].str.contains(re.escape(after))]
    assert len(hits), f"no row {raw!r} after {after!r}: {list(df['raw'])}"
    return hits.iloc[0]


def _five(body: str) -> pd.DataFrame:
    return analysis.extract(HEAD + body + "\n二、2026年重点工作\n今年地区生产总值增长5%左右。\n")


# ------------------------------------------------------------------------------------ period in a five-year review

def test_a_lead_sentence_naming_the_five_years_opens_a_five_year_paragraph():
    df = analysis.extract("2026年某省政府工作报告\n各位代表：\n一、2025年和“十四五”时期工作回顾\n"
                          "过去一年，全省生产总值增长5.6%。\n这是人民生活品质显著改善的五年。\n"
                          "民生领域财政支出占比保持在76%以上，人均预期寿命提高到75.3岁。\n"
                          "二、2026年重点工作\n今年地区生产总值增长5%左右。\n")
    share = _row(df, "76%")
    assert (share["section"], share["period"]) == ("five_year_review", "multi_year")
    assert _row(df, "75.3岁")["period"] == "annual"  # a level reached at the end of the period
    assert (_row(df, "5.6%")["section"], _row(df, "5.6%")["period"]) == ("review", "annual")


def test_a_multi_year_cue_does_not_carry_over_a_later_item_that_states_a_level():
    df = _five("五年来，工业增加值年均增长6.1%、规模升至全国第7位。"
               "外商直接投资累计达到149.6亿美元、总规模居中西部第1位，自贸试验区159项改革试验任务全面实施。"
               "累计净增经营主体155万户、总量达474万户。")
    assert _row(df, "6.1%")["period"] == "multi_year"
    assert _row(df, "第7位")["period"] == "annual"
    assert _row(df, "149.6亿美元")["period"] == "multi_year"
    assert _row(df, "第1位")["period"] == "annual"
    assert _row(df, "159项")["period"] == "annual"
    assert _row(df, "155万户")["period"] == "multi_year"
    assert _row(df, "474万户")["period"] == "annual"


def test_a_floor_after_a_cumulative_total_is_still_part_of_it():
    df = _five("五年来，中欧班列累计发送旅客超4500万人次、货物超5000万吨。")
    assert _row(df, "4500万人次")["period"] == "multi_year"
    assert _row(df, "5000万吨")["period"] == "multi_year"


def test_counts_of_events_and_states_held_over_the_period_are_multi_year():
    df = _five("五年来，4次提高城乡居民基础养老金，分两批发布重点事项清单，高标准打造幸福河湖100条，"
               "水质优良率连续五年保持100%，建成5G基站8.99万个、覆盖95%以上行政村。")
    for raw in ("4次", "100条", "100%", "8.99万个"):
        assert _row(df, raw)["period"] == "multi_year", raw
    assert _row(df, "95%")["period"] == "annual"  # coverage reached: a level


def test_event_counts_of_the_past_year_stay_annual():
    df = analysis.extract("2026年某省政府工作报告\n各位代表：\n一、2025年工作回顾\n"
                          "过去一年，我们4次提高城乡居民基础养老金。\n")
    assert _row(df, "4次")["period"] == "annual"
