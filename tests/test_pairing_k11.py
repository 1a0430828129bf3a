"""Issue 13, a reader's review of the comparison pages (k11): a whole scope is not one of its parts (供排水 against
排水, 城乡 against 城市, 大中小学 against 中小学), a list's amount together is not one of its items, a number said of
each item of a list (各, 均) holds for each of them, 人 and 名 are one unit of people, an addition is labelled as one
under the label of a stock. Each rule with a twin that must not change. Small synthetic tables and sentences
written for these tests (none copied from a report)."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.corpus import picking, revisions, scorecard
from analysis.corpus.apart import each, same_unit
from analysis.site.report import english_value


def _row(name: str, value: float, year: int, unit: str, concept: str, doc: str, mark: str = "",
         kind: str = "target") -> dict:
    raw = f"{value:g}{unit}"
    return {"doc": doc, "id": f"{doc}-{year}", "start": 10, "kind": kind, "concept": concept, "metric_zh": name,
            "raw": raw, "sentence": f"今年{name}{mark}{raw}，质量提升。", "value": value, "value_base": value,
            "value_signed": value, "unit": unit, "base_unit": unit, "measure": "level", "qualifier": "exact",
            "year": year, "period": "annual", "subject": "", "section": "plan", "basis": "", "group": "",
            "commitment": "", "low": value, "high": value, "region_en": "R", "region": "R", "report_year": year}


def _revision(name0, v0, name1, v1, unit="个", concept="c", mark0="", mark1="", unit1=None) -> str:
    rows = pd.DataFrame([_row(name0, v0, 2025, unit, concept, "a", mark0),
                         _row(name1, v1, 2026, unit1 or unit, concept, "b", mark1)])
    return revisions.revisions(rows, 2025, 2026, concepts=None)["status"].iloc[0]


def _verdict(target, tv, result, rv, unit="个", mark_t="", mark_r="") -> str:
    t = pd.Series(_row(target, tv, 2025, unit, "c", "a", mark_t))
    r = pd.Series(_row(result, rv, 2025, unit, "c", "b", mark_r, kind="achieved"))
    return scorecard.verdict("c", t, r)[0]


@pytest.mark.parametrize("target,result,verdict", [
    ("改造排水管网", "改造供排水管网", "not comparable"),       # a whole (供水 and 排水) against one part
    ("改造城市危旧房", "改造城乡危旧房", "not comparable"),
    ("为中小学生开展心理健康测评", "为大中小学生开展心理健康测评", "not comparable"),
    ("改造管网", "改造供排水管网", "met"),                      # twin: a name without a scope is generic
    ("研发投入强度", "研发经费投入强度", "met"),                # twins: no scope at all (the first try's errors)
    ("外贸进出口总额", "进出口贸易总额", "met"),
    ("新建农村公路", "新改建农村公路", "met"),                  # 新改建 is an act, not a scope
    ("规模化供水工程", "农村规模化供水工程", "met"),            # a scope said by one name only
])
def test_a_whole_scope_is_not_its_part(target, result, verdict):
    assert _verdict(target, 100, result, 110) == verdict


def test_a_whole_said_of_each_part_is_compared():
    # 城镇和农村…均: the number holds for 农村 too; without 均 the whole is another quantity
    assert _verdict("改造农村危旧房", 100, "改造城乡危旧房", 110, mark_r="均") == "met"
    assert _verdict("改造农村危旧房", 100, "改造城乡危旧房", 110) == "not comparable"


def test_a_number_of_each_act_is_compared_with_one_act():
    # 开工、投产…各1600万千瓦: 1600 of each; against 投产1000万千瓦 a cut, not another measure
    assert _revision("开工、投产新能源项目", 1600, "投产新能源项目", 1000, "千瓦", mark0="各") == "cut"
    # twin: without 各 the two stages are counted together, apart from one stage
    assert _revision("开工、投产新能源项目", 1600, "投产新能源项目", 1000, "千瓦") == "not comparable"


@pytest.mark.parametrize("before,after,mark,status", [
    ("新改建农村公路", "新改建普通省道和农村公路", "", "not comparable"),   # two kinds together against one
    ("重大科技专项和重点研发计划", "重大科技专项", "", "not comparable"),
    ("重大科技专项和重点研发计划", "重大科技专项", "均", "raised"),           # twin: each of them
    ("新建和改造高标准农田", "新建改造高标准农田", "", "raised"),             # twin: acts, not things (k10)
])
def test_a_list_together_is_not_one_item(before, after, mark, status):
    rows = pd.DataFrame([_row(before, 6, 2025, "个", "c", "a", mark), _row(after, 9, 2026, "个", "c", "b")])
    assert revisions.revisions(rows, 2025, 2026, concepts=None)["status"].iloc[0] == status


def test_a_list_of_rates_is_no_sum():
    t = pd.Series({**_row("游客人次、旅游花费增长", 10, 2025, "%", "c", "a"), "measure": "growth"})
    r = pd.Series({**_row("游客人次增长", 14, 2025, "%", "c", "b", kind="achieved"), "measure": "growth"})
    assert scorecard.verdict("c", t, r)[0] == "met"


def test_people_counted_bare_or_with_a_classifier_are_one_unit():
    assert same_unit("人", "名") and same_unit("名", "人")
    assert _revision("中小学生心理健康测评", 200, "中小学生心理健康测评", 200, "人", unit1="名") == "kept"
    # twins: person-times are another unit; money is no count of people
    assert not same_unit("人", "人次") and not same_unit("人", "元")
    assert _revision("接待游客", 200, "接待游客", 200, "人", unit1="人次") == "different unit"


@pytest.mark.parametrize("name,concept,label", [
    ("社会融资规模增量", "total_social_financing", "New total social financing"),   # an addition under a stock
    ("新增社会融资规模", "total_social_financing", "New total social financing"),
    ("社会融资规模", "total_social_financing", "Total social financing"),          # twin: the stock itself
    ("城镇新增就业", "new_urban_jobs", "New urban jobs"),                          # twin: the label says it already
])
def test_an_addition_is_labelled_as_one(name, concept, label):
    assert picking.row_label(concept, {}, pd.Series({"metric_zh": name, "measure": "level"})) == label


def test_a_number_of_each_item_is_labelled_each():
    rows = analysis.extract("文化产业和旅游业增加值均突破1450亿元。")
    row = rows.iloc[0]
    assert each(row) and row["metric_en"].endswith("(each)") and english_value(row).endswith(" each")
    # twins: one thing, and a number per item (分别), are not "each"
    for text in ("文化产业增加值突破1450亿元。", "文化产业、旅游业增加值分别突破1450亿元、900亿元。"):
        for _, r in analysis.extract(text).iterrows():
            assert not each(r) and "(each)" not in r["metric_en"] and not english_value(r).endswith(" each")


def test_a_whole_scope_has_its_own_concept():
    rows = analysis.extract("今年新改建城镇供排水管网1000公里，改造排水管网500公里。")
    assert list(rows["concept"]) == ["water_supply_and_drainage_pipelines", "drainage_pipelines"]  # twin: the part
