"""The report's charts (matplotlib/seaborn through analysis.style). Each returns a Figure."""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch

from . import lexicon, style
from .report import sector_name

RATE_UNITS = {"%", "个百分点", "倍", "位"}


def _label(row, width: int = 30, kind: bool = False) -> str:
    en = "\n".join(textwrap.wrap(str(row["metric_en"]), width=width)[:2])
    zh = str(row["metric_zh"])
    zh = zh if len(zh) <= 14 else zh[:13] + "…"
    if kind:
        zh += f" · {row['kind']}"
    return f"{en}\n{zh}"


def _legend(fig, kinds) -> None:
    """One legend for the figure, under its title, naming only the kinds shown."""
    handles = [Patch(color=style.KIND_COLORS[k], label=style.KIND_LABELS[k]) for k in ("achieved", "target", "context")
               if k in set(kinds)]
    fig.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 1 - 0.36 / fig.get_figheight()),
               ncol=len(handles), fontsize=8, frameon=False)


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
    for unit, g in rows.groupby("base_unit", sort=False):
        key = "rate" if unit in RATE_UNITS else unit
        groups.append((key, unit, g))
    # the panels with the most rows first
    groups.sort(key=lambda x: -len(x[2]))
    groups = groups[:max_panels]
    heights = [min(len(g), max_bars) for _, _, g in groups]
    fig, axes = plt.subplots(len(groups), 1, figsize=(8, 1.3 + 0.75 * sum(heights) + 0.6 * len(groups)),
                             gridspec_kw={"height_ratios": heights}, squeeze=False)
    shown = []
    for ax, (_key, unit, g) in zip(axes[:, 0], groups):
        g = g.sort_values("value_base", ascending=True).tail(max_bars)
        divisor, label = _axis_label(unit, g["value_base"])
        vals = g["value_base"] / divisor
        colors = [style.KIND_COLORS[k] for k in g["kind"]]
        ax.barh(range(len(g)), vals, color=colors, height=0.6)
        ax.set_yticks(range(len(g)), [_label(r, kind=True) for _, r in g.iterrows()], fontsize=8)
        ax.set_xlabel(label)
        for i, (v, (_, r)) in enumerate(zip(vals, g.iterrows())):
            sign = style.QUALIFIER_SIGN.get(r["qualifier"], "")
            ax.text(v, i, f" {sign}{style.number(v)}", va="center", fontsize=8)
        ax.margins(x=0.2)
        shown.extend(g["kind"])
    fig.suptitle(title, fontsize=12, fontweight="bold")
    _legend(fig, shown)
    fig.tight_layout(rect=(0, 0, 1, 1 - 0.62 / fig.get_figheight()))
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
    fig, ax = plt.subplots(figsize=(7.5, 1.4 + 0.34 * len(counts)))
    left = pd.Series(0, index=counts.index)
    for k in counts.columns:
        ax.barh([sector_name(s) for s in counts.index], counts[k], left=left, color=style.KIND_COLORS[k],
                label=style.KIND_LABELS[k])
        left = left + counts[k]
    ax.set_xlabel("number of quantities (a quantity can belong to several sectors)")
    fig.suptitle(title, fontsize=12, fontweight="bold")
    _legend(fig, df["kind"])
    fig.tight_layout(rect=(0, 0, 1, 1 - 0.62 / fig.get_figheight()))
    return fig


def measure_counts(df: pd.DataFrame, title: str = "What the quantities measure"):
    """Bars by measure (level / growth / share / rank), split by kind."""
    counts = df.groupby(["measure", "kind"]).size().unstack(fill_value=0)
    order = [m for m in ("level", "growth", "share", "rank") if m in counts.index]
    counts = counts.reindex(order)
    fig, ax = plt.subplots(figsize=(7.5, 3.0))
    left = pd.Series(0, index=counts.index)
    for k in ("achieved", "target", "context"):
        if k in counts:
            ax.barh([style.MEASURE_LABELS[m] for m in counts.index], counts[k], left=left,
                    color=style.KIND_COLORS[k], label=style.KIND_LABELS[k])
            left = left + counts[k]
    ax.invert_yaxis()
    ax.set_xlabel("number of quantities")
    fig.suptitle(title, fontsize=12, fontweight="bold")
    _legend(fig, df["kind"])
    fig.tight_layout(rect=(0, 0, 1, 1 - 0.62 / fig.get_figheight()))
    return fig


def pair_chart(pairs: pd.DataFrame, df: pd.DataFrame, title: str = "Result and target of the same metric"):
    """Dumbbells from a past result to a future target, one row per metric, scale-aware."""
    if pairs.empty:
        return None
    by_id = df.set_index("id")
    fig, axes = plt.subplots(len(pairs), 1, figsize=(8, 1.2 + 1.05 * len(pairs)), squeeze=False)
    for ax, (_, p) in zip(axes[:, 0], pairs.iterrows()):
        a, t = by_id.loc[p["result_id"]], by_id.loc[p["target_id"]]
        divisor, label = _axis_label(a["base_unit"], [a["value_base"], t["value_base"]])
        va, vt = a["value_base"] / divisor, t["value_base"] / divisor
        ax.plot([va, vt], [0, 0], color="#bbbbbb", linewidth=3, zorder=1)
        ax.scatter([va], [0], color=style.KIND_COLORS["achieved"], s=60, zorder=2)
        ax.scatter([vt], [0], color=style.KIND_COLORS["target"], s=60, zorder=2, marker="D")
        ax.set_yticks([0], [_label(t, 30)], fontsize=8)
        ax.tick_params(axis="x", labelsize=8)
        ax.set_xlabel(label, fontsize=8)
        lo, hi = min(va, vt), max(va, vt)
        pad = (hi - lo) * 0.3 or max(abs(hi), 1) * 0.2
        if a["measure"] == "level" and lo >= 0:
            ax.set_xlim(0, hi * 1.12)  # amounts start at zero, so that a change looks as large as it is
        else:
            ax.set_xlim(lo - pad, hi + pad)
        ax.annotate(style.number(va), (va, 0), xytext=(0, 7), textcoords="offset points", ha="center", va="bottom",
                    fontsize=8, color=style.KIND_COLORS["achieved"])
        ax.annotate(style.number(vt), (vt, 0), xytext=(0, -8), textcoords="offset points", ha="center", va="top",
                    fontsize=8, color=style.KIND_COLORS["target"])
        ax.set_ylim(-1, 1)
        ax.grid(axis="y", visible=False)
    fig.suptitle(title, fontsize=12, fontweight="bold")
    _legend(fig, ["achieved", "target"])
    fig.tight_layout(rect=(0, 0, 1, 1 - 0.62 / fig.get_figheight()))
    return fig
