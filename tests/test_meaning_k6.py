"""Issue 13, session 4 (k6): classes of misses that recur across the tuning reports' annotations, each rule with a
twin that must read the other way — the five-year review opened by the sentence after the plan's close, baselines of
a rank and of an allowance, count and measure units the annotators found missing, and the annotations' optional rows
(docs/CONVENTIONS.md, annotation conventions). Synthetic sentences only."""

from __future__ import annotations

import re

import pandas as pd

import analysis
from analysis.corpus import evaluate


def _row(df: pd.DataFrame, raw: str, after: str = "") -> pd.Series:
    hits = df[(df["raw"].str.replace("\n", "") == raw) & df["sentence"].str.contains(re.escape(after))]
    assert len(hits), f"no row {raw!r} after {after!r}: {list(df['raw'])}"
    return hits.iloc[0]


def _review(*paragraphs: str) -> pd.DataFrame:
    body = "\n".join(paragraphs)
    return analysis.extract("2026年某省政府工作报告\n各位代表：\n一、2025年和“十四五”时期工作回顾\n"
                            "过去一年，全省生产总值增长5%。\n" + body + "\n二、2026年重点工作\n"
                            "今年经济社会发展的主要预期目标是：地区生产总值增长5%左右。\n")


# ------------------------------------------------------------------------------------ the five-year review

def test_the_sentence_after_the_plans_close_opens_the_five_year_review():
    df = _review("各位代表！2025年主要目标任务的完成，标志着“十四五”规划顺利收官。回望过去五年，我们砥砺前行。",
                 "（一）大抓产业。新增五星级饭店16家，培育商圈140个。")
    for raw in ("16家", "140个"):
        r = _row(df, raw)
        assert (r["section"], r["period"]) == ("five_year_review", "multi_year"), raw


def test_a_year_that_closed_the_plan_does_not_open_the_five_year_review():
    # twin: the first sentence names the plan's last year (收官之年), the next one the past year: the year's review
    df = _review("各位代表！2025年是“十四五”规划收官之年。一年来，我们砥砺前行。",
                 "（一）大抓产业。新增五星级饭店16家，培育商圈140个。")
    for raw in ("16家", "140个"):
        r = _row(df, raw)
        assert (r["section"], r["period"]) == ("review", "annual"), raw


def test_the_plans_close_without_a_time_after_it_keeps_the_section():
    # twin: the close is stated, but the next sentence says no time: the section in force (the year's review) stays
    df = _review("各位代表！2025年主要目标任务的完成，标志着“十四五”规划顺利收官。我们砥砺前行。",
                 "新增五星级饭店16家。")
    assert _row(df, "16家")["section"] == "review"


# ------------------------------------------------------------------------------------ baselines

def test_the_starting_rank_of_a_rise_is_a_baseline():
    df = _review("规上工业企业营收从全国第12位跃升至第5位。汽车、新能源汽车产量从全国第8位、第4位双双跃居第1位。")
    for raw in ("第12位", "第8位", "第4位"):
        assert _row(df, raw)["kind"] == "context", raw
    assert _row(df, "第5位")["kind"] == "achieved"
    assert _row(df, "第1位")["kind"] == "achieved"


def test_a_rank_without_a_start_is_a_result():
    # twin: a rank held (居) or reached (升至) without 从: a result
    df = _review("规上工业企业营收居全国第12位，科技型中小企业数升至第5位。")
    assert _row(df, "第12位")["kind"] == "achieved"
    assert _row(df, "第5位")["kind"] == "achieved"


def test_the_starting_allowance_per_person_is_a_baseline():
    df = _review("困难残疾人生活补贴、重度残疾人护理补贴标准分别从每人每月202元、270元提高到209元、280元。")
    assert _row(df, "202元")["kind"] == "context" and _row(df, "270元")["kind"] == "context"
    assert _row(df, "209元")["kind"] == "achieved" and _row(df, "280元")["kind"] == "achieved"


def test_an_allowance_per_person_without_a_start_is_a_result():
    # twin: 每人每月 before a value without 从: the value is the result
    df = _review("困难残疾人生活补贴标准达到每人每月209元。")
    assert _row(df, "209元")["kind"] == "achieved"


