"""Targets one year on: each target of a report against the next year's result of the same concept.

Which target counts as met is decided by :func:`verdict` (documented on the "Targets one year on" page
from :data:`MET_RULE`).
"""

from __future__ import annotations

import math

import pandas as pd

from ..extraction.schema import interval, signed
from ..language import lexicon
from ..language.concepts import catalogue
from ..language.units import RATE_UNITS
from ..project.thresholds import FLOAT_TOLERANCE
from .apart import counts_apart, each, flow_and_stock, list_apart, same_unit
from .picking import best_result, nearest_candidate, results_of, targets_of

# The headline concepts of the comparisons, in the order a brief reads them, and those whose target is a
# ceiling (a result at or below it meets it): data of the concept catalogue (concepts.yaml: headline, direction)
HEADLINE = catalogue().headline
CEILINGS = catalogue().ceilings
# An "about" (左右) target counts as met when the result falls short by no more than this:
# percentage points for rates, a share of the target for levels (data: lexicon.yaml, scorecard.about_margin).
_MARGIN = lexicon.load().about_margin
ABOUT_MARGIN_PP = float(_MARGIN["rate_pp"])
ABOUT_MARGIN_SHARE = float(_MARGIN["level_share"])
# Amounts further apart than this factor are taken for different quantities of one concept (a
# programme's count against a province's total): not comparable.
LEVEL_RATIO = 4.0


MET_RULE = (
    "Results are compared *signed*: a fall (下降3.3%) is −3.3. "
    "A target is **met** when the result reaches it: at or above a floor (growth, jobs, revenue, "
    "targets written 以上, 不低于, 力争 …), at or below a ceiling (the surveyed unemployment rate, "
    "consumer prices and the deficit ratio, whatever the wording: 左右, 以内, 以下 all cap them; and a target "
    "written as a fall, such as 单位GDP能耗降低3%: the fall must be at least that large). "
    f"A target written *about* (左右) also counts as met when the result falls short by at most "
    f"{ABOUT_MARGIN_PP:g} percentage points (for a rate) or {ABOUT_MARGIN_SHARE:.0%} of the target (for an "
    "amount); a larger shortfall is **missed**. A range (5%—5.5%) is one target: a floor is met from its lower "
    "end, a ceiling up to its upper end; an aim written beside a floor (7%以上、力争8%) is shown, the floor is "
    "scored. The result used is the region's own annual figure for the year, from the review, the like-for-like "
    "(同口径) one where the report gives both. "
    "A result in another unit than the target (a level against a growth rate), or an amount more than "
    f"{LEVEL_RATIO:g} times larger or smaller than the target (two different quantities of one indicator), "
    "is **not comparable**, and so are two figures of one indicator whose names count different things (a "
    "programme, a stage: 实施 against 完工, a scope: 义务教育学位 against 基础教育学位, another qualifier of the counted "
    "noun: 国家区域医疗中心 against 省级区域医疗中心, a whole scope against a part of it: 供排水管网 against 排水管网, "
    "城乡 against 农村, a list's amount together against one of its items) and an addition against a stock (培育高新技术企业 "
    "against 有效期内高新技术企业); a figure said of each item of a list (各, 均) is compared with one item's; counts in two "
    "classifiers of one noun (7个, 7家) and people counted bare or with 名 are compared; where the next report "
    "states several results of the indicator, the one that counts what the target counts is taken; a "
    "target the next year's report gives no result for is **not reported** (with the sentence of that report "
    "nearest to being one, so that the gap can be checked). The *gap* is the result "
    "minus the target, in percentage points for rates and in the target's unit for amounts."
)


def gap_unit(base_unit: str) -> str:
    """The unit of a gap between two values of a base unit: percentage points ('pp') for rates."""
    return "pp" if base_unit in RATE_UNITS else base_unit


def verdict(concept: str, target, result) -> tuple[str, float]:
    """('met' | 'missed' | 'not comparable' | 'not reported', gap) of a target row and a result row.

    gap = result - target (percentage points for rates, the target's base unit for amounts); NaN
    when there is no result or the two cannot be compared. The rule is :data:`MET_RULE`.
    """
    if result is None or (isinstance(result, float) and math.isnan(result)):
        return "not reported", math.nan
    if not same_unit(target["base_unit"], result["base_unit"]) or target["measure"] != result["measure"]:
        return "not comparable", math.nan  # 7个 and 7家 of the same centres are one unit (count classifiers)
    if counts_apart(target.get("metric_zh", ""), result.get("metric_zh", ""), each(target), each(result)):
        return "not comparable", math.nan  # 义务教育学位 against 基础教育学位: another part of the concept counted
    if list_apart(target, result):
        return "not comparable", math.nan  # 普通省道和农村公路 together against 农村公路
    if flow_and_stock(target, result):
        return "not comparable", math.nan  # 培育高新技术企业2200家 against 有效期内高新技术企业8200家
    r = signed(result)
    low, high = interval(target)
    t0 = signed(target)
    if target["base_unit"] not in RATE_UNITS and t0 and not (1 / LEVEL_RATIO <= abs(r / t0) <= LEVEL_RATIO):
        return "not comparable", math.nan  # 2万名 against 110万名: not the same quantity, whatever the concept
    q = target["qualifier"]
    if concept in CEILINGS or t0 < 0:  # a maximum; or a fall at least as large as the target's
        t = high if not math.isnan(high) else low
        return ("met" if r <= t + FLOAT_TOLERANCE else "missed"), r - t
    t = low if not math.isnan(low) else high
    gap = r - t
    if r >= t - FLOAT_TOLERANCE:
        return "met", gap
    if q in ("about", "near"):
        margin = ABOUT_MARGIN_PP if target["base_unit"] in RATE_UNITS else abs(t) * ABOUT_MARGIN_SHARE
        if t - r <= margin + FLOAT_TOLERANCE:
            return "met", gap
    return "missed", gap


