"""Issue 13, how the comparison pages pair numbers (a reader's review of the built site, 2026-12-07e): an addition
is never one target with a stock; different qualifiers of one counted noun are different quantities; a label that
says National is not given to a lower level's name; a share of a plan is its own measure, never the thing planned;
count classifiers of one noun are one unit; 人次 are person-times. Each rule with a twin that must not change.
Small synthetic tables and sentences written for these tests (none copied from a report)."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.corpus import picking, revisions, scorecard
from analysis.corpus.apart import counts_apart, qualified_apart
from analysis.language.concepts import catalogue
from analysis.site import style


def _row(name: str, value: float, kind: str, year: int, unit: str = "家", concept: str = "high_tech_enterprises",
         doc: str = "d", qualifier: str = "exact", measure: str = "level") -> dict:
    return {"doc": doc, "id": f"{doc}-{year}", "start": 10, "kind": kind, "concept": concept, "metric_zh": name,
            "raw": f"{value:g}{unit}", "sentence": f"{name}{value:g}{unit}。", "value": value, "value_base": value,
            "value_signed": value, "unit": unit, "base_unit": unit, "measure": measure, "qualifier": qualifier,
            "year": year, "period": "annual", "subject": "", "section": "plan", "basis": "", "group": "",
            "commitment": "", "region_en": "R", "region": "R", "report_year": year + (1 if kind == "achieved" else 0)}


def _revision(name0: str, v0: float, name1: str, v1: float, **kw) -> str:
    rows = pd.DataFrame([_row(name0, v0, "target", 2025, doc="a", **kw), _row(name1, v1, "target", 2026, doc="b", **kw)])
    return revisions.revisions(rows, 2025, 2026, concepts=None)["status"].iloc[0]


# ---- an addition and a stock are never one target
@pytest.mark.parametrize("before,after,status", [
    ("培育高新技术企业", "有效期内高新技术企业", "not comparable"),   # firms to cultivate against the stock
    ("引进科技型企业", "科技型企业总数", "not comparable"),            # an addition verb against a total
    ("培育高新技术企业", "培育高新技术企业", "raised"),               # twin: two additions are compared
    ("高新技术企业", "有效期内高新技术企业", "raised"),               # twin: no addition on either side
])
def test_an_addition_is_not_compared_with_a_stock(before, after, status):
    assert _revision(before, 2200, after, 8200) == status


def test_the_scorecard_does_not_score_an_addition_against_a_stock():
    t = pd.DataFrame([_row("培育高新技术企业", 2200, "target", 2025)])
    for name, verdict in (("有效期内高新技术企业", "not comparable"), ("培育高新技术企业", "met")):
        r = pd.DataFrame([_row(name, 2500, "achieved", 2025)])
        assert scorecard.scorecard(t, picking.results_of(r, 2025)).loc[0, "verdict"] == verdict


# ---- different qualifiers of one counted noun are different quantities
@pytest.mark.parametrize("a,b,apart", [
    ("选派企业科技特派员", "选派农村科技特派员服务县域产业", True),   # which commissioners: firms vs villages
    ("国家区域医疗中心", "省级区域医疗中心", True),                   # national vs provincial centres
    ("新增省级中心村", "新建省级中心村", False),                      # twin: two verbs of one addition
    ("空气优良天数", "城市空气质量优良天数", False),                  # twin: one qualifier within the other
    ("研发经费投入强度", "研发投入强度", False),                       # twin: one name more precise, not other
    ("R&D经费投入增长", "全社会研发经费投入增长", False),              # twin: R&D is 研发
    ("新增城镇就业", "城镇新增就业", False),                          # twin: no head of three characters
])
def test_qualified_heads(a, b, apart):
    assert qualified_apart(a, b) is apart
    assert counts_apart(a, b) is apart


def test_a_revision_of_another_qualifier_is_not_a_cut():
    assert _revision("选派企业科技特派员", 3000, "选派农村科技特派员", 2000, unit="名",
                     concept="science_and_technology_commissioners") == "not comparable"
    assert _revision("选派企业科技特派员", 3000, "选派企业科技特派员", 2000, unit="名",
                     concept="science_and_technology_commissioners") == "cut"


# ---- count classifiers of one noun are one unit (scorecard as revisions)
def test_count_classifiers_are_one_unit_on_the_scorecard():
    t = pd.DataFrame([_row("国家区域医疗中心", 7, "target", 2025, unit="个", concept="regional_medical_centres")])
    for unit, verdict in (("家", "met"), ("个", "met"), ("项", "not comparable"), ("万元", "not comparable")):
        r = pd.DataFrame([_row("国家区域医疗中心", 7, "achieved", 2025, unit=unit, concept="regional_medical_centres")])
        assert scorecard.scorecard(t, picking.results_of(r, 2025)).loc[0, "verdict"] == verdict, unit


# ---- a label that says National is never given to a lower level's name
def test_a_national_label_is_not_given_to_a_provincial_name():
    cat = catalogue()
    assert cat.match("培育省级先进制造业集群", "level", "").id == "provincial_advanced_manufacturing_clusters"
    assert cat.match("国家先进制造业集群", "level", "").id == "advanced_manufacturing_clusters"  # twin
    for c in cat:  # the rule holds for every concept whose label says National
        if c.en.startswith("National ") and not c.unlabelled:
            for name in (n for n in c.names if "国" not in n):  # a name that does not say its level itself
                got = cat.match(f"省级{name}", c.measures[0] if c.measures else "level", c.dims[0] if c.dims else "")
                assert got is None or not got.en.startswith("National "), (c.id, name)


# ---- a share of a plan is its own measure
def test_a_share_of_the_plan_gets_no_concept():
    df = analysis.extract("去年，城镇新增就业、新增发放创业担保贷款分别完成年计划的118.2%、248.57%。")
    assert len(df) == 2 and set(df["measure"]) == {"share"} and set(df["concept"]) == {""}
    twin = analysis.extract("去年，新增发放创业担保贷款160亿元。")  # the amount itself keeps its concept
    assert twin.loc[0, "concept"] == "start_up_guaranteed_loans"
    share = analysis.extract("去年，城镇调查失业率为5.1%。")  # a share that is no share of a plan: kept
    assert share.loc[0, "concept"] == "unemployment_rate"


# ---- 人次 are person-times
def test_person_times():
    assert style.quantity_en(2.3e5, "人次") == "230 thousand person-times"
    assert style.quantity_en(2.3e5, "人") == "230 thousand people"  # twin


# ---- the state-owned firms taken together: their figure has them as subject
@pytest.mark.parametrize("text,subjects", [
    ("去年，省属企业营业收入、利润分别增长6%、60.7%。", ["省属企业", "省属企业"]),
    ("去年，全省地方国企资产总额达到23.2万亿元。", ["地方国企"]),
    ("去年，中央企业在区内完成投资2723亿元。", ["中央企业"]),
    ("去年，省属国有企业重组整合至11家。", [""]),                  # twin: the firms are what is counted
    ("去年，14家省属企业入选双百企业。", [""]),                     # twin: counted before their name
    ("去年，省属高校服务新兴产业专业点占比提高到72.2%。", [""]),    # twin: they qualify another noun
    ("去年，区属国企战略性重组、开发区管理制度等163项改革任务落地见效。", [""]),  # twin: an example of what is counted
    ("去年，企业研发投入增长10%。", [""]),                          # twin: firms in general are the region's
])
def test_the_subject_of_state_owned_firms(text, subjects):
    assert list(analysis.extract(text)["subject"]) == subjects


# ---- Part A (fields): standing sets built stronger; works of a five-year review
def _report(*review: str, plan: str = "今年经济社会发展的主要预期目标是：地区生产总值增长5%左右。") -> pd.DataFrame:
    return analysis.extract("2026年某省政府工作报告\n各位代表：\n一、“十四五”时期和2025年工作回顾\n"
                            + "\n".join(review) + "\n二、2026年重点工作\n" + plan + "\n")


def _kinds(df: pd.DataFrame) -> dict:
    return dict(zip(df["raw"], df["kind"]))


def test_a_set_built_stronger_is_context():
    df = _report("过去一年极不寻常。", plan="推进医学中心建设，建强2个国家级和22个省级区域医疗中心，持续打造3个热点门户城市。")
    assert _kinds(df)["2个"] == _kinds(df)["22个"] == _kinds(df)["3个"] == "context"
    twin = _report("过去一年极不寻常。", plan="推进医学中心建设，建设2个国家级和22个省级区域医疗中心，打造3个热点门户城市。")
    assert _kinds(twin)["2个"] == _kinds(twin)["22个"] == _kinds(twin)["3个"] == "target"  # the year's goals
    work = _report("过去一年，优化143条公交线路，复制推广223项制度创新成果。")  # twin: the year's work, a result
    assert _kinds(work)["143条"] == _kinds(work)["223项"] == "achieved"


def test_works_of_a_five_year_review_are_multi_year():
    df = _report("过去五年极不寻常。各级博物馆接待观众4500余万人次，始发中欧班列超过7.4万列，出台69项支持政策，"
                 "设立100亿元发展专项资金，流域生态补水135亿立方米，86个县市区开展医共体建设。")
    for raw in ("4500余万人次", "7.4万列", "69项", "100亿元", "135亿立方米", "86个"):
        assert _row_period(df, raw) == "multi_year", raw
    twin = _report("过去五年极不寻常。全区年接待游客达到8亿人次，博物馆达到180家。")  # a year's rate, a level reached
    assert _row_period(twin, "8亿人次") == _row_period(twin, "180家") == "annual"


def _row_period(df: pd.DataFrame, raw: str) -> str:
    hit = df[df["raw"] == raw]
    assert len(hit), (raw, list(df["raw"]))
    return hit.iloc[0]["period"]


# ---- a zone whose kind the number counts is what is counted, not the subject
def test_a_zone_counted_is_no_subject():
    df = analysis.extract("去年，开发区亩均工业增加值增长9.94%，新增国家级开发区1家、总数达20家。")
    assert list(df["subject"]) == ["开发区", "", ""]  # the zones' rate; then the zones counted
    df = analysis.extract("去年，甲国家实验室乙创新中心获批建设，全国重点实验室达6家，省重点实验室优化重组至172家。")
    assert list(df["subject"]) == ["", ""]
    twin = analysis.extract("去年，中关村科技园新增入驻企业132家。")  # the park's firms: its figure
    assert list(twin["subject"]) == ["中关村科技园"]
    verb = analysis.extract("去年，提升自贸试验区建设质效，85.2%的改革试点任务落地实施。")  # opened by an action
    assert list(verb["subject"]) == [""]


# ---- a growth rate named as the growth target after its number
def test_the_growth_target_named_after_its_number():
    df = _report("过去一年，完成5%左右的增长目标。",
                 plan="确定4.5%左右的增长目标，兼顾了需要与可能。出口确定4.5%左右的增长。")
    got = {(r.raw, r.kind, "出口" in r.metric_zh): r.concept for r in df.itertuples()}
    assert got[("4.5%", "target", False)] == "gdp_growth"
    assert got[("4.5%", "target", True)] == "exports"  # twin: a growth of something named
    assert got[("5%", "achieved", False)] == ""  # twin: a past target restated in the review is no result of GDP


def test_a_gap_to_a_benchmark_in_a_five_year_review_is_annual():
    df = _report("过去五年极不寻常。农作物耕种收综合机械化率高于全国平均水平18.3个百分点，断面水质优良比例优于全国约1个百分点，"
                 "森林覆盖率提高3.2个百分点。")
    assert _row_period(df, "18.3个百分点") == _row_period(df, "1个百分点") == "annual"
    assert _row_period(df, "3.2个百分点") == "multi_year"  # twin: a change over the period


def test_events_endured_are_context():
    df = _report("过去一年极不寻常。全省经受了25轮强降水，遭受3次强台风，成功处置险情25处，建成堤防120公里。")
    k = _kinds(df)
    assert k["25轮"] == k["3次"] == "context"
    assert k["120公里"] == "achieved"  # twin: the year's work
