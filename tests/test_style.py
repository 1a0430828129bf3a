"""Charts: the CJK font renders every glyph, axes are scale-aware."""

from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from analysis import charts, report, style  # noqa: E402


def test_cjk_font_has_every_glyph(seed_df):
    style.setup()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font(s)" becomes a failure
        fig = charts.indicator_bars(report.in_sector(seed_df, "tourism"), title="旅游 Tourism：接待游客、旅游收入")
        fig.canvas.draw()
        fig2 = charts.sector_kind_counts(seed_df)
        fig2.canvas.draw()
    plt.close("all")


def test_missing_glyph_would_be_caught():
    import matplotlib as mpl

    with mpl.rc_context({"font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans"]}):
        fig, ax = plt.subplots()
        ax.set_title("稀土")
        with pytest.warns(UserWarning, match="missing from font"):
            fig.canvas.draw()
    plt.close("all")


@pytest.mark.parametrize("unit,values,divisor,label", [
    ("元", [2.5e11, 1e11], 1e9, "billion yuan"),
    ("元", [5e12], 1e12, "trillion yuan"),
    ("千瓦", [4e7], 1e6, "GW"),
    ("人次", [3e8], 1e6, "million visits"),
    ("%", [6], 1, "%"),
])
def test_scale(unit, values, divisor, label):
    assert style.scale(unit, values) == (divisor, label)


def test_quantities_in_words():
    assert style.quantity_en(2.73e8, "人次") == "273 million visits"
    assert style.quantity_en(2.5e11, "元") == "250 billion yuan"
    assert style.quantity_en(6, "%") == "6%"
    assert style.quantity_zh(6, "%", "about") == "6%左右"
    assert style.quantity_zh(3, "亿人次", "near") == "近3亿人次"
