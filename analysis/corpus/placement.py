"""Where a report sits in the corpus: its region and year (from its own text), the reports of the same
region the year before and after, and the corpus with the report's own rows in place of its copy."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..project import config
from ..reading import document
from ..reading.decoding import ReportError
from .manifest import find_region, manifest, report_path, with_context


@dataclass(frozen=True)
class Place:
    """Where a report sits in the corpus (place()): what the site's pages and chapters read of it."""

    doc: str                # its own table name (the file stem)
    region_en: str          # the region's English name ('' when the text does not say)
    region_zh: str          # its Chinese name
    year: int | None        # the report year read from the text
    in_corpus: bool         # the corpus has a report of this region and year
    title: str              # the document's title line
    label: str              # its short label (region and year)
    previous: Path | None   # the corpus report of the same region the year before, if any
    same: Path | None       # ... of the same year (the report itself, or its corpus copy)
    next: Path | None       # ... the year after


def place(seed) -> Place:
    """Where a report sits in the corpus: its region and year (read from its own text), its own table
    name, and the corpus reports of the same region for the year before and after (None if absent)."""
    path = config.resolve(seed)
    doc = document.read(path)
    region_en, year = doc.region_en, doc.report_year
    found = find_region(region_en) if region_en else None
    if found is None and doc.region:
        found = find_region(doc.region)
    region_en = found[0] if found else region_en
    return Place(doc=path.stem, region_en=region_en or "", region_zh=found[1] if found else doc.region,
                 year=year, in_corpus=found is not None and year is not None and report_path(region_en, year) is not None,
                 title=doc.title, label=doc.label,
                 previous=report_path(region_en, year - 1) if found and year else None,
                 same=report_path(region_en, year) if found and year else None,
                 next=report_path(region_en, year + 1) if found and year else None)


def year_pair(p: Place) -> tuple[int, int] | None:
    """The (target year, result year) this report can be judged on: its own targets against the next
    report's results when the corpus has it, else the previous report's targets against its own results."""
    if not p.year or not p.region_en:
        return None
    if p.next is not None:
        return p.year, p.year + 1
    if p.previous is not None:
        return p.year - 1, p.year
    return None


def own_rows(df: pd.DataFrame, p: Place) -> pd.DataFrame:
    """The report's own table with the corpus columns (region and year from its place in the corpus)."""
    df = df.copy()
    for col, v in (("region", p.region_zh), ("region_en", p.region_en), ("report_year", p.year)):
        if col not in df or (df[col].astype(str) == "").all():
            df[col] = v
    return with_context(df)


def with_own(corpus_df: pd.DataFrame, own: pd.DataFrame, p: Place) -> pd.DataFrame:
    """The corpus with the report's own rows in place of its corpus copy (so that its values link to
    this site's annotated source). For the shipped excerpt of a report, the corpus copy is kept for
    what the excerpt leaves out (its concepts not in the excerpt)."""
    if not p.in_corpus:
        return corpus_df
    same = corpus_df[(corpus_df["region_en"] == p.region_en) & (corpus_df["report_year"] == p.year)]
    rest = corpus_df.drop(same.index)
    if p.same is not None and p.same.stem == p.doc:
        return pd.concat([rest, own], ignore_index=True)
    covered = set(own["concept"]) - {""}
    keep = same[~same["concept"].isin(covered)]
    return pd.concat([rest, own, keep], ignore_index=True)


def corpus_seed(region: str, year: int | None = None) -> Path:
    """The corpus file of a region's report (``--region``/``--year``, ``make build REGION= YEAR=``): the region
    by pinyin file name, English or Chinese name (by default the shipped report's), the year by default the
    latest of the corpus.
    Raises ReportError (one line, naming the regions and years there are) when the corpus has no such report."""
    m = manifest()
    years = sorted({int(y) for y in m["year"]})
    year = int(year) if year else (years[-1] if years else 0)
    if not str(region).strip():  # a year alone: the shipped report's region
        region = place(config.resolve(config.report_config()["seed"])).region_en
    found = find_region(region)
    path = report_path(found[0], year) if found else None
    if path is None:
        known = ", ".join(sorted({d.split("_", 1)[1] for d in m["doc"]}))
        raise ReportError(f"no report of region {region!r} for {year} in seeds/corpus (years: "
                          f"{', '.join(map(str, years))}; regions: {known})")
    return path
