"""The English sentences of the corpus chapters, every number taken from the tables of
:mod:`analysis.panel` (Markdown, report text escaped)."""

from __future__ import annotations

import pandas as pd

from . import panel
from .report import english_value, md_escape


def _n(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def scorecard_summary(card: pd.DataFrame, labels: dict, region: str, years: tuple[int, int]) -> str:
    if card.empty:
        return (f"The {years[0]} report of {md_escape(region)} states no annual target the corpus can match by "
                "indicator, so there is nothing to score.")
    vc = card["verdict"].value_counts()
    met, missed = int(vc.get("met", 0)), int(vc.get("missed", 0))
    judged = met + missed
    text = [f"{md_escape(region)} set {_n(len(card), 'annual target')} for {years[0]} that can be matched by indicator; "
            f"the {years[1]} report gives a comparable result for {judged}: **{met} met** and **{missed} missed**."]
    rest = len(card) - judged
    if rest:
        text.append(f"{_n(rest, 'target is', 'targets are')} not scored (no comparable result in the {years[1]} "
                    "report).")
    for _, c in card[card["verdict"] == "missed"].iterrows():
        text.append(f"{md_escape(panel.concept_label(c['concept'], labels))}: {md_escape(english_value(c['target']))} "
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
        lines.append(f"- {md_escape(panel.concept_label(r['concept'], labels))}: {r['met']} of {judged} provinces "
                     f"met their {years[0]} target{tail}.")
    return "\n".join(lines) if lines else "No province's targets can be matched with a result."


def not_in_corpus(p: dict, what: str) -> str:
    who = p["region_en"] or p["region_zh"] or "this report's region"
    year = p["year"] or "its year"
    return (f"*{what} needs the corpus of provincial reports (`seeds/corpus/`), and this report — "
            f"{md_escape(who)}, {year} — has no counterpart there (its region or year is not in the corpus). "
            "The chapter is left empty rather than compared with another report.*")


def revisions_summary(counts: pd.DataFrame, labels: dict, years) -> str:
    if counts.empty:
        return "No headline target can be compared across the two years."
    lines = []
    for _, r in counts.iterrows():
        parts = [f"{int(r[s])} {s}" for s in ("raised", "kept", "cut", "new", "dropped") if int(r[s])]
        lines.append(f"- {md_escape(panel.concept_label(r['concept'], labels))}: {', '.join(parts)}.")
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
            v = rows["value_base"]
            parts.append(f"{y}: {len(rows)} provinces, from {v.min():g} to {v.max():g} "
                         f"({int(rows['qualifier'].isin(panel.OPEN_ENDED).sum())} open-ended)")
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
    from .report import sector_name

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
