"""The corpus charts: each province's target against its result (dots coloured by verdict), the targets of two
years side by side, and a concept's values across the provinces, with the national reference."""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import pandas as pd

from . import style
from .charts import MIN_FONT, PHONE_WIDTH_IN, _axis_label, _tight, _title, signed


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
