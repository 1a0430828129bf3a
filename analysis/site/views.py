"""HTML of every page, from the Jinja2 templates of ``analysis/templates`` (autoescaped): tables of
:mod:`analysis.site.report` and :mod:`analysis.corpus` in, escaped HTML out. No computation here beyond
formatting; the numbers come from the page queries."""

from __future__ import annotations

import math
import re

import pandas as pd
from markupsafe import Markup

from ..corpus import sector_chapters
from ..corpus.one_report import sector_list, sector_name
from ..language import lexicon
from ..project import config
from ..reading import document
from ..reading.document import from_text
from ..reading.layout import unwrap
from . import style
from .links import SOURCE_PAGE, source_file
from .render import esc, render
from .report import DOWNLOADS, _locate, as_written, display_value, english_value, glossary_terms, units_table


def href(row, own_doc: str) -> str:
    """Where a row's sentence is shown: this site's annotated source for the report itself, else the
    annotated source of its corpus report (published with the data)."""
    if row["doc"] == own_doc:
        return f"{SOURCE_PAGE}#{row['id']}"
    return f"../data/{source_file(row['doc'])}#{row['id']}"


def value(row, own_doc: str, english: bool = True) -> Markup:
    """A value as written (linked to its sentence, the sentence on hover) with its English reading."""
    if row is None or (isinstance(row, float) and math.isnan(row)):
        return Markup("–")
    return Markup(render("value", href=href(row, own_doc), sentence=row["sentence"], zh=as_written(row),
                         en=english_value(row) if english else ""))


def gap_text(gap: float, unit: str, name: str = "") -> str:
    if gap is None or (isinstance(gap, float) and math.isnan(gap)):
        return "–"
    if unit == "pp":
        return f"{'+' if gap >= 0 else '−'}{abs(gap):.1f} pp"
    return f"{'+' if gap >= 0 else '−'}{style.quantity_en(abs(gap), unit, name=name)}"


def verdict_badge(v: str) -> Markup:
    return Markup(render("para", tag="span", cls=f"verdict verdict-{v.replace(' ', '-')}", text=v, em=False))


def para(text, tag: str = "p", em: bool = False, cls: str = "") -> str:
    """One element of text (escaped): a paragraph, a heading, an emphasised note."""
    return render("para", tag=tag, text=text, em=em, cls=cls)


def table(headers, rows, caption: str = "", cls: str = "") -> str:
    return render("table", headers=headers, rows=rows, caption=caption, cls=cls)


# ---------------------------------------------------------------------------------------- the report's own pages
SECTION_EN = {"header": "Title and header", "preamble": "Opening", "review": "Review of the past year",
              "five_year_review": "Review of the plan period", "problems": "Problems", "five_year_goals": "Five-year goals",
              "plan": "The coming year", "targets": "Main targets", "government": "Government self-building",
              "closing": "Closing", "notes": "Notes and annex", "": "—"}
PART_EN = {"review": "Review of the past year", "plan": "Plan for the coming year", "other": "Other"}


def section_en(section: str) -> str:
    """The English name of a section role: 'Main targets', 'Task 3' ..."""
    s = str(section)
    if s.startswith("task-"):
        n = s.split("-", 1)[1]
        return f"Task {int(n)}" if n.isdigit() else "Task"
    return SECTION_EN.get(s, s.replace("_", " ").capitalize())


def short(s, n: int = 22) -> str:
    s = str(s)
    return s if len(s) <= n else s[: n - 1] + "…"


def highlight(row) -> tuple[str, str, str]:
    """(before, quantity, after) of the clause of a quantity, cut at clause punctuation with '…'
    (the whole sentence and no mark if the quantity is not found). Positions from the row's offsets."""
    sent, raw, k = _locate(row)
    if k < 0:
        return sent, "", ""
    cs = max(sent.rfind(c, 0, k) for c in "，,；;。！？!?") + 1
    ends = [i for i in (sent.find(c, k + len(raw)) for c in "，,；;。！？!?") if i >= 0]
    ce = min(ends) + 1 if ends else len(sent)
    return (("…" if cs > 0 else "") + sent[cs:k], sent[k:k + len(raw)],
            sent[k + len(raw):ce] + ("…" if ce < len(sent) else ""))


