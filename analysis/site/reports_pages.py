"""The "Reports" part of the site: an index of every report and one page per report.

Every report of ``seeds/corpus/`` (``manifest.csv``) and the build's own report (the seed, when it is
not a corpus file) gets a page with its identity (region, level, year, date, speaker: read from its
text), its main targets, its scorecard (its annual targets against the results the same region's
next report gives, where the corpus has that report), its revisions against the other year's report
and a link to its annotated source. Every value links to its sentence in the annotated source.

The pages are Markdown with HTML blocks, rendered from one Jinja2 template per page
(``templates/report_page.md.j2``, ``templates/reports_index.md.j2``; autoescaped) from the tables
the build's first stage cached: no notebook runs per report, so the 65 pages cost about a second
(cached in ``build/cache`` between builds). The build writes them into ``<book>/reports/`` and
``<book>/reports.md`` (only the files whose bytes changed); ``book/_toc.yml`` lists them through a
glob, generated from the ``reports`` key of ``book/report.yml`` (:func:`analysis.project.config.toc`).
A report's page is left out of Sphinx's search index (``nosearch``): indexing its words cost about
0.3 s of CPU per page, 20 s for the part, more than the rest of the book build; the index page is
searched.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd
from markupsafe import Markup

from ..corpus import manifest, picking, placement, revisions, scorecard
from ..corpus.one_report import load, reader_labels
from ..project import config
from ..project.files import cached_files, write_atomic
from ..project.hashing import _sha, package_hash
from ..reading import document
from .corpus_views import indicator, named
from .downloads import render_key
from .links import SOURCE_PAGE, source_file
from .render import env, esc, render
from .report import as_written, english_value, main_targets
from .views import _MONTHS, gap_text, verdict_badge

FOLDER = "reports"          # <book>/reports/<page>.md, one per report
INDEX = "reports.md"        # <book>/reports.md: the index of the reports
LEVEL_ORDER = {"national": 0, "provincial": 1, "municipal": 2, "county": 3}


# ---------------------------------------------------------------------------------------- which reports
def page_name(doc: str) -> str:
    """The file name (without .md) of a report's page: ``anhui-2026`` for the corpus report
    ``2026_anhui``; another report's file stem made safe for a URL."""
    m = re.fullmatch(r"(\d{4})_([a-z]+)", doc)
    if m:
        return f"{m.group(2)}-{m.group(1)}"
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in doc) or "report"


def entries(seed: Path) -> list[dict]:
    """One entry per report: the corpus manifest's rows, and the seed when it is not a corpus file."""
    seed = Path(seed).resolve()
    out = []
    for _, r in manifest.manifest().iterrows():
        path = (manifest.CORPUS / r["file"]).resolve()
        out.append({"doc": r["doc"], "path": path, "region_en": r["region_en"], "region_zh": r["region_zh"],
                    "year": int(r["year"]), "level": r["level"], "corpus": True, "seed": path == seed,
                    "complete": r.get("complete", "")})
    if not any(e["seed"] for e in out):
        p = placement.place(seed)
        d = document.read(seed)
        out.append({"doc": seed.stem, "path": seed, "region_en": p.region_en or d.label,
                    "region_zh": p.region_zh or d.region, "year": p.year, "level": d.level or "",
                    "corpus": False, "seed": True, "complete": "excerpt" if d.notes else ""})
    for e in out:
        e["page"] = page_name(e["doc"])
    return out


# ---------------------------------------------------------------------------------------- tables
_COLUMNS = ("id", "doc", "start", "end", "raw", "value", "unit", "value_base", "base_unit", "qualifier", "kind",
            "measure", "metric_zh", "metric_en", "concept", "concept_en", "subject", "year", "period", "sentence",
            "sentence_start", "section", "region_en", "report_year", "sectors", "unit_en", "value_signed", "low",
            "high", "group")


