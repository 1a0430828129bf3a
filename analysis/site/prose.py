"""The English sentences of the pages (Markdown, report text escaped), every number taken from the
tables of :mod:`analysis.site.report` and :mod:`analysis.corpus`."""

from __future__ import annotations

import re

import pandas as pd

from ..corpus import picking, revisions
from ..corpus.one_report import commitments, sector_name
from ..corpus.placement import Place
from .links import SOURCE_PAGE
from .pairing import sector_pairs
from .render import esc
from .report import (
    _importance,
    _locate,
    as_written,
    bound,
    english_value,
    in_sector,
    key_figures,
    value_range,
)


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def scorecard_summary(card: pd.DataFrame, labels: dict, region: str, years: tuple[int, int]) -> str:
    if card.empty:
        return (f"The {years[0]} report of {md_escape(region)} states no annual target the corpus can match by "
                "indicator, so there is nothing to score.")
    vc = card["verdict"].value_counts()
    met, missed = int(vc.get("met", 0)), int(vc.get("missed", 0))
    judged = met + missed
    text = [f"{md_escape(region)} set {plural(len(card), 'annual target')} for {years[0]} that can be matched by indicator; "
            f"the {years[1]} report gives a comparable result for {judged}: **{met} met** and **{missed} missed**."]
    rest = len(card) - judged
    if rest:
        text.append(f"{plural(rest, 'target is', 'targets are')} not scored (no comparable result in the {years[1]} "
                    "report).")
    for _, c in card[card["verdict"] == "missed"].iterrows():
        own = picking.own_name(c["target"])  # the target's own name where the label is broader (新建新能源装机)
        label = picking.concept_label(c["concept"], labels) + (f" ({own})" if own else "")
        text.append(f"{md_escape(label)}: {md_escape(english_value(c['target']))} "
                    f"targeted, {md_escape(english_value(c['result']))} reported.")
    return " ".join(text)


def province_summary(counts: pd.DataFrame, card: pd.DataFrame, labels: dict, region: str, years) -> str:
    if counts.empty:
        return "No province's targets can be matched with a result."
    lines = []
    for _, r in counts.iterrows():
        judged = r["met"] + r["missed"]
        if not judged:
            continue
        own = card[(card["concept"] == r["concept"]) & (card["region_en"] == region)]
        tail = f"; {md_escape(region)}: **{own['verdict'].iloc[0]}**" if len(own) else ""
        lines.append(f"- {md_escape(picking.concept_label(r['concept'], labels))}: {r['met']} of {judged} provinces "
                     f"met their {years[0]} target{tail}.")
    return "\n".join(lines) if lines else "No province's targets can be matched with a result."


def not_in_corpus(p: Place, what: str) -> str:
    who = p.region_en or p.region_zh or "this report's region"
    year = p.year or "its year"
    return (f"*{what} needs the corpus of provincial reports (`seeds/corpus/`), and this report — "
            f"{md_escape(who)}, {year} — has no counterpart there (its region or year is not in the corpus). "
            "The chapter is left empty rather than compared with another report.*")


def revisions_summary(counts: pd.DataFrame, labels: dict, years) -> str:
    if counts.empty:
        return "No headline target can be compared across the two years."
    lines = []
    for _, r in counts.iterrows():
        words = {"requalified": "same number with another qualifier"}
        parts = [f"{int(r[s])} {words.get(s, s)}" for s in ("raised", "kept", "requalified", "cut", "new", "dropped")
                 if int(r.get(s, 0))]
        lines.append(f"- {md_escape(picking.concept_label(r['concept'], labels))}: {', '.join(parts)}.")
    return "\n".join(lines)


def result_chart_alt(g: pd.DataFrame, label: str, region: str, years) -> str:
    d = g[g["verdict"].isin(["met", "missed"])]
    met = int((d["verdict"] == "met").sum())
    own = d[d["region_en"] == region]
    tail = ""
    if len(own):
        o = own.iloc[0]
        tail = (f" {region}: target {english_value(o['t_row'])}, result {english_value(o['r_row'])}, "
                f"{o['verdict']}.")
    return (f"Dot chart of {label}: the {years[0]} target (open diamond) and the result reported in {years[1]} "
            f"(dot) for {len(d)} provinces, ranked by result; {met} met the target, {len(d) - met} missed it.{tail}")


def targets_chart_alt(a: pd.DataFrame, b: pd.DataFrame, label: str, region: str, years) -> str:
    parts = []
    for rows, y in ((b, years[1]), (a, years[0])):
        if len(rows):
            v = rows["value_signed"] if "value_signed" in rows else rows["value_base"]
            open_ended = rows["open_ended"] if "open_ended" in rows else rows["qualifier"].isin(revisions.OPEN_ENDED)
            parts.append(f"{y}: {len(rows)} provinces, from {v.min():g} to {v.max():g} "
                         f"({int(open_ended.sum())} open-ended)")
    own = b[b["region_en"] == region]
    tail = f" {region}'s {years[1]} target: {english_value(own.iloc[0])}." if len(own) else ""
    return f"Dot chart of the {label} targets by province, ranked by the {years[1]} target. " + "; ".join(parts) + "." + tail


