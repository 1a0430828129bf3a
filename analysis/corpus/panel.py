"""Corpus-wide tables: the report among the 31 provinces, and its targets one year on.

The corpus is ``seeds/corpus/`` (the provincial government work reports of 2025 and 2026, described
by ``manifest.csv``). Every table here is computed from the extracted rows of those reports: a row
is matched across reports by its ``concept`` (a stable ID from ``analysis/data/concepts.yaml``),
never by its wording. Nothing is typed in: each value keeps the id of its row and the name of its
report, so that a page can link it to its sentence.

Which target counts as met is decided by :func:`verdict` (documented on the "Targets one year on"
page from :data:`MET_RULE`).
"""

from __future__ import annotations

import functools
import math
from pathlib import Path

import pandas as pd

from ..extraction.schema import interval, signed  # noqa: F401 - the values of a row, used here and by the pages
from ..language import lexicon
from ..language.concepts import catalogue
from ..project import config

CORPUS = config.CORPUS
MANIFEST = CORPUS / "manifest.csv"

# The headline concepts of the comparisons, in the order a brief reads them.
# The headline concepts and those whose target is a ceiling (a result at or below it meets it): data of
# the concept catalogue (analysis/data/concepts.yaml: headline, direction)
HEADLINE = catalogue().headline
CEILINGS = catalogue().ceilings
# An "about" (左右) target counts as met when the result falls short by no more than this:
# percentage points for rates, a share of the target for levels (data: lexicon.yaml, scorecard.about_margin).
_MARGIN = lexicon.load().about_margin
ABOUT_MARGIN_PP = float(_MARGIN["rate_pp"])
ABOUT_MARGIN_SHARE = float(_MARGIN["level_share"])
RATE_UNITS = frozenset({"%", "个百分点"})
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
    "is **not comparable**; a "
    "target the next year's report gives no result for is **not reported** (with the sentence of that report "
    "nearest to being one, so that the gap can be checked). The *gap* is the result "
    "minus the target, in percentage points for rates and in the target's unit for amounts."
)


# ---------------------------------------------------------------------------------------- corpus
@functools.lru_cache(maxsize=1)
def manifest() -> pd.DataFrame:
    """The corpus manifest: file, region_zh, region_en, year, level (one row per report)."""
    if not MANIFEST.exists():
        return pd.DataFrame(columns=["file", "region_zh", "region_en", "year", "level", "doc"])
    m = pd.read_csv(MANIFEST, dtype={"year": int}, keep_default_na=False)
    m["doc"] = m["file"].str.replace(r"\.txt$", "", regex=True)
    return m


def report_path(region_en: str, year: int) -> Path | None:
    """The corpus file of a region's report of a year, or None."""
    m = manifest()
    hit = m[(m["region_en"].str.lower() == str(region_en).lower()) & (m["year"] == int(year))]
    return CORPUS / hit["file"].iloc[0] if len(hit) else None


def find_region(name: str) -> tuple[str, str] | None:
    """(region_en, region_zh) of a region given by its English name, pinyin file name or Chinese name."""
    key = str(name).strip().lower().replace(" ", "")
    if not key:
        return None
    for _, r in manifest().iterrows():
        pinyin = r["doc"].split("_", 1)[1]
        if key in (r["region_en"].lower().replace(" ", ""), pinyin, r["region_zh"]) or (
                len(key) >= 2 and r["region_zh"].startswith(name)):
            return r["region_en"], r["region_zh"]
    return None


@functools.lru_cache(maxsize=1)
def corpus() -> pd.DataFrame:
    """Every row of every corpus report, with the report's region and year (from the manifest)."""
    from .table import load_tables

    m = manifest()
    if m.empty:
        return pd.DataFrame()
    df = load_tables([CORPUS / f for f in m["file"]])
    return with_context(df)


def with_context(df: pd.DataFrame) -> pd.DataFrame:
    """Fill region, region_en, report_year and level from the manifest where the rows lack them."""
    m = manifest().set_index("doc")
    df = df.copy()
    fill = {"region": "region_zh", "region_en": "region_en", "report_year": "year", "level": "level"}
    for col, src in fill.items():
        from_manifest = df["doc"].map(m[src]) if len(m) else pd.Series(pd.NA, index=df.index)
        if col not in df:
            df[col] = from_manifest
        else:
            empty = df[col].isna() | (df[col].astype(str) == "")
            df.loc[empty, col] = from_manifest[empty]
    for col in ("concept", "concept_en", "subject", "period"):
        if col not in df:
            df[col] = ""
    df["concept"] = df["concept"].fillna("").astype(str)
    df["subject"] = df["subject"].fillna("").astype(str)
    df["period"] = df["period"].fillna("").astype(str)
    return df


