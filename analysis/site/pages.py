"""What a page needs, in one call: ``df, text = setup(seed)`` for the report's own pages,
``ctx = corpus_context(seed)`` for the corpus chapters (``year_on``, ``provinces``) and
``ctx = sector_context(seed, sector)`` for a sector chapter; ``from analysis.site.pages import *`` gives the
notebooks these and the page modules.

It reads the report, places it in the corpus (region and year from its own text), extracts the
corpus once, and computes the corpus tables (:mod:`analysis.corpus`: manifest, placement, picking, scorecard,
revisions, compare); the notebooks lay them out with
:mod:`analysis.site.views` (HTML), :mod:`analysis.site.prose` (English) and :mod:`analysis.site.charts`.
"""

from __future__ import annotations

import functools
import warnings

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, Markdown, display
from markupsafe import Markup

from ..corpus import accuracy, compare, manifest, one_report, picking, placement, revisions, scorecard
from ..project import config
from . import (
    charts,
    corpus_charts,
    corpus_views,
    links,
    pairing,
    prose,
    render,
    report,
    style,
    themes,
    themes_page,
    views,
)
from .reports_pages import page_name

__all__ = ["HTML", "Markdown", "Markup", "display", "md", "plt", "charts", "corpus_charts", "corpus_views",
           "config", "accuracy", "compare", "picking", "scorecard", "pairing", "prose", "render", "report",
           "style", "themes", "themes_page", "views", "setup", "corpus_context", "CorpusContext", "sector_context",
           "SectorContext"]

warnings.filterwarnings("ignore", module="matplotlib")


def md(text: str, **values) -> None:
    """Show a paragraph with computed values ({name} replaced by values[name]) as Markdown: it reads the
    same in JupyterLab and in the site (myst-nb glue roles show raw in JupyterLab)."""
    display(Markdown(text.format(**values)))


def setup(seed) -> tuple[pd.DataFrame, str]:
    """The one setup call of a page: the chart style, and the report's table (cached by the build's
    first stage, see analysis.corpus.table) with each quantity's exact place in its sentence, and its text."""
    style.setup()
    df, text = one_report.load(seed)
    return report.with_positions(df, text), text



def of_the_year(achieved: pd.DataFrame, year: int) -> pd.Series:
    """Which results are results of the year itself: a five-year total or average (累计, 年均) or a half-year
    figure is not one, nor a figure of the five-year review (这五年…46种产品能耗达到国家先进值: a tally of the
    plan period, even where its wording names no period)."""
    return (achieved["period"].fillna("").isin(["annual", ""]) & (achieved["year"] == year)
            & (achieved["section"].fillna("") != "five_year_review"))

