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


# ------------------------------------------------------------------------------------ fractions, ratios, counts

def test_fractions_are_shares_in_percent():
    df = analysis.extract(HEAD + "船舶海工出口规模占全国1/3，实际使用外资规模占全国近1/6，城镇新增就业占全国1/10以上，"
                                 "战略性新兴产业营业收入占比超过三分之一。\n")
    for raw, value, qualifier in (("1/3", 100 / 3, "exact"), ("1/6", 100 / 6, "near"), ("1/10", 10, "over"),
                                  ("三分之一", 100 / 3, "over")):
        r = _row(df, raw)
        assert abs(r["value_base"] - value) < 1e-4, raw
        assert (r["unit"], r["base_unit"], r["measure"], r["qualifier"]) == ("%", "%", "share", qualifier), raw


def test_a_ratio_to_one_is_its_first_term_and_times_and_structures_are_not_ratios():
    df = analysis.extract(HEAD + "城乡居民收入比缩小至2.04∶1，城乡居民收入比从2.50:1缩小至2.27:1。"
                                 "三次产业结构调整为8.3∶41.4∶50.3。\n")
    for raw, value in (("2.04∶1", 2.04), ("2.50:1", 2.50), ("2.27:1", 2.27)):
        r = _row(df, raw)
        assert (r["value_base"], r["base_unit"], r["measure"]) == (value, "", "share"), raw
    assert not df["raw"].str.contains("41.4|50.3|8.3∶").any()
    assert analysis.extract("发表时间：2026-02-09 09:45:30\n某省政府工作报告\n").empty


def test_small_chinese_counts_of_actions_are_counts_and_slogans_are_not():
    df = analysis.extract(HEAD + "两次下调存款准备金率和政策利率，推出两批重点事项清单。习近平总书记两次莅临视察。"
                                 "推出一批改革举措，开展二次招商，实施“两重”项目，推进三北工程，建设一带一路。\n")
    assert sorted(df["raw"]) == ["两批", "两次"]  # not the visits, 一批, 二次, 两重, 三北, 一带一路
    assert _row(df, "两次")["value_base"] == 2 and _row(df, "两批")["unit"] == "批"


def test_a_milestone_crossed_is_an_amount_over_it_and_a_slogan_with_shang_is_not():
    df = analysis.extract(HEAD + "服务业增加值跨上万亿元台阶，全省地区生产总值迈上4000亿元台阶，带动上万人就业。\n")
    assert sorted(df["raw"]) == ["4000亿元", "万亿元"]
    for raw, value in (("万亿元", 1e12), ("4000亿元", 4e11)):
        r = _row(df, raw)
        assert (r["value_base"], r["qualifier"]) == (value, "over"), raw


def test_tai_of_taijie_is_no_unit():
    df = analysis.extract(HEAD + "庆阳经济总量迈上1200亿台阶，新增设备1200台。\n")
    step, sets = _row(df, "1200亿"), _row(df, "1200台")
    assert (step["unit"], step["base_unit"], step["value_base"]) == ("亿", "元", 1.2e11)
    assert (sets["unit"], sets["value_base"]) == ("台", 1200)


def test_a_round_chinese_count_with_yu_is_a_count_over_it():
    df = analysis.extract(HEAD + "千余家优质企业融入供需配套，百余项国家级改革试点任务先行探索，十余年来稳步发展，培育千亿级产业。\n")
    assert sorted(df["raw"]) == ["千余家", "百余项"]
    for raw, value in (("千余家", 1000), ("百余项", 100)):
        r = _row(df, raw)
        assert (r["value_base"], r["qualifier"]) == (value, "over"), raw


def test_a_bare_number_after_the_name_of_a_ratio_is_the_ratio():
    df = _five("五年来，城乡居民人均收入年均增长5.3%、7.7%，城乡居民收入比值由3.27缩小至2.93，"
               "农产品加工业总产值与农业总产值之比突破1：1。")
    end = _row(df, "2.93")
    assert (end["value_base"], end["base_unit"], end["measure"], end["period"]) == (2.93, "", "share", "annual")
    assert _row(df, "3.27")["kind"] == "context"  # the start of 由…缩小至…
    assert (_row(df, "1：1")["value_base"], _row(df, "1：1")["qualifier"]) == (1, "over")
