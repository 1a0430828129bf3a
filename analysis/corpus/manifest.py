"""The corpus: its manifest (one row per report of ``seeds/corpus/``, described by ``manifest.csv``), a
region's report of a year, and every row of every report with its region and year.

Every corpus table is computed from the extracted rows of those reports: a row is matched across reports
by its ``concept`` (a stable ID from ``analysis/data/concepts.yaml``), never by its wording.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd

from ..project import config
from .table import load_tables

CORPUS = config.CORPUS
MANIFEST = CORPUS / "manifest.csv"


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
