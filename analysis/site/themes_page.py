"""The Themes page: how often each theme and term of themes.yaml occurs in the corpus reports of the two latest
years (a summary, a heat map, the sentences that use a term), computed once by :func:`page_context`."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..corpus import manifest, placement
from . import style
from .links import source_file
from .render import render
from .themes import Theme, count_terms, load


def corpus_paths(exclude=()) -> list[Path]:
    """The report files of the corpus manifest (``seeds/corpus``), without the file names in ``exclude``."""
    m = manifest.manifest()
    skip = {exclude} if isinstance(exclude, str) else {str(x) for x in exclude}
    return [manifest.CORPUS / f for f in m["file"] if f not in skip and Path(f).stem not in skip]


def year_pair(counts: pd.DataFrame) -> tuple[int, int] | None:
    """The two latest report years of a count table, or None when it has fewer than two."""
    years = sorted(int(y) for y in counts["year"].dropna().unique())
    return (years[-2], years[-1]) if len(years) >= 2 else None


def summary(counts: pd.DataFrame, years: tuple[int, int], key: str = "theme") -> pd.DataFrame:
    """Per theme (``key="theme"``, a table of ``count_terms(..., by="theme")``) or per term: the median
    rate per 10,000 characters of each year's reports, the change of the median, and how many reports
    of each year use it at all."""
    rows = []
    for name, g in counts.groupby(key, sort=False):
        row = {"key": name, "zh": g["term"].iloc[0], "en": g["term_en"].iloc[0]}
        for y in years:
            gy = g[g["year"] == y]
            row[f"median_{y}"] = float(gy["per_10k_chars"].median()) if len(gy) else float("nan")
            row[f"reports_{y}"] = int((gy["count"] > 0).sum())
            row[f"of_{y}"] = len(gy)
        row["change"] = row[f"median_{years[1]}"] - row[f"median_{years[0]}"]
        rows.append(row)
    return pd.DataFrame(rows)


def _heat(value: float, top: float) -> str:
    if not top or pd.isna(value) or value <= 0:
        return "heat heat-0"
    return f"heat heat-{max(1, min(5, int(-(-5 * value // top))))}"


def _rate(v: float) -> str:
    return "–" if pd.isna(v) else f"{v:.1f}"


def _change(v: float) -> str:
    if pd.isna(v):
        return "–"
    v = round(float(v), 1)
    return f"{'+' if v > 0 else '−' if v < 0 else '±'}{abs(v):.1f}"


def summary_html(s: pd.DataFrame, years: tuple[int, int]) -> str:
    """The themes, one row each: median per 10,000 characters in each year, the change, reports using it."""
    from markupsafe import Markup


    y0, y1 = years
    top = max(s[f"median_{y0}"].max(), s[f"median_{y1}"].max())
    rows = []
    for _, r in s.iterrows():
        cells: list[Markup | str] = [Markup(render("heat", text=r["en"], cls="", title="") + " "
                        + render("zh", text=r["zh"]))]
        for y in years:
            cells.append(Markup(render("heat", text=_rate(r[f"median_{y}"]), cls=_heat(r[f"median_{y}"], top),
                                       title="")))
        cells.append(_change(r["change"]))
        cells.append(f"{r[f'reports_{y0}']}/{r[f'of_{y0}']} → {r[f'reports_{y1}']}/{r[f'of_{y1}']}")
        rows.append({"cells": cells})
    headers = ["Theme", f"{y0}", f"{y1}", "Change", "Reports using it"]
    return render("table", headers=headers, rows=rows, cls="themes",
                  caption=f"Median mentions per 10,000 characters of the {y0} and {y1} reports")


def heatmap_html(counts: pd.DataFrame, years: tuple[int, int], highlight: str = "") -> str:
    """One theme (or term) by report region: mentions per 10,000 characters in each year (a heat
    map: the darker, the more often) and the change; the national report first, the own region marked."""
    from markupsafe import Markup


    y0, y1 = years
    c = counts[counts["year"].isin(years)]
    pivot = c.pivot_table(index=["level", "region_en", "region"], columns="year", values="per_10k_chars",
                          aggfunc="first")
    n = c.pivot_table(index=["level", "region_en", "region"], columns="year", values="count", aggfunc="first")
    top = float(pivot.max().max()) if len(pivot) else 0.0
    order = sorted(pivot.index, key=lambda k: (k[0] != "national", k[1]))
    rows = []
    for key in order:
        level, en, zh = key
        cells: list[Markup | str] = [Markup(render("heat", text=en, cls="", title="") + " " + render("zh", text=zh))]
        for y in years:
            v = pivot.loc[key].get(y, float("nan"))
            k = n.loc[key].get(y, float("nan"))
            title = "" if pd.isna(k) else f"{int(k)} mention{'s' if k != 1 else ''}"
            cells.append(Markup(render("heat", text=_rate(v), cls=_heat(v, top), title=title)))
        cells.append(_change(pivot.loc[key].get(y1, float("nan")) - pivot.loc[key].get(y0, float("nan"))))
        cls = " ".join(x for x in ("national" if level == "national" else "", "hl" if en == highlight else "") if x)
        rows.append({"cells": cells, "cls": cls})
    return render("table", headers=["Region", f"{y0}", f"{y1}", "Change"], rows=rows, cls="themes heatmap",
                  caption="")


def sentences_html(found: pd.DataFrame, term: str, limit: int = 1) -> str:
    """Up to ``limit`` sentences per report that use a term, each linked to the place in its annotated source."""
    from urllib.parse import quote


    items = []
    for _, g in found.groupby(["region_en", "year"], sort=True):
        for _, r in g.head(limit).iterrows():
            anchor = quote(r["sentence"][:24], safe="")
            items.append({"who": f"{r['region_en']} {r['year']}", "text": r["sentence"],
                          "href": f"../data/{source_file(r['report'])}#:~:text={anchor}"})
    return render("quotes", items=items, empty=f"No report uses {term}.")


class PageContext:
    """What the Themes page needs: ``ctx = themes_page.page_context(seed)``: the counts of every theme and
    term of themes.yaml in every corpus report, the two latest years, the summary and the report's region."""

    def __init__(self, seed, exclude=()):
        style.setup()
        self.themes = load()
        self.place = placement.place(seed)
        self.region = self.place.region_en
        self.paths = paths = corpus_paths(exclude)
        self.by_theme = count_terms(paths, self.themes, by="theme")
        self.by_term = count_terms(paths, self.themes)
        self.reports = self.by_theme["report"].nunique()
        self.regions = self.by_theme["region_en"].nunique()
        self.years = year_pair(self.by_theme)
        self.ok = self.years is not None
        if self.ok:
            self.summary = summary(self.by_theme, self.years)
            ch = self.summary.dropna(subset=["change"]).sort_values("change")
            self.rise, self.fall = ch.iloc[-1], ch.iloc[0]

    def theme(self, tid: str) -> Theme:
        return next(t for t in self.themes if t.id == tid)

    def theme_counts(self, tid: str) -> pd.DataFrame:
        return self.by_theme[self.by_theme["theme"] == tid]

    def term_counts(self, term: str) -> pd.DataFrame:
        return self.by_term[self.by_term["term"] == term]

    def using(self, term: str, year: int) -> int:
        """How many reports of a year use a term at all."""
        t = self.term_counts(term)
        return int((t[t["year"] == year]["count"] > 0).sum())

    def paths_of(self, year: int) -> list[Path]:
        """The corpus files of the reports of a year."""
        names = set(self.by_theme.loc[self.by_theme["year"] == year, "report"])
        return [p for p in self.paths if p.stem in names]

    def of_year(self, year: int) -> int:
        return int(self.by_theme[self.by_theme["year"] == year]["report"].nunique())


def page_context(seed, exclude=()) -> PageContext:
    return PageContext(seed, exclude)