def slim(df: pd.DataFrame) -> pd.DataFrame:
    """The rows a report page shows or compares (targets and results: the main targets, and those with
    a concept), the columns it needs, as plain Python objects (row access is many times faster than on
    Arrow-backed columns, and a page reads thousands of values)."""
    keep = df["kind"].isin(["target", "achieved"]) & ((df["concept"] != "") | (df["section"] == "targets"))
    d = df.loc[keep, [c for c in _COLUMNS if c in df]].astype(object)
    d["year"] = pd.to_numeric(d["year"], errors="coerce")
    d["report_year"] = pd.to_numeric(d["report_year"], errors="coerce")
    for c in ("start", "end", "sentence_start", "value", "value_base", "value_signed", "low", "high"):
        if c in d:
            d[c] = pd.to_numeric(d[c])
    return d


def _rows(e: dict, by_doc: dict) -> pd.DataFrame:
    """A report's extracted rows (see :func:`slim`)."""
    return by_doc[e["doc"]]


def _own(e: dict) -> pd.DataFrame:
    """The rows of the build's report outside the corpus, with the corpus columns."""
    df, _ = load(e["path"])
    return placement.own_rows(df, placement.place(e["path"]))


def _href(row, seed_doc: str, corpus_docs: set[str], prefix: str) -> str:
    """Where a row's sentence is shown: the annotated source of its corpus report (published with the
    data), or, for the build's own report outside the corpus, the site's Annotated source chapter."""
    if row["doc"] in corpus_docs or row["doc"] != seed_doc:
        return f"{prefix}data/{source_file(row['doc'])}#{row['id']}"
    return f"{prefix}chapters/{SOURCE_PAGE}#{row['id']}"


class _Links:
    """Values linked to their sentences; each row rendered once (a target is shown on its report's page, in
    the scorecard and in the revisions of two pages)."""

    _memo: dict[tuple, Markup] = {}

    def __init__(self, seed_doc: str, corpus_docs: set[str], prefix: str):
        self.seed_doc, self.corpus_docs, self.prefix = seed_doc, corpus_docs, prefix

    def value(self, row) -> Markup:
        if row is None or (isinstance(row, float) and math.isnan(row)):
            return Markup("–")
        key = (self.seed_doc, self.prefix, row["doc"], row["id"])
        if key not in self._memo:
            self._memo[key] = self._value(row)
        return self._memo[key]

    def _value(self, row) -> Markup:
        row = row.to_dict() if hasattr(row, "to_dict") else row  # plain dict access: many times faster
        return Markup(render("value", href=_href(row, self.seed_doc, self.corpus_docs, self.prefix),
                             sentence=row["sentence"], zh=as_written(row), en=english_value(row)))


def _table(headers, rows, cls: str) -> Markup:
    return Markup(render("table", headers=headers, rows=rows, caption="", cls=cls))


def _gap(gap, unit: str, name: str = "") -> str:
    return gap_text(gap, unit, name)


def _badge(v: str) -> Markup:
    return verdict_badge(v)


def main_targets_html(rows: pd.DataFrame, links: _Links, labels: dict) -> Markup | None:
    t = main_targets(rows)
    if t.empty:
        return None
    out = [{"cells": [(esc(r["metric_en"]) + Markup(" ") if r["metric_en"] != r["metric_zh"] else Markup(""))
                      + Markup(render("zh", text=r["metric_zh"])),
                      links.value(r),
                      picking.row_label(r["concept"], labels, r) if r["concept"] else "–"]}
           for _, r in t.iterrows()]
    return _table(["Metric", "Target", "Indicator (matched across reports)"], out, "report-targets")


def scorecard_html(card: pd.DataFrame, links: _Links, labels: dict, years: tuple[int, int]) -> Markup:
    """The scored targets (met, missed) as a table; the others (no comparable result) in a collapsed one."""
    head = ["Indicator", f"Target for {years[0]}", f"Result ({years[1]} report)", "Verdict", "Gap"]
    scored = card["verdict"].isin(["met", "missed"])
    out = []
    for part in (card[scored], card[~scored]):
        rows = [{"cls": f"v-{c['verdict'].replace(' ', '-')}", "cells": [
            indicator(c["concept"], labels, c["target"]), named(c["target"], c["verdict"], shown=True) + links.value(c["target"]),
            named(c["result"], c["verdict"]) + links.value(c["result"]),
            _badge(c["verdict"]), _gap(c["gap"], c["gap_unit"])]} for _, c in part.iterrows()]
        out.append(_table(head, rows, "scorecard") if rows else "")
    if out[1]:
        n = int((~scored).sum())
        out[1] = render("details", summary=f"{n} more target{'s' if n != 1 else ''} without a comparable result in "
                        f"the {years[1]} report", body=Markup(out[1]))
    return Markup("\n".join(x for x in out if x))


