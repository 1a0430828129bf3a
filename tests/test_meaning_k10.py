"""Issue 13, blind round 7 made tuning (k10): what a paragraph says about time when it opens on the past year as the
plan's last (…是“十四五”收官之年。五年来，…), a rate named by a part of the year and a growth word, and concepts of
a group of people or of a capacity that a count of other things does not take. Each rule with a twin that must not
change. Sentences written for these tests in the reports' general shapes (none copied from a report)."""

from __future__ import annotations

import pytest

import analysis

REVIEW = "一、2025年工作回顾\n过去一年，全省地区生产总值增长5%。\n"


def _row(text: str, raw: str):
    df = analysis.extract(text)
    hit = df[df["raw"] == raw]
    assert len(hit) == 1, (raw, list(df["raw"]))
    return hit.iloc[0]


# ---- a paragraph that names the past year as the plan's last, then opens on the five years
@pytest.mark.parametrize("para,section,period", [
    ("2025年是“十四五”收官之年。五年来，我们砥砺奋进。\n——生态持续改善。造林88万亩。\n", "five_year_review", "multi_year"),
    ("2025年是“十四五”规划收官之年。这五年，我们砥砺奋进。\n——生态持续改善。造林88万亩。\n", "five_year_review", "multi_year"),
    # twins: the next sentence opens on the year, or on no time at all: the year's review goes on
    ("2025年是“十四五”收官之年。一年来，我们砥砺奋进。\n——生态持续改善。造林88万亩。\n", "review", "annual"),
    ("2025年是“十四五”收官之年。我们砥砺奋进。\n——生态持续改善。造林88万亩。\n", "review", "annual"),
])
def test_a_closing_year_sentence_gives_way_to_the_next_ones_time(para, section, period):
    r = _row(REVIEW + para, "88万亩")
    assert (r["section"], r["period"]) == (section, period)


# ---- a rate named by a part of the year and a growth word: the amount after the rates says whose
@pytest.mark.parametrize("text,raw,concept", [
    ("去年，实现三季度增长4.6%、追平全国，四季度增长5.6%，全年增长4.8%、经济总量达5.3万亿元。", "4.6%", "gdp_growth"),
    ("去年，实现三季度增长4.6%、追平全国，四季度增长5.6%，全年增长4.8%、经济总量达5.3万亿元。", "5.6%", "gdp_growth"),
    ("去年，经济总量超过6万亿元，上半年增长5.7%。", "5.7%", "gdp_growth"),      # the amount before, as ever
    # twins: an amount of another clause after the rate is not its owner; a named rate keeps its own name
    ("去年，三季度增长4.6%，粮食产量达到600亿斤。", "4.6%", ""),
    ("去年，三季度工业增加值增长4.6%、经济总量达5.3万亿元。", "4.6%", "industrial_va_growth"),
])
def test_a_part_year_growth_takes_the_concept_of_its_amount(text, raw, concept):
    assert _row(text, raw)["concept"] == concept


def test_a_part_year_growth_keeps_its_period():
    r = _row("去年，实现三季度增长4.6%，全年增长4.8%、经济总量达5.3万亿元。", "4.6%")
    assert r["period"] == "part_year"
    assert _row("去年，实现三季度增长4.6%，全年增长4.8%、经济总量达5.3万亿元。", "4.8%")["period"] == "annual"


# ---- a group of people counts people; a capacity is a capacity
@pytest.mark.parametrize("text,raw,concept", [
    ("去年，为390万名老年人免费体检。", "390万名", "elderly_people"),
    ("去年，服务残疾人3.4万人。", "3.4万人", "people_with_disabilities"),
    # twins: the beds, homes and centres for them, or a share, are not the people
    ("去年，建设老年人助餐床位2000张。", "2000张", ""),
    ("去年，建成残疾人日间照料服务中心20个。", "20个", ""),
    ("去年，95.6%二级及以上公立综合医院为老年人设立专门医疗服务。", "95.6%", ""),
    ("去年，光伏并网容量达到2000万千瓦。", "2000万千瓦", "grid_connected_new_energy_capacity"),
    ("去年，3家海上风场并网发电。", "3家", ""),                      # twin: plants connected, not capacity
])
def test_concepts_of_people_and_capacity_fit_the_unit(text, raw, concept):
    assert _row(text, raw)["concept"] == concept


def test_a_count_of_wind_farms_says_wind_farms():
    assert _row("去年，3家海上风场并网发电。", "3家")["unit_en"] == "wind farms"
    assert _row("去年，新增高新技术企业300家。", "300家")["unit_en"] == "firms/institutions"  # twin


# ---- a total (累计) is its own clause's; a list joined by 、 shares it
@pytest.mark.parametrize("text,raw,period", [
    ("去年，累计打造试点项目213个，开工安置住房14.1万套。", "14.1万套", "annual"),
    ("去年，累计建设人才公寓30万套，新筹集保障性租赁住房4.7万套。", "4.7万套", "annual"),
    # twins: the items of a list joined by 、 share the total; the total's own number is one
    ("去年，累计诊断企业超6万家、改造项目5.6万余个。", "5.6万余个", "multi_year"),
    ("去年，累计打造试点项目213个，开工安置住房14.1万套。", "213个", "multi_year"),
])
def test_a_total_is_its_own_clauses(text, raw, period):
    assert _row(text, raw)["period"] == period


