"""Sentence shapes behind the misses of the Shandong 2025 and Yunnan 2026 reports and the other tuning reports
(issue 13): which numbers of a five-year review are over the period, which plan numbers are the year's, a standing
set acted on, the starting values of a list, bare numbers of a 分别 list, a milestone crossed with 破. Synthetic
texts only: each test states one shape, with a twin that must read the other way."""

from __future__ import annotations

import re

import pandas as pd

import analysis

HEAD = "2026年某省政府工作报告\n各位代表：\n一、“十四五”时期工作回顾\n"
TAIL = "\n二、2026年重点工作\n今年地区生产总值增长5%左右。\n"


def _row(df: pd.DataFrame, raw: str, after: str = "") -> pd.Series:
    hits = df[(df["raw"].str.replace("\n", "") == raw) & df["sentence"].str.contains(re.escape(after))]
    assert len(hits), f"no row {raw!r} after {after!r}: {list(df['raw'])}"
    return hits.iloc[0]


def _five(body: str) -> pd.DataFrame:
    return analysis.extract(HEAD + body + TAIL)


def _report(year: int, review: str = "", plan: str = "") -> pd.DataFrame:
    """A report of `year`: its review (过去一年…) and a task chapter of its plan."""
    return analysis.extract(f"{year}年某省政府工作报告\n各位代表：\n一、{year - 1}年工作回顾\n过去一年，全省生产总值增长5%。"
                            f"{review}\n二、{year}年重点工作\n今年经济社会发展的主要预期目标是：地区生产总值增长5%左右。\n"
                            f"（一）扩大内需。{plan}再建5个园区。\n")


# ------------------------------------------------------------------------------------ period in a five-year review

def test_over_after_a_flow_verb_is_its_floor_not_a_level_reached():
    df = _five("这五年，开工项目超1万个，全省新增有效灌溉面积超240万亩，清洁能源装机容量超过1.3亿千瓦。")
    assert _row(df, "1万个")["period"] == "multi_year"   # projects started over the five years
    assert _row(df, "240万亩")["period"] == "multi_year"
    assert _row(df, "1.3亿千瓦")["period"] == "annual"   # a level at the end of the period


def test_over_in_a_later_list_item_without_its_own_flow_verb_is_a_level():
    df = _five("这五年，新建成轨道交通线路7条、通车里程超400公里。")
    assert _row(df, "7条")["period"] == "multi_year"
    assert _row(df, "400公里")["period"] == "annual"


def test_a_count_whose_own_predicate_follows_it_is_over_the_period():
    df = _five("这五年，9部精品力作获国家级文艺大奖，3个国家区域医疗中心投入运营，374个沿边行政村全部建成边境幸福村。")
    assert _row(df, "9部")["period"] == "multi_year"
    assert _row(df, "3个")["period"] == "multi_year"
    assert _row(df, "374个")["period"] == "annual"   # 全部: a coverage reached, not things done


def test_government_actions_of_a_five_year_review_are_totals_of_the_period():
    df = _five("这五年，提请审议地方性法规43件，办理人大代表建议4249件，统筹4416.6亿元支持乡村振兴。")
    for raw in ("43件", "4249件", "4416.6亿元"):
        assert _row(df, raw)["period"] == "multi_year", raw


def test_a_rank_of_a_five_year_review_is_the_end_years_unless_held_over_the_years():
    df = _five("这五年，抽水蓄能规划建设总规模全国第一。区域创新能力连续9年全国第一。")
    assert _row(df, "第一", "抽水蓄能")["period"] == "annual"
    assert _row(df, "第一", "区域创新能力")["period"] == "multi_year"


def test_a_rate_over_a_floor_in_a_five_year_review_is_a_level():
    df = _five("这五年，法治建设群众综合满意率均超97%。")
    assert _row(df, "97%")["period"] == "annual"


# ------------------------------------------------------------------------------------ plan: whose year

def test_a_plan_period_word_earlier_in_the_paragraph_does_not_outlast_a_later_this_year():
    df = _report(2025, plan="着力加强基础设施建设，绘制好2025年、“十五五”时期、到2035年“三张图”。今年力争完成投资2500亿元。"
                            "铁路，加快建设6条高铁，高速公路通车里程突破9300公里。")
    for raw in ("6条", "9300公里"):
        r = _row(df, raw)
        assert (r["kind"], r["year"], r["period"]) == ("target", 2025, "annual"), raw


def test_a_plan_period_word_after_this_year_still_makes_a_five_year_goal():
    df = _report(2026, plan="今年要开好局。“十五五”时期，全省高速公路通车里程突破1.2万公里。")
    r = _row(df, "1.2万公里")
    assert (r["year"], r["period"]) == (2030, "horizon")


# ------------------------------------------------------------------------------------ kind

def test_a_standing_set_acted_on_is_context_not_a_goal():
    df = _report(2025, plan="聚焦28条重点产业链开展攻关。发挥好9个国家区域医疗中心服务功能。抓好550个省重大项目建设。")
    assert _row(df, "28条")["kind"] == "context"
    assert _row(df, "9个")["kind"] == "context"
    assert _row(df, "550个")["kind"] == "target"   # the year's projects: a goal