_APART = {"not comparable": "one is an addition (新增, 培育 …) and the other a total, the names count different "
                            "things (a programme, a stage, a scope, another qualifier: 企业 vs 农村, 国家 vs 省级; a whole scope "
                            "and a part of it: 供排水 vs 排水, 城乡 vs 农村; a list together and one of its items), or the "
                            "measures differ",
          "different unit": "different units: not surely a count of the same things"}


def revisions_html(rev: pd.DataFrame, links: _Links, labels: dict) -> Markup:
    """The targets both reports set and that can be compared (raised, kept, requalified, cut) with both
    values; apart from them, those that cannot (an addition against a total, another measure, a different
    unit), each under its Chinese name; the indicators only one of them sets (new, dropped), named."""
    out = []
    compared = rev[rev["status"].isin(["raised", "kept", "requalified", "cut"])]
    rows = [{"cells": [indicator(r["concept"], labels, r["after"]), links.value(r["before"]), links.value(r["after"]),
                       r["status"], _gap(r["change"], scorecard.gap_unit(r["after"]["base_unit"]), r["after"]["metric_zh"])]}
            for _, r in compared.iterrows()]
    if rows:
        out.append(_table(["Indicator", "Before", "After", "Revision", "Change"], rows, "revisions"))
    apart = rev[rev["status"].isin(["different unit", "not comparable"])]
    rows = [{"cells": [picking.concept_label(r["concept"], labels),
                       Markup(render("zh", text=r["before"]["metric_zh"])) + Markup(" ") + links.value(r["before"]),
                       Markup(render("zh", text=r["after"]["metric_zh"])) + Markup(" ") + links.value(r["after"]),
                       _APART[r["status"]]]} for _, r in apart.iterrows()]
    if rows:
        out.append(render("para", tag="p", cls="revisions-list", em=False,
                          text="Targets of one indicator in both reports that do not measure the same thing, "
                               "shown apart (not a revision):"))
        out.append(_table(["Indicator", "Before", "After", "Why not compared"], rows, "revisions-apart"))
    for status, what in (("new", "Set only by the later report (new)"), ("dropped", "Set only by the earlier report "
                                                                          "(dropped)")):
        names = [picking.concept_label(c, labels) for c in rev.loc[rev["status"] == status, "concept"]]
        if names:
            out.append(render("para", tag="p", cls="revisions-list", em=False,
                              text=f"{what}: {'; '.join(names)}."))
    return Markup("\n".join(out))


def _date_en(date: str) -> str:
    if not date:
        return ""
    y, m, d = (int(x) for x in date.split("-"))
    return f"{d} {_MONTHS[m - 1]} {y}"


def _title(e: dict) -> str:
    what = "this site's report" if e["seed"] and not e["corpus"] else ""
    return f"{e['region_en']} {e['year']}" + (f" ({what})" if what else "")


