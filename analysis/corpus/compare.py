"""A concept across the corpus: the national reports (a reference line, not one more province), every
report's own targets and results of a concept, and the concepts of a sector most provinces state."""

from __future__ import annotations

import math

import pandas as pd

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