# ------------------------------------------------------------------------------------ units

def test_count_and_measure_units_found_missing():
    df = _review("开工建设40宗堤防，勇夺13块金牌，34款创新药械获批上市，改造507栋危旧简易楼，"
                 "12类民生实事完成，车程缩至30分钟，电池产能达55GWh，算力规模突破190Eflops。")
    expect = {"40宗": "宗", "13块": "块", "34款": "款", "507栋": "栋", "12类": "类",
              "30分钟": "分钟", "55GWh": "GWh", "190Eflops": "EFlops"}
    for raw, unit in expect.items():
        assert _row(df, raw)["base_unit"] == unit, raw


def test_unit_words_inside_other_words_are_no_units():
    # twin: a year before 回望 is no count of circuits (回 is no unit), 分 in 分别 makes no score
    df = _review("2025回望来路，居民消费价格指数回升0.5%，三次产业结构分别为8.3∶41.4∶50.3，全省生产总值5000亿元。")
    assert set(df["base_unit"]) <= {"%", "元", ""}
    assert not df["raw"].str.contains("回|类|分|块").any()


# ------------------------------------------------------------------------------------ optional annotation rows

def test_optional_and_descriptor_notes_are_neither_required_nor_wrong():
    gold = pd.DataFrame({"start": ["0", "10", "20"], "end": ["3", "13", "23"], "raw": ["36年", "第一", "首位"],
                         "value_base": ["36", "1", "1"], "kind": ["context", "achieved", "context"],
                         "note": ["duration of 连续…年; optional descriptor", "required: a rank with a numeral",
                                  "a rank without a numeral of place; optional"]})
    assert evaluate.optional_rows(gold).tolist() == [True, False, True]
    roles = evaluate.with_roles(gold)["role"].tolist()
    assert roles == ["optional", "indicator", "optional"]
    pred = pd.DataFrame({"start": [0], "end": [3], "value_base": [36.0], "kind": ["context"], "measure": ["level"],
                         "qualifier": ["exact"], "base_unit": ["年"], "sector": ["macro"], "raw": ["36年"]})
    r = evaluate.score(gold, pred)
    assert (r["gold_indicators"], r["tp"], r["fp"], r["trap_hits"]) == (1, 0, 0, 0)  # the optional hit is ignored


# ------------------------------------------------------------------------------------ subjects

def test_a_zone_after_an_action_verb_is_no_subject():
    df = _review("发挥滨海开发区龙头引领作用，建成五百亿级开发区2个、百亿级开发区22个。"
                 "依法行政深入推进，提请市人大常委会审议地方性法规9项，办理市人大代表议案5项。")
    for raw in ("2个", "22个", "9项", "5项"):
        assert _row(df, raw)["subject"] == "", raw


def test_a_zone_opening_the_sentence_is_the_subject():
    # twin: the same zone without a verb before it opens the clause and owns the figure after it
    df = _review("滨海开发区规上工业增加值增长8%。")
    assert _row(df, "8%")["subject"] == "滨海开发区"


# ------------------------------------------------------------------------------------ sign

def test_a_cut_stated_as_a_rate_is_a_fall():
    df = _review("审批材料精简80%，考核事项精简两成，集中采购药品平均降价超50%。")
    for raw, signed in (("80%", -80.0), ("两成", -20.0), ("50%", -50.0)):
        r = _row(df, raw)
        assert (r["measure"], r["value_signed"]) == ("growth", signed), raw


def test_a_share_after_a_cut_word_is_no_fall():
    # twin: the cut word names what is measured, the number is a share, not the cut
    df = _review("精简后的审批材料占比80%，降价商品达50%。")
    for raw in ("80%", "50%"):
        r = _row(df, raw)
        assert (r["measure"], r["value_signed"]) == ("share", float(raw[:-1])), raw


# ------------------------------------------------------------------------------------ period: a total after an addition

def _report(review: str, plan: str) -> pd.DataFrame:
    return analysis.extract("2026年某省政府工作报告\n各位代表：\n一、2025年工作回顾\n过去一年，全省生产总值增长5%。"
                            f"{review}\n二、2026年重点工作\n今年经济社会发展的主要预期目标是：地区生产总值增长5%左右。\n"
                            f"（一）扩大内需。{plan}\n")


