"""The report's charts (matplotlib/seaborn through analysis.site.style). Each returns a Figure."""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch

from ..corpus.one_report import sector_name
from ..extraction.schema import signed as panel_signed
from ..language import lexicon
from . import style
from .render import render
from .report import bound

RATE_UNITS = {"%", "个百分点", "倍", "位"}
PHONE_WIDTH_IN = 4.4   # a figure this wide keeps 9 pt text at >= 9 CSS px on a 390 px phone
MIN_FONT = 9
LEGEND_LABELS = {"achieved": "result (past year)", "target": "target", "context": "context"}


def _label(row, width: int = 22, kind: bool = False) -> str:
    en = "\n".join(textwrap.wrap(str(row["metric_en"]), width=width)[:2])
    zh = str(row["metric_zh"])
    zh = zh if len(zh) <= 10 else zh[:9] + "…"
    if kind:
        zh += f" · {row['kind']}"
    return f"{en}\n{zh}"


def _legend(fig, kinds, top: float = 0.36, hatched: bool = False) -> float:
    """One legend for the figure, under its title (top: inches from the figure's top), naming only the kinds
    shown (and the hatching of open-ended values); returns the height it takes (inches)."""
    handles = [Patch(color=style.KIND_COLORS[k], label=LEGEND_LABELS[k]) for k in ("achieved", "target", "context")
               if k in set(kinds)]
    if hatched:
        handles.append(Patch(facecolor="none", edgecolor="#555555", hatch="///", label="open-ended (≥, >, ≤, <)"))
    ncol = len(handles) if len(handles) <= 2 else 2
    fig.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 1 - top / fig.get_figheight()),
               ncol=ncol, fontsize=MIN_FONT, frameon=False, handletextpad=0.3, columnspacing=0.8)
    return 0.14 + 0.2 * -(-len(handles) // ncol)


def _axis_label(unit: str, values) -> tuple[float, str]:
    """Divisor and English axis label of a base unit (scaled amounts, rates, else the unit's English)."""
    if unit in RATE_UNITS:
        return 1.0, {"%": "%", "个百分点": "percentage points", "倍": "increase in multiples (增长N倍 = +N×100%)",
                     "位": "places"}[unit]
    divisor, label = style.scale(unit, values)
    if label == unit:  # no scale known: the unit's English name
        label = lexicon.load().units.get(unit, {}).get("en", unit)
    return divisor, label


def indicator_bars(rows: pd.DataFrame, title: str, max_panels: int = 4, max_bars: int = 12):
    """Horizontal bars of a sector's quantities, one panel per base unit, scale-aware axes.

    Amounts with the same base unit share a panel (亿元 shown as billion yuan, 万千瓦 as GW);
    rates (%, percentage points, times, places) get their own panel. Returns None when empty.
    """
    rows = rows[rows["measure"] != "rank"]  # a rank is a position, not an amount: the tables show it
    if rows.empty:
        return None
    groups = []
    subject = rows["subject"].fillna("") if "subject" in rows else pd.Series("", index=rows.index)
    # like with like: one panel per unit, and a named company's or city's figures apart from the region's own
    for (unit, named), g in rows.groupby([rows["base_unit"], subject != ""], sort=False):
        groups.append((named, unit, g))
    # the panels with the most rows first
    groups.sort(key=lambda x: -len(x[2]))
    groups = groups[:max_panels]
    heights = [min(len(g), max_bars) for _, _, g in groups]
    fig, axes = plt.subplots(len(groups), 1, figsize=(PHONE_WIDTH_IN, 1.3 + 0.8 * sum(heights) + 0.6 * len(groups)),
                             gridspec_kw={"height_ratios": heights}, squeeze=False)
    shown, any_open = [], False
    for ax, (named, unit, g) in zip(axes[:, 0], groups):
        g = signed(g).sort_values("value_base", ascending=True).tail(max_bars)
        if named:
            ax.set_title("figures of " + ", ".join(sorted(set(g["subject"]))), fontsize=MIN_FONT, loc="left")
        divisor, label = _axis_label(unit, g["value_base"])
        vals = g["value_base"] / divisor
        colors = [style.KIND_COLORS[k] for k in g["kind"]]
        open_ended = [bound(r)[1] in ("at least", "over", "at most", "under") for _, r in g.iterrows()]
        ax.barh(range(len(g)), vals, color=[c if not o else "none" for c, o in zip(colors, open_ended)],
                edgecolor=colors, hatch=["///" if o else "" for o in open_ended], height=0.6, linewidth=1)
        ax.set_yticks(range(len(g)), [_label(r, kind=True) for _, r in g.iterrows()], fontsize=MIN_FONT)
        ax.set_xlabel(label, fontsize=MIN_FONT + 1)
        for i, (v, (_, r)) in enumerate(zip(vals, g.iterrows())):
            sign = bound(r)[0]
            ax.text(v, i, f" {sign}{style.number(v)}", va="center", fontsize=MIN_FONT)
        ax.margins(x=0.2)
        shown.extend(g["kind"])
        any_open = any_open or any(open_ended)
    top = _title(fig, title)
    _tight(fig, top_in=_legend(fig, shown, top, hatched=any_open))
    return fig


def sector_kind_counts(df: pd.DataFrame, title: str = "Quantities by sector and kind"):
    """Stacked bars: how many quantities belong to each sector (a quantity may belong to several),
    split by kind."""
    member = df.assign(sector=df["sectors"].str.split(";")).explode("sector")
    counts = member.groupby(["sector", "kind"]).size().unstack(fill_value=0)
    for k in ("achieved", "target", "context"):
        if k not in counts:
            counts[k] = 0
    counts = counts[["achieved", "target", "context"]]
    counts = counts.loc[counts.sum(axis=1).sort_values().index]
    fig, ax = plt.subplots(figsize=(PHONE_WIDTH_IN, 1.4 + 0.3 * len(counts)))
    left = pd.Series(0, index=counts.index)
    for k in counts.columns:
        ax.barh([sector_name(s) for s in counts.index], counts[k], left=left, color=style.KIND_COLORS[k],
                label=style.KIND_LABELS[k])
        left = left + counts[k]
    ax.set_xlabel("number of quantities\n(a quantity can belong to several sectors)", fontsize=MIN_FONT + 1)
    top = _title(fig, title)
    _tight(fig, top_in=_legend(fig, df["kind"], top))
    return fig


def measure_counts(df: pd.DataFrame, title: str = "What the quantities measure"):
    """Bars by measure (level / growth / share / rank), split by kind."""
    counts = df.groupby(["measure", "kind"]).size().unstack(fill_value=0)
    order = [m for m in ("level", "growth", "share", "rank") if m in counts.index]
    counts = counts.reindex(order)
    fig, ax = plt.subplots(figsize=(PHONE_WIDTH_IN, 2.6))
    left = pd.Series(0, index=counts.index)
    for k in ("achieved", "target", "context"):
        if k in counts:
            ax.barh([style.MEASURE_LABELS[m] for m in counts.index], counts[k], left=left,
                    color=style.KIND_COLORS[k], label=style.KIND_LABELS[k])
            left = left + counts[k]
    ax.invert_yaxis()
    ax.set_xlabel("number of quantities", fontsize=MIN_FONT + 1)
    top = _title(fig, title)
    _tight(fig, top_in=_legend(fig, df["kind"], top))
    return fig


def pair_chart(pairs: pd.DataFrame, df: pd.DataFrame, title: str = "Result and target of the same metric"):
    """Dumbbells from a past result to a future target, one row per metric, scale-aware."""
    if pairs.empty:
        return None
    by_id = df.set_index("id")
    fig, axes = plt.subplots(len(pairs), 1, figsize=(PHONE_WIDTH_IN, 1.2 + 1.1 * len(pairs)), squeeze=False)
    for ax, (_, p) in zip(axes[:, 0], pairs.iterrows()):
        a, t = by_id.loc[p["result_id"]], by_id.loc[p["target_id"]]
        sa, st = panel_signed(a), panel_signed(t)
        divisor, label = _axis_label(a["base_unit"], [sa, st])
        va, vt = sa / divisor, st / divisor
        ax.plot([va, vt], [0, 0], color="#bbbbbb", linewidth=3, zorder=1)
        ax.scatter([va], [0], color=style.KIND_COLORS["achieved"], s=60, zorder=2)
        ax.scatter([vt], [0], color=style.KIND_COLORS["target"], s=60, zorder=2, marker="D")
        ax.set_yticks([0], [_label(t, 30)], fontsize=MIN_FONT)
        ax.tick_params(axis="x", labelsize=MIN_FONT)
        ax.set_xlabel(label, fontsize=MIN_FONT + 1)
        lo, hi = min(va, vt), max(va, vt)
        pad = (hi - lo) * 0.3 or max(abs(hi), 1) * 0.2
        if a["measure"] == "level" and lo >= 0:
            ax.set_xlim(0, hi * 1.12)  # amounts start at zero, so that a change looks as large as it is
        else:
            ax.set_xlim(lo - pad, hi + pad)
        ax.annotate(style.number(va), (va, 0), xytext=(0, 7), textcoords="offset points", ha="center", va="bottom",
                    fontsize=MIN_FONT, color=style.KIND_COLORS["achieved"])
        ax.annotate(style.number(vt), (vt, 0), xytext=(0, -8), textcoords="offset points", ha="center", va="top",
                    fontsize=MIN_FONT, color=style.KIND_COLORS["target"])
        ax.set_ylim(-1, 1)
        ax.grid(axis="y", visible=False)
    top = _title(fig, title)
    _tight(fig, top_in=_legend(fig, ["achieved", "target"], top))
    return fig


# ---------------------------------------------------------------------------------------- publishing


def figure_html(fig, alt: str, source: str, caption: str = "") -> str:
    """A figure as inline SVG (text kept as text) in a <figure> with its alt text and source line.

    The SVG carries role="img" and the alt text as its accessible name and <title>; plotting warnings
    (e.g. tight_layout's) are swallowed so that none reaches the page. Closes the figure.
    """
    import io
    import re
    import warnings


    buf = io.StringIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with plt.rc_context({"svg.fonttype": "none", "svg.hashsalt": "govreport"}):
            fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    plt.close(fig)
    svg = buf.getvalue()
    svg = svg[svg.find("<svg"):]
    m = re.match(r'<svg[^>]*?width="([\d.]+)pt"[^>]*?height="([\d.]+)pt"', svg)
    w = float(m.group(1)) if m else 0.0
    svg = re.sub(r'^<svg([^>]*?) width="[\d.]+pt" height="[\d.]+pt"',
                 lambda s: f'<svg{s.group(1)} role="img" aria-label="{_attr(alt)}" preserveAspectRatio="xMinYMin meet"'
                 f' style="width:100%;max-width:{w * 4 / 3:.0f}px;height:auto"', svg, count=1)
    svg = svg.replace(">", f"><title>{_text(alt)}</title>", 1)
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    svg = re.sub(r"\s*\n\s*", "\n", svg)
    # ids unique on a page that holds several figures: prefixed by a digest of the figure itself
    import hashlib

    prefix = "f" + hashlib.sha1(svg.encode()).hexdigest()[:8] + "-"
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}{m.group(1)})", svg)
    svg = re.sub(r'xlink:href="#([^"]+)"', lambda m: f'xlink:href="#{prefix}{m.group(1)}"', svg)
    from markupsafe import Markup

    return render("figure", svg=Markup(svg), caption=caption, source=source)


