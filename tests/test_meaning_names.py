"""Issue 13, items 5 and 6: concepts that hold at every level (national, provincial, municipal,
county wording) and names a reader can use (metric_zh a noun phrase, metric_en a catalogue label or
an English phrase, units that follow the counted noun). The sentences are written for these tests
in the wording of each level; none is copied from a blind report."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis import concepts, lexicon, metrics
from tests.helpers import ROOT


def _rows(text: str) -> list[tuple[str, str, str]]:
    return [(r.raw, r.metric_zh, r.concept) for r in analysis.extract(text).itertuples()]


def _concepts(text: str) -> list[str]:
    return list(analysis.extract(text)["concept"])


# ---------------------------------------------------------------------------------------- concepts

@pytest.mark.parametrize("text,expected", [
    # national wording
    ("国内生产总值增长5%左右。", ["gdp_growth"]),
    ("国内生产总值达到134.9万亿元，增长5%。", ["gdp_level", "gdp_growth"]),
    ("单位国内生产总值能耗降低3%左右。", ["energy_intensity_reduction"]),
    ("城镇调查失业率5.5%左右，城镇登记失业率4.5%以内。", ["unemployment_rate", "registered_urban_unemployment_rate"]),
    ("居民消费价格涨幅2%左右。", ["cpi_growth"]),
    ("研发经费投入强度达到2.7%。", ["rd_intensity"]),
    # provincial wording
    ("全省生产总值增长5.5%，地区生产总值达到3.2万亿元。", ["gdp_growth", "gdp_level"]),
    ("单位地区生产总值能耗下降2.5%。", ["energy_intensity_reduction"]),
    ("全年经济增长5.2%。", ["gdp_growth"]),
    ("物价涨幅控制在3%左右。", ["cpi_growth"]),
    # municipal wording
    ("全市GDP增长6%，单位GDP能耗下降3%。", ["gdp_growth", "energy_intensity_reduction"]),
    ("全社会研发经费支出相当于全市生产总值的比例达到4.5%左右。", ["rd_intensity"]),
    ("CPI涨幅2%左右。", ["cpi_growth"]),
    # county wording
    ("全县地区生产总值增长7%，全县生产总值达到300亿元。", ["gdp_growth", "gdp_level"]),
    ("城镇登记失业率控制在4%以内。", ["registered_urban_unemployment_rate"]),
    # R&D spending as a share of GDP, the name cut after the amount of the spending
    ("全年研发经费投入1200亿元、占地区生产总值比重达2.6%。", ["randd_spending", "rd_intensity"]),
    ("全社会研发经费投入达到85亿元，占全县生产总值的比重为2.1%。", ["randd_spending", "rd_intensity"]),
])
def test_headline_concepts_at_every_level(text, expected):
    assert _concepts(text) == expected


def test_registered_and_surveyed_unemployment_are_two_concepts():
    cat = concepts.catalogue()
    surveyed = cat.match("城镇调查失业率", "share", "percent")
    registered = cat.match("城镇登记失业率", "share", "percent")
    assert (surveyed.id, registered.id) == ("unemployment_rate", "registered_urban_unemployment_rate")
    assert registered.ceiling and surveyed.ceiling  # both are maxima when they are targets
    assert "城镇登记失业率" not in surveyed.names


@pytest.mark.parametrize("metric,measure,dim,expected", [
    ("国内生产总值增长", "growth", "percent", "gdp_growth"),  # the measure decides: growth, not the level
    ("国内生产总值", "level", "money", "gdp_level"),
    ("全市生产总值", "level", "money", "gdp_level"),
    ("人均国内生产总值", "level", "money", "per_capita_regional_gdp"),
    ("单位国内生产总值二氧化碳排放降低", "growth", "percent", "co2_emissions_per_unit_of_gdp"),
    ("万元地区生产总值用水量下降", "growth", "percent", "water_use_per_unit_of_gdp"),  # not GDP growth
    ("对东盟进出口增长", "growth", "percent", "trade_with_asean"),  # the longer name still wins
    ("海洋生产总值增长", "growth", "percent", "marine_gdp"),  # not the region's GDP growth
    ("减税降费及退税", "level", "money", "tax_fee_cuts"),  # one concept for one thing
    ("新型储能新开工装机", "level", "power", "new_energy_storage_capacity_started"),
    ("开工装机", "level", "power", "capacity_starting_construction"),
])
def test_concept_matching_by_measure_and_level_word(metric, measure, dim, expected):
    c = concepts.catalogue().match(metric, measure, dim)
    assert (c.id if c else None) == expected


@pytest.mark.parametrize("name,ids", [
    ("物价涨幅", {"cpi_growth"}),                       # was CPI twice (cpi_growth and consumer_prices_cpi)
    ("减税降费及退税", {"tax_fee_cuts"}),
    ("单位生产总值能耗", {"energy_intensity_reduction"}),  # 单位国内/地区生产总值能耗 normalise to it
    ("生产总值", {"gdp_growth", "gdp_level"}),            # 国内生产总值 is no concept of its own
    ("城镇登记失业率", {"registered_urban_unemployment_rate"}),
])
def test_one_thing_one_concept(name, ids):
    cat = concepts.catalogue()
    assert {c.id for c in cat.by_name[name]} == ids
    assert "国内生产总值" not in cat.by_name and "gdp" not in cat.concepts


def test_catalogue_patterns_are_validated():
    with pytest.raises(concepts.CatalogueError, match="x_bad: bad pattern in 'patterns'"):
        concepts.Catalogue({"x_bad": {"en": "X", "names": ["甲"], "patterns": ["(("]}}, {"money"})
    cat = concepts.Catalogue({"x_share": {"en": "X share", "names": ["甲乙"], "patterns": ["甲.{0,4}占.{0,6}比重"],
                                          "measures": ["share"]}}, {"money"})
    assert cat.match("甲的投入占丙比重", "share", "percent").id == "x_share"
    assert cat.match("甲的投入占丙比重", "level", "money") is None


def test_unseen_national_report_joins_the_provinces():
    df = analysis.extract(ROOT / "tests" / "fixtures" / "unseen" / "national.txt")
    targets = df[(df["kind"] == "target") & (df["section"] == "targets")]
    got = dict(zip(targets["metric_zh"], targets["concept"]))
    assert got["国内生产总值增长"] == "gdp_growth"
    assert got["单位国内生产总值能耗降低"] == "energy_intensity_reduction"
    assert got["城镇调查失业率"] == "unemployment_rate"


# ------------------------------------------------------------------------------------------- names

@pytest.mark.parametrize("text,names", [
    ("赤字率拟按4%左右安排。", ["赤字率"]),
    ("粮食产量首次跃上1.4万亿斤。", ["粮食产量"]),
    ("坚决守住耕地保有量18.65亿亩。", ["耕地保有量"]),
    ("今年拟增发超长期特别国债1.3万亿元。", ["超长期特别国债"]),
    ("中央对地方转移支付规模规模增长8.4%。", ["中央对地方转移支付规模增长"]),  # a word said twice
    ("全省地区生产总值年均增长5%左右、迈上3万亿元台阶。", ["地区生产总值年均增长", "地区生产总值"]),  # a milestone
    ("粮食总产量再上新台阶，突破1600亿斤大关。", ["粮食"]),
    ("全市生产总值增长5%，城市经济规模进入了5万亿元以上的新阶段。", ["生产总值增长", "城市经济规模"]),
    ("全省地区生产总值达到5.53万亿元、稳居全国前十强、增长4.8%。", ["地区生产总值", "地区生产总值增长"]),
    ("外贸进出口在对美贸易下降超3成的情况下增长12%。", ["外贸进出口在对美贸易下降", "外贸进出口增长"]),
    ("人均地区生产总值突破5万关口、达到5.28万元。", ["人均地区生产总值", "人均地区生产总值"]),
    ("今年实施市政基础设施项目162个。", ["市政基础设施项目"]),  # the counted thing, not the verb
    ("保交房任务全面完成11.08万套。", ["保交房任务"]),
    ("全区500千伏及以上输电线路总长超过1万公里。", ["", "500千伏及以上输电线路总长"]),  # the threshold is part of it
])
def test_metric_zh_is_the_measured_noun_phrase(text, names):
    assert list(analysis.extract(text)["metric_zh"]) == names


@pytest.mark.parametrize("text,name", [
    ("建设用地3000亩。", "建设用地"),  # a verb that makes one word with the noun stays
    ("建设者管理者之家床位3万张。", "建设者管理者之家床位"),
    ("新增城镇就业50万人。", "新增城镇就业"),  # 新增 says the number is an addition
])
def test_verbs_that_are_part_of_the_noun_stay(text, name):
    assert analysis.extract(text)["metric_zh"].iloc[0] == name


def test_units_follow_the_counted_noun():
    people = analysis.extract("脱贫人口务工规模超过3300万。").iloc[0]
    assert (people["base_unit"], people["value_base"], people["unit_en"]) == ("人", 3.3e7, "10,000") or \
        (people["base_unit"], people["value_base"]) == ("人", 3.3e7)
    assert analysis.extract("专项资金规模3000万。").iloc[0]["base_unit"] == "元"


def test_storage_and_new_energy_are_not_all_capacity_or_generation():
    df = analysis.extract("加快发展新型储能，开工建设35个新型储能项目，力争新开工装机1000万千瓦、新投产600万千瓦。"
                          "新能源装机达到1.5亿千瓦、发电量超3000亿度。")
    by_raw = dict(zip(df["raw"], zip(df["concept"], df["metric_en"])))
    assert by_raw["1000万千瓦"][0] == "new_energy_storage_capacity_started"
    assert by_raw["600万千瓦"][0] == "new_energy_storage_capacity_entering_operation"
    assert "storage" in by_raw["1000万千瓦"][1] and "storage" in by_raw["600万千瓦"][1]
    assert by_raw["3000亿度"] == ("new_energy_generation", "New-energy power generation")


# ------------------------------------------------------------------------------------ English labels

def test_word_by_word_glosses_are_marked_literal():
    for text in ("做好以下11个方面工作。", "宣武医院内蒙古医院2个。", "实施危桥改造300座。"):
        row = analysis.extract(text).iloc[0]
        assert row["metric_en_source"] in ("literal", "generic"), (text, row["metric_en"])


def test_phrases_from_terms_are_kept():
    row = analysis.extract("新增退役军人就业5000人。").iloc[0]
    assert (row["metric_en"], row["metric_en_source"]) == ("New veterans employment", "terms")


def test_a_share_reads_as_a_share_of():
    row = analysis.extract("工业投资占固定资产投资比重达35%。").iloc[0]
    assert row["metric_en"].startswith("Industrial investment as a share of")
    label, fluent = metrics._compose("制造业增加值占地区生产总值比重", lexicon.glossary())
    assert fluent and label == "Manufacturing value added as a share of regional GDP"


def test_a_gap_to_the_national_rate_reads_as_one():
    df = analysis.extract("规上工业增加值增长8%、高于全国2.2个百分点。")
    row = df.iloc[1]
    assert (row["metric_en"], row["metric_en_source"]) == (
        "Industrial value added growth (above designated size), above the national average", "terms")


@pytest.mark.parametrize("words,ok", [
    (["new", "veterans", "employment"], True),
    (["done well", "under", "aspects", "work"], False),        # a connector, an action inside
    (["and above", "transmission lines", "total"], False),      # a connector first
    (["hospitals", "Inner Mongolia", "hospitals"], False),      # a place name inside, a word twice
    (["Shanghai", "brands", "new"], False),                     # a modifier last
    (["implemented", "dangerous bridges", "renovated"], False), # an action last
    (["advanced", "manufacturing", "clusters"], True),          # -ed adjectives are no actions
    (["approved"], False),                                      # an action without its object
])
def test_phrase_check(words, ok):
    assert metrics._is_phrase(words, lexicon.glossary()) is ok


def test_seed_labels(seed_df):
    """Every label of the seed is a catalogue label, a checked phrase, a marked gloss or generic;
    no checked phrase repeats a word."""
    assert set(seed_df["metric_en_source"]) <= {"glossary", "concept", "terms", "literal", "generic", "unsure"}
    terms = seed_df[seed_df["metric_en_source"] == "terms"]["metric_en"]
    for label in terms:
        words = [w for w in label.lower().replace(":", " ").split() if len(w) > 3]
        assert len(words) == len(set(words)), label
    assert (seed_df["metric_en_source"] == "literal").mean() < 0.35
    assert pd.api.types.is_string_dtype(seed_df["metric_en"])
