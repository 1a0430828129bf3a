"""The province scorecard measured against the hand-checked headline rows of the corpus.

For every province whose 2025 report states a 2025 target of a headline indicator and whose 2026 report
states the 2025 result (tests/fixtures/corpus/core_2025.csv and core_2026.csv), the scorecard
(analysis.corpus.scorecard.region_scorecard) must take the annotated target and the annotated result, with the
result's sign read from its sentence (a fall, 下降3.3%, is negative). Reports annotated blind for the
project's held-out measurements are left out of this (and of every tuning) measurement.
"""

from __future__ import annotations

import csv
import math
import re

import pandas as pd
import pytest

import analysis
from analysis.corpus import manifest, scorecard, table
from analysis.corpus.evaluate import overlaps
from tests import helpers
from tests.helpers import ROOT

CORPUS = ROOT / "seeds" / "corpus"
GOLD = ROOT / "tests" / "fixtures" / "corpus"
# annotated blind: never measured or tuned on here
BLIND = helpers.BLIND  # the register's blind reports (tests/fixtures/heldout/reports.csv)
HEADLINE = ("gdp_growth", "industrial_va_growth", "fai_growth", "retail_sales_growth", "budget_revenue_growth",
            "new_urban_jobs", "unemployment_rate", "cpi_growth")
BAR = 0.98
# The annotator's reading of a fall, independent of the extractor's lexicon: the verb right before the number.
FALL = re.compile(r"(?:下降|减少|降低|微降|回落|负增长|下滑|压减|收窄|下跌)(?:了|约|近|超过|同比|比上年)?$")


def _gold(name: str, kind: str, year: int) -> dict[tuple[str, str], list[dict]]:
    out: dict[tuple[str, str], list[dict]] = {}
    with (GOLD / name).open(encoding="utf-8") as f:
        for g in csv.DictReader(f):
            doc = g["doc"].removesuffix(".txt")
            if doc in BLIND or g["concept"] not in HEADLINE or g["kind"] != kind or int(g["year"]) != year:
                continue
            out.setdefault((doc, g["concept"]), []).append(g)
    return out


def gold_signed(g: dict) -> float:
    """The annotated value with the sign its sentence gives it (the clause before the number)."""
    text = analysis.read_text(CORPUS / g["doc"])
    start = int(g["start"])
    clause = re.split(r"[，,；;。：:]", text[max(0, start - 40):start])[-1]
    v = float(g["value_base"])
    return -v if FALL.search(clause) else v


def gold_interval(rows: list[dict]) -> tuple[float, float]:
    """The interval the annotated target states: a range (two rows) both ends; a floor (over, at_least)
    its low end; a ceiling (under, at_most) its high end; else the value itself."""
    vs = sorted(gold_signed(g) for g in rows)
    if len(rows) == 2:
        return vs[0], vs[1]
    q = rows[0]["qualifier"]
    if q in ("over", "at_least"):
        return vs[0], math.nan
    if q in ("under", "at_most"):
        return math.nan, vs[0]
    return vs[0], vs[0]


def _same(a: tuple, b: tuple) -> bool:
    return all((math.isnan(x) and math.isnan(y)) or math.isclose(x, y, abs_tol=1e-9) for x, y in zip(a, b))


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    files = [p for p in sorted(CORPUS.glob("*.txt")) if p.stem not in BLIND]
    return manifest.with_context(table.load_tables(files))  # extract_many's table, from the cache when current


@pytest.fixture(scope="module")
def card(corpus) -> pd.DataFrame:
    return scorecard.region_scorecard(corpus, 2025, HEADLINE)


def pairs() -> list[tuple[list[dict], dict]]:
    """(gold target rows, gold result row) of every province and headline indicator both reports state."""
    targets, results = _gold("core_2025.csv", "target", 2025), _gold("core_2026.csv", "achieved", 2025)
    out = []
    for (doc, concept), t in sorted(targets.items()):
        r = results.get(("2026_" + doc.split("_", 1)[1], concept))
        if r:
            out.append((t, r[0]))
    return out