def _attr(s: str) -> str:
    import html

    return html.escape(s, quote=True).replace("{", "&#123;").replace("}", "&#125;")


def _text(s: str) -> str:
    return _attr(s)


def _unit_axis(unit: str, values) -> tuple[float, str]:
    return _axis_label(unit, values)


def target_result_dots(card: pd.DataFrame, title: str, highlight: str = "", reference=()):
    """Target and result of one concept by province: a row per province whose two reports give both
    values (ranked by result), the target an open diamond (a range also a bar between its ends), the result
    a dot coloured by verdict, values signed (a fall is negative); the highlighted province marked ▶.
    Returns None when no province has both."""
    if "t_value" in card and "r_value" in card:  # the signed values (a fall is negative)
        card = card.assign(t_value_base=card["t_value"], r_value_base=card["r_value"])
    d = card.dropna(subset=["t_value_base", "r_value_base"])
    d = d[d["verdict"].isin(["met", "missed"])]
    if d.empty:
        return None
    d = d.sort_values("r_value_base")
    unit = d["t_base_unit"].iloc[0]
    div, label = _axis_label(unit, list(d["t_value_base"]) + list(d["r_value_base"]))
    n = len(d)
    fig, ax = plt.subplots(figsize=(PHONE_WIDTH_IN, 1.6 + 0.19 * n))
    y = range(n)
    t = d["t_value_base"] / div
    r = d["r_value_base"] / div
    for i, (tv, rv) in enumerate(zip(t, r)):
        ax.plot([tv, rv], [i, i], color="#cccccc", linewidth=1.5, zorder=1)
    colors = [VERDICT_COLORS[v] for v in d["verdict"]]
    if "t_low" in d and "t_high" in d:  # a range target (5–5.5%): a bar from one end to the other
        for i, (lo, hi) in enumerate(zip(d["t_low"], d["t_high"])):
            if pd.notna(lo) and pd.notna(hi) and lo != hi:
                ax.plot([lo / div, hi / div], [i, i], color=style.KIND_COLORS["target"], linewidth=3, alpha=0.5,
                        zorder=2, solid_capstyle="butt")
    ax.scatter(t, y, marker="D", facecolors="none", edgecolors=style.KIND_COLORS["target"], s=28, zorder=2,
               label="target")
    ax.scatter(r, y, color=colors, s=30, zorder=3, label="result")
    _region_ticks(ax, list(d["region_en"]), highlight)
    _reference_lines(ax, reference, div, unit)
    ax.tick_params(axis="x", labelsize=MIN_FONT)
    ax.set_xlabel(label, fontsize=MIN_FONT + 1)
    ax.set_ylim(-0.7, n - 0.3)
    ax.grid(axis="y", visible=False)
    handles = [plt.Line2D([], [], marker="D", linestyle="", markerfacecolor="none",
                          markeredgecolor=style.KIND_COLORS["target"], label="target"),
               plt.Line2D([], [], marker="o", linestyle="", color=VERDICT_COLORS["met"], label="result: met"),
               plt.Line2D([], [], marker="o", linestyle="", color=VERDICT_COLORS["missed"], label="result: missed")]
    top = _title(fig, title)
    fig.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 1 - top / fig.get_figheight()), ncol=3,
               fontsize=MIN_FONT, frameon=False, handletextpad=0.2, columnspacing=0.8)
    _tight(fig, top_in=0.34)  # the legend under the title (tight_layout makes room for the title itself)
    return fig


