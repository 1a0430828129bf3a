"""Issue 13, round 8 of the names reviews: a share cut to end on its verb, and an act said once before a list of
counted things (analysis/extraction/name_shapes.py _share_whole, _shared_acts; lexicon name_shapes). Each rule has a
twin that must not change. The sentences are written for these tests, in the shapes of the reviewed reports."""

from __future__ import annotations

import pytest

from .helpers import names


@pytest.mark.parametrize("text,expected", [
    # a share whose whole and share noun stand between the verb and the numbers (从…提升到…)
    ("制造业税收占全部税收比重从30.1%提高到41.5%。",
     [("30.1%", "制造业税收占全部税收比重"), ("41.5%", "制造业税收占全部税收比重")]),
    # ... said after a growth of the same thing, the verb opening its own clause
    ("机电产品出口增长12.3%，占全部出口比重超过40%。",
     [("12.3%", "机电产品出口增长"), ("40%", "机电产品出口占全部出口比重")]),
    # a share said of nothing: the thing's share
    ("全市经营主体总量86万户，其中个体工商户占68.4%。",
     [("86万户", "经营主体总量"), ("68.4%", "个体工商户占比")]),
    # ... its verb of level between the share noun and the number (达到)
    ("民间投资占全部投资比重达到52%。", [("52%", "民间投资占全部投资比重")]),
    # twins: a share named by its own share noun; a share of a whole said before the number with 的
    ("数字经济核心产业增加值占比达到10.5%。", [("10.5%", "数字经济核心产业增加值占比")]),
    ("高新技术企业营业收入占规上工业营业收入的比重为38%。", [("38%", "高新技术企业营业收入占规上工业营业收入的比重")]),
])
def test_a_share_cut_at_its_verb_takes_back_its_whole(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text,expected", [
    # an act said once before a list of counted things, each item named before its number
    ("处置低效用地12.6万亩、闲置土地3.1万亩。", [("12.6万亩", "处置低效用地"), ("3.1万亩", "处置闲置土地")]),
    ("修改废止和宣布失效政府规章8部、规范性文件31件。",
     [("8部", "修改废止和宣布失效政府规章"), ("31件", "修改废止和宣布失效规范性文件")]),
    # ... through a list of three
    ("治理废弃矿山2.4万亩、小流域面积50万亩、石漠化面积12万亩。",
     [("2.4万亩", "治理废弃矿山"), ("50万亩", "治理小流域面积"), ("12万亩", "治理石漠化面积")]),
    # ... each item named by the noun after its number
    ("建成投产2个露天煤矿和9个井工煤矿。", [("2个", "建成投产露天煤矿"), ("9个", "建成投产井工煤矿")]),
    # twins: an item with an act of its own; an item naming another measure of its own; a rate after the list
    ("处置闲置土地1.2万亩、惠及群众18万户。", [("1.2万亩", "处置闲置土地"), ("18万户", "惠及群众")]),
    ("新增智能工厂和数字化车间60家、人形机器人产量突破3000台。",
     [("60家", "新增智能工厂和数字化车间"), ("3000台", "人形机器人产量")]),
    ("治理水土流失面积300平方公里，森林覆盖率达到48%。",
     [("300平方公里", "治理水土流失面积"), ("48%", "森林覆盖率")]),
])
def test_an_act_said_once_before_a_list_is_every_items(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a measure said once after 分别, behind a verb: every item's
    ("交通、水利、能源分别完成投资1800亿元、600亿元、900亿元。",
     [("1800亿元", "交通投资"), ("600亿元", "水利投资"), ("900亿元", "能源投资")]),
    ("工业、服务业分别实现增加值1200亿元、3400亿元。", [("1200亿元", "工业增加值"), ("3400亿元", "服务业增加值")]),
    # twins: the measure said before 分别; nothing after the verb but the numbers
    ("甲、乙产业营业收入分别达到100亿元、200亿元。", [("100亿元", "甲产业营业收入"), ("200亿元", "乙产业营业收入")]),
    ("农村自来水、卫生厕所覆盖率分别达到95%、80%。", [("95%", "农村自来水覆盖率"), ("80%", "卫生厕所覆盖率")]),
])
def test_a_measure_said_after_respectively_is_every_items(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a closing act after the manner it is done in, counted by households or area: the act stays in the name
    ("完成2.4万户困难老年人家庭适老化改造。", [("2.4万户", "困难老年人家庭适老化改造")]),
    ("完成15万平方米旧住房成套改造。", [("15万平方米", "旧住房成套改造")]),
    # twin: an act after a counted noun ends the name (the things counted)
    ("完成1200个老旧小区改造。", [("1200个", "老旧小区")]),
])
def test_a_closing_act_after_its_manner_stays_in_the_name(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a growth said once after 分别 before a run of rates: every rate's, also the last one's
    ("接待国内游客3.1亿人次、入境游客520万人次，分别增长5.2%、28.4%。",
     [("3.1亿人次", "接待国内游客"), ("520万人次", "入境游客"), ("5.2%", "接待国内游客增长"), ("28.4%", "入境游客增长")]),
    ("签约金额8600亿元、到位资金4200亿元，分别增长9.1%、12.6%。",
     [("8600亿元", "签约金额"), ("4200亿元", "到位资金"), ("9.1%", "签约金额增长"), ("12.6%", "到位资金增长")]),
    # twin: the growth said before 分别 with the items' measure
    ("城镇、农村居民人均可支配收入分别增长5%、6.5%。",
     [("5%", "城镇居民人均可支配收入增长"), ("6.5%", "农村居民人均可支配收入增长")]),
])
def test_a_growth_said_after_respectively_is_every_rates(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text,expected", [
    # an act closing a 分别 list's last item is every item's
    ("市级业务系统、部门自建专网、移动应用整合分别完成30%、60%、25%。",
     [("30%", "市级业务系统整合"), ("60%", "部门自建专网整合"), ("25%", "移动应用整合")]),
    # twin: an earlier item names an act of its own
    ("数据中心迁移、政务系统整合分别完成40%、70%。", [("40%", "数据中心迁移"), ("70%", "政务系统整合")]),
])
def test_an_act_closing_a_respectively_list_is_every_items(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a count of things named after the number, followed by a predicate that defines them and closes the clause
    ("国企改革扎实推进，8家市属企业完成集团层面重组整合。", [("8家", "完成集团层面重组整合的市属企业")]),
    ("12个重大事项纳入国家区域发展规划。", [("12个", "纳入国家区域发展规划的重大事项")]),
    ("提升开发区建设质效，76%的改革试点任务落地实施。", [("76%", "落地实施的改革试点任务")]),
    # twins: a predicate that carries a number of its own; things only said to be done
    ("3个项目完成投资10亿元。", [("3个", "项目完成投资"), ("10亿元", "项目完成投资")]),
    ("全年10个涉农区规划编制完成。", [("10个", "涉农区规划编制")]),
])
def test_a_defining_predicate_after_a_counted_noun_names_the_things(text, expected):
    assert names(text) == expected
