"""Issue 13, measure of the numbers of a 分别 list (page review 6: a surveyed unemployment target read as growth
because the next item names a change). Each rule with twins that must not change. Sentences written for these
tests (none copied from a report)."""

from __future__ import annotations

import analysis


def _measures(sentence: str) -> dict[str, str]:
    df = analysis.extract("2026年某省政府工作报告\n各位代表：\n一、2025年工作回顾\n过去一年，" + sentence + "\n")
    return dict(zip(df["raw"], df["measure"]))


def test_each_number_of_a_respectively_list_is_what_its_own_item_names():
    m = _measures("城镇登记失业率、居民消费价格涨幅分别控制在4.5%和2%以内。")
    assert m["4.5%"] == "share" and m["2%"] == "growth"  # the change word 涨幅 is the second item's


def test_a_change_word_shared_after_respectively_is_every_number_s():
    m = _measures("城镇登记失业率、居民消费价格分别下降0.3个百分点和上涨2%。")
    assert m["0.3个百分点"] == m["2%"] == "growth"
    m = _measures("城镇、农村居民人均可支配收入分别增长4.5%、6%。")
    assert m["4.5%"] == m["6%"] == "growth"


def test_items_that_each_name_a_change_are_growth_and_rates_are_shares():
    """(The first list was read as shares before the rule: each item's own 增速 is read now.)"""
    m = _measures("地区生产总值增速、工业增加值增速分别为4.5%和6%。")
    assert m["4.5%"] == m["6%"] == "growth"
    m = _measures("研发投入强度、常住人口城镇化率分别达到2.4%、61%。")
    assert m["2.4%"] == m["61%"] == "share"