def corpus_source(years) -> str:
    ys = " and ".join(str(y) for y in sorted(set(years)))
    return (f"the provincial government work reports of {ys} (seeds/corpus), every value extracted by the analysis "
            "package and linked to its sentence in the tables.")


# ---------------------------------------------------------------------------------------- alt texts of the report's charts
def _items(rows: pd.DataFrame, n: int = 8) -> str:
    parts = [f"{r['metric_en']} {english_value(r)} ({r['kind']})" for _, r in rows.head(n).iterrows()]
    more = f"; and {len(rows) - n} more" if len(rows) > n else ""
    return "; ".join(parts) + more


def bars_alt(rows: pd.DataFrame, name: str) -> str:
    shown = rows[rows["measure"] != "rank"]
    return (f"Horizontal bars of the {len(shown)} {name.lower()} quantities of the report, one panel per unit, "
            f"coloured by kind: {_items(shown.sort_values('value_base', ascending=False))}.")


def pairs_alt(pairs: pd.DataFrame) -> str:
    items = "; ".join(f"{r['metric_en']}: {r['result']} last year, {r['target']} targeted ({r['change']})"
                      for _, r in pairs.iterrows())
    return f"Dumbbell chart from the past year's result to the coming year's target, {len(pairs)} metrics: {items}."


def counts_alt(df: pd.DataFrame, by: str) -> str:
    if by == "sector":
        member = df.assign(s=df["sectors"].str.split(";")).explode("s")
        counts = member["s"].value_counts()
        items = "; ".join(f"{sector_name(k)} {v}" for k, v in counts.items())
        return f"Stacked bars of the number of quantities per sector, split by kind: {items}."
    counts = df["measure"].value_counts()
    items = "; ".join(f"{k} {v}" for k, v in counts.items())
    return f"Stacked bars of the number of quantities per measure, split by kind: {items}."


def report_source(label: str) -> str:
    return f"{label}, every quantity extracted by the analysis package (see the annotated source)."


# ---------------------------------------------------------------------------------------- sector briefs
_STRETCH = ("力争", "争取", "努力")


def target_nature(row) -> str:
    """What kind of commitment a target is, from its words: a floor (以上, 不低于, 突破), a ceiling (以内),
    an approximate level (左右), a fixed figure; 'a stretch goal' when the clause says 力争/争取/努力."""
    word = bound(row)[1]
    nature = {"at least": "a floor", "over": "a floor", "at most": "a ceiling", "under": "a ceiling",
              "about": "an approximate level", "nearly": "an approximate level"}.get(word, "a fixed figure")
    if value_range(row) is not None:
        nature = "a range"
    strength = row.get("commitment", None) if hasattr(row, "get") else None
    if isinstance(strength, str):  # the commitment column: 确保 ensure, 力争 strive ...
        return nature + {"ensure": ", a commitment to ensure (确保)", "strive": ", a stretch goal (力争)",
                         "seek": ", a stretch goal (争取)", "endeavour": ", a stretch goal (努力)"}.get(strength, "")
    sent, _raw, k = _locate(row)
    clause_start = max([sent.rfind(c, 0, max(k, 0)) for c in "，,；;。"] + [-1]) + 1
    if k >= 0 and any(w in sent[clause_start:k] for w in _STRETCH):
        nature += ", a stretch goal (" + next(w for w in _STRETCH if w in sent[clause_start:k]) + ")"
    return nature


def sector_brief(rows: pd.DataFrame, pairs: pd.DataFrame, name: str) -> str:
    """A short English brief of a sector: whose figures they are, baseline -> target -> implied change,
    and what each main target commits to (Markdown; every number from the rows)."""
    if rows.empty:
        return (f"The report states no quantity about {name.lower()}; what it says without a number is quoted "
                "below.")
    subject = rows["subject"].fillna("") if "subject" in rows else pd.Series("", index=rows.index)
    own = int((subject == "").sum())
    named = sorted(set(subject[subject != ""]))
    text = [f"The report states {plural(len(rows), 'quantity', 'quantities')} about {name.lower()}"
            + (f"; {own} are the region's own figures and {len(rows) - own} those of "
               f"{', '.join(md_escape(s) for s in named)}." if named else ", all of them the region's own figures.")]
    lines = []
    paired = set(pairs["target_id"]) if len(pairs) else set()
    by_id = rows.set_index("id")
    for _, p in pairs.iterrows():
        t = by_id.loc[p["target_id"]]
        lines.append(f"- **{md_escape(p['metric_en'])}**: {md_escape(p['result'])} in the past year → "
                     f"{md_escape(p['target'])} targeted ({md_escape(p['change'])}); {target_nature(t)}.")
    top = rows.assign(_i=_importance(rows)).sort_values(["_i", "start"], ascending=[False, True])
    targets = top[(top["kind"] == "target") & ~top["id"].isin(paired)].head(4)
    for _, t in targets.iterrows():
        whose = f" ({md_escape(t['subject'])})" if "subject" in t and t["subject"] else ""
        lines.append(f"- **{md_escape(t['metric_en'])}**{whose}: {md_escape(english_value(t))} "
                     f"({md_escape(_lower(str(t['metric_zh'])))} {md_escape(as_written(t))}), {target_nature(t)}.")
    if lines:
        text.append("\n\n" + "\n".join(lines))
    return " ".join(text[:1]) + "".join(text[1:])