def has_concepts(df: pd.DataFrame) -> bool:
    return "concept" in df and bool((df["concept"].fillna("") != "").any())


def concept_labels(df: pd.DataFrame) -> dict[str, str]:
    """English label of each concept, as the rows give it."""
    if "concept_en" not in df:
        return {}
    d = df[(df["concept"] != "") & (df["concept_en"].fillna("") != "")]
    return d.groupby("concept")["concept_en"].first().to_dict()


def concept_label(concept: str, labels: dict[str, str]) -> str:
    """The English label of a concept: from the rows, else from the concept catalogue."""
    if labels.get(concept):
        return labels[concept]
    try:
        from ..language.concepts import catalogue

        return catalogue()[concept].en
    except Exception:  # noqa: BLE001 - an ID the catalogue does not know: its words
        return concept.replace("_", " ").capitalize()


# ---------------------------------------------------------------------------------------- picking
def _annual(df: pd.DataFrame) -> pd.Series:
    period = df["period"].fillna("")
    return (period == "annual") | (period == "")


def _own(df: pd.DataFrame) -> pd.Series:
    return df["subject"].fillna("") == ""


def column(df: pd.DataFrame, name: str, default="") -> pd.Series:
    """A column of the rows, or `default` on every row when the table has no such column (a table of an
    older schema, or one built by hand)."""
    if name in df:
        return df[name].fillna(default) if default is not None else df[name]
    return pd.Series(default, index=df.index)


def targets_of(df: pd.DataFrame, year: int, concepts=None) -> pd.DataFrame:
    """One annual target per concept (the region's own, for `year`): the main-targets paragraph first,
    then the first mention (of a range, its first row: both carry the interval). An aim written beside
    the target (7%以上、力争达到8%: a row of the same group with a commitment) is given in the columns
    aim_value (signed) and aim_raw."""
    d = df[(df["kind"] == "target") & (df["concept"] != "") & _own(df) & _annual(df)]
    d = d[pd.to_numeric(d["year"], errors="coerce") == int(year)]
    if concepts is not None:
        d = d[d["concept"].isin(concepts)]
    out = _first_per(d, prefer_section="targets")
    return _with_aims(out, d)


def _with_aims(chosen: pd.DataFrame, pool: pd.DataFrame) -> pd.DataFrame:
    chosen = chosen.assign(aim_value=math.nan, aim_raw="")
    if chosen.empty or "group" not in pool:
        return chosen
    for i, t in chosen.iterrows():
        same = pool[(pool["doc"] == t["doc"]) & (pool["group"] == t["group"]) & (pool["start"] > t["start"])
                    & (column(pool, "commitment") != "") & column(pool, "low", None).notna()
                    & (column(pool, "low", None) == column(pool, "high", None))]
        if len(same):
            a = same.sort_values("start").iloc[-1]
            chosen.at[i, "aim_value"], chosen.at[i, "aim_raw"] = signed(a), a["raw"]
    return chosen


def results_of(df: pd.DataFrame, year: int, concepts=None) -> pd.DataFrame:
    """One annual result per concept (the region's own, for `year`; a part of the year is not annual):
    the review first, then the like-for-like figure (basis like_for_like) where the report states it
    beside the headline one, then the first mention. The column `used` says which figure it is."""
    d = df[(df["kind"] == "achieved") & (df["concept"] != "") & _own(df) & _annual(df)]
    d = d[pd.to_numeric(d["year"], errors="coerce") == int(year)]
    if concepts is not None:
        d = d[d["concept"].isin(concepts)]
    if d.empty:
        return d.assign(used="")
    # like-for-like first, then the figure as stated, then an adjusted one (剔除…因素后)
    d = d.assign(_b=column(d, "basis").map(lambda b: {"like_for_like": 0, "": 1}.get(b, 2)))
    out = _first_per(d, prefer_section="review", then=("_b",))
    n = d.groupby(["doc", "concept"]).size()
    out = out.assign(used=[_used(r, int(n.get((r["doc"], r["concept"]), 1))) for _, r in out.iterrows()])
    return out.drop(columns="_b")


USED_DEFAULT = "annual, own region, the review"  # the usual figure (pages say only what differs from it)


def _used(r, n: int) -> str:
    """Which figure a result is: 'annual, own region, the review, like-for-like (first of 3 statements of
    the year)'."""
    parts = ["annual", "own region", "the review" if r["section"] == "review" else f"section {r['section']}"]
    basis = r.get("basis", "") if hasattr(r, "get") else ""
    if isinstance(basis, str) and basis:
        parts.append(basis.replace("_", "-"))
    if bool(r.get("estimate", False)):
        parts.append("estimate")
    return ", ".join(parts) + (f" (first of {n} statements of the year)" if n > 1 else "")


