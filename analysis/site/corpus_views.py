"""The HTML of the corpus chapters: the scorecard of targets against results, the counts of verdicts and of
revisions, a province's card and revisions, the targets of two years, and quotes from the reports."""

from __future__ import annotations

import math

import pandas as pd
from markupsafe import Markup

from ..corpus import picking, scorecard
from .render import render
from .views import _link, _zh, gap_text, href, para, short, table, value, verdict_badge


def result_cell(result, used: str, candidate, own_doc: str, verdict: str = "") -> Markup:
    """A result with the figure it is (annual, own region, review, like-for-like ...); without one, the
    sentence of the next report nearest to being one, linked, so that a reader can check the gap (or that
    the report never names the indicator)."""
    if result is not None and not (isinstance(result, float) and math.isnan(result)):
        used = used.removeprefix(picking.USED_DEFAULT).lstrip(", ")  # say only what is not the usual figure
        note = Markup(render("para", tag="span", cls="val-en used", text=used, em=False)) if used else ""
        return named(result, verdict) + value(result, own_doc) + note
    if candidate is None or (isinstance(candidate, float) and math.isnan(candidate)):
        return Markup("not named in the report" if verdict == "not reported" else "–")
    text = _zh(short(candidate["sentence"], 40))
    where = href(candidate, own_doc) if candidate["id"] else href(candidate, own_doc).split("#")[0]
    return Markup("nearest sentence: ") + _link(where, text, title=str(candidate["sentence"]))


def indicator(concept: str, labels: dict, row) -> Markup:
    """The indicator cell of a figure: its concept's label, and the figure's own Chinese name beside it where the
    label is broader than the figure (picking.own_name: 新建新能源装机 under "Installed capacity")."""
    label = Markup.escape(picking.row_label(concept, labels, row))
    own = picking.own_name(row)
    return label + Markup(" ") + Markup(render("zh", text=own)) if own else label


def named(row, verdict: str, shown: bool = False) -> Markup:
    """Before the value of a figure that is not comparable with its pair, the figure's own Chinese name: the
    indicator's label alone would let a reader take another figure of it (可再生能源装机占比 40.4% beside a
    target of 新增电源装机) for the result of the target. Not when the indicator cell already shows it (`shown`:
    a target whose own name is beside its label, `indicator`)."""
    if verdict != "not comparable" or row is None or (isinstance(row, float) and math.isnan(row)) \
            or (shown and picking.own_name(row)):
        return Markup("")
    name = str(row.get("metric_zh", "") or "")
    return Markup(render("zh", text=name)) + Markup(" ") if name else Markup("")


def scorecard_html(card: pd.DataFrame, labels: dict, own_doc: str, years: tuple[int, int]) -> str:
    """The scored targets as a table; the targets without a comparable result in a collapsed one."""
    head = ["Indicator", f"Target for {years[0]} ({years[0]} report)", f"Result ({years[1]} report)", "Verdict", "Gap"]
    scored = card["verdict"].isin(["met", "missed"])
    parts = []
    for part in (card[scored], card[~scored]):
        rows = []
        for _, c in part.iterrows():
            rows.append({"cls": f"v-{c['verdict'].replace(' ', '-')}", "cells": [
                indicator(c["concept"], labels, c["target"]), named(c["target"], c["verdict"], shown=True) + value(c["target"], own_doc),
                result_cell(c["result"], c.get("used", ""), c.get("candidate"), own_doc, c["verdict"]),
                verdict_badge(c["verdict"]), gap_text(c["gap"], c["gap_unit"])]})
        parts.append(table(head, rows, cls="scorecard") if rows else "")
    if not parts[0]:
        parts[0] = para(f"None of these {len(card)} targets has a comparable result in the {years[1]} report "
                        "(matched by indicator).")
    if parts[1]:
        n = int((~scored).sum())
        parts[1] = render("details", summary=f"{n} more target{'s' if n != 1 else ''} without a comparable result in "
                          f"the {years[1]} report", body=Markup(parts[1]))
    return "\n".join(p for p in parts if p)


