"""What every number is (issue 13, the fixes of 2026-12-07 session 2): the period of a five-year
review's levels and additions, five-year goals stated as averages, plan contents that are not targets,
growth targets named before their number, rates named only by a growth word, generation of one kind of
source, a changed qualifier in revisions, negative values in the provinces chart, and whose a figure
is. Sentences of the shape, not whole reports."""

from __future__ import annotations

import re

import pandas as pd

import analysis
from analysis.site import corpus_charts

HEAD = "2026年某省政府工作报告\n各位代表：\n"
FIVE = HEAD + "一、“十四五”时期工作回顾\n这五年，{}\n二、2026年重点工作\n今年经济社会发展的主要预期目标是：地区生产总值增长5%左右。\n"
PLAN = HEAD + "一、2025年工作回顾\n过去一年，全省生产总值增长5.5%。\n二、2026年重点工作\n今年经济社会发展的主要预期目标是：地区生产总值增长5%左右。\n{}\n"


def _row(df: pd.DataFrame, raw: str, after: str = "") -> pd.Series:
    hits = df[(df["raw"].str.replace("\n", "") == raw) & df["sentence"].str.contains(re.escape(after))]
    assert len(hits), f"no row {raw!r} after {after!r}"
    return hits.iloc[0]


# ------------------------------------------------------------------------------------ period

def test_a_level_reached_in_a_five_year_review_is_the_review_years_value():
    df = analysis.extract(FIVE.format(
        "高新技术企业达到1.9万家、增长2倍多，铁路运营里程新增1700公里、突破7000公里，在川两院院士70位，"
        "全社会研发经费投入年均增长10%，每万人口高价值发明专利拥有量达到16件，空气优良天数率稳定在90%。"))
    for raw, period in [("1.9万家", "annual"), ("2倍", "multi_year"), ("1700公里", "multi_year"),
                        ("7000公里", "annual"), ("70位", "annual"), ("10%", "multi_year"), ("16件", "annual"),
                        ("90%", "multi_year")]:
        r = _row(df, raw)
        assert (r["section"], r["kind"], r["year"], r["period"]) == ("five_year_review", "achieved", 2025, period), raw


def test_a_five_year_goal_stated_as_an_average_or_total_is_multi_year():
    text = HEAD + ("一、2025年工作回顾\n过去一年，全省生产总值增长5.5%。\n二、“十五五”时期主要目标\n"
                   "“十五五”时期，全社会研发经费投入年均增长7%以上，单位地区生产总值二氧化碳排放累计降低17%，"
                   "粮食综合生产能力达到1.45万亿斤。\n三、2026年重点工作\n今年经济社会发展的主要预期目标是：地区生产总值增长5%左右。\n")
    df = analysis.extract(text)
    assert _row(df, "7%")[["year", "period"]].tolist() == [2030, "multi_year"]
    assert _row(df, "17%")[["year", "period"]].tolist() == [2030, "multi_year"]
    assert _row(df, "1.45万亿斤")[["year", "period"]].tolist() == [2030, "horizon"]


# ------------------------------------------------------------------------------------ plan contents

def test_counts_of_a_plans_indicators_are_not_targets():
    text = HEAD + ("一、2025年工作回顾\n过去一年，全省生产总值增长5.5%。“十四五”规划《纲要》确定的20项主要指标、17方面重大战略任务胜利完成。\n"
                   "二、“十五五”时期主要目标和重大任务\n（一）关于主要目标指标\n"
                   "贯彻落实党中央《建议》明确的主要目标，《纲要（草案）》细化提出20项主要指标。经济发展方面，围绕增长、结构、效率提出3项指标。"
                   "其中，提出全社会研发经费投入年均增长7%以上。\n"
                   "三、2026年重点工作\n今年经济社会发展的主要预期目标是：地区生产总值增长5%左右，城镇新增就业50万人以上。\n")
    df = analysis.extract(text)
    for raw, after in [("20项", "细化提出"), ("3项", "效率提出"), ("20项", "确定的"), ("17方面", "重大战略任务")]:
        assert _row(df, raw, after)["kind"] == "context", (raw, after)
    goal = _row(df, "7%")
    assert (goal["section"], goal["kind"], goal["year"]) == ("five_year_goals", "target", 2030)
    assert _row(df, "50万人")[["section", "kind", "year"]].tolist() == ["targets", "target", 2026]


# ------------------------------------------------------------------------------------ concepts

def test_a_growth_target_named_before_its_number_is_gdp_growth():
    df = analysis.extract(PLAN.format("经济增长预期目标为5%左右，既是稳就业、防风险、惠民生的需要。"
                                      "5.5%左右的预期增长目标与“十五五”发展目标总体衔接。"))
    for raw in ("5%", "5.5%"):
        r = _row(df, raw, "衔接" if raw == "5.5%" else "预期目标为")
        assert (r["measure"], r["concept"]) == ("growth", "gdp_growth"), raw


