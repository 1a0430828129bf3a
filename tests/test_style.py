"""Charts: the CJK font renders every glyph, axes are scale-aware."""

from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from analysis.site import charts, report, style  # noqa: E402


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
    ("人次", [3e8], 1e6, "million person-times"),
    ("%", [6], 1, "%"),
])
def test_scale(unit, values, divisor, label):
    assert style.scale(unit, values) == (divisor, label)


@pytest.mark.parametrize("args,words", [
    ((2.73e8, "人次"), "273 million person-times"),
    ((2.5e11, "元"), "250 billion yuan"),
    ((6, "%"), "6%"),
    ((16900, "套"), "16,900 units (housing)"),
    ((10000, "公里"), "10,000 km"),
    ((200000, "P"), "200,000 PFLOPS"),
    ((4.3, "倍", "", None, "growth"), "+430% (5.3× the previous level)"),
    ((1, "倍", "", None, "growth"), "+100% (2× the previous level)"),
    ((2, "位", "", None, "rank"), "2nd"),
    ((4, "位", "", None, "growth"), "4 places"),
])
def test_quantities_in_words(args, words):
    assert style.quantity_en(*args) == words


def test_as_written_keeps_the_report_words():
    import analysis

    df = analysis.extract("投入近200亿元，以旧换新带动消费300多亿元，产值稳定在千亿元以上，增长6%左右。")
    assert [report.as_written(r) for _, r in df.iterrows()] == ["近200亿元", "300多亿元", "千亿元以上", "6%左右"]


def test_a_classifier_in_english_follows_the_noun_it_counts():
    """张 counts beds, cards or sheets: the English follows the metric name where the lexicon knows the noun
    (units en_by_noun), in the data (unit_en), the pages' values and their gaps; without such a noun it stays."""
    import analysis
    from analysis.site import views

    assert style.quantity_en(3000, "张", name="认知障碍照护床位") == "3,000 beds"
    assert style.quantity_en(3000, "张", name="宣传单") == "3,000 sheets"
    assert views.gap_text(-1000, "张", "养老床位") == "−1,000 beds"
    assert views.gap_text(-1000, "张") == "−1,000 sheets"
    df = analysis.extract("新增养老床位3000张，发放社保卡200万张，印发宣传单5万张。")
    assert list(df["unit_en"]) == ["beds", "10,000 cards", "10,000 sheets"]