VERDICT_COLORS = {"met": "#2a7f3f", "missed": "#c0392b"}


def _region_ticks(ax, regions, highlight: str) -> None:
    """Province names on the y axis; the highlighted one marked ▶ and in black (the packaged CJK font has
    no bold: see style.setup)."""
    labels = [f"▶ {r}" if highlight and r == highlight else str(r) for r in regions]
    ax.set_yticks(range(len(labels)), labels, fontsize=MIN_FONT)
    for lab in ax.get_yticklabels():
        if lab.get_text().startswith("▶ "):
            lab.set_color("#000000")


def _title(fig, title: str) -> float:
    """A wrapped figure title; returns the height (inches) that title and legend take at the top."""
    lines = textwrap.wrap(title, width=44)
    fig.suptitle("\n".join(lines), fontsize=MIN_FONT + 2, y=1 - 0.08 / fig.get_figheight(),
                 va="top")
    return 0.25 + 0.22 * len(lines)


def _tight(fig, top_in: float) -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fig.tight_layout(rect=(0, 0, 1, 1 - top_in / fig.get_figheight()))


def province_target_dots(a: pd.DataFrame, b: pd.DataFrame, years: tuple[int, int], title: str,
                         highlight: str = "", all_regions=(), reference=()):
    """The targets of one concept in two years by province, ranked by the later year's target.

    a, b: rows of the two years (region_en, value_base, base_unit, qualifier). Targets that are
    floors (以上, 不低于 …) are drawn as up-pointing triangles, ceilings (以内, 以下 …) as down-pointing
    ones, others (左右, exact) as dots; a hollow marker is the earlier year. Provinces of all_regions
    with no numeric target in either year are listed at the bottom, marked so. None when empty."""
    if a.empty and b.empty:
        return None
    a, b = signed(a), signed(b)
    regions = pd.concat([a[["region_en"]], b[["region_en"]]]).drop_duplicates()["region_en"]
    later = b.set_index("region_en")["value_base"]
    earlier = a.set_index("region_en")["value_base"]
    missing = sorted(set(all_regions) - set(regions), reverse=True)
    order = missing + sorted(regions, key=lambda r: (later.get(r, earlier.get(r, 0)), r))
    pos = {r: i for i, r in enumerate(order)}
    unit = (b if len(b) else a)["base_unit"].iloc[0]
    div, label = _axis_label(unit, list(a["value_base"]) + list(b["value_base"]))
    n = len(order)
    fig, ax = plt.subplots(figsize=(PHONE_WIDTH_IN, 1.6 + 0.19 * n))
    for rows, hollow in ((a, True), (b, False)):
        for q_marker, group in rows.groupby(_markers(rows)):
            color = "#9aa7b4" if hollow else style.KIND_COLORS["target"]
            ax.scatter(group["value_base"] / div, [pos[r] for r in group["region_en"]], marker=q_marker,
                       s=34, zorder=3 if not hollow else 2, facecolors="none" if hollow else color, edgecolors=color)
    _region_ticks(ax, order, highlight)
    for r in missing:
        ax.text(0.02, pos[r], "no numeric target", transform=ax.get_yaxis_transform(), va="center",
                fontsize=MIN_FONT, color="#6b7785", style="italic")
    _reference_lines(ax, reference, div, unit)
    ax.tick_params(axis="x", labelsize=MIN_FONT)
    ax.set_xlabel(label, fontsize=MIN_FONT + 1)
    ax.set_ylim(-0.7, n - 0.3)
    ax.grid(axis="y", visible=False)
    handles = [plt.Line2D([], [], marker="o", linestyle="", color=style.KIND_COLORS["target"], label=str(years[1])),
               plt.Line2D([], [], marker="o", linestyle="", markerfacecolor="none", markeredgecolor="#9aa7b4",
                          label=str(years[0])),
               plt.Line2D([], [], marker="^", linestyle="", color="#555555", label="≥ floor"),
               plt.Line2D([], [], marker="v", linestyle="", color="#555555", label="≤ ceiling")]
    top = _title(fig, title)
    fig.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 1 - top / fig.get_figheight()), ncol=4,
               fontsize=MIN_FONT, frameon=False, handletextpad=0.1, columnspacing=0.7)
    _tight(fig, top_in=0.34)  # the legend under the title (tight_layout makes room for the title itself)
    return fig


