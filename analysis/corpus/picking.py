"""Which row is a region's target or result of a year: one annual figure per concept (the region's own),
the like-for-like figure first, and, for a target without a result, the sentence nearest to being one.
Also the English labels of the concepts, as the rows give them."""

from __future__ import annotations

import functools
import math

import pandas as pd

from ..extraction.schema import signed
from ..language import lexicon
from ..language.concepts import catalogue
from ..reading import document
from .apart import counted, each, is_addition, scope_apart
from .manifest import CORPUS


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
        return catalogue()[concept].en
    except Exception:  # noqa: BLE001 - an ID the catalogue does not know: its words
        return concept.replace("_", " ").capitalize()


def row_label(concept: str, labels: dict[str, str], row) -> str:
    """The label of a concept for one of its figures: a share under a label that names a count (Village
    clinics, Railways) is '<label> (share)' (lexicon scorecard.share_label_words say which labels name one)."""
    label = concept_label(concept, labels)
    if row is None or (isinstance(row, float) and math.isnan(row)):
        return label
    if row.get("measure") == "level" and is_addition(row):
        return addition_label(label, row)
    if row.get("measure") != "share":
        return label
    low = label.lower()
    return label if any(w in low for w in lexicon.load().share_label_words) else f"{label} (share)"


def addition_label(label: str, row) -> str:
    """The label of an indicator for a figure that is an addition (:func:`is_addition`: 新增社会融资规模,
    社会融资规模增量, 新增学位) when the label names the thing itself, a stock ("Total social financing", "School
    places"): "New total social financing", "New school places" — the addition word's English (lexicon
    extraction.addition_en; "New" for the others), as the rows' own labels say it. A label that says an addition
    already (glossary label_qualifiers: "New urban jobs", "Capacity added") is kept."""
    name = str(row.get("metric_zh", "") or "")
    said = lexicon.glossary()["label_qualifiers"]["words"]  # an addition word: its English and what carries it
    lex = lexicon.load()
    word = max((w for w in said if w in name and w.startswith(lex.addition_prefixes)), key=len, default="新增")
    en, carries = said[word]
    if carries.search(label.lower()) or "increase" in label.lower():
        return label  # 新建和改造高标准农田: "High-standard farmland built or upgraded" says it
    en = en if en and "…" not in en else "New"
    return f"{en} {label[0].lower() + label[1:] if not label[:2].isupper() else label}"


def own_name(row) -> str:
    """The row's own Chinese name where the concept's label is broader than the row (the rules did not vouch for a
    catalogue label of the row itself: metric_en_source not "glossary", one_report.VOUCHED_LABELS): a page shows it
    beside the label, so that 新建新能源装机 under "Installed capacity" reads as what it is; else ""."""
    if row is None or (isinstance(row, float) and math.isnan(row)):
        return ""
    return "" if row.get("metric_en_source", "glossary") == "glossary" else str(row.get("metric_zh", "") or "")


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


def best_result(target, candidates: list):
    """Of the results of a target's concept (in the order of preference), the one that counts what the target
    counts: the same counting words first, then one not counting another thing; ties keep the order (characters
    shared are no guide: 川渝共建重点项目 shares 重点项目 with 市级重点项目, another programme)."""
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    want = counted(target.get("metric_zh", ""))

    def score(r) -> tuple:  # the same counting words; else not counting another thing (counts_apart); the same scope
        got = counted(r.get("metric_zh", ""))
        return (got == want, not (want and got and got != want),
                not scope_apart(target.get("metric_zh", ""), r.get("metric_zh", ""), each(target), each(r)))

    return max(enumerate(candidates), key=lambda x: (score(x[1]), -x[0]))[1]


def results_of(df: pd.DataFrame, year: int, concepts=None, every: bool = False) -> pd.DataFrame:
    """One annual result per concept (the region's own, for `year`; a part of the year is not annual):
    the review first, then the like-for-like figure (basis like_for_like) where the report states it
    beside the headline one, then the first mention. The column `used` says which figure it is. With
    `every`, all of a concept's annual results, in that order of preference (a target then takes the one
    that counts what it counts: :func:`best_result`)."""
    d = df[(df["kind"] == "achieved") & (df["concept"] != "") & _own(df) & _annual(df)]
    d = d[pd.to_numeric(d["year"], errors="coerce") == int(year)]
    if concepts is not None:
        d = d[d["concept"].isin(concepts)]
    if d.empty:
        return d.assign(used="")
    # like-for-like first, then the figure as stated, then an adjusted one (剔除…因素后)
    d = d.assign(_b=column(d, "basis").map(lambda b: {"like_for_like": 0, "": 1}.get(b, 2)))
    out = _first_per(d, prefer_section="review", then=("_b",), every=every)
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


def _first_per(d: pd.DataFrame, prefer_section: str, then: tuple = (), every: bool = False) -> pd.DataFrame:
    if d.empty:
        return d
    d = d.assign(_p=(d["section"] != prefer_section).astype(int))
    keys = ["doc", "concept"]
    d = d.sort_values(["_p", *then, "start"])
    if every:  # every row, the preferred first within each (doc, concept)
        return d.drop(columns="_p")
    return d.drop_duplicates(keys).drop(columns="_p").sort_values(["doc", "start"])


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