def test_gold_sign_reading():
    assert FALL.search("固定资产投资下降") and FALL.search("居民消费价格微降")
    assert not FALL.search("固定资产投资增长") and not FALL.search("下降后增长")


def test_scorecard_takes_the_right_target_and_signed_result(card):
    region = {r["file"].removesuffix(".txt"): r["region_en"]
              for r in csv.DictReader((CORPUS / "manifest.csv").open(encoding="utf-8"))}
    ps = pairs()
    assert len(ps) >= 60  # every province-indicator pair both annotations give
    wrong = []
    for t, r in ps:
        got = card[(card["region_en"] == region[t[0]["doc"].removesuffix(".txt")]) & (card["concept"] == t[0]["concept"])]
        if got.empty:
            wrong.append((t[0]["doc"], t[0]["concept"], "no target"))
            continue
        c = got.iloc[0]
        target_ok = (c["t_row"] is not None and int(c["t_row"]["start"]) in {int(g["start"]) for g in t}
                     and _same((c["t_low"], c["t_high"]), gold_interval(t)))
        result_ok = (c["r_row"] is not None and int(c["r_row"]["start"]) == int(r["start"])
                     and math.isclose(c["r_value"], gold_signed(r), abs_tol=1e-9))
        if not (target_ok and result_ok):
            wrong.append((t[0]["doc"], t[0]["concept"], "target" if not target_ok else "",
                          "result" if not result_ok else "", r["raw"],
                          None if c["r_row"] is None else (c["r_row"]["raw"], c["r_value"])))
    share = 1 - len(wrong) / len(ps)
    targets_wrong = [w for w in wrong if w[2]]
    print(f"scorecard: {len(ps) - len(wrong)}/{len(ps)} province-indicator pairs right ({share:.1%}); "
          f"targets right: {len(ps) - len(targets_wrong)}/{len(ps)}")
    assert 1 - len(targets_wrong) / len(ps) >= BAR, f"targets wrong: {targets_wrong}"
    assert share >= BAR, f"{share:.1%} of {len(ps)} pairs right; wrong: {wrong}"


def test_gold_results_keep_their_sign(corpus):
    """Every annotated headline result of the 2026 reports: the extracted row at its span has the
    annotated value with the sign of its sentence."""
    results = _gold("core_2026.csv", "achieved", 2025)
    by_doc = {d: g for d, g in corpus.groupby("doc")}
    n = ok = 0
    for (doc, _), rows in results.items():
        for g in rows:
            d = by_doc[doc]
            hit = d[overlaps(d["start"], d["end"], int(g["start"]), int(g["end"]))]
            n += 1
            ok += bool(len(hit)) and math.isclose(float(hit.iloc[0]["value_signed"]), gold_signed(g), abs_tol=1e-9)
    assert n >= 100 and ok / n >= BAR, (ok, n)


def test_not_reported_cells_name_the_nearest_sentence(card):
    """Each target without a result lists a sentence of the next report to check the gap on: one that
    names the concept; none only when no sentence of that report names it."""
    from analysis.language.concepts import catalogue

    missing = card[card["verdict"] == "not reported"]
    assert len(missing)
    for _, c in missing.iterrows():
        cand = c["candidate"]
        names = catalogue()[c["concept"]].names
        nxt = "2026_" + c["t_doc"].split("_", 1)[1]
        if cand is None:
            text = analysis.read_text(CORPUS / f"{nxt}.txt")
            assert not any(n in text for n in names), (c["region_en"], c["concept"])
            continue
        assert cand["doc"] == nxt, (c["region_en"], c["concept"])
        assert cand["concept"] == c["concept"] or any(n in cand["sentence"] for n in names), (c["region_en"], c["concept"])
