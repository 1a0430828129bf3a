"""Issue 13, round 7 of the names reviews: shapes of a name a reader of a statistics table needs
(analysis/extraction/name_shapes.py, lexicon name_shapes; docs/CONVENTIONS.md metric_zh). Each rule has a twin that
must not change. The sentences are written for these tests, in the shapes of the reviewed reports."""

from __future__ import annotations

import pytest

from .helpers import names


@pytest.mark.parametrize("text,expected", [
    # an enumeration mark that opens a list item of a livelihood annex goes
    ("①新建城市社区食堂800个，改造农村危房3000户。", [("800个", "新建城市社区食堂"), ("3000户", "改造农村危房")]),
    ("⑦建成乡镇综合文化站120个。", [("120个", "建成乡镇综合文化站")]),
    # twin: the same item without a mark
    ("建成乡镇综合文化站120个。", [("120个", "建成乡镇综合文化站")]),
])
def test_an_enumeration_mark_is_no_part_of_a_name(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a gap in points right after a growth rate: the gap of the rate
    ("一般公共预算收入增长3.1%、高于全国1.2个百分点。",
     [("3.1%", "一般公共预算收入增长"), ("1.2个百分点", "一般公共预算收入增速高于全国")]),
    ("规上工业企业利润增长6%、低于全省0.5个百分点。",
     [("6%", "规上工业企业利润增长"), ("0.5个百分点", "规上工业企业利润增速低于全省")]),
    # ... of an average rate
    ("地区生产总值年均增长6.1%、高于全国0.8个百分点。",
     [("6.1%", "地区生产总值年均增长"), ("0.8个百分点", "地区生产总值年均增速高于全国")]),
    # a list's gaps said once before its numbers: each item's
    ("工业投资、民间投资增速分别高于全国3.2个、1.5个百分点。",
     [("3.2个", "工业投资增速高于全国"), ("1.5个百分点", "民间投资增速高于全国")]),
    # twins: a gap of a rate that is itself the measure; a gap said with the rate already
    ("常住人口城镇化率达到62%、高于全国1.5个百分点。",
     [("62%", "常住人口城镇化率"), ("1.5个百分点", "常住人口城镇化率高于全国")]),
    ("社会消费品零售总额增长5%，增速高于全国1.3个百分点。",
     [("5%", "社会消费品零售总额增长"), ("1.3个百分点", "社会消费品零售总额增速高于全国")]),
])
def test_a_gap_over_a_benchmark_after_a_growth_rate_names_the_rate(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a closing act of reach before a count of people or households that closes its clause
    ("城乡居民大病保险覆盖3200万人。", [("3200万人", "城乡居民大病保险覆盖人数")]),
    ("农村危房改造惠及2.6万户，新建村级养老服务站300个。",
     [("2.6万户", "农村危房改造惠及户数"), ("300个", "新建村级养老服务站")]),
    # twins: the act alone (no owner); a count of things with its noun after the number
    ("惠及120万人。", [("120万人", "惠及")]),
    ("5G网络覆盖1500个行政村。", [("1500个", "5G网络覆盖行政村")]),
])
def test_a_closing_reach_act_before_a_count_of_people_names_the_count(text, expected):
    assert names(text) == expected


def test_a_reach_act_before_a_noun_counted_after_the_number_adds_no_count_word():
    """大病保险覆盖3200万人口以上的地市: the number does not close its clause, what follows it is counted."""
    got = names("大病保险覆盖3200万人口以上的地市。")
    assert got and all(not n.endswith("人数") for _, n in got)


