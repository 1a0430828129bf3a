"""Targets from one year to the next: each region's annual targets, how it revised them (raised, cut,
kept, requalified, dropped, new), and the main targets a report states without a number."""

from __future__ import annotations

import math

import pandas as pd

from ..extraction.schema import interval, signed
from ..project.thresholds import FLOAT_TOLERANCE
from ..reading.decoding import read_text
from .apart import counts_apart, each, flow_against_stock, list_apart, same_unit
from .manifest import CORPUS, manifest
from .one_report import commitments
from .picking import targets_of
from .scorecard import HEADLINE

OPEN_ENDED = frozenset({"over", "at_least", "under", "at_most"})
STATUSES = ("raised", "kept", "requalified", "cut", "new", "dropped", "different unit", "not comparable")


def province_targets(corpus_df: pd.DataFrame, year: int, concepts=HEADLINE) -> pd.DataFrame:
    """The annual target of each region for each concept in its report of `year` (one row each)."""
    d = corpus_df[corpus_df["report_year"] == int(year)]
    t = targets_of(d, year, concepts)
    if "low" in t and "high" in t:
        t = t.assign(open_ended=t["low"].isna() | t["high"].isna())
    else:
        t = t.assign(open_ended=t["qualifier"].isin(OPEN_ENDED))
    return t


def revisions(corpus_df: pd.DataFrame, y0: int, y1: int, concepts=HEADLINE) -> pd.DataFrame:
    """How each region revised each headline target from `y0` to `y1`: raised, cut, kept, requalified (the
    same number with other words of strength: 5%以上 -> 5%左右 is a floor become an approximate aim, not
    kept), dropped, new; 'not comparable' when one is an addition (新增公路通车里程1500公里) and the other a
    total (公路通车总里程9.3万公里), the names count different things (picking.counts_apart) or the measures differ (a growth rate against a level), 'different unit' when
    the units differ and are not two classifiers of one count (80户 and 80家 enterprises are compared). A range
    (5%—5.5%) is compared as a range. One row per region and concept."""
    a = province_targets(corpus_df, y0, concepts).set_index(["region_en", "concept"])
    b = province_targets(corpus_df, y1, concepts).set_index(["region_en", "concept"])
    rows = []
    for key in sorted(set(a.index) | set(b.index)):
        ta = a.loc[key] if key in a.index else None
        tb = b.loc[key] if key in b.index else None
        if ta is None:
            status, change = "new", math.nan
        elif tb is None:
            status, change = "dropped", math.nan
        elif flow_against_stock(ta, tb) or ta["measure"] != tb["measure"] \
                or counts_apart(ta.get("metric_zh", ""), tb.get("metric_zh", ""), each(ta), each(tb)) \
                or list_apart(ta, tb):
            status, change = "not comparable", math.nan
        elif not same_unit(ta["base_unit"], tb["base_unit"]):
            status, change = "different unit", math.nan
        else:
            status, change = _compare(ta, tb)
        rows.append({"region_en": key[0], "concept": key[1], "status": status, "change": change,
                     "before": ta, "after": tb})
    return pd.DataFrame(rows, columns=["region_en", "concept", "status", "change", "before", "after"])


def _compare(a, b) -> tuple[str, float]:
    """The status and change of two comparable targets, compared as intervals (an exact number is the
    interval of one point, a floor has no upper end, a range both): by the ends both have. All of them up:
    raised; all down: cut; one up and one down (a range widened): requalified; none moved: kept, or
    requalified when the words of strength differ (5%以上 -> 5%—5.5%: the floor kept, a ceiling added).
    5.5%左右 -> 5%—5.5% is cut, 5%左右 -> 5%—5.5% raised. The change is that of the middles (of the one
    end)."""
    change = _level(b) - _level(a)
    (la, ha), (lb, hb) = interval(a), interval(b)
    moves = [y - x for x, y in ((la, lb), (ha, hb)) if not (math.isnan(x) or math.isnan(y))]
    if not moves:  # a floor against a ceiling: by their one ends
        moves = [change]
    up, down = any(m > FLOAT_TOLERANCE for m in moves), any(m < -FLOAT_TOLERANCE for m in moves)
    if up and down:
        return "requalified", math.nan
    if up or down:
        return ("raised" if up else "cut"), change
    return ("requalified", 0.0) if _requalified(a, b) else ("kept", 0.0)


def _requalified(a, b) -> bool:
    """Do two targets of one level differ in their words of strength (qualifier or interval: 以上 vs 左右)?"""
    if str(a.get("qualifier", "") or "") != str(b.get("qualifier", "") or ""):
        return True
    return any(not (math.isnan(x) and math.isnan(y)) and not (abs(x - y) < FLOAT_TOLERANCE)
               for x, y in zip(interval(a), interval(b)))


def _level(row) -> float:
    """One number for a target's interval: its middle when both ends are given, else its one end."""
    low, high = interval(row)
    ends = [x for x in (low, high) if not math.isnan(x)]
    return sum(ends) / len(ends) if ends else signed(row)


def revision_counts(rev: pd.DataFrame) -> pd.DataFrame:
    """Per concept: how many regions raised, cut, kept, dropped or newly set the target."""
    statuses = list(STATUSES)
    if rev.empty:
        return pd.DataFrame(columns=["concept", *statuses])
    t = rev.groupby(["concept", "status"]).size().unstack(fill_value=0)
    for s in statuses:
        if s not in t:
            t[s] = 0
    return t[statuses].reset_index()


def unquantified_targets(year: int) -> pd.DataFrame:
    """Main targets each report of `year` states without a number (clauses of its targets paragraph)."""
    rows = []
    m = manifest()
    for _, r in m[m["year"] == int(year)].iterrows():
        c = commitments(read_text(CORPUS / r["file"]))
        c = c[c["section"] == "targets"]
        for _, x in c.iterrows():
            rows.append({"region_en": r["region_en"], "region": r["region_zh"], "doc": r["doc"], "text": x["text"],
                         "start": x["start"]})
    return pd.DataFrame(rows, columns=["region_en", "region", "doc", "text", "start"])
