"""Issue 13, item 6 (names a reader can use), session 6: a noun shared by the numbers of a list and the acts that
define what they count. The sentences are written for these tests in the shapes the reviews found; none is copied
from a report. Each rule has a twin that must not change."""

from __future__ import annotations

import pytest

import analysis
from analysis.extraction import english
from analysis.extraction.mention import Mention

from .helpers import names


@pytest.mark.parametrize("text,expected", [
    # levels said alone before one noun after the list's last number: every number counts the noun at its level
    ("建成3个国家级、5个省级区域医疗中心。", [("3个", "建成国家级区域医疗中心"), ("5个", "建成省级区域医疗中心")]),
    ("培育2个世界级、4个国家级、8个区域级产业集群。",
     [("2个", "培育世界级产业集群"), ("4个", "国家级产业集群"), ("8个", "区域级产业集群")]),
    ("建强3个国家级和12个省级临床重点专科。", [("3个", "国家级临床重点专科"), ("12个", "省级临床重点专科")]),
    # twins: a level followed by its own noun, and a list whose items name their own things, are left as they are
    ("建成3个国家级区域医疗中心、5个省级重点实验室。",
     [("3个", "建成国家级区域医疗中心"), ("5个", "建成省级重点实验室")]),
    ("建成3个国家级区域医疗中心。", [("3个", "建成国家级区域医疗中心")]),
])
def test_levels_alone_before_one_noun_share_it(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text,expected", [
    # 建设改造: built or renovated, one act, not renovated alone (a clause's act, before or after the number, and
    # every item of its list)
    ("建设改造农村公路3000公里。", [("3000公里", "建设改造农村公路")]),
    ("建设改造60家乡镇敬老院。", [("60家", "建设改造乡镇敬老院")]),
    ("建设改造城市燃气管网800公里、农村电网2000公里。",
     [("800公里", "建设改造城市燃气管网"), ("2000公里", "建设改造农村电网")]),
    # twins: one act alone stays as it was
    ("改造农村公路3000公里。", [("3000公里", "改造农村公路")]),
    ("建设农村公路3000公里。", [("3000公里", "建设农村公路")]),
])
def test_a_pair_of_making_acts_said_as_one_stays_whole(text, expected):
    assert names(text) == expected


def test_a_pair_of_making_acts_is_said_in_english():
    df = analysis.extract("建设改造农村公路3000公里。")
    assert list(df["metric_en"]) == ["Rural roads built or renovated"]
    twin = analysis.extract("改造农村公路3000公里。")
    assert list(twin["metric_en"]) == ["Rural roads renovated"]  # renovated alone, as before


@pytest.mark.parametrize("text,expected", [
    # the counted noun after a number reads through a letter after a digit (5G, 4K) and a grade threshold (二级及以上)
    ("新增12家国家级5G工厂。", [("12家", "新增国家级5G工厂")]),
    ("120家二级及以上公立医院实现检查检验结果互认。", [("120家", "实现检查检验结果互认的二级及以上公立医院")]),
    # twins: a digit of a next number still ends the noun; an amount's 以上 is still a threshold of the number
    ("新增12家企业5个项目。", [("12家", "新增企业"), ("5个", "新增企业项目")]),
])
def test_the_counted_noun_reads_through_5g_and_grade_thresholds(text, expected):
    assert names(text)[:len(expected)] == expected


def test_the_unsure_mark_of_the_verb_side_is_read_by_english():
    """One path: english.english says "unsure" for a name the verb side kept a verb of no class in (name_unsure)."""
    m = Mention(s=0, e=2, value=3, mag="", unit="个", base_unit="个", measure="level")
    from analysis.language import lexicon
    lex = lexicon.load()
    sure = english.english("省实验室", "technology", m, lex)
    m.name_unsure = True
    unsure = english.english("省实验室", "technology", m, lex)
    assert unsure[1] == "unsure" and sure[1] != "unsure"
    assert unsure[0] == sure[0]  # the label itself is the same: only the source says the rules are unsure