def test_a_rate_named_only_by_a_growth_word_takes_the_amount_before_it():
    df = analysis.extract(FIVE.format("经济总量跨过两个万亿元大关、超过6万亿元，实现历史性晋位，年均增速5.7%。"))
    r = _row(df, "5.7%")
    assert (r["concept"], r["period"]) == ("gdp_growth", "multi_year")
    # a bare growth word after an amount of something else takes that thing's concept, or none
    df = analysis.extract(FIVE.format("粮食产量达到700亿斤，连续五年增长。进出口总额1.2万亿元，年均增长8%。"))
    assert _row(df, "8%")["concept"] != "gdp_growth"


def test_generation_of_one_kind_of_source_is_not_all_generation():
    df = analysis.extract(PLAN.format(
        "要巩固好新能源产业领先地位。一方面要加快外送通道建设，力争新增并网4000万千瓦、发电量超3000亿度。"
        "可再生能源发电量增长28.3%。电力装机容量突破9200万千瓦，发电量超过2600亿千瓦时。"))
    assert _row(df, "3000亿度")["concept"] == "new_energy_generation"
    assert _row(df, "28.3%")["concept"] == "renewable_generation"
    assert _row(df, "2600亿千瓦时")["concept"] == "power_generation"


# ------------------------------------------------------------------------------------ the chart

def test_the_provinces_chart_shows_a_fall_left_of_zero():
    rows = pd.DataFrame({"region_en": ["Alpha", "Beta", "Gamma"], "value_base": [3.3, 2.0, 5.0],
                         "value_signed": [-3.3, 2.0, 5.0], "base_unit": ["%"] * 3, "kind": ["achieved"] * 3,
                         "qualifier": ["exact"] * 3, "low": [-3.3, 2.0, 5.0], "high": [-3.3, 2.0, 5.0]})
    fig = corpus_charts.province_values(rows, "Fixed-asset investment growth")
    ax = fig.axes[0]
    lo, hi = ax.get_xlim()
    xs = [x for c in ax.collections for x, _ in c.get_offsets()]
    assert min(xs) == -3.3 and lo < -3.3 and hi > 5.0


# ------------------------------------------------------------------------------------ whose

def test_zones_areas_laboratories_and_other_provinces_are_subjects():
    df = analysis.extract(PLAN.replace("二、2026年重点工作", "{}\n二、2026年重点工作").format(
        "沈阳都市圈组建产业、科技、人才、文旅等联盟11个，通办事项210项。"
        "辽宁实验室快速成长，集聚科研人员698人、实施自主科研项目72项。"
        "成都平原经济区经济总量达到4万亿元，川东北经济区经济总量突破9000亿元。"
        "郑州机场货邮吞吐量突破80万吨。浙江省投入财政帮扶资金33.9亿元。"
        "沿海六市陆海统筹、港城联动，港口集装箱吞吐量增长5%。", ""))
    for raw, subject in [("11个", "沈阳都市圈"), ("210项", "沈阳都市圈"), ("698人", "辽宁实验室"), ("72项", "辽宁实验室"),
                         ("4万亿元", "成都平原经济区"), ("9000亿元", "川东北经济区"), ("80万吨", "郑州机场"),
                         ("33.9亿元", "浙江省"), ("5%", "沿海六市")]:
        assert _row(df, raw, raw)["subject"] == subject, raw


def test_words_that_only_look_like_entities_are_not_subjects():
    df = analysis.extract(PLAN.replace("二、2026年重点工作", "{}\n二、2026年重点工作").format(
        "实施城市更新项目3910个。国考城市PM2.5浓度下降18.3%。边民互市贸易区增至5个。"
        "组建紧密型城市医疗集团39个、县域医共体192个。撬动银行贷款1470亿元。义务教育集团化办学覆盖率98.2%。"
        "天开高教科创园成为创新策源新地标，29家全国重点实验室聚力赋能。", ""))
    for raw in ("3910个", "18.3%", "5个", "39个", "192个", "1470亿元", "98.2%", "29家"):
        assert _row(df, raw, raw)["subject"] == "", raw


# ------------------------------------------------------------------------------------ found and kind