def _first_per(d: pd.DataFrame, prefer_section: str, then: tuple = ()) -> pd.DataFrame:
    if d.empty:
        return d
    d = d.assign(_p=(d["section"] != prefer_section).astype(int))
    keys = ["doc", "concept"]
    return (d.sort_values(["_p", *then, "start"]).drop_duplicates(keys).drop(columns="_p")
            .sort_values(["doc", "start"]))


def nearest_candidate(pool: pd.DataFrame, concept: str, year: int):
    """The row of a report nearest to being the result of `concept` for `year` when none is one, or None:
    a reader checks the gap on its sentence. First a result of the concept of another period or subject
    (年均, 上半年, a city's); else the first sentence of the report that names the concept without a
    usable figure, the review first (居民消费价格与上年持平: a row with its sentence and no value); None
    when the report never names it."""
    if pool is None or pool.empty:
        return None
    d = pool[pool["concept"] == concept]
    achieved = d[d["kind"] == "achieved"]
    if len(achieved):
        score = (2 * (pd.to_numeric(achieved["year"], errors="coerce") == int(year))
                 + (achieved["period"].fillna("") == "annual") + (achieved["subject"].fillna("") == "")
                 + achieved["section"].isin(["review", "five_year_review"]))
        return achieved.assign(_s=-score).sort_values(["_s", "start"]).iloc[0].drop("_s")
    doc = str(pool["doc"].iloc[0])
    hit = _review_sentence(doc, concept)
    if hit is not None or d.empty:
        return hit
    return d.sort_values("start").iloc[0]  # a report outside the corpus: its first statement of the concept


def _review_sentence(doc: str, concept: str):
    """The first sentence of a corpus report naming one of the concept's Chinese names, as a row without a
    value: of the review (the year reviewed, then the five-year review, the problems), else of any part;
    None if no sentence names it."""
    try:
        names = catalogue()[concept].names
    except KeyError:
        return None
    for section, start, sentence in _review_sentences(doc):
        if any(n in sentence for n in names):
            return pd.Series({"doc": doc, "id": "", "start": start, "raw": "", "sentence": sentence,
                              "section": section, "kind": "", "concept": "", "year": pd.NA, "period": "",
                              "subject": ""})
    return None


@functools.lru_cache(maxsize=64)
def _review_sentences(doc: str) -> tuple:
    from ..reading import document

    path = CORPUS / f"{doc}.txt"
    if not path.exists():
        return ()
    d = document.read(path)
    order = {"review": 0, "five_year_review": 1, "problems": 2}
    out = []
    for para in d.paragraphs:
        if para.section != "header":
            for s0, e0 in d.sentences(para):
                out.append((order.get(para.section, 3), para.section, d.layout.to_raw(s0, e0)[0],
                            d.layout.text[s0:e0]))
    return tuple((sec, start, sent) for _, sec, start, sent in sorted(out, key=lambda x: (x[0], x[2])))


# ---------------------------------------------------------------------------------------- verdict
def verdict(concept: str, target, result) -> tuple[str, float]:
    """('met' | 'missed' | 'not comparable' | 'not reported', gap) of a target row and a result row.

    gap = result - target (percentage points for rates, the target's base unit for amounts); NaN
    when there is no result or the two cannot be compared. The rule is :data:`MET_RULE`.
    """
    if result is None or (isinstance(result, float) and math.isnan(result)):
        return "not reported", math.nan
    if target["base_unit"] != result["base_unit"] or target["measure"] != result["measure"]:
        return "not comparable", math.nan
    r = signed(result)
    low, high = interval(target)
    t0 = signed(target)
    if target["base_unit"] not in RATE_UNITS and t0 and not (1 / LEVEL_RATIO <= abs(r / t0) <= LEVEL_RATIO):
        return "not comparable", math.nan  # 2万名 against 110万名: not the same quantity, whatever the concept
    q = target["qualifier"]
    if concept in CEILINGS or t0 < 0:  # a maximum; or a fall at least as large as the target's
        t = high if not math.isnan(high) else low
        return ("met" if r <= t + 1e-9 else "missed"), r - t
    t = low if not math.isnan(low) else high
    gap = r - t
    if r >= t - 1e-9:
        return "met", gap
    if q in ("about", "near"):
        margin = ABOUT_MARGIN_PP if target["base_unit"] in RATE_UNITS else abs(t) * ABOUT_MARGIN_SHARE
        if t - r <= margin + 1e-9:
            return "met", gap
    return "missed", gap