def counts_html(counts: pd.DataFrame, labels: dict) -> str:
    rows = [{"cells": [picking.concept_label(r["concept"], labels), str(r["met"]), str(r["missed"]),
                       str(r["targets"]), str(r["not reported"] + r["not comparable"])]}
            for _, r in counts.iterrows()]
    return table(["Indicator", "Met", "Missed", "Provinces with a target", "No comparable result"], rows,
                 cls="counts")


def province_card_html(card: pd.DataFrame, labels: dict, own_doc: str, highlight: str,
                       reference: pd.DataFrame | None = None) -> str:
    """A collapsed table per concept: each province's target and result, linked, with the verdict; the
    rows of `reference` (the national report's) first, marked as the reference."""
    out = []
    for concept in dict.fromkeys(card["concept"]):
        g = card[card["concept"] == concept].sort_values("region_en")
        if reference is not None and len(reference):
            g = pd.concat([reference[reference["concept"] == concept], g])
        refs = set(reference["region_en"]) if reference is not None and len(reference) else set()
        rows = [{"cls": "hl" if r["region_en"] == highlight else "ref" if r["region_en"] in refs else "", "cells": [
            r["region_en"], value(r["t_row"], own_doc),
            result_cell(r["r_row"], r.get("used", ""), r.get("candidate"), own_doc, r["verdict"]),
            verdict_badge(r["verdict"]),
            gap_text(r["gap"], scorecard.gap_unit(r["t_base_unit"]))]}
            for _, r in g.iterrows()]
        body = Markup(table(["Province", "Target", "Result", "Verdict", "Gap"], rows, cls="province-card"))
        out.append(render("details", summary=f"{picking.concept_label(concept, labels)}: every province's target and "
                          f"result ({len(g)} provinces)", body=body))
    return "\n".join(out)


def targets_table_html(a: pd.DataFrame, b: pd.DataFrame, years: tuple[int, int], own_doc: str,
                       highlight: str, reference: tuple[pd.DataFrame, pd.DataFrame] | None = None) -> str:
    """Each province's target of one concept in both years, linked to the sentences; the rows of
    `reference` (the national report's targets of the two years) first, marked as the reference."""
    refs: list = []
    if reference is not None:
        ra, rb = reference
        refs = sorted(set(ra["region_en"]) | set(rb["region_en"]))
        a, b = pd.concat([ra, a]), pd.concat([rb, b])
    ia, ib = a.set_index("region_en"), b.set_index("region_en")
    regions = refs + sorted((set(ia.index) | set(ib.index)) - set(refs))
    rows = [{"cls": "hl" if r == highlight else "ref" if r in refs else "", "cells": [
        r, value(ia.loc[r], own_doc) if r in ia.index else "–", value(ib.loc[r], own_doc) if r in ib.index else "–"]}
        for r in regions]
    return table(["Province", str(years[0]), str(years[1])], rows, cls="province-targets")


def revisions_html(counts: pd.DataFrame, labels: dict) -> str:
    cols = ["raised", "kept", "requalified", "cut", "new", "dropped", "different unit", "not comparable"]
    rows = [{"cells": [picking.concept_label(r["concept"], labels), *[str(int(r[c])) for c in cols]]}
            for _, r in counts.iterrows()]
    return table(["Indicator", "Raised", "Kept", "Same number, other qualifier", "Cut", "New", "Dropped",
                  "Different unit", "Not comparable (addition vs total, or other measure)"], rows, cls="counts")


def region_revisions_html(rev: pd.DataFrame, labels: dict, region: str, own_doc: str) -> str:
    g = rev[rev["region_en"] == region]
    if g.empty:
        return ""
    rows = []
    for _, r in g.iterrows():
        unit = r["after"]["base_unit"] if r["after"] is not None else ""
        rows.append({"cells": [picking.concept_label(r["concept"], labels), value(r["before"], own_doc),
                               value(r["after"], own_doc), r["status"],
                               gap_text(r["change"], scorecard.gap_unit(unit))]})
    return table(["Indicator", "Before", "After", "Revision", "Change"], rows, cls="revisions")


def quotes_html(items: list[dict], empty: str) -> str:
    return render("quotes", items=items, empty=empty)