REFERENCE_COLOR = "#5b3f8c"


def _reference_lines(ax, reference, div: float, unit: str) -> None:
    """Vertical reference lines (the national target or result) across the provinces, each labelled
    along its line. reference: [(label, value_base, base_unit, linestyle)]; a value in another unit than
    the chart's is left out (like with like). The x range is widened to show every line."""
    lines = [(lab, v / div, ls) for lab, v, u, ls in reference if u == unit and v == v]
    if not lines:
        return
    lo, hi = ax.get_xlim()
    xs = [x for _, x, _ in lines]
    lo2, hi2 = min([lo, *xs]), max([hi, *xs])
    pad = (hi2 - lo2) * 0.04 if (lo2, hi2) != (lo, hi) else 0
    ax.set_xlim(lo2 - (pad if lo2 < lo else 0), hi2 + (pad if hi2 > hi else 0))
    for lab, x, ls in lines:
        ax.axvline(x, color=REFERENCE_COLOR, linestyle=ls, linewidth=1.2, zorder=1.5)
        ax.text(x, 0.995, f"{lab} ", transform=ax.get_xaxis_transform(), rotation=90, ha="right", va="top",
                fontsize=MIN_FONT, color=REFERENCE_COLOR)


def _marker(qualifier: str) -> str:
    return {"over": "^", "at_least": "^", "under": "v", "at_most": "v"}.get(qualifier, "o")