def indicators_table(df: pd.DataFrame, table_id: str, sentence: bool = True, filter_box: bool = True,
                     caption: str = "") -> str:
    """An accessible table of indicators, value first, each row linked to its place in the source.

    With filter_box, a text box filters the rows (report.js, shipped with the site). The source column
    shows the clause of the quantity (the whole sentence on hover and in the annotated source)."""
    headers = ["Value", "Metric", "Kind", "指标 (Chinese)", "Sectors", "Section"] + (["Source (clause)"] if sentence else [])
    rows = []
    for _, r in df.iterrows():
        pre, mark, post = highlight(r) if sentence else ("", "", "")
        est = r["kind"] == "achieved" and bool(r.get("estimate", False))
        rows.append({"id": r["id"], "value": display_value(r), "metric_en": r["metric_en"], "kind": r["kind"],
                     "kind_label": "achieved (est.)" if est else r["kind"], "metric_zh": r["metric_zh"],
                     "sectors": ", ".join(sector_name(x) for x in str(r["sectors"]).split(";")),
                     "section_en": section_en(r["section"]), "section_title": r["section_title"],
                     "section_short": short(r["section_title"], 14), "sentence": r["sentence"], "pre": pre,
                     "mark": mark, "post": post})
    return render("indicators", headers=headers, rows=rows, table_id=table_id, sentence=sentence,
                  filter_box=filter_box, caption=caption, source_page=SOURCE_PAGE)


html_table = indicators_table


def _zh(s) -> Markup:
    return Markup(render("zh", text=s))


def _link(href: str, text, title: str = "") -> Markup:
    return Markup(render("link", href=href, text=text, title=title))


def targets_html(rows: pd.DataFrame) -> str:
    """Compact table of targets: metric, target in English, as written (linked), Chinese name, year."""
    out = []
    for _, r in rows.iterrows():
        year = "" if pd.isna(r["year"]) else str(int(r["year"]))
        out.append({"cells": [r["metric_en"], english_value(r),
                              Markup(f"{_zh(as_written(r))} ") + _link(f"{SOURCE_PAGE}#{r['id']}", "↗",
                                                                        "Show in the annotated source"),
                              _zh(r["metric_zh"]), year]})
    return table(["Metric", "Target", "As written", "指标", "Year"], out, cls="targets")


def pairs_html(p: pd.DataFrame) -> str:
    rows = [{"cells": [sector_name(r["sector"]),
                       esc(r["metric_en"]) + Markup("<br>") + _zh(f"{r['metric_zh_result']} → {r['metric_zh_target']}"),
                       _link(f"{SOURCE_PAGE}#{r['result_id']}", _zh(r["result"])),
                       _link(f"{SOURCE_PAGE}#{r['target_id']}", _zh(r["target"])), r["change"]]}
            for _, r in p.iterrows()]
    return table(["Sector", "Metric", "Result (past year)", "Target (coming year)", "Implied change"], rows,
                 cls="pairs")


def legend_html() -> str:
    return render("legend", kinds=[(k, style.KIND_LABELS[k]) for k in ("achieved", "target", "context")])


def downloads_html(prefix: str = "../data/") -> str:
    links = [{"href": prefix + f, "label": label, "desc": desc, "file": f, "download": True}
             for f, label, desc in DOWNLOADS]
    return render("links", links=links, cls="downloads", intro="")


def annotations_html(prefix: str = "../data/") -> str:
    """Links to the published annotations (see analysis.site.downloads.annotations)."""
    links = [{"href": prefix + f, "label": f.removeprefix("annotation-"), "code": True, "download": True}
             for f in config.annotation_files()]
    return render("links", links=links, cls="downloads", intro="The annotations, as CSV:")