def scorecard(targets: pd.DataFrame, results: pd.DataFrame, pool: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each target next to the result of the same concept: verdict and gap (one row per target); `used`
    says which figure the result is; for a target without a result, `candidate` is the row of `pool` (the
    next report's rows) nearest to being one (None when there is none)."""
    res = {c: r for c, r in zip(results["concept"], (r for _, r in results.iterrows()))}
    rows = []
    for _, t in targets.iterrows():
        r = res.get(t["concept"])
        v, gap = verdict(t["concept"], t, r)
        cand = nearest_candidate(pool, t["concept"], int(t["year"])) if r is None and pool is not None else None
        rows.append({"concept": t["concept"], "target": t, "result": r, "verdict": v, "gap": gap,
                     "gap_unit": "pp" if t["base_unit"] in RATE_UNITS else t["base_unit"],
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
        rs = results_of(nxt, year, concepts)
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


# ---------------------------------------------------------------------------------------- among provinces
OPEN_ENDED = frozenset({"over", "at_least", "under", "at_most"})


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
    kept), dropped, new (or 'changed unit' when the two cannot be compared). One row per region and concept."""
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
        elif ta["base_unit"] != tb["base_unit"] or ta["measure"] != tb["measure"]:
            status, change = "changed unit", math.nan
        else:
            change = _level(tb) - _level(ta)  # a range by its middle: 5%左右 -> 5%—5.5% is raised, not kept
            status = ("requalified" if _requalified(ta, tb) else "kept") if abs(change) < 1e-9 else \
                "raised" if change > 0 else "cut"
        rows.append({"region_en": key[0], "concept": key[1], "status": status, "change": change,
                     "before": ta, "after": tb})
    return pd.DataFrame(rows, columns=["region_en", "concept", "status", "change", "before", "after"])


def _requalified(a, b) -> bool:
    """Do two targets of one level differ in their words of strength (qualifier or interval: 以上 vs 左右)?"""
    if str(a.get("qualifier", "") or "") != str(b.get("qualifier", "") or ""):
        return True
    return any(not (math.isnan(x) and math.isnan(y)) and not (abs(x - y) < 1e-9)
               for x, y in zip(interval(a), interval(b)))


def _level(row) -> float:
    """One number for a target's interval: its middle when both ends are given, else its one end."""
    low, high = interval(row)
    ends = [x for x in (low, high) if not math.isnan(x)]
    return sum(ends) / len(ends) if ends else signed(row)


def revision_counts(rev: pd.DataFrame) -> pd.DataFrame:
    """Per concept: how many regions raised, cut, kept, dropped or newly set the target."""
    statuses = ["raised", "kept", "requalified", "cut", "new", "dropped", "changed unit"]
    if rev.empty:
        return pd.DataFrame(columns=["concept", *statuses])
    t = rev.groupby(["concept", "status"]).size().unstack(fill_value=0)
    for s in statuses:
        if s not in t:
            t[s] = 0
    return t[statuses].reset_index()


def unquantified_targets(year: int) -> pd.DataFrame:
    """Main targets each report of `year` states without a number (clauses of its targets paragraph)."""
    from ..reading.decoding import read_text
    from ..site.report import commitments

    rows = []
    m = manifest()
    for _, r in m[m["year"] == int(year)].iterrows():
        c = commitments(read_text(CORPUS / r["file"]))
        c = c[c["section"] == "targets"]
        for _, x in c.iterrows():
            rows.append({"region_en": r["region_en"], "region": r["region_zh"], "doc": r["doc"], "text": x["text"],
                         "start": x["start"]})
    return pd.DataFrame(rows, columns=["region_en", "region", "doc", "text", "start"])


# ---------------------------------------------------------------------------------------- the report's place
def place(seed) -> dict:
    """Where a report sits in the corpus: its region and year (read from its own text), its own table
    name, and the corpus reports of the same region for the year before and after (None if absent)."""
    from ..reading import document

    path = config.resolve(seed)
    doc = document.read(path)
    region_en, year = doc.region_en, doc.report_year
    found = find_region(region_en) if region_en else None
    if found is None and doc.region:
        found = find_region(doc.region)
    region_en = found[0] if found else region_en
    return {"doc": path.stem, "region_en": region_en or "", "region_zh": found[1] if found else doc.region,
            "year": year, "in_corpus": found is not None and year is not None and report_path(region_en, year) is not None,
            "title": doc.title, "label": doc.label,
            "previous": report_path(region_en, year - 1) if found and year else None,
            "same": report_path(region_en, year) if found and year else None,
            "next": report_path(region_en, year + 1) if found and year else None}


def year_pair(p: dict) -> tuple[int, int] | None:
    """The (target year, result year) this report can be judged on: its own targets against the next
    report's results when the corpus has it, else the previous report's targets against its own results."""
    if not p["year"] or not p["region_en"]:
        return None
    if p["next"] is not None:
        return p["year"], p["year"] + 1
    if p["previous"] is not None:
        return p["year"] - 1, p["year"]
    return None


def own_rows(df: pd.DataFrame, p: dict) -> pd.DataFrame:
    """The report's own table with the corpus columns (region and year from its place in the corpus)."""
    df = df.copy()
    for col, v in (("region", p["region_zh"]), ("region_en", p["region_en"]), ("report_year", p["year"])):
        if col not in df or (df[col].astype(str) == "").all():
            df[col] = v
    return with_context(df)


def with_own(corpus_df: pd.DataFrame, own: pd.DataFrame, p: dict) -> pd.DataFrame:
    """The corpus with the report's own rows in place of its corpus copy (so that its values link to
    this site's annotated source). For the shipped excerpt of a report, the corpus copy is kept for
    what the excerpt leaves out (its concepts not in the excerpt)."""
    if not p["in_corpus"]:
        return corpus_df
    same = corpus_df[(corpus_df["region_en"] == p["region_en"]) & (corpus_df["report_year"] == p["year"])]
    rest = corpus_df.drop(same.index)
    if p["same"] is not None and p["same"].stem == p["doc"]:
        return pd.concat([rest, own], ignore_index=True)
    covered = set(own["concept"]) - {""}
    keep = same[~same["concept"].isin(covered)]
    return pd.concat([rest, own, keep], ignore_index=True)


# ---------------------------------------------------------------------------------------- accuracy
CORE_GOLD = config.CORE_GOLD


def core_accuracy(corpus_df: pd.DataFrame | None = None) -> pd.DataFrame:
    """How the corpus chapters' inputs score against the hand-checked headline annotation
    (tests/fixtures/corpus/core_*.csv): per annotation file, the rows found (same value at an
    overlapping span) and, of those, the share with the right kind, year, concept and qualifier."""
    d = corpus() if corpus_df is None else corpus_df
    out = []
    for gold_path in sorted(CORE_GOLD.glob("core_*.csv")):
        if gold_path.stem.endswith("_paragraphs"):
            continue
        gold = pd.read_csv(gold_path, dtype=str, keep_default_na=False)
        found = {"kind": 0, "year": 0, "concept": 0, "qualifier": 0}
        n_found = 0
        by_doc = {doc: g for doc, g in d.groupby("doc")}
        for _, g in gold.iterrows():
            rows = by_doc.get(g["doc"].removesuffix(".txt"))
            if rows is None:
                continue
            gs, ge, gv = int(g["start"]), int(g["end"]), float(g["value_base"])
            hit = rows[(rows["start"] < ge) & (rows["end"] > gs) & ((rows["value_base"] - gv).abs() <= 1e-6 * max(1, abs(gv)))]
            if hit.empty:
                continue
            n_found += 1
            h = hit.iloc[0]
            found["kind"] += h["kind"] == g["kind"]
            found["year"] += str(h["year"]).split(".")[0] == g["year"]
            found["concept"] += h["concept"] == g["concept"]
            found["qualifier"] += h["qualifier"] == g["qualifier"]
        n = len(gold)
        out.append({"annotation": gold_path.name, "reports": gold["doc"].nunique(), "rows": n,
                    "found": n_found / n if n else math.nan,
                    **{k: (v / n_found if n_found else math.nan) for k, v in found.items()}})
    return pd.DataFrame(out, columns=["annotation", "reports", "rows", "found", "kind", "year", "concept", "qualifier"])


# ---------------------------------------------------------------------------------------- sectors
def in_sector(df: pd.DataFrame, sector: str) -> pd.DataFrame:
    return df[df["sectors"].fillna("").str.split(";").apply(lambda s: sector in s).astype(bool)]


def sector_concepts(own_rows: pd.DataFrame, corpus_df: pd.DataFrame, min_regions: int = 3, limit: int = 4) -> list[str]:
    """The concepts of a sector's own rows that at least `min_regions` provinces of the corpus state,
    the most widely stated first."""
    concepts = [c for c in dict.fromkeys(own_rows["concept"]) if c]
    if not concepts or corpus_df.empty:
        return []
    d = corpus_df[corpus_df["concept"].isin(concepts) & (corpus_df["subject"] == "")]
    n = d.groupby("concept")["region_en"].nunique()
    return [c for c in n.sort_values(ascending=False).index if n[c] >= min_regions][:limit]


def concept_values(corpus_df: pd.DataFrame, concept: str, report_year: int) -> tuple[str, pd.DataFrame]:
    """The kind ('achieved' or 'target') most provinces state for a concept in their reports of
    `report_year`, and one row per province of that kind (the region's own figure, in the most
    common unit, first mention in the review for results, the targets paragraph for targets)."""
    d = corpus_df[(corpus_df["concept"] == concept) & (corpus_df["subject"] == "")
                  & (corpus_df["report_year"] == int(report_year)) & corpus_df["kind"].isin(["achieved", "target"])]
    if d.empty:
        return "", d
    kind = d.groupby("kind")["region_en"].nunique().sort_values(ascending=False).index[0]
    d = d[d["kind"] == kind]
    unit = d["base_unit"].value_counts().index[0]
    measure = d[d["base_unit"] == unit]["measure"].value_counts().index[0]
    d = d[(d["base_unit"] == unit) & (d["measure"] == measure)]
    prefer = "review" if kind == "achieved" else "targets"
    d = d.assign(_p=(d["section"] != prefer).astype(int)).sort_values(["_p", "start"])
    return kind, d.drop_duplicates("region_en").drop(columns="_p")


HELDOUT = config.HELDOUT


HELDOUT_FIELDS = ("kind", "year", "period", "concept", "subject", "sign", "qualifier", "metric")


def heldout_reports() -> pd.DataFrame:
    """The register of whole-report annotations (tests/fixtures/heldout/reports.csv): report, level,
    annotated (date), status (``blind``: scored once with the rules of that day, no rule yet changed
    after seeing it; ``tuning``: seen since, part of the tuning set) and a note."""
    path = HELDOUT / "reports.csv"
    if not path.exists():
        return pd.DataFrame(columns=["report", "level", "annotated", "status", "note"])
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _norm_year(v) -> str:
    return "" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v).split(".")[0]


def heldout_accuracy(corpus_df: pd.DataFrame | None = None, status: str | None = None) -> pd.DataFrame:
    """How the extraction scores on the whole-report annotations (tests/fixtures/heldout/<report>.csv: every
    quantity of a corpus report, annotated blind to the extractor): per report, precision (extracted
    rows that are an annotated quantity: same value at an overlapping span), recall (``found``), and, of
    the rows found, the share with the right field:

    - kind, qualifier: every row found; year, period, subject, sign: rows annotated as a result or target
      (year and period as the annotator wrote them; subject empty = the report's own region; sign: −1 when
      the text states a fall, compared with the sign of ``value_signed``) — a field the annotation does not
      carry (older annotations have no period or sign) is left empty;
    - concept: rows whose annotation names a headline concept;
    - metric: the annotator's name or an accepted alternative, or a name containing one with at most 4
      more characters (a lenient automatic test; reviewers judge the names row by row).

    Descriptors (annotated as such: 500千伏, 60岁以上) and traps are neither required nor counted as found;
    an extracted trap counts against precision. `status` ('blind' or 'tuning') keeps the reports of that
    status in the register (heldout_reports)."""
    d = corpus() if corpus_df is None else corpus_df
    reg = heldout_reports().set_index("report") if len(heldout_reports()) else None
    out = []
    for path in sorted(HELDOUT.glob("*.csv")):
        if path.name == "reports.csv":
            continue
        st = reg["status"].get(path.stem, "") if reg is not None else ""
        if status is not None and st != status:
            continue
        gold = pd.read_csv(path, dtype=str, keep_default_na=False)
        pred = d[d["doc"] == path.stem]
        if pred.empty or gold.empty:
            continue
        trap = gold["kind"].eq("trap")
        optional = gold["note"].str.contains("descriptor") if "note" in gold else pd.Series(False, index=gold.index)
        gs = gold["start"].astype(int).to_numpy()
        ge = gold["end"].astype(int).to_numpy()
        gv = pd.to_numeric(gold["value_base"], errors="coerce").to_numpy()
        matched: dict[int, object] = {}
        n_pred_ok = 0
        for _, p in pred.iterrows():
            hit = [i for i in range(len(gold)) if gs[i] < p["end"] and p["start"] < ge[i]
                   and abs(gv[i] - p["value_base"]) <= 1e-6 * max(1.0, abs(gv[i]))]
            if hit and not trap.iloc[hit[0]]:
                n_pred_ok += 1
                matched.setdefault(hit[0], p)
        matched = {i: p for i, p in matched.items() if not optional.iloc[i]}
        ok = {f: 0 for f in HELDOUT_FIELDS}
        n = {f: 0 for f in HELDOUT_FIELDS}
        for i, p in matched.items():
            g = gold.iloc[i]
            stated = g["kind"] in ("achieved", "target")
            names = [g["metric_zh"], *(x.strip() for x in str(g.get("metric_zh_ok", "")).split(";") if x.strip())]
            checks = {
                "kind": p["kind"] == g["kind"],
                "qualifier": p["qualifier"] == g["qualifier"],
                "metric": p["metric_zh"] in names or any(
                    nm and nm in p["metric_zh"] and len(p["metric_zh"]) <= len(nm) + 4 for nm in names),
            }
            if stated:
                checks["year"] = _norm_year(p["year"]) == _norm_year(g["year"])
                checks["subject"] = str(p.get("subject", "") or "") == g.get("subject", "")
                if g.get("period", ""):
                    checks["period"] = str(p.get("period", "") or "") == g["period"]
                if g.get("sign", "") and "value_signed" in p:
                    checks["sign"] = (-1 if float(p["value_signed"]) < 0 else 1) == int(float(g["sign"]))
            if g["concept"]:
                checks["concept"] = p["concept"] == g["concept"]
            for f, v in checks.items():
                n[f] += 1
                ok[f] += bool(v)
        required = int((~optional & ~trap).sum())
        out.append({"report": path.stem, "status": st, "annotated": required, "extracted": len(pred),
                    "precision": n_pred_ok / len(pred), "found": len(matched) / required if required else math.nan,
                    **{f: (ok[f] / n[f] if n[f] else math.nan) for f in HELDOUT_FIELDS}})
    return pd.DataFrame(out, columns=["report", "status", "annotated", "extracted", "precision", "found",
                                      *HELDOUT_FIELDS])


def corpus_seed(region: str, year: int | None = None) -> Path:
    """The corpus file of a region's report (``--region``/``--year``, ``make build REGION= YEAR=``): the region
    by pinyin file name, English or Chinese name (by default the shipped report's), the year by default the
    latest of the corpus.
    Raises ReportError (one line, naming the regions and years there are) when the corpus has no such report."""
    from ..reading.decoding import ReportError

    m = manifest()
    years = sorted({int(y) for y in m["year"]})
    year = int(year) if year else (years[-1] if years else 0)
    if not str(region).strip():  # a year alone: the shipped report's region
        region = place(config.resolve(config.report_config()["seed"]))["region_en"]
    found = find_region(region)
    path = report_path(found[0], year) if found else None
    if path is None:
        known = ", ".join(sorted({d.split("_", 1)[1] for d in m["doc"]}))
        raise ReportError(f"no report of region {region!r} for {year} in seeds/corpus (years: "
                          f"{', '.join(map(str, years))}; regions: {known})")
    return path


# ---------------------------------------------------------------------------------------- the national level
NATIONAL = "national"


def national_regions(corpus_df: pd.DataFrame) -> set[str]:
    """The region_en of the corpus's national reports (level ``national`` in the manifest): the reference
    the provinces set their targets against, shown as a line or a row, not as one more province."""
    if corpus_df is None or corpus_df.empty or "level" not in corpus_df:
        return set()
    return set(corpus_df.loc[corpus_df["level"] == NATIONAL, "region_en"].dropna())


def split_national(df: pd.DataFrame, national: set[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(provinces, national): the rows of a per-region table (a ``region_en`` column) split by level."""
    is_nat = df["region_en"].isin(national)
    return df[~is_nat], df[is_nat]


def reference_lines(rows: pd.DataFrame, value_col: str = "value_base", label: str = "national",
                    unit_col: str = "base_unit", unit: str | None = None) -> list[tuple[str, float]]:
    """[(label, value)] of reference rows (the national target or result) in the unit of a chart: a row in
    another unit is left out (like with like)."""
    out = []
    for _, r in rows.iterrows():
        v = r[value_col]
        if v is None or (isinstance(v, float) and math.isnan(v)):
            continue
        if unit is not None and r[unit_col] != unit:
            continue
        out.append((label, float(v)))
    return out


# ---------------------------------------------------------------------------------------- a concept in every report
def concept_mentions(corpus_df: pd.DataFrame, concepts, exclude: tuple[str, int] | None = None) -> pd.DataFrame:
    """Every report's own targets and results of the given concepts (the national report included), but
    those of the report `exclude` = (region_en, report_year): the national report first, then by region,
    report year and place in the text."""
    if corpus_df is None or corpus_df.empty or not len(concepts):
        return corpus_df.iloc[:0] if corpus_df is not None else pd.DataFrame()
    d = corpus_df[corpus_df["concept"].isin(list(concepts)) & (corpus_df["subject"] == "")
                  & corpus_df["kind"].isin(["achieved", "target"])]
    if exclude is not None:
        d = d[~((d["region_en"] == exclude[0]) & (d["report_year"] == exclude[1]))]
    d = d.assign(_n=(d["level"] != NATIONAL).astype(int))
    return d.sort_values(["_n", "region_en", "report_year", "start"]).drop(columns="_n")


# ---------------------------------------------------------------------------------------- sector chapters
def sector_plan(cfg: dict, seed) -> tuple[list[dict], list[tuple[str, str]]]:
    """The chapters of a build of `seed` with the sector chapters that fit its report, and the sectors left
    out with the reason: ([chapter], [(sector, why)]).

    The sector chapters of report.yml (those with a ``sector`` parameter) stand for the sector chapters
    of the build: they are replaced, at the place of the first, by the list ``sectors.regions`` gives for the
    report's region (read from its text, matched by English, pinyin or Chinese name), or, for a region
    without a list, by the sectors the report has the most quantities for (at least
    ``sectors.min_quantities``, at most ``sectors.max_chapters``; macro is the overview's). A sector the
    report states no quantity of has nothing to show: it is never published. Without a ``sectors`` key
    the chapters are those of report.yml."""
    chapters = cfg["chapters"]
    idx = [i for i, ch in enumerate(chapters) if "sector" in (ch.get("parameters") or {})]
    sc = cfg.get("sectors")
    if not idx or not sc:
        return chapters, []
    from ..site import report

    region = place(seed)["region_en"]
    lists = {}
    for key, lst in (sc.get("regions") or {}).items():
        found = find_region(key)
        lists[found[0] if found else key] = lst
    df, _ = report.load(seed)
    order = [x for x in config.sectors() if x != "macro"]
    counts = {x: int(report._member(df, x).sum()) if len(df) else 0 for x in order}
    left: list[tuple[str, str]] = []
    if region in lists:
        wanted = list(lists[region])
        left += [(x, f"not in the sector list of {region} (book/report.yml)") for x in order
                 if x not in wanted and counts[x]]
    else:
        least, most = sc.get("min_quantities", 1), sc.get("max_chapters", len(order))
        ranked = sorted((x for x in order if counts[x]), key=lambda x: (-counts[x], order.index(x)))
        wanted = [x for x in ranked if counts[x] >= least][:most]
        for x in ranked:
            if x not in wanted:
                left.append((x, f"{counts[x]} {'quantity' if counts[x] == 1 else 'quantities'}, fewer than "
                                f"{least}" if counts[x] < least else f"{counts[x]} quantities, not among the "
                                f"{most} sectors with the most quantities"))
    left = [(x, "the report states no quantity of the sector") for x in wanted if not counts[x]] + left
    by_sector = {chapters[i]["parameters"]["sector"]: chapters[i] for i in idx}
    first = chapters[idx[0]]
    chosen = [by_sector.get(x) or {"name": x, "title": report.sector_name(x), "template": first["template"],
                                   "parameters": {**first.get("parameters", {}), "sector": x},
                                   **({"part": first["part"]} if "part" in first else {})}
              for x in wanted if counts[x]]
    rest = [ch for i, ch in enumerate(chapters) if i not in idx]
    names = {ch["name"] for ch in rest}
    chosen = [ch if ch["name"] not in names else {**ch, "name": f"sector-{ch['name']}"} for ch in chosen]
    return rest[:idx[0]] + chosen + rest[idx[0]:], left


def heldout_name_reviews(status: str | None = "blind") -> pd.DataFrame:
    """The reviewers' row-by-row verdicts on the names of the whole-report annotations' quantities
    (tests/fixtures/heldout/review/<report>_metric_names.csv, written by a reviewer who neither annotated the
    report nor wrote the rules): per report, rows reviewed, the share of Chinese names judged right, and of the
    English labels the site shows the share right, wrong and untranslated (the Chinese name shown instead)."""
    reg = heldout_reports().set_index("report")["status"] if len(heldout_reports()) else pd.Series(dtype=str)
    out = []
    for path in sorted((HELDOUT / "review").glob("*_metric_names.csv")):
        report = path.name.removesuffix("_metric_names.csv")
        if status is not None and reg.get(report, "") != status:
            continue
        r = pd.read_csv(path, dtype=str, keep_default_na=False)
        zh = r["verdict_zh"] if "verdict_zh" in r else r.get("verdict", pd.Series(dtype=str))
        row = {"report": report, "reviewed": len(r), "metric_zh right": (zh == "right").mean() if len(r) else math.nan}
        if "verdict_en" in r:
            en = r["verdict_en"]
            row.update({"metric_en right": (en == "right").mean(), "metric_en wrong": (en == "wrong").mean(),
                        "untranslated": (en == "untranslated").mean()})
        out.append(row)
    return pd.DataFrame(out, columns=["report", "reviewed", "metric_zh right", "metric_en right", "metric_en wrong",
                                      "untranslated"])