class CorpusContext:
    def __init__(self, seed):
        style.setup()
        self.seed = seed
        self.df, self.text = one_report.load(seed)
        self.place = p = placement.place(seed)
        self.doc = p.doc
        self.region = p.region_en
        self.years = placement.year_pair(p)
        self.headline = scorecard.HEADLINE
        self.ok = False
        if not p.in_corpus or self.years is None:
            self.intro = prose.not_in_corpus(p, "Scoring targets against the next year's results")
            self.intro_provinces = prose.not_in_corpus(p, "Comparing the provinces")
            return
        own = placement.own_rows(report.with_positions(self.df, self.text), p)
        corpus = one_report.reader_labels(manifest.corpus())
        if not picking.has_concepts(corpus):
            msg = ("*The extracted rows carry no indicator concepts (`concept` column), so reports cannot be "
                   "matched; this chapter is empty until they do.*")
            self.intro = self.intro_provinces = msg
            return
        self.ok = True
        self.corpus = placement.with_own(corpus, own, p)
        self.labels = picking.concept_labels(self.corpus)
        # the national report(s) of the corpus: a reference line or row, not one more province
        self.national = compare.national_regions(self.corpus) - {self.region}
        self.regions = sorted(r for r in self.corpus["region_en"].dropna().unique() if r not in self.national)
        y0, y1 = self.years
        region = self.corpus[self.corpus["region_en"] == self.region]
        targets = picking.targets_of(region[region["report_year"] == y0], y0)
        results = picking.results_of(region[region["report_year"] == y1], y0)
        self.card = scorecard.scorecard(targets, results, region[region["report_year"] == y1])
        self.provinces, self.national_card = compare.split_national(scorecard.region_scorecard(self.corpus, y0),
                                                                  self.national)
        self.counts = scorecard.met_counts(self.provinces)
        years = sorted(int(y) for y in self.corpus["report_year"].dropna().unique())
        self.target_years = (years[0], years[-1]) if len(years) >= 2 else (y0, y1)
        self.revisions, self.national_revisions = compare.split_national(
            revisions.revisions(self.corpus, *self.target_years), self.national)
        self.revision_counts = revisions.revision_counts(self.revisions)
        n_regions = self.corpus["region_en"].nunique() - len(self.national)
        self.intro = (f"**{self.region}**: the targets of its {y0} report against the results its {y1} report gives "
                      f"for {y0}; then the same for the {n_regions} provinces of the corpus.")
        self.intro_provinces = (f"The targets of the {n_regions} provinces for {self.target_years[0]} and "
                                f"{self.target_years[1]}, with **{self.region}** marked ▶.")

    def by_concept(self, card: pd.DataFrame):
        for concept in self.headline:
            g = card[card["concept"] == concept]
            if len(g):
                yield concept, g

    def targets_in(self, concept: str) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The provinces' targets of a concept in the two years (the national report's apart: national_in)."""
        a, b = (self._targets(y) for y in self.target_years)
        a, b = (x[(x["concept"] == concept) & ~x["region_en"].isin(self.national)] for x in (a, b))
        return a, b

    def national_in(self, concept: str) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The national report's target of a concept in the two years (empty when it sets none)."""
        a, b = (self._targets(y) for y in self.target_years)
        return tuple(x[(x["concept"] == concept) & x["region_en"].isin(self.national)] for x in (a, b))

    def national_reference(self, concept: str) -> list[tuple]:
        """Reference lines of a targets chart: the national target of each year (dashed: the later year)."""
        a, b = self.national_in(concept)
        return [(f"national {y}: {views.short(str(r['raw']).replace(chr(10), ''), 12)}", float(r["value_base"]),
                 r["base_unit"], ls) for rows, y, ls in ((a, self.target_years[0], ":"), (b, self.target_years[1], "--"))
                for _, r in rows.iterrows()]

    def national_result_reference(self, concept: str) -> list[tuple]:
        """Reference lines of a scorecard chart: the national target and result of the year (where stated)."""
        g = self.national_card[self.national_card["concept"] == concept] if len(self.national_card) else []
        out = []
        for _, r in (g.iterrows() if len(g) else []):
            for prefix, what, ls in (("t", "national target", "--"), ("r", "national result", ":")):
                if r[f"{prefix}_row"] is not None:
                    out.append((what, float(r[f"{prefix}_value_base"]), r[f"{prefix}_base_unit"], ls))
        return out

    def national_scorecards(self):
        """(region, years, card) of each national report of the corpus with a next report: its annual targets
        against the results its next report gives for that year."""
        for nat in sorted(self.national):
            g = self.corpus[self.corpus["region_en"] == nat]
            years = sorted(int(y) for y in g["report_year"].dropna().unique())
            for y in years:
                if y + 1 in years:
                    card = scorecard.scorecard(picking.targets_of(g[g["report_year"] == y], y),
                                           picking.results_of(g[g["report_year"] == y + 1], y))
                    yield nat, (y, y + 1), card

    @functools.lru_cache(maxsize=4)  # noqa: B019 - one context per notebook
    def _targets(self, year: int) -> pd.DataFrame:
        return revisions.province_targets(self.corpus, year)

    def unquantified_html(self) -> str:
        """Per year: the region's own targets without a number, then every province's (collapsed)."""
        blocks = []
        for year in self.target_years:
            u = revisions.unquantified_targets(year)

            def items(rows):
                return [{"who": r["region_en"], "text": r["text"], "href": f"../data/{links.source_file(r['doc'])}"}
                        for _, r in rows.iterrows()]

            own = u[u["region_en"] == self.region]
            blocks.append(views.para(f"{year}: {u['region_en'].nunique()} reports state {len(u)} targets without a "
                                     "number", tag="h4"))
            blocks.append(views.para(f"{self.region} states {len(own)} of them:" if len(own)
                                     else f"{self.region} states none of them."))
            if len(own):
                blocks.append(corpus_views.quotes_html(items(own), ""))
            blocks.append(render.render("details", summary=f"Every province's {year} targets without a number",
                                        body=Markup(corpus_views.quotes_html(items(u), "Every main target carries a number."))))
        return "\n".join(blocks)


def corpus_context(seed) -> CorpusContext:
    return CorpusContext(seed)