def _markers(rows: pd.DataFrame) -> pd.Series:
    """The marker of each target: a floor (only a lower bound) ^, a ceiling (only an upper bound) v, else
    (exact, 左右, a range) a dot; from the qualifier for rows without low/high."""
    if "low" not in rows or "high" not in rows:
        return rows["qualifier"].map(_marker)
    lo, hi = rows["low"].notna(), rows["high"].notna()
    return pd.Series(["^" if a and not b else "v" if b and not a else "o" for a, b in zip(lo, hi)], index=rows.index)


def signed(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows with value_base replaced by value_signed (a fall negative), for plotting; as they are when
    the table has no value_signed."""
    if "value_signed" not in rows or rows.empty:
        return rows
    return rows.assign(value_base=rows["value_signed"].fillna(rows["value_base"]))


def province_values(rows: pd.DataFrame, title: str, highlight: str = "", reference=()):
    """One value per province (one concept, one unit), ranked; floors and ceilings as triangles.
    Returns None when empty."""
    if rows.empty:
        return None
    d = signed(rows).sort_values("value_base")
    unit = d["base_unit"].iloc[0]
    div, label = _axis_label(unit, d["value_base"])
    n = len(d)
    lines = len(textwrap.wrap(title, width=44))
    fig, ax = plt.subplots(figsize=(PHONE_WIDTH_IN, 1.2 + 0.22 * lines + 0.24 * max(n, 3)))
    color = style.KIND_COLORS.get(d["kind"].iloc[0], "#333333")
    for q_marker, group in d.groupby(_markers(d)):
        ax.scatter(group["value_base"] / div, [list(d["region_en"]).index(r) for r in group["region_en"]],
                   marker=q_marker, s=34, color=color, zorder=3)
    for i, v in enumerate(d["value_base"] / div):
        ax.plot([0, v], [i, i], color="#dddddd", linewidth=1, zorder=1)
    _region_ticks(ax, list(d["region_en"]), highlight)
    values = d["value_base"] / div
    low, high = min(0.0, float(values.min())), max(0.0, float(values.max()))
    pad = (high - low) * 0.05 or 1.0
    # the stems start at zero; a fall (negative, signed) extends left of it and is shown, not cut off
    ax.set_xlim(low - (pad if low < 0 else 0), high + pad)
    if low < 0:
        ax.axvline(0, color="#888888", linewidth=0.8, zorder=1)
    _reference_lines(ax, reference, div, unit)
    ax.tick_params(axis="x", labelsize=MIN_FONT)
    ax.set_xlabel(label, fontsize=MIN_FONT + 1)
    ax.set_ylim(-0.7, n - 0.3)
    ax.grid(axis="y", visible=False)
    _title(fig, title)
    _tight(fig, top_in=0)
    return fig