class _Tables:
    """Targets, results and revisions of the corpus computed once (by year, for every report), so that a
    page only picks its rows; the build's own report outside the corpus is computed on its own."""

    def __init__(self, corpus_rows: pd.DataFrame):
        self.rows = corpus_rows
        self._targets: dict[int, pd.DataFrame] = {}
        self._results: dict[int, pd.DataFrame] = {}
        self._rev: dict[tuple[int, int], pd.DataFrame] = {}

    def targets(self, year: int) -> pd.DataFrame:
        if year not in self._targets:
            self._targets[year] = picking.targets_of(self.rows[self.rows["report_year"] == year], year)
        return self._targets[year]

    def results(self, year: int) -> pd.DataFrame:
        """Results for `year` stated in the reports of the year after."""
        if year not in self._results:
            self._results[year] = picking.results_of(self.rows[self.rows["report_year"] == year + 1], year, every=True)
        return self._results[year]

    def card(self, e: dict, nxt: dict, rows: pd.DataFrame, next_rows: pd.DataFrame) -> pd.DataFrame:
        y = e["year"]
        if not e["corpus"]:
            return scorecard.scorecard(picking.targets_of(rows, y), picking.results_of(next_rows, y, every=True))
        t, r = self.targets(y), self.results(y)
        return scorecard.scorecard(t[t["doc"] == e["doc"]], r[r["doc"] == nxt["doc"]])

    def revisions(self, e: dict, other: dict, rows: pd.DataFrame, other_rows: pd.DataFrame) -> pd.DataFrame:
        y0, y1 = sorted((e["year"], other["year"]))
        if not e["corpus"]:
            pair = pd.concat([rows, other_rows], ignore_index=True).assign(region_en=e["region_en"])
            return revisions.revisions(pair, y0, y1, concepts=None)
        if (y0, y1) not in self._rev:
            self._rev[(y0, y1)] = revisions.revisions(self.rows, y0, y1, concepts=None)
        rev = self._rev[(y0, y1)]
        return rev[rev["region_en"] == e["region_en"]]


def page(e: dict, tables: _Tables, by_key: dict, by_doc: dict, counts: dict, labels: dict, seed_doc: str, corpus_docs: set[str],
         seed_corpus_doc: str | None) -> dict:
    """The context of one report's page (and its row of the index)."""
    links = _Links(seed_doc, corpus_docs, "../")
    rows = _rows(e, by_doc)
    n = counts.get(e["doc"], {})
    d = document.read(e["path"])
    year, region = e["year"], e["region_en"]
    nxt = by_key.get((region, year + 1)) if year else None
    prev = by_key.get((region, year - 1)) if year else None
    other = nxt or prev
    ctx = {"e": e, "title": _title(e), "level": e["level"] or "unknown", "date": _date_en(d.date),
           "speaker": d.speaker, "session": d.session,
           "chars": f"{len(d.raw):,}", "n": sum(n.values()), "n_target": n.get("target", 0),
           "n_achieved": n.get("achieved", 0), "n_context": n.get("context", 0), "notes": list(d.notes),
           "source": (f"../data/{source_file(e['doc'])}" if e["corpus"] else f"../chapters/{SOURCE_PAGE}"),
           "targets": main_targets_html(rows, links, labels), "card": None, "card_years": None,
           "next": nxt, "prev": prev, "other": other, "revisions": None, "rev_years": None,
           "corpus_copy": seed_corpus_doc if (e["seed"] and not e["corpus"]) else None, "rev_counts": ""}
    if year and nxt is not None:
        card = tables.card(e, nxt, rows, _rows(nxt, by_doc))
        if len(card):
            ctx["card"], ctx["card_years"] = scorecard_html(card, links, labels, (year, year + 1)), (year, year + 1)
            vc = card["verdict"].value_counts()
            ctx["card_counts"] = {k: int(vc.get(k, 0)) for k in ("met", "missed", "not comparable", "not reported")}
    if year and other is not None:
        y0, y1 = sorted((year, other["year"]))
        rev = tables.revisions(e, other, rows, _rows(other, by_doc))
        if len(rev):
            ctx["revisions"], ctx["rev_years"] = revisions_html(rev, links, labels), (y0, y1)
            vc = rev["status"].value_counts()
            ctx["rev_counts"] = ", ".join(f"{int(n)} {s}" for s, n in vc.items())
    return ctx


def _no_blank_lines(html: str) -> Markup:
    """An HTML block of a Markdown page ends at a blank line: none inside."""
    return Markup(re.sub(r"\n\s*\n", "\n", str(html)).strip())


