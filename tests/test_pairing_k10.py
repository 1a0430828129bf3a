"""Issue 13, a reader's review of the comparison pages (k10): two flows of one measure are compared (a name that
builds or rebuilds this year against one with an addition word); a noun before a verb or adverb qualifies that
predicate, not the counted head. Each rule with a twin that must not change. Small synthetic tables written for
these tests (none copied from a report)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.corpus import revisions
from analysis.corpus.apart import qualified_apart


def _row(name: str, value: float, year: int, unit: str, concept: str, doc: str) -> dict:
    return {"doc": doc, "id": f"{doc}-{year}", "start": 10, "kind": "target", "concept": concept, "metric_zh": name,
            "raw": f"{value:g}{unit}", "sentence": f"{name}{value:g}{unit}。", "value": value, "value_base": value,
            "value_signed": value, "unit": unit, "base_unit": unit, "measure": "level", "qualifier": "exact",
            "year": year, "period": "annual", "subject": "", "section": "plan", "basis": "", "group": "",
            "commitment": "", "region_en": "R", "region": "R", "report_year": year}


def _revision(name0: str, v0: float, name1: str, v1: float, unit: str, concept: str) -> str:
    rows = pd.DataFrame([_row(name0, v0, 2025, unit, concept, "a"), _row(name1, v1, 2026, unit, concept, "b")])
    return revisions.revisions(rows, 2025, 2026, concepts=None)["status"].iloc[0]


@pytest.mark.parametrize("before,after,status", [
    ("新建改造农村公路", "新改建农村公路", "cut"),              # build or rebuild, both this year's works
    ("新建改造农村公路", "改扩建农村公路", "cut"),
    ("培育养老服务机构", "新增养老服务机构", "cut"),            # two verbs that bring things in
    ("新建改造农村公路", "农村公路总里程", "not comparable"),   # twin: a flow against a total
    ("新建农村公路", "农村公路", "not comparable"),             # twin: an addition against a name that says neither
])
def test_two_flows_are_compared(before, after, status):
    assert _revision(before, 5000, after, 3500, "公里", "rural_roads") == status


@pytest.mark.parametrize("a,b,apart", [
    ("群众急难愁盼民生实事", "重点办好民生实事", False),    # 重点 goes with 办好, 群众 with 急难愁盼
    ("国家区域医疗中心", "省级区域医疗中心", True),          # twin: nouns right before the head qualify it
    ("选派企业科技特派员", "选派农村科技特派员", True),      # twin: a verb first, then the qualifier
])
def test_a_noun_before_a_verb_does_not_qualify_the_head(a, b, apart):
    assert qualified_apart(a, b) is apart