class SectorContext:
    """What a sector chapter needs: ``ctx = sector_context(seed, sector)``."""

    def __init__(self, seed, sector: str):
        style.setup()
        self.seed, self.sector = seed, sector
        self.df, self.text = one_report.load(seed)
        self.df = report.with_positions(self.df, self.text)
        self.name = one_report.sector_name(sector)
        self.rows = report.in_sector(self.df, sector)
        if "subject" not in self.rows:
            self.rows = self.rows.assign(subject="")
        self.pairs = pairing.sector_pairs(self.df, sector)
        self.place = p = placement.place(seed)
        self.doc, self.region = p.doc, p.region_en
        self.in_corpus = bool(p.in_corpus)
        self.corpus = None
        if self.in_corpus:
            corpus = one_report.reader_labels(manifest.corpus())
            if picking.has_concepts(corpus):
                self.corpus = placement.with_own(corpus, placement.own_rows(self.df, p), p)

    def brief(self) -> str:
        return prose.sector_brief(self.rows, self.pairs, self.name)

    def next_year(self) -> str:
        """HTML: the sector's targets against the results of the year after (the next report's, or, for
        the latest report, the previous report's targets against this report's results), and the sector
        quantities of the later report."""
        p = self.place
        if self.corpus is None:
            return views.para(prose.not_in_corpus(p, "The year after").strip("*"), em=True)
        years = placement.year_pair(p)
        assert p.year is not None  # a report in the corpus (self.corpus) has its year
        if years is None:
            return views.para(f"The corpus has neither the {p.year - 1} nor the {p.year + 1} report of "
                              f"{self.region}, so no target of the sector can be followed for a year.", em=True)
        y0, y1 = years
        region = self.corpus[self.corpus["region_en"] == self.region]
        before = one_report.sector_rows(region[region["report_year"] == y0], self.sector)
        after = region[region["report_year"] == y1]
        out = []
        if y1 == p.year:
            out.append(views.para(f"The corpus has no {y1 + 1} report of {self.region} yet: below, the sector's "
                                  f"targets of its {y0} report against the results this report gives for {y0}."))
        # the report's target of each indicator, picked among all its rows, shown when that row is the
        # sector's: a part named in the sector's sentence (治沙140万亩 of the wind-and-solar projects) is not
        # the target of the whole (完成治沙2000万亩以上, in another sector's sentence)
        targets = picking.targets_of(region[region["report_year"] == y0], y0)
        targets = targets[targets["id"].isin(before["id"]) & targets["doc"].isin(before["doc"])]
        card = scorecard.scorecard(targets, picking.results_of(after, y0, every=True), after)
        if targets.empty:
            out.append(views.para(f"The {y0} report sets no annual target of the sector with an indicator the corpus "
                                  "can match."))
        elif len(card):
            out.append(corpus_views.scorecard_html(card, picking.concept_labels(self.corpus), self.doc, (y0, y1)))
        else:
            out.append(views.para(f"None of the sector's targets of the {y0} report has a result in the {y1} report "
                                  "that can be matched by indicator."))
        sec = one_report.sector_rows(after, self.sector)
        achieved = sec[sec["kind"] == "achieved"]
        annual = of_the_year(achieved, y0)
        results = achieved[annual].sort_values("start")
        others = int((~annual).sum())
        items = [{"who": str(r["metric_en"]) + (f" ({r['subject']})" if r.get("subject") else ""),
                  "text": Markup(views.value(r, self.doc)), "href": ""}
                 for _, r in results.head(12).iterrows()]
        out.append(views.para(f"The {y1} report states {prose.plural(len(sec), 'quantity', 'quantities')} about the sector, "
                              f"{len(results)} of them results of {y0}"
                              + (f" ({others} more are results of other periods: multi-year totals or averages, "
                                 "figures of the five-year review, part of a year, earlier years)" if others else "")
                              + (" (the first 12 in the report's order):" if len(results) > 12
                                 else ":" if len(results) else ".")))
        if items:
            out.append(corpus_views.quotes_html(items, ""))
        return "\n".join(out)

    def provinces(self):
        """(concept, label, html) for each of the sector's concepts that other provinces state too."""
        if self.corpus is None:
            return
        year = self.place.year
        labels = picking.concept_labels(self.corpus)
        vouched = covered(self.corpus)  # a chart under the indicator's label: only the names the label covers
        for concept in compare.sector_concepts(manifest.with_context(self.rows), vouched):
            kind, rows = compare.concept_values(vouched, concept, year)
            if rows.empty:
                continue
            label = picking.concept_label(concept, labels)
            if rows["measure"].iloc[0] == "growth" and "growth" not in label.lower():
                label += " growth"
            what = "result" if kind == "achieved" else "target"
            # the national report's value: a reference line and the first row, not one more province
            rows, national = compare.split_national(rows, compare.national_regions(self.corpus) - {self.region})
            if rows.empty:
                continue
            reference = [(f"national: {views.short(str(r['raw']).replace(chr(10), ''), 12)}", float(r["value_base"]),
                          r["base_unit"], "--") for _, r in national.iterrows()]
            fig = corpus_charts.province_values(rows, f"{label}: the provinces' {what}s in their {year} reports", self.region,
                                         reference=reference)
            html = charts.figure_html(fig, prose.province_values_alt(rows, label, kind, self.region, year),
                                      prose.corpus_source([year]),
                                      caption="Purple line: the national report's value." if reference else "")
            table = views.table(["Province", "For", what.capitalize()],
                                [{"cls": "hl" if r["region_en"] == self.region else "ref" if r["region_en"] in
                                  set(national["region_en"]) else "", "cells": [
                                      r["region_en"], _year(r), views.value(r, self.doc)]}
                                 for _, r in pd.concat([national, rows.sort_values("region_en")]).iterrows()],
                                cls="province-targets")
            html += render.render("details", summary=f"{label}: every province's {what}", body=Markup(table))
            yield concept, label, html

    def others_html(self) -> str:
        """Every other report's targets and results (the national report's included) of the indicators of the
        sector's own quantities: a collapsed table per indicator, each value linked to its sentence and each
        report to its page."""
        concepts = [c for c in dict.fromkeys(self.rows["concept"].fillna("")) if c] if "concept" in self.rows else []
        if not concepts:
            return views.para("None of the sector's quantities has an indicator that can be matched across "
                              "reports.", em=True)
        corpus = one_report.reader_labels(manifest.corpus())
        p = self.place
        d = compare.concept_mentions(corpus, concepts, (p.region_en, p.year) if p.in_corpus and p.year is not None else None)
        d = d[d["doc"] != self.doc]
        if d.empty:
            return views.para("No other report of the corpus states a target or result of these indicators.", em=True)
        labels = picking.concept_labels(corpus)
        reports = config.report_config().get("reports")
        out = [views.para(f"{prose.plural(len(d), 'quantity', 'quantities')} of "
                          f"{prose.plural(d['doc'].nunique(), 'other report', 'other reports')} "
                          f"for {prose.plural(d['concept'].nunique(), 'indicator', 'indicators')} of the sector:")]
        # under an indicator's label only the values whose name the label covers; the others (a narrower
        # name under a wider label: 清洁能源电力装机 is not all installed power capacity) under their Chinese name
        groups = []
        for concept in concepts:
            g = d[d["concept"] == concept]
            if len(g):
                groups.append((picking.concept_label(concept, labels), covered(g)))
                narrower = g[~g.index.isin(covered(g).index)]
                groups += [(name, n) for name, n in narrower.groupby("metric_zh", sort=False)]
        for label, g in groups:
            if g.empty:
                continue
            rows = [{"cls": "ref" if r["level"] == compare.NATIONAL else "", "cells": [
                Markup(render.render("link", href=f"../reports/{page_name(r['doc'])}.html", text=f"{r['region_en']} "
                                     f"{int(r['report_year'])}", title="")) if reports else
                f"{r['region_en']} {int(r['report_year'])}",
                "result" if r["kind"] == "achieved" else "target",
                _year(r), views.value(r, self.doc),
                Markup(render.render("zh", text=r["metric_zh"]))]} for _, r in g.iterrows()]
            body = Markup(views.table(["Report", "Kind", "For", "Value", "指标"], rows, cls="concept-mentions"))
            out.append(render.render("details", summary=f"{label}: "
                                     f"{prose.plural(len(g), 'value', 'values')} in "
                                     f"{prose.plural(g['doc'].nunique(), 'report', 'reports')}", body=body))
        return "\n".join(out)


def covered(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows whose name their indicator's English label covers (metric_en_source glossary): those a
    table may show under the indicator's label; a row labelled by a wider concept is not among them."""
    if "metric_en_source" not in rows:
        return rows
    return rows[rows["metric_en_source"].isin(one_report.VOUCHED_LABELS)]


def _year(r) -> str:
    """The year a value is for ('' when the report does not say)."""
    y = r.get("year")
    return "" if y is None or pd.isna(y) else str(int(y))


def sector_context(seed, sector: str) -> SectorContext:
    return SectorContext(seed, sector)