# ---- in a five-year review, works built or rebuilt, decisions published, meetings held are the period's
FIVE = "一、过去五年工作回顾\n五年来，我们砥砺奋进。\n"


@pytest.mark.parametrize("para,raw,period", [
    ("新改扩建中小学、幼儿园4868所。\n", "4868所", "multi_year"),
    ("新改建农村公路4.2万公里。\n", "4.2万公里", "multi_year"),
    ("发布重大行政决策事项2964件，召开新闻发布会972场。\n", "972场", "multi_year"),
    ("农村公路总里程达到30万公里。\n", "30万公里", "annual"),   # twin: a level reached at the period's end
])
def test_five_year_works_are_the_periods(para, raw, period):
    assert _row(FIVE + para, raw)["period"] == period


# ---- a zone right before its count owns it; never a later number's
@pytest.mark.parametrize("text,raw,subject", [
    ("去年，湖南自贸试验区2项创新成果入选全国最佳实践案例。", "2项", "湖南自贸试验区"),
    ("去年，自贸试验区3项创新成果在全国推广。", "3项", "自贸试验区"),
    # twins: the number after another count in the clause is not the zone's; the zones counted have none
    ("去年，省实验室27家、产业技术研究院6家。", "6家", ""),
    ("去年，全省开发区达到120个。", "120个", ""),
])
def test_a_zone_right_before_its_count(text, raw, subject):
    assert _row(text, raw)["subject"] == subject


# ---- a zone whose number is the measure, or that a sentence says was set up, owns nothing after it
@pytest.mark.parametrize("text,raw,subject", [
    ("去年，通用机场数量全国第一。", "第一", ""),
    ("水网先导区顺利建成，新建扩建水源型水库58座。", "58座", ""),
    # twins: a zone that opens its clause owns the measure; a lead clause on the zone's progress keeps it
    ("去年，郑州机场货邮吞吐量增长10%。", "10%", "郑州机场"),
    ("辽宁实验室快速成长，集聚科研人员698人。", "698人", "辽宁实验室"),
    ("天山北坡城市群空气质量明显改善，空气质量优良天数比例达90%。", "90%", "天山北坡城市群"),
])
def test_a_zone_counted_or_set_up_is_no_subject(text, raw, subject):
    assert _row(text, raw)["subject"] == subject


# ---- a change over a span of years named by the span alone takes the concept of the amount before it
@pytest.mark.parametrize("text,raw,concept", [
    ("去年，一般公共预算收入累计完成3.7万亿元，5年增长18.7%。", "18.7%", "budget_revenue_growth"),
    ("去年，高新技术产业产值占比达到55.7%、5年提升10.6个百分点。", "10.6个百分点", ""),  # twin: a share before, no amount
])
def test_a_span_of_years_growth(text, raw, concept):
    assert _row(text, raw)["concept"] == concept


# ---- standing sets: a set whose role is brought into play, a set grown stronger
@pytest.mark.parametrize("text,raw,kind", [
    ("今年，发挥济青烟3个消费试点作用。", "3个", "context"),
    ("今年，培育壮大12个千亿级特色产业集群。", "12个", "context"),
    # twins: a set built this year is a target; measures that help something grow are the year's work
    ("今年，培育12个千亿级特色产业集群。", "12个", "target"),
    ("去年，出台促进民营经济发展壮大20条措施。", "20条", "achieved"),
])
def test_standing_sets(text, raw, kind):
    part = "一、2025年工作回顾\n过去一年，全省生产总值增长5%。\n" + text + "\n" if kind == "achieved" else \
        "一、2025年工作回顾\n过去一年，全省生产总值增长5%。\n二、2026年工作安排\n" + text + "\n"
    assert _row(part, raw)["kind"] == kind


# ---- an entity right before a count of another noun owns it; one counted by the number does not
@pytest.mark.parametrize("text,raw,subject", [
    ("集中力量做好灾后重建，资兴市4112户受灾群众首批搬进新居。", "4112户", "资兴市"),
    ("去年，蒙能集团3家企业入选。", "3家", "蒙能集团"),
    ("去年，组建紧密型城市医疗集团39个。", "39个", ""),               # twin: the groups are counted
    ("去年，组建医疗集团39个，覆盖全部县。", "39个", ""),             # twin: no noun after the number
])
def test_an_entity_before_its_count(text, raw, subject):
    assert _row(text, raw)["subject"] == subject


# ---- a zone phrase opened by 建成 (what the government did) is no subject
def test_a_zone_opened_by_built_is_no_subject():
    assert _row("去年，建成机场联络线67公里。", "67公里")["subject"] == ""
    assert _row("去年，郑州机场货邮吞吐量增长10%。", "10%")["subject"] == "郑州机场"  # twin
