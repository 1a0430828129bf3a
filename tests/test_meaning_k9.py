"""Issue 13, kind and found (round k9): events endured along a list, the scope of an action followed by how its
things are to develop, counts of indicators said completed or not, and doublings (翻一番). Each rule with a twin
that must not change. Sentences written for these tests (none copied from a report)."""

from __future__ import annotations

import pandas as pd

import analysis


def _report(review: str, plan: str = "今年经济社会发展的主要预期目标是：地区生产总值增长5%左右。") -> pd.DataFrame:
    return analysis.extract("2026年某省政府工作报告\n各位代表：\n一、“十四五”时期和2025年工作回顾\n"
                            + review + "\n二、2026年重点工作\n" + plan + "\n")


def _row(df: pd.DataFrame, raw: str) -> pd.Series:
    hit = df[df["raw"] == raw]
    assert len(hit), (raw, list(df["raw"]))
    return hit.iloc[0]


def test_later_items_of_events_endured_are_context():
    df = _report("过去一年，全省遭受了18轮强降雨和7个台风袭击，农作物受灾面积减少12%。")
    assert _row(df, "18轮")["kind"] == _row(df, "7个")["kind"] == "context"
    twin = _report("过去一年，全省新建了18座水库和7个泵站，农作物受灾面积减少12%。")  # things built: results
    assert _row(twin, "18座")["kind"] == _row(twin, "7个")["kind"] == "achieved"


def test_a_list_after_a_set_the_party_decided_is_context():
    df = _report("过去一年，扎实抓好省委确定的12项重点改革和208项改革任务。")
    assert _row(df, "12项")["kind"] == _row(df, "208项")["kind"] == "context"
    twin = _report("过去一年，扎实完成12项重点改革和208项改革任务。")
    assert _row(twin, "12项")["kind"] == _row(twin, "208项")["kind"] == "achieved"


def test_a_scope_followed_by_how_it_develops_is_context():
    df = _report("过去一年极不寻常。",
                 plan="支持15个重点县率先高质量发展，推动8个开发区错位发展，支持4个省实验室高效运营，提升21个帮扶县帮扶质效。")
    for raw in ("15个", "8个", "4个", "21个"):
        assert _row(df, raw)["kind"] == "context", raw
    twin = _report("过去一年极不寻常。", plan="推动15个重点项目开工建设，新建8个开发区，优化21条公交线路。")
    for raw in ("15个", "8个", "21条"):  # counts made this year: goals
        assert _row(twin, raw)["kind"] == "target", raw


def test_a_count_of_indicators_completed_is_a_result():
    df = _report("“十四五”时期，4项预期性指标、2项约束性指标未能如期完成，生态环境7项约束性指标全部完成。")
    for raw in ("4项", "2项", "7项"):
        assert _row(df, raw)["kind"] == "achieved", raw
    twin = _report("过去一年极不寻常。", plan="《纲要（草案）》提出20项主要指标，其中预期性指标12项。")  # a document's items
    assert _row(twin, "20项")["kind"] == "context"


def test_doublings_are_found_as_growth():
    df = _report("这五年，全省营业收入较“十三五”末期翻一番、利润翻三番，农民收入翻了两番。")
    one, three, two = _row(df, "一番"), _row(df, "三番"), _row(df, "两番")
    assert (one["value"], three["value"], two["value"]) == (1.0, 3.0, 2.0)
    assert one["unit"] == "番" and one["measure"] == "growth" and one["kind"] == "achieved"
    assert one["metric_zh"] == "营业收入" and two["metric_zh"] == "农民收入"
    twin = _report("这五年，全省实现“四个翻番”，营业收入翻番。")  # a slogan and a doubling without its count: no number
    assert not twin["unit"].eq("番").any()


def test_an_ordinal_of_a_kind_after_a_ranking_context_is_context():
    df = _report("过去一年，我市成为全国第7个获批的示范城市，成为全省第三个举办该会议的城市。")
    seven, third = _row(df, "第7个"), _row(df, "第三个")
    assert (seven["value"], third["value"]) == (7.0, 3.0)
    assert seven["kind"] == third["kind"] == "context"
    twin = _report("过去一年，编制第7个发展规划，召开第三个专题会议。")  # an ordinal without a ranking context: no number
    assert not twin["raw"].isin(["第7个", "第三个"]).any()


def test_a_stock_already_built_cited_in_a_task_is_context():
    df = _report("过去一年极不寻常。", plan="优化已建成超2万个便民驿站的服务机制。")
    assert _row(df, "2万个")["kind"] == "context"
    twin = _report("过去一年极不寻常。", plan="新建超2万个便民驿站。")  # the year's goal
    assert _row(twin, "2万个")["kind"] == "target"


def test_a_count_of_the_things_whose_output_grows_is_their_scope():
    df = _report("过去一年，12条重点产业链、9个特色园区营业收入分别增长8.1%、6%，6个产业集群产值突破900亿元。")
    for raw in ("12条", "9个", "6个"):
        assert _row(df, raw)["kind"] == "context", raw
    assert _row(df, "8.1%")["kind"] == _row(df, "900亿元")["kind"] == "achieved"
    twin = _report("过去一年，规上工业企业达1.2万家、增加值增长6%，新建9个特色园区。")  # a count, then another measure
    assert _row(twin, "1.2万家")["kind"] == _row(twin, "9个")["kind"] == "achieved"


def test_a_goal_of_a_rate_per_head_named_with_yongyou_is_a_goal():
    df = _report("过去一年极不寻常。", plan="每千人口拥有3岁以下托位数不少于4.8个，全省拥有5A级景区12家。")
    assert _row(df, "4.8个")["kind"] == "target"
    assert _row(df, "3岁")["kind"] == "context"  # the age band of the places: a descriptor
    twin = _report("过去一年极不寻常。", plan="依托全省拥有的12家5A级景区，打造精品线路。")  # a stock owned: context
    assert _row(twin, "12家")["kind"] == "context"
