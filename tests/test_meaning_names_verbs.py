"""Issue 13, names judged "form only": the general rule of name_verbs for a verb of policy that opens the name of a
count and for an adverb+verb predicate after a count's noun, decided by the segmenter's parts of speech, not by a
list of the verbs that go. Each rule has a twin that must not change (a defining or kept act, a count of people, a
measure, a verb read apart from the noun it modifies). The sentences are written for these tests."""

from __future__ import annotations

import pytest

from analysis.language import lexicon

from .helpers import names


@pytest.mark.parametrize("text,expected", [
    # a verb of no list opens the name of a count of things: it goes, with a second verb and adverbs before it
    ("全年召开省级新闻发布会120场。", [("120场", "省级新闻发布会")]),
    ("全年制定发布地方标准35项。", [("35项", "地方标准")]),
    ("全年整合建立标志性产业链12条。", [("12条", "标志性产业链")]),
    ("全年吸引集聚高端科研项目30个。", [("30个", "高端科研项目")]),
    ("全年经受强降水15轮。", [("15轮", "强降水")]),
    # twins: a defining act, a kept act, a verb the segmenter reads apart from the noun it modifies
    ("全年改造农村公路危旧桥梁120座。", [("120座", "改造农村公路危旧桥梁")]),
    ("全年出让矿业权45宗。", [("45宗", "出让矿业权")]),
    ("全年在建铁路项目12个。", [("12个", "在建铁路项目")]),
    # twins: a count of people (the act says who is counted), an amount of money (完成 of a measure: not counts)
    ("全年培训农村实用人才3万人。", [("3万人", "培训农村实用人才")]),
    ("全年召开省级新闻发布会120场，接待游客人次增长8%。",
     [("120场", "省级新闻发布会"), ("8%", "接待游客人次增长")]),
])
def test_a_verb_of_no_list_opening_the_name_of_a_count(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text,expected", [
    # an adverb and a verb without object after the counted noun: how the things fare, no part of the name
    ("8个省级区域医疗中心高效运行。", [("8个", "省级区域医疗中心")]),
    # twins: an act that defines the things (defining_after), a bare verb without an adverb (no rule of this kind)
    ("8个省级区域医疗中心建成投运。", [("8个", "建成投运省级区域医疗中心")]),
    ("8个省级区域医疗中心运营。", [("8个", "省级区域医疗中心运营")]),
])
def test_an_adverb_and_verb_after_the_counted_noun(text, expected):
    assert names(text) == expected


def test_the_general_rule_reads_its_parts_of_speech_from_the_lexicon():
    v = lexicon.load().name_verbs
    assert "v" in v.opening_verb_tags and "count" in v.opening_dims and "person" not in v.opening_dims
    assert "召开" not in v.policy and "召开" not in v.kept_acts  # the rule, not the list, takes it out
    assert "改造" in v.kept_acts and "在建" in v.kept_acts