def test_a_set_the_party_fixed_is_context_in_the_review():
    df = _report(2026, review="持续抓好省委确定的14项引领性改革，年初确定的10件民生实事全部完成。")
    assert _row(df, "14项")["kind"] == "context"
    assert _row(df, "10件")["kind"] == "achieved"


def test_the_name_of_a_holding_is_no_context_cue():
    df = _report(2025, plan="全省每万人口高价值发明专利拥有量达到12件。全省现拥有国家级实验室20个。")
    assert _row(df, "12件")["kind"] == "target"
    assert _row(df, "20个")["kind"] == "context"


def test_the_starting_values_of_a_list_are_baselines():
    df = _five("城乡居民人均可支配收入从2021年的46503元和16935元分别提高到58794元和23165元。")
    assert _row(df, "46503元")["kind"] == "context"
    assert _row(df, "16935元")["kind"] == "context"
    assert _row(df, "58794元")["kind"] == "achieved"
    assert _row(df, "23165元")["kind"] == "achieved"


# ------------------------------------------------------------------------------------ found

def test_bare_numbers_of_a_respectively_list_take_the_last_items_unit():
    df = _five("农村卫生户厕覆盖率、污水治理率、生活垃圾处理设施覆盖率分别提高20.9、36.2、54个百分点。")
    for raw in ("20.9", "36.2", "54个百分点"):
        r = _row(df, raw)
        assert (r["base_unit"], r["measure"]) == ("个百分点", "growth"), raw


def test_bare_numbers_without_respectively_stay_out():
    df = _five("全省有3、5个试点县。")
    assert "3" not in set(df["raw"])


def test_a_milestone_crossed_with_po_is_the_amount():
    df = _report(2025, review="全年接待游客超9亿人次，旅游收入破万亿。")
    r = _row(df, "万亿")
    assert (r["value_base"], r["base_unit"], r["qualifier"], r["kind"]) == (1e12, "元", "over", "achieved")
    assert r["metric_zh"] == "旅游收入"


def test_a_multi_year_cue_spent_on_a_statement_without_a_number_does_not_carry():
    df = _five("这五年，民族自治地方年均经济增速高于全省平均水平，6个自治州通高铁或动车。")
    assert _row(df, "6个")["period"] == "annual"


def test_a_multi_year_cue_with_its_own_number_carries_over_a_list():
    # (k10) a total (累计) is its own clause's in the year's review: a later clause with a verb of its own is the year's
    # (the tuning annotations 2025_guangdong, 2026_beijing, 2026_shandong: 累计完成…，建成长者饭堂3652个 is annual);
    # a period cue (五年来, 年均) still carries, and a total over the items of its 、 list
    df = analysis.extract("2025年某省政府工作报告\n各位代表：\n一、2024年工作回顾\n过去一年，全省生产总值增长5%。"
                          "累计实施城市更新项目295个，治理提升滨江岸线61公里。五年来，实施项目300个，治理岸线70公里。"
                          "累计实施城市更新项目295个、滨江岸线61公里。\n二、2025年重点工作\n"
                          "今年经济社会发展的主要预期目标是：地区生产总值增长5%左右。\n（一）扩大内需。再建5个园区。\n")
    assert list(df[df["raw"] == "61公里"]["period"]) == ["annual", "multi_year"]
    assert _row(df, "70公里")["period"] == "multi_year"


def test_a_rank_in_words_after_a_longer_ranking_group_or_mingle_is_found():
    df = _report(2025, review="跨境人民币结算量稳居西部和边境省区第一。在全国困难群众救助工作绩效评价中名列第一。")
    ranks = df[df["measure"] == "rank"]
    assert len(ranks) == 2 and set(ranks["value"]) == {1}


def test_editions_held_are_a_count_but_sessions_and_classes_are_not():
    df = _five("这五年，承办3届中国户外运动产业大会，圆满举办4届南博会。深入贯彻党的二十届三中全会精神。"
               "2025届高校毕业生去向落实率95%。")
    assert _row(df, "3届")["period"] == "multi_year"   # events of the period
    assert _row(df, "4届")["base_unit"] == "届"
    assert not df["raw"].str.contains("二十届|2025届").any()


def test_a_result_whose_clause_names_an_earlier_year_is_that_years():
    df = _report(2025, review="经过全国第五次经济普查，全省地区生产总值共增加2702亿元，2023年达到13.09万亿元。"
                              "全年增长4%，快于2023年1.8个百分点。")
    assert _row(df, "13.09万亿元")["year"] == 2023
    assert _row(df, "1.8个百分点")["year"] == 2024   # a comparison base, not the value's year


def test_the_base_of_a_share_stated_after_it_is_context():
    df = _report(2025, review="全省160个国控断面中I类及以上水质占比86.1%。企业调查59项测评点中有22项达到全球最优水平。",
                 plan="每个县办好1所公办高中。")
    assert _row(df, "160个")["kind"] == "context"
    assert _row(df, "59项")["kind"] == "context"
    assert _row(df, "86.1%")["kind"] == "achieved"
    assert _row(df, "1所")["kind"] == "target"   # 高中 is a school, not 中 (among)