def province_values_alt(rows: pd.DataFrame, label: str, kind: str, region: str, year: int) -> str:
    what = "results stated" if kind == "achieved" else "targets set"
    v = rows.sort_values("value_signed" if "value_signed" in rows else "value_base", ascending=False)
    items = "; ".join(f"{r['region_en']} {english_value(r)}" for _, r in v.head(6).iterrows())
    own = v[v["region_en"] == region]
    tail = f" {region}: {english_value(own.iloc[0])}." if len(own) else f" {region} states no such figure."
    return (f"Dot chart of {label}: {what} in the {year} reports of {len(v)} provinces, ranked; highest: {items}."
            + tail)


# ---------------------------------------------------------------------------------------- the report's own pages
def _join(items: list[str]) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _lower(label: str) -> str:
    """'Tourist arrivals' -> 'tourist arrivals' (but 'GDP', 'CPPCC proposals' keep their capitals)."""
    return label[0].lower() + label[1:] if len(label) > 1 and label[1].islower() else label


def _phrase(r) -> str:
    return (f"{md_escape(_lower(str(r['metric_en'])))} of {md_escape(english_value(r))} "
            f"({md_escape(r['metric_zh'])} {md_escape(as_written(r))})")


def narrative(df: pd.DataFrame, sector: str) -> str:
    """A short English paragraph about a sector, every number taken from the rows (Markdown)."""
    rows = in_sector(df, sector)
    name = sector_name(sector)
    if rows.empty:
        return (f"The report states no quantity for **{name.lower()}**. What it says about the sector without "
                "a number is quoted in full below.")
    kinds = rows["kind"].value_counts()
    parts = [_plural(int(kinds.get("target", 0)), "target for the coming year", "targets for the coming year"),
             _plural(int(kinds.get("achieved", 0)), "result of the past year", "results of the past year"),
             _plural(int(kinds.get("context", 0)), "context figure", "context figures")]
    text = [f"The report states **{len(rows)}** quantit{'y' if len(rows) == 1 else 'ies'} about "
            f"{name.lower()}: {_join([p for p in parts if not p.startswith('0 ')])}."]
    top = key_figures(df, sector, n=len(rows))
    targets = top[top["kind"] == "target"].head(3)
    if not targets.empty:
        text.append(f"{'Its main targets are' if len(targets) > 1 else 'Its target is'} "
                    f"{_join([_phrase(r) for _, r in targets.iterrows()])}.")
    results = top[top["kind"] == "achieved"].head(2)
    if not results.empty:
        est = " (estimated)" if bool(results["estimate"].any()) else ""
        text.append(f"For the past year it reports{est} {_join([_phrase(r) for _, r in results.iterrows()])}.")
    for _, r in sector_pairs(df, sector).iterrows():
        text.append(f"{md_escape(r['metric_en'])}: {md_escape(r['result'])} last year, {md_escape(r['target'])} as the "
                    f"target ({md_escape(r['change'])}).")
    return " ".join(text)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}()<>#+!|$~^])")


def md_escape(s) -> str:
    """Escape report text for MyST Markdown (no markup, HTML or role syntax survives)."""
    return _MD_SPECIAL.sub(r"\\\1", str(s))


def figures_md(rows: pd.DataFrame) -> str:
    """A Markdown list of quantities: kind, English metric, value, Chinese original, link to source."""
    if rows.empty:
        return "*No quantity.*"
    lines = []
    for _, r in rows.iterrows():
        zh = as_written(r)
        lines.append(f"- **{r['kind'].capitalize()}** · {md_escape(r['metric_en'])}: **{md_escape(english_value(r))}** "
                     f"— {md_escape(r['metric_zh'])} {md_escape(zh)} "
                     f'(<a href="{SOURCE_PAGE}#{esc(r["id"])}">source</a>)')
    return "\n".join(lines)


def commitments_md(text: str, sector: str | None = None, limit: int = 40) -> str:
    """A Markdown list of the plan's commitments without a number (escaped report text)."""
    c = commitments(text, sector)
    if c.empty:
        return "*The plan makes no further commitment here without a number.*"
    lines = [f"- {md_escape(t)} ({sector_name(s)})" if not sector else f"- {md_escape(t)}"
             for t, s in zip(c["text"].head(limit), c["sector"].head(limit))]
    if len(c) > limit:
        lines.append(f"- … and {len(c) - limit} more in the annotated source.")
    return "\n".join(lines)


def main_targets_without_number_md(text: str) -> str:
    c = commitments(text)
    c = c[c["section"] == "targets"]
    if c.empty:
        return "*None: every main target carries a number.*"
    return "\n".join(f"- {md_escape(t)}" for t in c["text"])