def test_the_total_after_an_addition_is_the_stock_of_the_year():
    df = _report("拓展国际经贸网络，新增1个省级境外经贸合作区、累计达8个。", "新增1000处信号灯联网、累计达8000处。")
    r = _row(df, "8个")
    assert (r["kind"], r["period"], r["year"]) == ("achieved", "annual", 2025)
    r = _row(df, "8000处")
    assert (r["kind"], r["period"], r["year"]) == ("target", "annual", 2026)


def test_a_total_of_a_flow_without_an_addition_before_it_is_multi_year():
    # twin: 累计 after the flow's own name, no addition item before it: a total over the years
    df = _report("城镇新增就业累计超过60万人，外商直接投资累计达到149.6亿美元。", "累计建成充电桩3万个。")
    assert _row(df, "60万人")["period"] == "multi_year"
    assert _row(df, "149.6亿美元")["period"] == "multi_year"
    assert _row(df, "3万个")["period"] == "multi_year"


# ------------------------------------------------------------------------------------ period in a five-year review

def _five(body: str) -> pd.DataFrame:
    return _review("各位代表！2025年主要目标任务的完成，标志着“十四五”规划顺利收官。回望过去五年，我们砥砺前行。", body)


def test_things_done_and_states_held_over_the_five_years_are_multi_year():
    df = _five("（一）民生改善。9个国家区域医疗中心开诊运营，70个县与省外三甲医院建立帮扶协作关系，"
               "行政机关负责人出庭应诉率保持100%。")
    for raw in ("9个", "70个", "100%"):
        assert _row(df, raw)["period"] == "multi_year", raw


def test_levels_reached_at_the_end_of_the_five_years_are_annual():
    # twin: the same counts and rate stated as levels reached (达到), no predicate of their own after them
    df = _five("（一）民生改善。国家区域医疗中心达到9个，帮扶县达到70个，行政机关负责人出庭应诉率达到100%。")
    for raw in ("9个", "70个", "100%"):
        assert _row(df, raw)["period"] == "annual", raw


# ------------------------------------------------------------------------------------ kind: baselines with a rate's time, standing sets

def test_starting_values_with_a_rates_time_are_baselines():
    df = _review("城乡低保平均标准分别从2020年的645元/月、4318元/年提高到2025年的801元/月、7226元/年。")
    assert _row(df, "645元")["kind"] == "context" and _row(df, "4318元")["kind"] == "context"
    assert _row(df, "801元")["kind"] == "achieved" and _row(df, "7226元")["kind"] == "achieved"


def test_values_with_a_rates_time_without_a_start_are_results():
    # twin: the same list without 从: results
    df = _review("城乡低保平均标准分别为645元/月、4318元/年。")
    assert _row(df, "645元")["kind"] == "achieved" and _row(df, "4318元")["kind"] == "achieved"


def test_the_scope_of_an_action_and_sets_made_stronger_are_context():
    df = _report("", "围绕22个产业补链延链。做优做强5个国家先进制造业集群。")
    assert _row(df, "22个")["kind"] == "context"
    assert _row(df, "5个")["kind"] == "context"


def test_sets_to_be_built_are_targets():
    # twin: the same counts after a verb of making them: targets
    df = _report("", "新培育22个产业集群。打造5个国家先进制造业集群。")
    assert _row(df, "22个")["kind"] == "target"
    assert _row(df, "5个")["kind"] == "target"


def test_a_science_park_or_institute_opening_the_clause_is_the_subject():
    df = _review("中关村科技园新增入驻企业132家。国际医药创新公园新引入跨国药企8家。")
    assert _row(df, "132家")["subject"] == "中关村科技园"
    assert _row(df, "8家")["subject"] == "国际医药创新公园"


def test_science_parks_counted_are_no_subject():
    # twin: the parks are what the number counts (建成科技园3个), not whose figure follows
    df = _review("新建科技园3个，新认定创新公园2个。")
    assert _row(df, "3个")["subject"] == "" and _row(df, "2个")["subject"] == ""