@pytest.mark.parametrize("text,expected", [
    # a change over a period named by nothing else takes the thing of the number right before it
    ("税收收入累计达到2.1万亿元，5年增长24.6%。",
     [("2.1万亿元", "税收收入"), ("24.6%", "税收收入5年增长")]),
    ("数字经济核心产业增加值占比达到12%、近3年提升2.4个百分点。",
     [("12%", "数字经济核心产业增加值占比"), ("2.4个百分点", "数字经济核心产业增加值占比近3年提升")]),
    # twin: a change that names its own thing
    ("税收收入累计达到2.1万亿元，工业投资5年增长24.6%。",
     [("2.1万亿元", "税收收入"), ("24.6%", "工业投资5年增长")]),
])
def test_a_bare_change_over_a_period_takes_the_thing_before(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text,expected", [
    # two numbers joined as a pair after a name opened by a pair word
    ("城乡低保标准分别提高到760元/月和520元/月。", [("760元", "城镇低保标准"), ("520元", "农村低保标准")]),
    ("城乡低保标准提高到不低于760元/月和520元/月。", [("760元", "城镇低保标准"), ("520元", "农村低保标准")]),
    # twin: three numbers after the same name (no pair to split)
    ("城乡低保标准提高到760元/月、520元/月和600元/月。",
     [("760元", "城乡低保标准"), ("520元", "城乡低保标准"), ("600元", "城乡低保标准")]),
])
def test_a_pair_word_before_two_numbers_names_each_member(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a scope said once between a 分别 list's last item and its shared measure: every item's
    ("家用电器、通讯器材限上零售额分别增长12%、9%。",
     [("12%", "家用电器限上零售额增长"), ("9%", "通讯器材限上零售额增长")]),
    # a preposition opening a 分别 list: every item's
    ("对东盟、拉美出口分别增长15%、8%。", [("15%", "对东盟出口增长"), ("8%", "对拉美出口增长")]),
    # twins: a scope inside a share (占规模以上工业比重) is the whole's, not put into an item (the first item's
    # share is the lists rules' business: unchanged here); a list with no scope
    ("先进制造业、高技术制造业增加值占规模以上工业比重分别达到50%、30%。",
     [("50%", "先进制造业比重"), ("30%", "高技术制造业增加值占规模以上工业比重")]),
    ("家用电器、通讯器材零售额分别增长12%、9%。",
     [("12%", "家用电器零售额增长"), ("9%", "通讯器材零售额增长")]),
])
def test_a_scope_or_preposition_said_once_in_a_respectively_list_is_every_items(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text,expected", [
    # 的 right before the number: the modifier before it is another measure of the things, the name is the noun
    ("抓好总投资1.5万亿元的260个省重点项目。", [("1.5万亿元", "总投资"), ("260个", "省重点项目")]),
    # a threshold before 的 in the same list item says which things are counted
    ("实施重点项目1200个、投资5000万元以上的技改项目800个。",
     [("1200个", "实施重点项目"), ("5000万元", "投资"), ("800个", "投资5000万元以上的技改项目")]),
])
def test_a_name_cut_from_its_modifier_at_de(text, expected):
    got = names(text)
    assert [g for g in got if g[0] == expected[-1][0]] == [expected[-1]]


def test_a_share_before_de_is_no_threshold_of_the_name():
    """95%以上的村集体经营性收入超过10万元: a share of the things is no threshold that names them (left to the rules)."""
    got = dict(names("95%以上的村集体经营性收入超过10万元。"))
    assert not got.get("10万元", "").startswith("95%")


@pytest.mark.parametrize("text,expected", [
    # a selection after the counted noun, with the owner named before the number (name_verbs._selected_after)
    ("浙江自贸试验区4项创新成果入选全国最佳实践案例。", [("4项", "入选全国最佳实践案例的浙江自贸试验区创新成果")]),
    # a list of items before the counted class the selection names
    ("甲、乙两地5个集群获评国家先进制造业集群。", [("5个", "获评国家先进制造业集群")]),
    # twins: no owner before the number; no selection after the noun
    ("4项创新成果入选全国最佳实践案例。", [("4项", "入选全国最佳实践案例的创新成果")]),
    ("浙江自贸试验区4项创新成果在全国推广。", [("4项", "浙江自贸试验区创新成果")]),
])
def test_a_selection_after_an_owned_counted_noun_defines_the_things(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text,expected", [
    # numbers of one counted noun said in a row: a number the other rules left without a name takes the run's
    ("以民生建设为重点，12类55件民生实事保质保量完成。", [("12类", "民生实事"), ("55件", "民生实事")]),
    ("持续巩固拓展脱贫攻坚成果，6.1万户14.2万名防返贫监测对象稳定消除风险。",
     [("6.1万户", "防返贫监测对象"), ("14.2万名", "防返贫监测对象")]),
    # twins: a number not in a run keeps what it had (here no name: the rules could not find one)
    ("特困人员基本生活标准不低于当地最低生活保障标准的1.6倍。", [("1.6倍", "")]),
    ("办好民生实事55件。", [("55件", "民生实事")]),
])
def test_a_number_in_a_run_of_one_counted_noun_is_never_left_without_a_name(text, expected):
    assert names(text) == expected
