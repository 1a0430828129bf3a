"""The report's charts (matplotlib/seaborn through analysis.site.style). Each returns a Figure."""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch

from ..corpus.one_report import sector_name
from ..extraction.schema import signed as panel_signed
from ..language import lexicon
from ..language.units import UNSCALED_UNITS
from . import style
from .render import render
from .report import bound

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
    if unit in UNSCALED_UNITS:
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


def signed(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows with value_base replaced by value_signed (a fall negative), for plotting; as they are when
    the table has no value_signed."""
    if "value_signed" not in rows or rows.empty:
        return rows
    return rows.assign(value_base=rows["value_signed"].fillna(rows["value_base"]))
