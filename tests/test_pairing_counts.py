"""Issue 13, the pages' comparisons: a target and a result (or two targets) of one indicator are compared
only when their names count the same thing (a programme, a stage, a scope); of several results the one that
counts what the target counts is taken; a qualified head (装机) does not borrow a kind across a clause when it
names its own measured head; the year-on brief does not list five-year tallies among the year's results.
Small synthetic tables and sentences written for these tests (none copied from a report)."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.corpus import picking, revisions, scorecard
from analysis.corpus.apart import counts_apart
from analysis.site import corpus_views


def _row(name: str, value: float, kind: str, year: int, start: int, unit: str = "公里", doc: str = "d",
         concept: str = "rural_roads", section: str = "review", qualifier: str = "exact") -> dict:
    return {"doc": doc, "id": f"{doc}-{start}", "start": start, "kind": kind, "concept": concept,
            "metric_zh": name, "raw": f"{value:g}{unit}", "sentence": f"{name}{value:g}{unit}。", "value": value,
            "value_base": value, "value_signed": value, "unit": unit, "base_unit": unit, "measure": "level",
            "qualifier": qualifier, "year": year, "period": "annual", "subject": "", "section": section,
            "basis": "", "group": "", "commitment": "", "region_en": "R", "region": "R",
            "report_year": year + (1 if kind == "achieved" else 0)}


def _frame(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows))


@pytest.mark.parametrize("a,b,apart", [
    ("农村公路安全生命防护工程", "农村公路提质改造差等路", True),     # two programmes of one concept
    ("实施城镇老旧小区改造", "完工城镇老旧小区改造", True),            # two stages
    ("新增义务教育学位", "新增基础教育学位", True),                    # two scopes
    ("新增学位", "新增义务教育学位", False),                           # one generic name: compared
    ("新改建农村公路", "新建改造农村公路", False),                     # no word of what is counted
    ("农村公路安全生命防护工程", "实施农村公路安全生命防护工程", True),  # a stage named on one side only
])
def test_names_that_count_different_things(a, b, apart):
    assert counts_apart(a, b) is apart


def test_the_result_counting_what_the_target_counts_is_taken():
    # the first-stated result is another programme; the like-for-like one comes later in the review
    target = _row("农村公路安全生命防护工程", 8000, "target", 2025, 10)
    results = _frame(_row("农村公路提质改造差等路", 1200, "achieved", 2025, 5),
                     _row("农村公路安全生命防护工程", 9000, "achieved", 2025, 30))
    card = scorecard.scorecard(_frame(target), picking.results_of(results, 2025, every=True))
    assert card.loc[0, "result"]["metric_zh"] == "农村公路安全生命防护工程"
    assert card.loc[0, "verdict"] == "met" and card.loc[0, "gap"] == pytest.approx(1000)
    # with one result per concept (the first stated), the programmes differ: not comparable, no gap
    card = scorecard.scorecard(_frame(target), picking.results_of(results.iloc[:1], 2025))
    assert card.loc[0, "verdict"] == "not comparable" and pd.isna(card.loc[0, "gap"])


def test_without_counting_words_the_order_of_preference_holds():
    target = _row("川渝共建重点项目", 320, "target", 2025, 10, unit="个", concept="major_projects")
    results = _frame(_row("民生领域重大项目", 300, "achieved", 2025, 5, unit="个", concept="major_projects"),
                     _row("市级重点项目", 340, "achieved", 2025, 30, unit="个", concept="major_projects"))
    card = scorecard.scorecard(_frame(target), picking.results_of(results, 2025, every=True))
    assert card.loc[0, "result"]["metric_zh"] == "民生领域重大项目"  # characters shared are no guide


def test_revisions_of_targets_counting_different_things_are_not_comparable():
    rows = _frame(_row("新增义务教育学位", 20000, "target", 2025, 10, unit="个", concept="school_places"),
                  {**_row("新增基础教育学位", 30000, "target", 2026, 10, unit="个", concept="school_places",
                          doc="e"), "report_year": 2026})
    rows.loc[0, "report_year"] = 2025
    rev = revisions.revisions(rows, 2025, 2026, concepts=None)
    assert list(rev["status"]) == ["not comparable"]
    same = rows.assign(metric_zh="新增义务教育学位")
    assert list(revisions.revisions(same, 2025, 2026, concepts=None)["status"]) == ["raised"]


def test_a_not_comparable_figure_is_shown_under_its_own_name():
    t = pd.Series(_row("新增电源装机", 3000, "target", 2025, 10, unit="万千瓦", concept="installed_capacity"))
    r = pd.Series(_row("可再生能源装机占比", 40.4, "achieved", 2025, 5, unit="%", concept="installed_capacity"))
    assert "可再生能源装机占比" in corpus_views.named(r, "not comparable")
    assert corpus_views.named(r, "met") == ""
    assert corpus_views.named(t, "not comparable") != ""


def test_a_figure_narrower_than_its_indicator_label_shows_its_own_name_beside_it():
    """Under a concept's label, a figure the rules did not vouch that label for (metric_en_source not "glossary")
    shows its own Chinese name beside it, once (not again before its value when not comparable); a figure the
    label is vouched for shows the label alone."""
    narrow = pd.Series({**_row("新建新能源装机", 3000, "target", 2025, 10, unit="万千瓦", concept="installed_capacity"),
                        "metric_en_source": "concept"})
    vouched = narrow.copy()
    vouched["metric_en_source"], vouched["metric_zh"] = "glossary", "电力装机"
    cell = corpus_views.indicator("installed_capacity", {"installed_capacity": "Installed capacity"}, narrow)
    # (k11) an addition under the label of a stock is labelled as one: "New installed capacity"
    assert cell.startswith("New installed capacity") and 'lang="zh' in cell and "新建新能源装机" in cell
    assert corpus_views.named(narrow, "not comparable", shown=True) == ""
    assert corpus_views.named(narrow, "not comparable") != ""
    plain = corpus_views.indicator("installed_capacity", {"installed_capacity": "Installed capacity"}, vouched)
    assert plain == "Installed capacity"
    assert corpus_views.named(vouched, "not comparable", shown=True) != ""


@pytest.mark.parametrize("text,raw,name", [
    # a clause with its own measured head does not borrow the kind of the clause before
    ("集中式光伏项目并网规模居全国前列，电力总装机突破1.2亿千瓦。", "1.2亿千瓦", "电力总装机"),
    ("大力发展水电，电力总装机达到8000万千瓦。", "8000万千瓦", "电力总装机"),
    # a head with only an action before it still takes the kind named earlier
    ("加快发展新型储能，推进示范项目，新开工装机500万千瓦。", "500万千瓦", "新型储能新开工装机"),
    ("创新风电发展模式，新增开发装机超过300万千瓦。", "300万千瓦", "风电新增开发装机"),
    # in one clause the kind is the head's own
    ("新能源装机1.2亿千瓦、占全省装机60%。", "60%", "新能源占全省装机"),
])
def test_qualified_head_across_a_clause(text, raw, name):
    rows = analysis.extract(text)
    assert rows.loc[rows["raw"] == raw, "metric_zh"].tolist() == [name]


def test_a_share_under_a_count_label_says_share():
    labels = {"village_clinics": "Village clinics", "forest_coverage": "Forest coverage"}
    share = {"measure": "share"}
    assert picking.row_label("village_clinics", labels, share) == "Village clinics (share)"
    assert picking.row_label("forest_coverage", labels, share) == "Forest coverage"  # the label says it
    assert picking.row_label("village_clinics", labels, {"measure": "level"}) == "Village clinics"
    assert picking.row_label("village_clinics", labels, None) == "Village clinics"


def test_the_brief_lists_only_results_of_the_year():
    from analysis.site.pages import of_the_year
    rows = _frame(_row("城镇新增就业", 50, "achieved", 2025, 1, unit="万人"),
                  _row("产品能耗达到国家先进值", 46, "achieved", 2025, 2, unit="种", section="five_year_review"),
                  {**_row("单位GDP能耗累计下降", 18, "achieved", 2025, 3, unit="%"), "period": "multi_year"},
                  _row("粮食产量", 700, "achieved", 2024, 4, unit="亿斤"))
    assert of_the_year(rows, 2025).tolist() == [True, False, False, False]


def test_a_rate_of_change_label_takes_no_share_mark():
    labels = {"cpi_growth": "Consumer prices (CPI) increase"}
    assert picking.row_label("cpi_growth", labels, {"measure": "share"}) == "Consumer prices (CPI) increase"
