"""What a value says beyond its number: its sign (value_signed), the interval of its statement (low,
high), the strength of a target (commitment) and the rows that state one target (group); how the pages
show them and how the scorecard compares them (synthetic sentences, one rule each)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import analysis
from analysis.corpus import manifest, picking, revisions, scorecard
from analysis.extraction import schema
from analysis.language import lexicon
from analysis.site import pairing, report


def rows(text: str) -> pd.DataFrame:
    return analysis.extract(text)


def one(text: str, raw: str) -> pd.Series:
    df = rows(text)
    hit = df[df["raw"] == raw]
    assert len(hit) == 1, df[["raw", "value_signed"]]
    return hit.iloc[0]


def nan(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


# ------------------------------------------------------------------------------------------- sign
@pytest.mark.parametrize("verb", ["下降", "微降", "回落", "减少", "降低", "压减", "负增长", "下滑", "收窄"])
def test_a_stated_fall_is_negative(verb):
    r = one(f"2025年全省固定资产投资{verb}3.3%。", "3.3%")
    assert r["measure"] == "growth" and r["value_base"] == 3.3 and r["value_signed"] == -3.3


@pytest.mark.parametrize("text,raw", [("全省固定资产投资增长3.3%。", "3.3%"), ("城镇调查失业率降至5.1%。", "5.1%"),
                                      ("森林覆盖率提高到23%。", "23%"), ("粮食产量下降后回升到800亿斤。", "800亿斤")])
def test_a_rise_or_a_level_keeps_its_value(text, raw):
    r = one(text, raw)
    assert r["value_signed"] == r["value_base"] > 0


def test_every_decline_word_is_read(seed_df):
    assert set(lexicon.load().raw["direction"]["decline"]) >= {"下降", "减少", "降低", "微降", "回落", "负增长"}
    # the seed: a row is negative only where it is a change, and then its magnitude is value_base
    neg = seed_df[seed_df["value_signed"] < 0]
    assert (neg["measure"] == "growth").all() and (neg["value_signed"] == -neg["value_base"]).all()
    pos = seed_df[seed_df["value_signed"] >= 0]
    assert (pos["value_signed"] == pos["value_base"]).all()


def test_a_fall_carries_along_a_list_and_a_range():
    df = rows("进口和出口分别下降3%和5%，能耗下降2%—3%。")
    assert df["value_signed"].tolist() == [-3, -5, -2, -3]
    both = df.iloc[2:]
    assert both["low"].tolist() == [-3, -3] and both["high"].tolist() == [-2, -2]


def test_a_reduction_concept_reads_its_sign_and_is_a_ceiling():
    r = one("今年主要预期目标是：单位地区生产总值能耗降低2.5%左右。", "2.5%")
    assert r["concept"] == "energy_intensity_reduction" and r["value_signed"] == -2.5
    assert "energy_intensity_reduction" in scorecard.CEILINGS


# ------------------------------------------------------------------------------------------- intervals
def test_range_is_two_rows_with_both_bounds_and_one_group():
    df = rows("今年主要预期目标是：地区生产总值增长5%—5.5%，城镇调查失业率5.5%左右。")
    a, b, c = (df.iloc[i] for i in range(3))
    assert (a["qualifier"], b["qualifier"]) == ("at_least", "at_most")
    assert (a["low"], a["high"]) == (b["low"], b["high"]) == (5, 5.5)
    assert a["group"] == b["group"] == a["start"] and c["group"] == c["start"]
    assert c["low"] == c["high"] == 5.5


@pytest.mark.parametrize("text,low,high", [("增长6%以上", 6, None), ("不低于6%", 6, None), ("控制在3%以内", None, 3),
                                           ("不超过3%", None, 3), ("增长6%左右", 6, 6), ("增长6%", 6, 6),
                                           ("下降不低于3%", None, -3)])
def test_qualifiers_give_open_or_closed_intervals(text, low, high):
    r = one(f"今年主要预期目标是：地区生产总值{text}。", "6%" if "6" in text else "3%")
    assert (r["low"] if low is not None else None, r["high"] if high is not None else None) == (low, high)
    assert (low is None) == nan(r["low"]) and (high is None) == nan(r["high"])


# ------------------------------------------------------------------------------------------- commitment
@pytest.mark.parametrize("word,strength", [("确保", "ensure"), ("力争", "strive"), ("争取", "seek"), ("努力", "endeavour")])
def test_commitment_word_of_the_clause(word, strength):
    df = rows(f"今年主要预期目标是：{word}城镇新增就业45万人以上，地区生产总值增长5%左右。")
    assert df["commitment"].tolist() == [strength, ""]


def test_commitment_only_on_targets_and_in_the_schema(seed_df):
    assert set(schema.enum("commitment")) == {"", *lexicon.load().raw["commitment"].values()}
    strong = seed_df[seed_df["commitment"] != ""]
    assert len(strong) and (strong["kind"] == "target").all()


@pytest.mark.parametrize("gap", ["、", "，"])
def test_an_aim_beside_a_floor_is_one_target(gap):
    df = rows(f"今年主要预期目标是：地区生产总值增长7%以上{gap}力争达到8%，城镇新增就业4万人。")
    floor, aim, jobs = (df.iloc[i] for i in range(3))
    assert (floor["qualifier"], floor["low"], nan(floor["high"])) == ("over", 7, True)
    assert aim["commitment"] == "strive" and aim["group"] == floor["group"] == floor["start"]
    assert aim["measure"] == floor["measure"] == "growth" and jobs["group"] == jobs["start"]


# ------------------------------------------------------------------------------------------- pages
def _target_table(text: str, year: int = 2025) -> pd.DataFrame:
    df = rows(text).assign(report_year=year, region_en="Alpha", region="甲")
    return picking.targets_of(manifest.with_context(df), year)


def test_pages_show_a_range_once_a_fall_with_its_sign_and_an_aim():
    t = _target_table("2025年主要预期目标是：地区生产总值增长5%—5.5%，固定资产投资增长7%以上、力争达到8%。"
                      "单位地区生产总值能耗降低2.5%左右。").set_index("concept")
    gdp = t.loc["gdp_growth"]
    assert report.display_value(gdp) == "5%—5.5% (5–5.5%)" and "at least" not in report.english_value(gdp)
    fai = t.loc["fai_growth"]
    assert "≥7%" in report.display_value(fai) and "aim 8%" in report.display_value(fai)
    assert report.english_value(fai) == "at least 7% (aim 8%)"
    energy = t.loc["energy_intensity_reduction"]
    assert "−2.5%" in report.display_value(energy)
    r = one("2025年全省固定资产投资下降3.3%。", "3.3%")
    assert report.display_value(r) == "3.3% (−3.3%)" and report.english_value(r).startswith("−3.3%")


# ------------------------------------------------------------------------------------------- scorecard
def row(concept, kind, v, low=None, high=None, qualifier="exact", unit="%", **kw):
    base = {"doc": kw.pop("doc", "a"), "id": f"i{kw.get('start', 10)}", "start": kw.pop("start", 10), "raw": f"{abs(v):g}{unit}",
            "value": abs(v), "value_base": abs(v), "value_signed": v, "low": v if low is None else low,
            "high": v if high is None else high, "unit": unit, "base_unit": unit, "unit_en": "", "qualifier": qualifier,
            "kind": kind, "measure": "growth" if unit == "%" else "level", "concept": concept, "subject": "",
            "period": "annual", "year": 2025, "section": "targets" if kind == "target" else "review",
            "sentence": "", "sentence_start": 0, "metric_en": concept, "metric_zh": "", "commitment": "", "group": 10,
            "estimate": False}
    base.update(kw)
    return base


def test_a_fall_is_compared_signed():
    t = row("fai_growth", "target", 5, qualifier="about")
    v, gap = scorecard.verdict("fai_growth", t, row("fai_growth", "achieved", -3.3))
    assert v == "missed" and gap == pytest.approx(-8.3)


def test_a_range_is_compared_as_a_range():
    t = row("gdp_growth", "target", 5, low=5, high=5.5, qualifier="at_least")
    assert scorecard.verdict("gdp_growth", t, row("gdp_growth", "achieved", 5.2)) == ("met", pytest.approx(0.2))
    assert scorecard.verdict("gdp_growth", t, row("gdp_growth", "achieved", 4.9))[0] == "missed"
    cpi = row("cpi_growth", "target", 2, low=2, high=3, qualifier="at_least")
    assert scorecard.verdict("cpi_growth", cpi, row("cpi_growth", "achieved", 2.6))[0] == "met"
    assert scorecard.verdict("cpi_growth", cpi, row("cpi_growth", "achieved", 3.1))[0] == "missed"


def test_a_reduction_target_is_met_by_a_larger_fall():
    t = row("energy_intensity_reduction", "target", -2.5, qualifier="about")
    assert scorecard.verdict("energy_intensity_reduction", t, row("x", "achieved", -3))[0] == "met"
    assert scorecard.verdict("energy_intensity_reduction", t, row("x", "achieved", -2))[0] == "missed"


def test_about_margins_are_data():
    m = lexicon.load().raw["scorecard"]["about_margin"]
    assert (scorecard.ABOUT_MARGIN_PP, scorecard.ABOUT_MARGIN_SHARE) == (m["rate_pp"], m["level_share"])


def test_revision_of_about_to_a_range_is_not_kept():
    a = row("gdp_growth", "target", 5, qualifier="about", report_year=2025, region_en="Alpha", doc="a25")
    b = row("gdp_growth", "target", 5, low=5, high=5.5, qualifier="at_least", report_year=2026, year=2026,
            region_en="Alpha", doc="a26")
    rev = revisions.revisions(manifest.with_context(pd.DataFrame([a, b])), 2025, 2026)
    assert rev.iloc[0]["status"] == "raised" and rev.iloc[0]["change"] == pytest.approx(0.25)


def test_results_prefer_like_for_like_and_say_which_they_used():
    plain = row("gdp_growth", "achieved", 5.0, start=10, doc="b26", report_year=2026)
    like = row("gdp_growth", "achieved", 5.4, start=40, doc="b26", report_year=2026, basis="like_for_like")
    df = manifest.with_context(pd.DataFrame([plain, {**like}]))
    got = picking.results_of(df.assign(basis=["", "like_for_like"]), 2025)
    assert got.iloc[0]["value_signed"] == 5.4 and "like-for-like" in got.iloc[0]["used"]
    # an adjusted figure (剔除…因素后) comes after the figure as stated
    got = picking.results_of(df.assign(basis=["", "adjusted"]), 2025)
    assert got.iloc[0]["value_signed"] == 5.0
    got = picking.results_of(df.assign(basis=["adjusted", ""]), 2025)
    assert got.iloc[0]["value_signed"] == 5.4
    # a table without the basis column: the first mention, and it says so
    got = picking.results_of(df.drop(columns="basis"), 2025)
    assert got.iloc[0]["value_signed"] == 5.0 and "first of 2" in got.iloc[0]["used"]


def test_not_reported_lists_the_nearest_sentence():
    t = row("gdp_growth", "target", 5, doc="c25", report_year=2025, region_en="Gamma")
    other = row("gdp_growth", "achieved", 5.8, doc="c26", report_year=2026, region_en="Gamma", period="multi_year",
                start=99, sentence="五年来地区生产总值年均增长5.8%。")
    far = row("cpi_growth", "achieved", 0.2, doc="c26", report_year=2026, region_en="Gamma", start=5,
              sentence="居民消费价格上涨0.2%。")
    card = scorecard.region_scorecard(manifest.with_context(pd.DataFrame([t, other, far])), 2025, ("gdp_growth",))
    c = card.iloc[0]
    assert c["verdict"] == "not reported" and c["candidate"]["sentence"] == other["sentence"]


def test_scorecard_html_says_which_result_and_links_the_nearest_sentence():
    from analysis.site import corpus_views

    t = row("gdp_growth", "target", 5, doc="d25", report_year=2025, region_en="Delta", id="i10-12",
            sentence="地区生产总值增长5%左右。")
    jobs = row("new_urban_jobs", "target", 30, unit="万人", doc="d25", report_year=2025, region_en="Delta", start=50,
               id="i50-54", sentence="城镇新增就业30万人。")
    r = row("gdp_growth", "achieved", 5.4, doc="d26", report_year=2026, region_en="Delta", basis="like_for_like",
            id="i20-24", sentence="同口径地区生产总值增长5.4%。")
    near = row("new_urban_jobs", "achieved", 150, unit="万人", doc="d26", report_year=2026, region_en="Delta",
               period="multi_year", start=90, id="i90-95", sentence="五年来城镇新增就业150万人。")
    df = manifest.with_context(pd.DataFrame([t, jobs, r, near]))
    card = scorecard.scorecard(picking.targets_of(df, 2025), picking.results_of(df[df["doc"] == "d26"], 2025),
                           df[df["doc"] == "d26"])
    html = corpus_views.scorecard_html(card, {}, own_doc="d25", years=(2025, 2026))
    assert "like-for-like" in html and "annual, own region" not in html
    assert "nearest sentence" in html and 'href="../data/source-d26.html#i90-95"' in html


def test_pairs_compare_signed_values_and_ranges():
    extra = {"sector": "macro", "sectors": "macro", "metric_en_source": "glossary"}
    df = pd.DataFrame([
        row("fai_growth", "achieved", -3.3, id="a1", metric_en="FAI growth", **extra),
        row("gdp_growth", "achieved", 5.8, id="a2", metric_en="GDP growth", **extra),
        row("fai_growth", "target", 5, id="t1", metric_en="FAI growth", **extra),
        row("gdp_growth", "target", 5, low=5, high=5.5, qualifier="at_least", id="t2", metric_en="GDP growth", **extra),
    ])
    by = pairing.pairs(df).set_index("metric_en")["change"].to_dict()
    assert by["FAI growth"] == "+8.3 percentage points"
    assert by["GDP growth"] == "-0.8 to -0.3 percentage points"


def test_a_bounded_fall_reads_the_right_way():
    r = one("环节时限材料均压减70%以上。", "70%")
    assert (r["value_signed"], nan(r["low"]), r["high"]) == (-70, True, -70)
    assert report.display_value(r) == "70%以上 (≤−70%)"
    assert report.english_value(r) == "≤−70% (a fall of at least 70%)"


def test_target_nature_reads_the_range_and_the_commitment():
    from analysis.site import prose

    df = rows("今年主要预期目标是：地区生产总值增长5%—5.5%，确保粮食产量稳定在800亿斤以上，力争新增就业40万人。")
    assert [prose.target_nature(r) for _, r in df.iterrows()] == [
        "a range", "a range", "a floor, a commitment to ensure (确保)", "a fixed figure, a stretch goal (力争)"]