def chapters_html(seed=None) -> str:
    """The list of chapters for the overview, from book/report.yml (links to the built pages); with the
    report (`seed`), its sector chapters (config.sector_plan) and the sectors left out, with the reason."""
    cfg = config.report_config()
    chapters, left = sector_chapters.sector_plan(cfg, config.resolve(seed)) if seed is not None else (cfg["chapters"], [])
    is_sector = [("sector" in (ch.get("parameters") or {})) for ch in chapters]
    return render("chapters", sectors=[ch for ch, s in zip(chapters, is_sector) if s],
                  others=[ch for ch, s in zip(chapters[1:], is_sector[1:]) if not s],
                  left=[{"name": sector_name(x), "why": why} for x, why in left], reports=cfg.get("reports", ""))


def sentences_html(sentences: pd.DataFrame, df: pd.DataFrame) -> str:
    """Sentences as a list, their quantities marked by kind and linked to the annotated source."""
    items = []
    for _, s in sentences.iterrows():
        inside = df[(df["start"] >= s["start"]) & (df["end"] <= s["end"])].sort_values("start")
        sent = s["sentence"]
        pieces, pos = [], 0
        for _, r in inside.iterrows():
            raw = re.sub(r"\s+", "", str(r["raw"]))
            k = sent.find(raw, pos)
            if k < 0:
                continue
            pieces.append({"text": sent[pos:k]})
            pieces.append({"text": raw, "id": r["id"], "kind": r["kind"], "title": f"{r['kind']} · {display_value(r)}"})
            pos = k + len(raw)
        pieces.append({"text": sent[pos:]})
        quote = {"pieces": pieces, "cut_before": bool(s["cut_before"]), "cut_after": bool(s["cut_after"])}
        if s["continues"] and items:
            items[-1]["quotes"].append(quote)
            continue
        items.append({"part": f"{PART_EN.get(s['part'], s['part'])} · {short(s['section_title'], 30)}",
                      "quotes": [quote]})
    return render("sentences", items=items, source_page=SOURCE_PAGE)


_TOP_HEADING = re.compile(r"^[一二三四五六七八九十]+、[^。]{0,38}$")
_SUB_HEADING = re.compile(r"^[（(][一二三四五六七八九十]+[）)][^。]{0,60}。")


def annotated_source(text: str, df: pd.DataFrame) -> str:
    """The whole report, readable (PDF line breaks undone), every indicator highlighted by kind
    with a tooltip (value, unit, sector) and a stable anchor (its id); headings in bold."""
    layout = unwrap(text)
    t = layout.text
    spans = []
    for _, r in df.sort_values("start").iterrows():
        cs = layout.readable_pos(int(r["start"]))
        ce = layout.readable_pos(int(r["end"]) - 1)
        if cs is not None and ce is not None:
            spans.append((cs, ce + 1, r))
    bounds, k = [], 0
    for para in t.split("\n"):
        bounds.append((k, k + len(para)))
        k += len(para) + 1
    paragraphs, si = [], 0
    for a, b in bounds:
        para = t[a:b]
        p = {"heading": bool(_TOP_HEADING.match(para)), "bold": "", "pieces": []}
        bold_end = a
        if not p["heading"]:
            sub = _SUB_HEADING.match(para)
            if sub and not (si < len(spans) and spans[si][0] < a + sub.end()):
                bold_end = a + sub.end()
                p["bold"] = t[a:bold_end]
        pos = bold_end
        while si < len(spans) and spans[si][0] < b:
            s, e, r = spans[si]
            s, e = max(s, pos), min(e, b)
            p["pieces"].append({"text": t[pos:s]})
            tip = (f"{r['kind']} · {r['measure']} · {display_value(r)} · sector: "
                   f"{', '.join(sector_name(x) for x in str(r['sectors']).split(';'))} · {r['metric_en']}")
            p["pieces"].append({"text": t[s:e], "id": r["id"], "kind": r["kind"], "title": tip})
            pos = e
            si += 1
        p["pieces"].append({"text": t[pos:b]})
        paragraphs.append(p)
    # the report's name as the title of its search result (analysis.site.search indexes this element)

    return render("annotated_source", paragraphs=paragraphs, label=from_text(text).label)


