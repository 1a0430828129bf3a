"""Issue 13, session 5 (k7): classes of misses of the tuning reports on time and subject, each rule with a twin that
must read the other way — a five-year review opened by 过去的五年, the government's own work reviewed under a
sub-heading of the review, a running total (累计达到) after a number of its unit, an addition as a five-year goal, works
done over a five-year review, and 配合 before a city's congress. Synthetic sentences only."""

from __future__ import annotations

import re

import pandas as pd

import analysis


def _row(df: pd.DataFrame, raw: str, after: str = "") -> pd.Series:
    hits = df[(df["raw"].str.replace("\n", "") == raw) & df["sentence"].str.contains(re.escape(after))]
    assert len(hits), f"no row {raw!r} after {after!r}: {list(df['raw'])}"
    return hits.iloc[0]


def _report(*review: str, plan: str = "今年经济社会发展的主要预期目标是：地区生产总值增长5%左右。") -> pd.DataFrame:
    return analysis.extract("2026年某省政府工作报告\n各位代表：\n一、“十四五”时期和2025年工作回顾\n"
                            + "\n".join(review) + "\n二、2026年重点工作\n" + plan + "\n")


# ------------------------------------------------------------------------------------ 过去的五年

def test_the_past_five_years_with_de_open_the_five_year_review():
    df = _report("过去的五年极不寻常。我们砥砺前行。",
                 "乡村振兴扎实有效。新建改造高标准农田3167万亩，耕地面积净增212万亩。",
                 "刚刚过去的2025年很不平凡。新建改造高标准农田300万亩。")
    for raw in ("3167万亩", "212万亩"):
        r = _row(df, raw)
        assert (r["section"], r["period"]) == ("five_year_review", "multi_year"), raw
    r = _row(df, "300万亩")
    assert (r["section"], r["period"]) == ("review", "annual")


def test_the_past_year_with_de_stays_the_years_review():
    # twin: 过去的一年 opens the year's review, not the five years'
    df = _report("过去的一年极不寻常。我们砥砺前行。",
                 "乡村振兴扎实有效。新建改造高标准农田3167万亩。")
    r = _row(df, "3167万亩")
    assert (r["section"], r["period"]) == ("review", "annual")


# ------------------------------------------------------------------------------------ works of a five-year review

def test_works_done_over_a_five_year_review_are_multi_year():
    df = _report("过去五年极不寻常。开挖疏浚沟渠11.76万公里，植树造林659万亩，新设8所本科院校，筹集保障性租赁住房30.3万套，"
                 "实现甲集团等19家企业战略性重组。")
    for raw in ("11.76万公里", "659万亩", "8所", "30.3万套", "19家"):
        assert _row(df, raw)["period"] == "multi_year", raw


def test_levels_reached_in_a_five_year_review_stay_annual():
    # twin: the same things stated as levels at the end of the period
    df = _report("过去五年极不寻常。沟渠总长度达到11.76万公里，森林面积达到659万亩，本科院校达到58所，保障性租赁住房总量突破30万套。")
    for raw in ("11.76万公里", "659万亩", "58所", "30万套"):
        assert _row(df, raw)["period"] == "annual", raw


# ------------------------------------------------------------------------------------ a running total

def test_a_running_total_after_a_number_of_its_unit_is_the_years_stock():
    df = _report("过去一年，新增公园127座，提前建成千座公园城市，累计达到1100座。"
                 "建成高标准农田8.9万亩、累计达到120.5万亩。"
                 "“上海标准”、“上海品牌”分别新增12项和44项，累计分别达到64项和288项。")
    for raw in ("1100座", "120.5万亩", "64项", "288项"):
        assert _row(df, raw)["period"] == "annual", raw


def test_a_total_over_the_years_stays_multi_year():
    # twins: a total with a flow verb after 累计, and a running total with no earlier number of its unit
    df = _report("过去一年，新增公园127座，累计完成投资1100亿元。累计建成绿道达到1100公里。")
    assert _row(df, "1100亿元")["period"] == "multi_year"
    assert _row(df, "1100公里")["period"] == "multi_year"


# ------------------------------------------------------------------------------------ an addition as a five-year goal

_GOALS = ("今年经济社会发展的主要预期目标是：地区生产总值增长5%左右。\n"
          "三、“十五五”时期经济社会发展的主要目标\n"
          "“十五五”时期经济社会发展的主要目标是：城镇新增就业500万人以上，常住人口城镇化率达到65%，"
          "新增劳动力平均受教育年限达到14.2年。")


def test_an_addition_as_a_five_year_goal_is_a_total_over_the_period():
    df = _report("过去一年，全省生产总值增长5%。", plan=_GOALS)
    r = _row(df, "500万人")
    assert (r["kind"], r["year"], r["period"]) == ("target", 2030, "multi_year")


def test_a_level_as_a_five_year_goal_stays_a_horizon():
    # twins: a level to reach, also after a noun that opens with 新增 (新增劳动力…达到14.2年)
    df = _report("过去一年，全省生产总值增长5%。", plan=_GOALS)
    for raw in ("65%", "14.2年"):
        r = _row(df, raw)
        assert (r["kind"], r["year"], r["period"]) == ("target", 2030, "horizon"), raw


# ------------------------------------------------------------------------------------ the government's own work

def test_a_sub_heading_on_the_governments_own_work_in_the_review_is_reviewed():
    df = _report("过去一年，全省生产总值增长5%。", "（五）持续加强政府自身建设",
                 "依法行政深入推进。配合市人大及其常委会出台地方性法规20件，办理人大代表建议1256件。")
    for raw in ("20件", "1256件"):
        r = _row(df, raw)
        assert (r["section"], r["kind"], r["year"], r["subject"]) == ("review", "achieved", 2025, ""), raw