def render_pages(seed: Path) -> dict[str, str]:
    """{relative path in the book: Markdown} of the index and every report's page."""
    corpus_df = reader_labels(manifest.corpus())
    _Links._memo.clear()
    es = entries(seed)
    labels = picking.concept_labels(corpus_df) if len(corpus_df) else {}
    by_key = {(e["region_en"], e["year"]): e for e in es if e["corpus"]}
    seed_e = next(e for e in es if e["seed"])
    corpus_docs = {e["doc"] for e in es if e["corpus"]}
    copy = by_key.get((seed_e["region_en"], seed_e["year"]))
    seed_corpus_doc = copy["page"] if copy and not seed_e["corpus"] else None
    own = _own(seed_e) if not seed_e["corpus"] else corpus_df.iloc[:0]
    full = pd.concat([corpus_df, own], ignore_index=True) if len(own) else corpus_df
    counts = {doc: g.to_dict() for doc, g in full.groupby("doc")["kind"].value_counts().groupby(level=0)}
    counts = {doc: {k[1] if isinstance(k, tuple) else k: int(v) for k, v in c.items()} for doc, c in counts.items()}
    s = slim(full)
    by_doc = {doc: g for doc, g in s.groupby("doc")}
    tables = _Tables(s[s["doc"].isin(corpus_docs)])
    for e in es:
        by_doc.setdefault(e["doc"], s.iloc[:0])
    es.sort(key=lambda e: (LEVEL_ORDER.get(e["level"], 9), e["region_en"], e["year"] or 0, not e["corpus"]))
    out, index_rows = {}, []
    tpl = env().get_template("report_page.md.j2")
    for e in es:
        ctx = page(e, tables, by_key, by_doc, counts, labels, seed_e["doc"], corpus_docs, seed_corpus_doc)
        for k in ("targets", "card", "revisions"):
            if ctx[k] is not None:
                ctx[k] = _no_blank_lines(ctx[k])
        out[f"{FOLDER}/{e['page']}.md"] = tpl.render(**ctx).strip() + "\n"
        index_rows.append(ctx)
    out[INDEX] = env().get_template("reports_index.md.j2").render(
        rows=index_rows, n=len(es), n_corpus=len(corpus_docs),
        levels=", ".join(f"{n} {lv}" for lv, n in pd.Series([e["level"] for e in es]).value_counts().items()),
        ).strip() + "\n"
    return out


# ---------------------------------------------------------------------------------------- build hook
def cache_key(seed: Path) -> str:
    m = manifest.manifest()
    return _sha(package_hash().encode(), render_key(), Path(seed).read_bytes(), str(Path(seed).resolve()).encode(),
                manifest.MANIFEST.read_bytes() if manifest.MANIFEST.exists() else b"",
                *((manifest.CORPUS / f).read_bytes() for f in m["file"]))


def pages(seed: Path) -> dict[str, str]:
    """The pages of :func:`render_pages`, cached in build/cache by the package, the corpus and the seed."""
    def make() -> dict[str, bytes]:
        return {name.replace("/", "%2F"): page.encode("utf-8") for name, page in render_pages(seed).items()}

    stored = cached_files(config.BUILD / "cache", "report-pages", cache_key(seed), make)
    return {name.replace("%2F", "/"): data.decode("utf-8") for name, data in stored.items()}


def write(book: Path, seed: Path) -> list[str]:
    """Write the pages into the book (only those whose bytes changed; stale pages removed); the
    names written. Nothing when report.yml has no ``reports`` part."""
    if not config.report_config().get("reports"):
        for p in [book / INDEX, *sorted((book / FOLDER).glob("*.md"))]:
            p.unlink(missing_ok=True)
        return []

    out = pages(seed)
    changed = []
    (book / FOLDER).mkdir(parents=True, exist_ok=True)
    for rel, text in out.items():
        p = book / rel
        data = text.encode("utf-8")
        if not p.exists() or p.read_bytes() != data:
            write_atomic(p, data)
            changed.append(rel)
    for p in (book / FOLDER).glob("*.md"):
        if f"{FOLDER}/{p.name}" not in out:
            p.unlink()
            changed.append(f"{FOLDER}/{p.name}")
    return changed