def document_header_html(df: pd.DataFrame, text: str, seed) -> str:
    """The report's header: its title, the session, date and speaker it was given at (all read from
    its text; what the text does not state is left out), the years, and the caveats of an excerpt."""
    d = document.from_text(text, config.resolve(seed).stem)
    date = ""
    if d.date:
        y, m, dd = (int(x) for x in d.date.split("-"))
        date = f"{dd} {_MONTHS[m - 1]} {y}"
    return render("header", title=d.title, label=d.label, session=d.session, date=date, speaker=d.speaker,
                  speaker_title=d.speaker_title, review_year=d.review_year, plan_year=d.report_year,
                  chars=f"{len(text):,}", n=len(df), notes=list(d.notes))


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def targets_by_sector_html(df: pd.DataFrame) -> str:
    t = df[df["kind"] == "target"].copy()
    order = {s: i for i, s in enumerate(sector_list())}
    t["_o"] = t["sector"].map(order)
    t = t.sort_values(["_o", "start"]).drop(columns="_o")
    return indicators_table(t, table_id="table-targets", sentence=False)


def simple_table(df: pd.DataFrame, headers: dict[str, str], zh: tuple = ()) -> str:
    rows = [{"cells": [_zh(r[c]) if c in zh else r[c] for c in headers]} for _, r in df.iterrows()]
    return table(list(headers.values()), rows)


def concepts_html() -> str:
    """The curated concepts of government work reports: term, English, explanation."""
    rows = pd.DataFrame([{"zh": k, "en": en, "note": note} for k, (en, note) in lexicon.glossary()["concepts"].items()])
    return simple_table(rows, {"zh": "Chinese", "en": "English", "note": "What it means"}, zh=("zh",))


def glossary_html(df: pd.DataFrame) -> str:
    return simple_table(glossary_terms(df), {"metric_zh": "Chinese", "metric_en": "English", "unit": "Unit",
                                             "unit_en": "Unit (English)", "metric_en_source": "Label from",
                                             "rows": "Rows"}, zh=("metric_zh", "unit"))


def units_html(df: pd.DataFrame) -> str:
    return simple_table(units_table(df), {"unit": "Unit as written", "base_unit": "Base unit", "unit_en": "English",
                                          "dimension": "Dimension", "rows": "Rows"}, zh=("unit", "base_unit"))


def accuracy_html(acc: pd.DataFrame) -> str:
    shown = acc.copy()
    for c in shown.columns:
        if shown[c].dtype.kind == "f":
            shown[c] = shown[c].map(lambda v: "–" if pd.isna(v) else f"{v:.3f}")
    return simple_table(shown, {c: c for c in shown.columns})


def download_listing_html(lst: pd.DataFrame, prefix: str = "../data/") -> str:
    """The download page's table: one row per table (what it is, rows), its files as links with their
    format and size (from analysis.site.downloads.listing)."""
    def size(b: int) -> str:
        return f"{b / 1e6:.1f} MB" if b >= 1e6 else f"{b / 1e3:.0f} kB"

    groups: dict[str, list] = {}
    for _, r in lst.iterrows():
        stem = r["file"].rsplit(".", 1)[0].removesuffix("-metadata")
        groups.setdefault(stem, []).append(r)
    rows = []
    for files in groups.values():
        desc = max((f["description"] for f in files), key=len)
        desc = desc.split(" UTF-8 with a byte-order mark")[0]
        links = Markup(" · ").join(
            Markup(render("link", href=prefix + f["file"], text=f["file"], title=f"{f['format']}, {size(int(f['bytes']))}"))
            + Markup(f" <small>({esc(size(int(f['bytes'])))})</small>") for f in files)
        n = next((f["rows"] for f in files if pd.notna(f["rows"])), None)
        rows.append({"cells": [links, "" if n is None else f"{int(n):,}", desc]})
    return table(["Files", "Rows", "What it is"], rows, cls="downloads-table")