def test_a_top_level_heading_on_the_governments_own_work_is_the_government_part():
    # twin: 三、全面加强政府自身建设 after the plan is the government part: what it promises is for the coming year
    df = _report("过去一年，全省生产总值增长5%。",
                 plan="今年经济社会发展的主要预期目标是：地区生产总值增长5%左右。\n三、全面加强政府自身建设\n"
                      "今年要办理人大代表建议1000件以上。")
    r = _row(df, "1000件")
    assert r["section"] != "review" and (r["kind"], r["year"]) == ("target", 2026)


def test_a_city_that_opens_its_clause_stays_the_subject():
    # twin of 配合市人大: a city named at the start of its clause is the figure's subject
    df = _report("过去一年，全省生产总值增长5%。", "兰州市新增城镇就业8万人。")
    assert _row(df, "8万人")["subject"] == "兰州市"


# ------------------------------------------------------------------------------------ units found missing

def test_counts_and_measures_found_missing_are_read():
    df = _report("过去一年，“吉林一号”组网卫星增至144颗，累计建成15回跨境输电线路，卓尼、临潭2县新通高速公路，"
                 "凉州、陇西3县区完成试点，开展4市州省级环保督察，黑土地耕层厚度达到20.6厘米。")
    for raw, unit in (("144颗", "颗"), ("15回", "回"), ("2县", "县"), ("3县区", "县区"), ("4市州", "市州"),
                      ("20.6厘米", "厘米")):
        assert _row(df, raw)["base_unit"] == unit, raw


def test_a_year_before_such_a_unit_is_a_word_not_a_count():
    # twin: a calendar year before 回 or 县 is part of a word (透过2025回望, 2024县域…白皮书): no row
    df = _report("过去一年，透过2025回望“十四五”，发布2024县域重点产业链发展白皮书，新增企业5家。")
    assert "5家" in set(df["raw"])
    assert not set(df["raw"]) & {"2025回", "2024县"}


# ------------------------------------------------------------------------------------ whose growth rates

def test_growth_rates_in_a_clause_of_their_own_are_the_clause_befores_subjects():
    df = _report("过去一年，港区改造启动建设，某某机场航空旅客和货邮吞吐量分别达到1.35亿人次、453.8万吨，分别增长8.3%、7.9%。")
    for raw in ("1.35亿人次", "453.8万吨", "8.3%", "7.9%"):
        assert _row(df, raw)["subject"] == "某某机场", raw


def test_growth_rates_after_the_regions_own_figure_have_no_subject():
    # twins: the clause before is the region's own (全省), or a semicolon ends what the zone's clause says
    df = _report("过去一年，港区改造启动建设，全省航空旅客吞吐量达到1.35亿人次，增长8.3%。"
                 "某某机场货邮吞吐量达到453.8万吨；同比增长7.9%。")
    assert _row(df, "8.3%")["subject"] == ""
    assert _row(df, "453.8万吨")["subject"] == "某某机场"
    assert _row(df, "7.9%")["subject"] == ""


# ------------------------------------------------------------------------------------ a total and a later rate

def _year(text: str) -> pd.DataFrame:
    return _report(text)


def test_a_total_in_an_earlier_clause_says_nothing_of_a_later_rate():
    df = _year("过去一年，累计推出119个重点事项，平均压减时间58%、材料52%。")
    assert _row(df, "119个")["period"] == "multi_year"
    for raw in ("58%", "52%"):
        assert _row(df, raw)["period"] == "annual", raw


def test_a_rate_in_the_totals_own_clause_or_after_a_period_stays_multi_year():
    # twins: the rate in the clause of 累计, and a rate after a cue of the period (五年来)
    df = _year("过去一年，累计推出119个重点事项、压减时间58%。五年来，累计推出300个重点事项，全省生产总值增长40%。")
    for raw in ("58%", "40%"):
        assert _row(df, raw)["period"] == "multi_year", raw


# ------------------------------------------------------------------------------------ ranks in Chinese numerals

def test_a_rank_in_a_region_of_the_country_and_a_list_of_ranks_are_read():
    df = _report("过去一年，两化融合发展水平西北第一。城镇、农村居民人均可支配收入分别增长4.8%、7%，居全国第五和第六。")
    for raw, value in (("第一", 1), ("第五", 5), ("第六", 6)):
        r = _row(df, raw)
        assert (r["measure"], r["value"], r["kind"]) == ("rank", value, "achieved"), raw


def test_an_ordinal_in_a_name_or_of_batches_is_no_rank():
    # twins: 西北第一大港 is a name, 第五和第六批 counts batches
    df = _report("过去一年，推进西北第一大港建设，完成第五和第六批试点，新增企业5家。")
    assert "5家" in set(df["raw"])
    assert not set(df["raw"]) & {"第一", "第五", "第六"}


# ------------------------------------------------------------------------------------ members of what is counted

def test_firms_listed_before_the_count_they_belong_to_are_no_subject():
    df = _report("过去一年，实现甲乙集团、丙丁集团等19家企业战略性重组。")
    assert _row(df, "19家")["subject"] == ""


def test_firms_that_own_the_measures_after_them_stay_the_subjects():
    # twins: each firm of a 分别 list owns its rate; a firm alone owns the measure after it
    df = _report("过去一年，甲乙集团、丙丁集团营收分别增长8%、9%。戊己集团营业收入增长19%。")
    assert (_row(df, "8%")["subject"], _row(df, "9%")["subject"], _row(df, "19%")["subject"]) == \
        ("甲乙集团", "丙丁集团", "戊己集团")