def scorecard(targets: pd.DataFrame, results: pd.DataFrame, pool: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each target next to the result of the same concept: verdict and gap (one row per target); `used`
    says which figure the result is; for a target without a result, `candidate` is the row of `pool` (the
    next report's rows) nearest to being one (None when there is none)."""
    res: dict[str, list] = {}
    for _, r in results.iterrows():  # a concept's results in the order of preference (one, or every one)
        res.setdefault(r["concept"], []).append(r)
    rows = []
    for _, t in targets.iterrows():
        r = best_result(t, res.get(t["concept"], []))
        v, gap = verdict(t["concept"], t, r)
        cand = nearest_candidate(pool, t["concept"], int(t["year"])) if r is None and pool is not None else None
        rows.append({"concept": t["concept"], "target": t, "result": r, "verdict": v, "gap": gap,
                     "gap_unit": gap_unit(t["base_unit"]),
                     "used": r.get("used", "") if r is not None else "", "candidate": cand})
    out = pd.DataFrame(rows, columns=["concept", "target", "result", "verdict", "gap", "gap_unit", "used",
                                      "candidate"])
    # the scored targets first, headline indicators in their order, then the others in the report's order
    order = {c: i for i, c in enumerate(HEADLINE)}
    out["_s"] = (~out["verdict"].isin(["met", "missed"])).astype(int)
    out["_h"] = out["concept"].map(order).fillna(len(order))
    return out.sort_values(["_s", "_h"], kind="stable").drop(columns=["_s", "_h"]).reset_index(drop=True)


def region_scorecard(corpus_df: pd.DataFrame, year: int, concepts=HEADLINE) -> pd.DataFrame:
    """For every region: its report of `year`'s targets against its report of `year + 1`'s results.

    One row per region and concept that has a target; columns region_en, region, concept, verdict,
    gap, t_* and r_* (value_base, base_unit, qualifier, id, doc of target and result)."""
    rows = []
    for region, g in corpus_df.groupby("region_en"):
        nxt = g[g["report_year"] == int(year) + 1]
        tg = targets_of(g[g["report_year"] == int(year)], year, concepts)
        rs = results_of(nxt, year, concepts, every=True)
        has_next = not nxt.empty
        for _, row in scorecard(tg, rs, nxt if has_next else None).iterrows():
            t, r = row["target"], row["result"]
            v = row["verdict"] if has_next else "no next report"
            rows.append({"region_en": region, "region": t.get("region", ""), "concept": row["concept"],
                         "verdict": v, "gap": row["gap"], **_fields("t", t), **_fields("r", r),
                         "used": row["used"], "candidate": row["candidate"]})
    cols = (["region_en", "region", "concept", "verdict", "gap"] + [f"{p}_{c}" for p in "tr" for c in _FIELDS]
            + ["used", "candidate"])
    return pd.DataFrame(rows, columns=cols)


# t_value / r_value: signed (value_signed); t_low, t_high: the target's interval


_FIELDS = ("value_base", "value", "low", "high", "base_unit", "qualifier", "id", "doc", "row")


def _fields(prefix: str, row) -> dict:
    if row is None:
        return {f"{prefix}_{c}": (None if c == "row" else math.nan if c in ("value_base", "value", "low", "high")
                                  else "") for c in _FIELDS}
    low, high = interval(row)
    return {f"{prefix}_value_base": float(row["value_base"]), f"{prefix}_value": signed(row), f"{prefix}_low": low,
            f"{prefix}_high": high, f"{prefix}_base_unit": row["base_unit"],
            f"{prefix}_qualifier": row["qualifier"], f"{prefix}_id": row["id"], f"{prefix}_doc": row["doc"],
            f"{prefix}_row": row}


def met_counts(card: pd.DataFrame) -> pd.DataFrame:
    """Per concept: provinces with a target, met, missed, not reported, not comparable."""
    out = []
    for concept in dict.fromkeys(card["concept"]):
        g = card[card["concept"] == concept]
        vc = g["verdict"].value_counts()
        out.append({"concept": concept, "targets": int(len(g)), "met": int(vc.get("met", 0)),
                    "missed": int(vc.get("missed", 0)), "not reported": int(vc.get("not reported", 0)),
                    "not comparable": int(vc.get("not comparable", 0))})
    return pd.DataFrame(out, columns=["concept", "targets", "met", "missed", "not reported", "not comparable"])
