"""HTML of the corpus chapters ("Targets one year on", "Among the provinces", sector comparisons):
panel tables in, escaped HTML out (Jinja2 templates of analysis/templates). No computation here
beyond formatting; the numbers come from :mod:`analysis.panel`."""

from __future__ import annotations

import math

import pandas as pd
from markupsafe import Markup

from . import panel, style
from .render import render
from .report import as_written, english_value

SOURCE_PAGE = "source.html"


def href(row, own_doc: str) -> str:
    """Where a row's sentence is shown: this site's annotated source for the report itself, else the
    annotated source of its corpus report (published with the data)."""
    if row["doc"] == own_doc:
        return f"{SOURCE_PAGE}#{row['id']}"
    return f"../data/{source_file(row['doc'])}#{row['id']}"


def source_file(doc: str) -> str:
    return f"source-{doc}.html"


def value(row, own_doc: str, english: bool = True) -> Markup:
    """A value as written (linked to its sentence, the sentence on hover) with its English reading."""
    if row is None or (isinstance(row, float) and math.isnan(row)):
        return Markup("–")
    return Markup(render("value", href=href(row, own_doc), sentence=row["sentence"], zh=as_written(row),
                         en=english_value(row) if english else ""))


def gap_text(gap: float, unit: str) -> str:
    if gap is None or (isinstance(gap, float) and math.isnan(gap)):
        return "–"
    if unit == "pp":
        return f"{'+' if gap >= 0 else '−'}{abs(gap):.1f} pp"
    return f"{'+' if gap >= 0 else '−'}{style.quantity_en(abs(gap), unit)}"


def verdict_badge(v: str) -> Markup:
    return Markup(f'<span class="verdict verdict-{v.replace(" ", "-")}">{Markup.escape(v)}</span>')


def table(headers, rows, caption: str = "", cls: str = "") -> str:
    return render("table", headers=headers, rows=rows, caption=caption, cls=cls)


def scorecard_html(card: pd.DataFrame, labels: dict, own_doc: str, years: tuple[int, int]) -> str:
    """The scored targets as a table; the targets without a comparable result in a collapsed one."""
    head = ["Indicator", f"Target for {years[0]} ({years[0]} report)", f"Result ({years[1]} report)", "Verdict", "Gap"]
    scored = card["verdict"].isin(["met", "missed"])
    parts = []
    for part in (card[scored], card[~scored]):
        rows = []
        for _, c in part.iterrows():
            rows.append({"cls": f"v-{c['verdict'].replace(' ', '-')}", "cells": [
                panel.concept_label(c["concept"], labels), value(c["target"], own_doc), value(c["result"], own_doc),
                verdict_badge(c["verdict"]), gap_text(c["gap"], c["gap_unit"])]})
        parts.append(table(head, rows, cls="scorecard") if rows else "")
    if not parts[0]:
        parts[0] = (f"<p>None of these {len(card)} targets has a comparable result in the {years[1]} report "
                    "(matched by indicator).</p>")
    if parts[1]:
        n = int((~scored).sum())
        parts[1] = render("details", summary=f"{n} more target{'s' if n != 1 else ''} without a comparable result in "
                          f"the {years[1]} report", body=Markup(parts[1]))
    return "\n".join(p for p in parts if p)


def counts_html(counts: pd.DataFrame, labels: dict) -> str:
    rows = [{"cells": [panel.concept_label(r["concept"], labels), str(r["met"]), str(r["missed"]),
                       str(r["targets"]), str(r["not reported"] + r["not comparable"])]}
            for _, r in counts.iterrows()]
    return table(["Indicator", "Met", "Missed", "Provinces with a target", "No comparable result"], rows,
                 cls="counts")


def province_card_html(card: pd.DataFrame, labels: dict, own_doc: str, highlight: str) -> str:
    """A collapsed table per concept: each province's target and result, linked, with the verdict."""
    out = []
    for concept in dict.fromkeys(card["concept"]):
        g = card[card["concept"] == concept].sort_values("region_en")
        rows = [{"cls": "hl" if r["region_en"] == highlight else "", "cells": [
            r["region_en"], value(r["t_row"], own_doc), value(r["r_row"], own_doc), verdict_badge(r["verdict"]),
            gap_text(r["gap"], "pp" if r["t_base_unit"] in panel.RATE_UNITS else r["t_base_unit"])]}
            for _, r in g.iterrows()]
        body = Markup(table(["Province", "Target", "Result", "Verdict", "Gap"], rows, cls="province-card"))
        out.append(render("details", summary=f"{panel.concept_label(concept, labels)}: every province's target and "
                          f"result ({len(g)} provinces)", body=body))
    return "\n".join(out)


def targets_table_html(a: pd.DataFrame, b: pd.DataFrame, years: tuple[int, int], own_doc: str,
                       highlight: str) -> str:
    """Each province's target of one concept in both years, linked to the sentences."""
    ia, ib = a.set_index("region_en"), b.set_index("region_en")
    regions = sorted(set(ia.index) | set(ib.index))
    rows = [{"cls": "hl" if r == highlight else "", "cells": [
        r, value(ia.loc[r], own_doc) if r in ia.index else "–", value(ib.loc[r], own_doc) if r in ib.index else "–"]}
        for r in regions]
    return table(["Province", str(years[0]), str(years[1])], rows, cls="province-targets")


def revisions_html(counts: pd.DataFrame, labels: dict) -> str:
    cols = ["raised", "kept", "cut", "new", "dropped", "changed unit"]
    rows = [{"cells": [panel.concept_label(r["concept"], labels), *[str(int(r[c])) for c in cols]]}
            for _, r in counts.iterrows()]
    return table(["Indicator", "Raised", "Kept", "Cut", "New", "Dropped", "Changed unit"], rows, cls="counts")


def region_revisions_html(rev: pd.DataFrame, labels: dict, region: str, own_doc: str) -> str:
    g = rev[rev["region_en"] == region]
    if g.empty:
        return ""
    rows = []
    for _, r in g.iterrows():
        unit = r["after"]["base_unit"] if r["after"] is not None else ""
        rows.append({"cells": [panel.concept_label(r["concept"], labels), value(r["before"], own_doc),
                               value(r["after"], own_doc), r["status"],
                               gap_text(r["change"], "pp" if unit in panel.RATE_UNITS else unit)]})
    return table(["Indicator", "Before", "After", "Revision", "Change"], rows, cls="revisions")


def quotes_html(items: list[dict], empty: str) -> str:
    return render("quotes", items=items, empty=empty)
