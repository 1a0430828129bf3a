"""The one chart style of the report: CJK font, colours, scale-aware axes and number formatting.

Every chart of every chapter goes through :func:`setup` (fonts, theme) and :func:`scale` (so that
an axis of 亿元 reads "billion yuan", never 1e11). The CJK font comes from the PyPI package
``noto-cjk-sans-otc`` and is registered with matplotlib at run time, so no system font or stale
font cache is involved.
"""

from __future__ import annotations

import math
from pathlib import Path

from ..language import lexicon, units

KIND_COLORS = {"achieved": "#1b6ca8", "target": "#e07b00", "context": "#7a7a7a"}
KIND_LABELS = {"achieved": "Achieved (past year)", "target": "Target (coming year)", "context": "Context"}
MEASURE_LABELS = {"level": "Level", "growth": "Growth", "share": "Share / rate", "rank": "Rank"}
QUALIFIER_EN = {"exact": "", "about": "about", "over": "over", "under": "under", "near": "nearly",
                "at_least": "at least", "at_most": "at most"}
QUALIFIER_SIGN = {"exact": "", "about": "≈", "over": ">", "under": "<", "near": "≈", "at_least": "≥", "at_most": "≤"}
FONT_FAMILY = "Noto Sans CJK SC"

# Display units by base unit: (threshold, divisor, label). The first row whose threshold the
# largest value reaches is used.
_SCALES = {
    "元": [(1e12, 1e12, "trillion yuan"), (1e9, 1e9, "billion yuan"), (1e6, 1e6, "million yuan"), (0, 1, "yuan")],
    "千瓦": [(1e6, 1e6, "GW"), (1e3, 1e3, "MW"), (0, 1, "kW")],
    "千瓦时": [(1e9, 1e9, "TWh"), (1e6, 1e6, "GWh"), (0, 1, "kWh")],
    "度": [(1e9, 1e9, "TWh"), (1e6, 1e6, "GWh"), (0, 1, "kWh")],
    "人次": [(1e6, 1e6, "million person-times"), (1e3, 1e3, "thousand person-times"), (0, 1, "person-times")],
    "人": [(1e6, 1e6, "million people"), (1e3, 1e3, "thousand people"), (0, 1, "people")],
    "名": [(1e6, 1e6, "million people"), (1e3, 1e3, "thousand people"), (0, 1, "people")],
    "户": [(1e6, 1e6, "million households"), (1e3, 1e3, "thousand households"), (0, 1, "households")],
    "亩": [(1e6, 1e6, "million mu"), (1e3, 1e3, "thousand mu"), (0, 1, "mu")],
    "斤": [(1e9, 2e9, "million tonnes"), (0, 2e3, "tonnes")],
    "吨": [(1e6, 1e6, "million tonnes"), (1e3, 1e3, "thousand tonnes"), (0, 1, "tonnes")],
    "立方米": [(1e9, 1e9, "billion m³"), (1e6, 1e6, "million m³"), (0, 1, "m³")],
    "平方米": [(1e6, 1e6, "million m²"), (0, 1, "m²")],
    "公里": [(0, 1, "km")],
    "P": [(0, 1, "PFLOPS")],
}


def font_path() -> Path:
    """The Noto Sans CJK collection shipped by the noto-cjk-sans-otc package."""
    import noto_cjk_sans_otc

    return Path(noto_cjk_sans_otc.__file__).resolve().parent / "NotoSansCJK-Regular.ttc"


def setup() -> None:
    """Register the CJK font and apply the report's matplotlib/seaborn style (idempotent)."""
    import matplotlib as mpl
    import seaborn as sns
    from matplotlib import font_manager

    path = str(font_path())
    if path not in {f.fname for f in font_manager.fontManager.ttflist}:
        font_manager.fontManager.addfont(path)
    sns.set_theme(style="whitegrid", context="notebook")
    mpl.rcParams.update({
        "font.family": "sans-serif",
        "font.sans-serif": [FONT_FAMILY, "DejaVu Sans"],
        "axes.unicode_minus": False,
        "figure.dpi": 110,
        "savefig.dpi": 110,
        "figure.figsize": (7.5, 4.2),
        "axes.titlesize": 12,
        # the packaged font has one weight (Regular): asking for bold would take a system font where one is
        # installed (charts differing by machine) or warn on stderr where none is
        "axes.titleweight": "normal",
        "axes.labelsize": 10,
        "svg.hashsalt": "govreport",
        "path.simplify": True,
    })


def scale(base_unit: str, values) -> tuple[float, str]:
    """(divisor, label) to show values of one base unit readably: 亿元 amounts as billion yuan."""
    vals = [abs(float(v)) for v in values if v is not None and not (isinstance(v, float) and math.isnan(v))]
    top = max(vals) if vals else 0.0
    for threshold, divisor, label in _SCALES.get(base_unit, []):
        if top >= threshold:
            return divisor, label
    return 1.0, base_unit or ""


def number(x: float, digits: int = 3) -> str:
    """A number for prose and tables: thousands separators, up to `digits` significant decimals."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    if float(x).is_integer():
        return f"{int(x):,}"
    s = f"{x:,.{digits}g}" if abs(x) < 1 else f"{x:,.2f}".rstrip("0").rstrip(".")
    return s


def _ordinal(n: float) -> str:
    n = int(n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def quantity_en(value_base: float, base_unit: str, unit_en: str = "", value: float | None = None,
                measure: str = "level", name: str = "") -> str:
    """A quantity in English words, magnitude multiplied out: 2.73亿人次 -> '273 million person-times',
    1.69万套 -> '16,900 housing units', 增长4.3倍 -> '+430% (5.3× the previous level)', 第2位 -> '2nd'."""
    if base_unit == "%":
        return f"{number(value_base)}%"
    if base_unit == "个百分点":
        return f"{number(value_base)} percentage points"
    if base_unit == "倍":
        if measure == "growth":  # 增长N倍: up N×100%, to N+1 times the previous level
            return f"+{number(value_base * 100)}% ({number(value_base + 1)}× the previous level)"
        return f"{number(value_base)}× (a multiple)"
    if base_unit == "位":
        return _ordinal(value_base) if measure == "rank" else f"{number(value_base)} places"
    div, label = scale(base_unit, [value_base])
    if div != 1:
        return f"{number(value_base / div)} {label}"
    unit_name = _base_unit_en(base_unit, name) or label
    return f"{number(value_base)} {unit_name}".strip()


def _base_unit_en(base_unit: str, name: str = "") -> str:
    """A unit's English name (a classifier's follows the noun the metric name counts: 张床位 beds), else the one
    implied by its counted noun (人: people, 元: yuan)."""
    lex = lexicon.load()
    return units.unit_en(lex.units.get(base_unit, {}), name) or lex.extraction.implied_unit_en.get(base_unit, "")


def plain(x: float) -> str:
    """A number as a Chinese report writes it: no thousands separators (2500, 2.73)."""
    return str(int(x)) if float(x).is_integer() else f"{x:.6g}"