@pytest.mark.parametrize("text,expected", [
    # an act that closes the clause of a counted noun defines the things counted (not the stock)
    ("甲枢纽等12个重大项目建成投运。", [("12个", "建成投运重大项目")]),
    ("乙高速等80个重大项目开工。", [("80个", "开工重大项目")]),
    ("甲、乙3条高速公路提前建成通车。", [("3条", "建成通车高速公路")]),
    ("20万新就业形态人员纳入职业伤害保障。", [("20万", "纳入职业伤害保障的新就业形态人员")]),
    ("3项预期性指标、2项约束性指标未能如期完成。",
     [("3项", "未能如期完成的预期性指标"), ("2项", "未能如期完成的约束性指标")]),
    # twins: an act that does not close the clause, two acts joined by 或, an amount: left as they were
    ("80个重大项目开工建设进展顺利。", [("80个", "重大项目")]),
    ("30多个特色项目投用或开工。", [("30多个", "特色项目投用或")]),
    ("重大项目完成投资500亿元。", [("500亿元", "重大项目完成投资")]),
])
def test_an_act_closing_the_clause_defines_the_things_counted(text, expected):
    assert names(text) == expected


def test_an_act_that_defines_the_things_is_said_in_english():
    df = analysis.extract("甲枢纽等12个重大项目建成投运，乙高速等80个重大项目开工。")
    assert list(df["metric_en"]) == ["Major projects completed and put into operation", "Major projects started"]


@pytest.mark.parametrize("text,expected", [
    # a pair said as one (城乡) before exactly two numbers named alike: the first half's, then the second's
    ("城乡居民人均可支配收入年均增长4.6%、7.2%。",
     [("4.6%", "城镇居民人均可支配收入年均增长"), ("7.2%", "农村居民人均可支配收入年均增长")]),
    ("城乡低保标准提高到每月900元和700元。", [("900元", "城市低保标准"), ("700元", "农村低保标准")]),
    # twins: one number for the pair, and a ratio of the pair, stay the pair's
    ("城乡居民人均可支配收入增长5.1%。", [("5.1%", "城乡居民人均可支配收入增长")]),
    ("城乡居民收入比缩小至2.3:1。", [("2.3:1", "城乡居民收入比缩小")]),
])
def test_a_pair_said_as_one_before_two_numbers_is_split(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a share of things said before them with 的: the things the predicate says
    ("80%的县达到县域医共体标准。", [("80%", "达到县域医共体标准的县")]),
    ("95%以上的村（社区）配备家庭医生。", [("95%", "配备家庭医生的村（社区）")]),
    # twin: a count, named as before
    ("300个老旧小区引入物业服务。", [("300个", "引入物业服务的老旧小区")]),
])
def test_a_share_of_things_is_named_by_the_predicate_that_says_which(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a measure stated after the thing it measures was counted before it takes that owner
    ("小麦总产120亿斤，单产450公斤。", [("120亿斤", "小麦总产"), ("450公斤", "小麦单产")]),
])
def test_a_measure_after_its_thing_takes_it_as_owner(text, expected):
    assert names(text) == expected


def test_a_measure_without_an_owner_in_reach_is_flagged():
    df = analysis.extract("满意率达到98%。")
    assert list(df["metric_en_source"]) == ["unsure"]


@pytest.mark.parametrize("text,expected", [
    # a percent of a plan completed is the share of the plan done, not the thing planned
    ("城镇新增就业、新增发放创业担保贷款分别完成年计划的110%、230%。",
     [("110%", "城镇新增就业完成年计划比例"), ("230%", "新增发放创业担保贷款完成年计划比例")]),
    ("累计完成攻坚战总任务的40%。", [("40%", "攻坚战总任务完成比例")]),
    # twins: an amount completed, and a percent not of a plan, named as before
    ("城镇新增就业完成45万人。", [("45万人", "城镇新增就业")]),
    ("城镇新增就业增长10%。", [("10%", "城镇新增就业增长")]),
])
def test_a_percent_of_a_plan_completed_is_named_as_the_share_done(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a change verb of one character left after a noun: the new things, or the noun's fall
    ("地方标准增15项。", [("15项", "新增地方标准")]),
    ("诈骗发案数、损失数分别再降10%、8%。", [("10%", "诈骗发案数下降"), ("8%", "诈骗损失数下降")]),
    # twin: a verb the character makes with the word before (微降) stays
    ("居民消费价格微降0.1%。", [("0.1%", "居民消费价格微降")]),
])
def test_a_lone_change_verb_after_a_noun_is_read_whole(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text,expected", [
    # how well or how far an act went is no part of what is counted; an act that defines the things stays
    ("基本建成5个国家区域医疗中心。", [("5个", "建成国家区域医疗中心")]),
    ("成功举办3届博览会。", [("3届", "博览会")]),
    # twin: 基本 of a noun (基本养老保险) stays
    ("基本养老保险参保人数1000万人。", [("1000万人", "基本养老保险参保人数")]),
])
def test_adverbs_of_how_an_act_went_are_no_part_of_a_name(text, expected):
    assert names(text) == expected