def test_counts_in_rounds_pairs_teams_cases_and_lengths_of_years_are_found():
    df = analysis.extract(PLAN.replace("二、2026年重点工作", "{}\n二、2026年重点工作").format(
        "中美5轮经贸磋商取得积极成果。与共建国家缔结友城数量达148对。集聚种业研发团队53支。防汛防地灾成功避险100余起。"
        "PM2.5平均浓度降至28.5微克每立方米。劳动年龄人口平均受教育年限增加到11.3年。", ""))
    for raw, unit in [("5轮", "轮"), ("148对", "对"), ("53支", "支"), ("100余起", "起"), ("11.3年", "年")]:
        r = _row(df, raw)
        assert (r["base_unit"], r["kind"]) == (unit, "achieved"), raw
    assert _row(df, "28.5微克每立方米")["base_unit"] == "微克/立方米"
    # a list number before a year, and PM2.5 before 年均, are no lengths of years
    df = analysis.extract(PLAN.format("20.2026年10件民生实事：加大就业支持力度。PM2.5年均浓度下降5%。"))
    assert not df["raw"].str.endswith("年").any()


def test_the_people_of_a_region_and_events_coped_with_are_context():
    df = analysis.extract(PLAN.replace("二、2026年重点工作", "{}\n二、2026年重点工作").format(
        "4200万辽宁人民拼出了血性。成功应对17轮强降雨。450万困难群众纳入城乡低保。", ""))
    assert _row(df, "4200万")["kind"] == "context" and _row(df, "17轮")["kind"] == "context"
    assert _row(df, "450万")["kind"] == "achieved"


def test_one_kind_of_a_thing_is_not_the_broader_count():
    """The reader's review of 2026-12-07: 技术创新中心 are not all 创新平台, 养殖水体 (m³) is not a number
    of marine ranches, 新建和改造提升 farmland is another scope than 新建."""
    df = analysis.extract(PLAN.format(
        "新组建综合领域类技术创新中心5家，建设创新平台16家。新增深远海养殖水体40万立方米、海洋牧场2个。"
        "新建高标准农田850万亩，新建和改造提升高标准农田600万亩以上。"))
    assert _row(df, "5家")["concept"] == "technology_innovation_centres"
    assert _row(df, "16家")["concept"] == "innovation_platforms"
    assert _row(df, "40万立方米")["concept"] == "deep_sea_aquaculture_volume"
    assert _row(df, "2个", "海洋牧场")["concept"] == "marine_ranches"
    assert _row(df, "850万亩")["concept"] == "high_standard_farmland"
    assert _row(df, "600万亩")["concept"] == "high_standard_farmland_built_or_upgraded"


def test_an_aggregate_of_two_things_is_not_one_of_them():
    df = analysis.extract(PLAN.format("新能源及新能源装备制造业产值达到830亿元，新能源装备制造业产值增长20%。"))
    assert _row(df, "830亿元")["concept"] == "new_energy_and_equipment_output_value"
    assert _row(df, "20%")["concept"] == "new_energy_equipment_manufacturing_output_value"


def test_gdp_growth_whose_noun_is_several_clauses_back():
    """Hunan 2026: 全省地区生产总值达到5.53万亿元、稳居全国前十强、增长4.8%."""
    df = analysis.extract(PLAN.format("过去一年，全省地区生产总值达到5.53万亿元、稳居全国前十强、增长4.8%，其中规模工业增加值增长6.2%。")
                          .replace("今年经济", "今年的经济"))
    r = _row(df, "4.8%")
    assert (r["concept"], r["measure"]) == ("gdp_growth", "growth")


def test_a_national_growth_range_without_a_title_is_one_target():
    """2026 national: 经济增长4.5%—5% (a text without title lines) is one target with both bounds."""
    df = analysis.extract("今年发展主要预期目标是：经济增长4.5%—5%，在实际工作中努力争取更好结果；城镇调查失业率5.5%左右。")
    lo, hi = _row(df, "4.5%"), _row(df, "5%")
    assert lo["group"] == hi["group"] and (lo["low"], lo["high"], hi["low"], hi["high"]) == (4.5, 5, 4.5, 5)
    assert lo["concept"] == hi["concept"] == "gdp_growth" and lo["kind"] == "target"


def test_a_bare_hundred_or_thousand_of_a_counted_noun_after_a_cue_is_found():
    df = analysis.extract(PLAN.replace("二、2026年重点工作", "{}\n二、2026年重点工作").format(
        "选派超千名科技特派员服务企业。千方百计稳就业。百名干部下基层。亿元以上项目开工。", ""))
    assert _row(df, "千名")[["value_base", "qualifier"]].tolist() == [1000, "over"]
    assert df["raw"].tolist() == ["5.5%", "千名", "5%"]
    df = analysis.extract(PLAN.format("新增优质特色普通高中招生计划万名以上。"))
    assert _row(df, "万名")[["value_base", "qualifier", "kind"]].tolist() == [10000, "over", "target"]
