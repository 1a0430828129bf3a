"""The corpus tables: matching targets and results by concept, the met rule, revisions, and the
HTML and charts of the corpus chapters (synthetic rows, so that each rule is tested on its own)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis.corpus import manifest, placement, revisions, scorecard
from analysis.corpus.apart import is_addition
from analysis.site import charts, corpus_charts, corpus_views, prose, report, style, views


def row(doc, concept, kind, value, qualifier="exact", unit="%", year=2025, report_year=2025, region="Alpha",
        section=None, subject="", period="annual", raw=None, sentence=None, start=10):
    raw = raw or f"{value:g}{unit}"
    sentence = sentence or f"指标增长{raw}。"
    k = sentence.find(raw)
    return {"doc": doc, "id": f"i{start + k}-{start + k + len(raw)}", "start": start + k, "end": start + k + len(raw),
            "raw": raw, "value": value, "unit": unit, "value_base": value, "base_unit": unit, "unit_en": "",
            "qualifier": qualifier, "kind": kind, "estimate": False,
            "measure": "growth" if unit == "%" else "level", "sector": "macro", "sectors": "macro",
            "metric_zh": "指标", "metric_en": concept, "metric_en_source": "glossary", "year": year,
            "section": section or ("targets" if kind == "target" else "review"), "section_title": "",
            "paragraph": 1, "sentence": sentence, "sentence_start": start, "sentence_end": start + len(sentence),
            "concept": concept, "concept_en": concept.replace("_", " ").capitalize(), "subject": subject,
            "period": period, "region": region, "region_en": region, "report_year": report_year, "level": "provincial"}


def frame(*rows):
    return manifest.with_context(pd.DataFrame(list(rows)))


def test_floor_target_met_and_missed():
    t = row("a25", "gdp_growth", "target", 6, "about")
    assert scorecard.verdict("gdp_growth", t, row("a26", "gdp_growth", "achieved", 6.1))[0] == "met"
    assert scorecard.verdict("gdp_growth", t, row("a26", "gdp_growth", "achieved", 5.8 + scorecard.ABOUT_MARGIN_PP))[0] == "met"
    v, gap = scorecard.verdict("gdp_growth", t, row("a26", "gdp_growth", "achieved", 4.7))
    assert v == "missed" and gap == pytest.approx(-1.3)
    over = row("a25", "fai_growth", "target", 6, "over")  # 以上: a floor without the 'about' margin
    assert scorecard.verdict("fai_growth", over, row("a26", "fai_growth", "achieved", 5.9))[0] == "missed"


def test_ceiling_concepts():
    t = row("a25", "unemployment_rate", "target", 5.5, "about")
    assert scorecard.verdict("unemployment_rate", t, row("a26", "unemployment_rate", "achieved", 5.1))[0] == "met"
    assert scorecard.verdict("unemployment_rate", t, row("a26", "unemployment_rate", "achieved", 5.6))[0] == "missed"
    cpi = row("a25", "cpi_growth", "target", 2, "about")
    assert scorecard.verdict("cpi_growth", cpi, row("a26", "cpi_growth", "achieved", 0.1))[0] == "met"


def test_not_reported_and_not_comparable():
    t = row("a25", "new_urban_jobs", "target", 30, "over", unit="万人")
    assert scorecard.verdict("new_urban_jobs", t, None)[0] == "not reported"
    assert scorecard.verdict("new_urban_jobs", t, row("a26", "new_urban_jobs", "achieved", 3.0))[0] == "not comparable"


def test_scorecard_pairs_by_concept_and_year_not_by_wording():
    df = frame(
        row("a25", "gdp_growth", "target", 6, "about", report_year=2025, year=2025),
        row("a25", "gdp_growth", "target", 5, "about", report_year=2025, year=2030, period="five_year_goal",
            start=200),
        row("a25", "gdp_growth", "target", 9, report_year=2025, year=2025, subject="某公司", start=300),
        row("a26", "gdp_growth", "achieved", 4.7, report_year=2026, year=2025),
        row("a26", "gdp_growth", "achieved", 5.5, report_year=2026, year=2025, period="multi_year", start=400),
        row("a26", "cpi_growth", "achieved", 0.2, report_year=2026, year=2025, start=500),
    )
    card = scorecard.region_scorecard(df, 2025)
    assert len(card) == 1
    c = card.iloc[0]
    assert (c["concept"], c["verdict"], c["t_value_base"], c["r_value_base"]) == ("gdp_growth", "missed", 6, 4.7)
    counts = scorecard.met_counts(card)
    assert counts.iloc[0][["met", "missed", "targets"]].tolist() == [0, 1, 1]


def test_revisions():
    df = frame(
        row("a25", "gdp_growth", "target", 6, "about"), row("a26", "gdp_growth", "target", 5, "about", report_year=2026,
                                                           year=2026),
        row("a25", "cpi_growth", "target", 2, "about", start=50),
        row("a26", "cpi_growth", "target", 2, "about", report_year=2026, year=2026, start=50),
        row("a25", "fai_growth", "target", 5, start=90),
        row("a26", "retail_sales_growth", "target", 5, report_year=2026, year=2026, start=90),
    )
    rev = revisions.revisions(df, 2025, 2026).set_index("concept")
    assert rev.loc["gdp_growth", "status"] == "cut" and rev.loc["gdp_growth", "change"] == -1
    assert rev.loc["cpi_growth", "status"] == "kept"
    assert rev.loc["fai_growth", "status"] == "dropped"
    assert rev.loc["retail_sales_growth", "status"] == "new"
    counts = revisions.revision_counts(revisions.revisions(df, 2025, 2026)).set_index("concept")
    assert counts.loc["gdp_growth", "cut"] == 1


def test_scorecard_html_links_both_sentences_and_escapes():
    t = row("a25", "gdp_growth", "target", 6, "about", raw="6%", sentence="<b>增长5%，GDP增长6%左右</b>")
    r = row("a26", "gdp_growth", "achieved", 4.7, report_year=2026)
    card = scorecard.scorecard(pd.DataFrame([t]), pd.DataFrame([r]))
    html = corpus_views.scorecard_html(card, {}, own_doc="a25", years=(2025, 2026))
    assert 'href="source.html#' + t["id"] + '"' in html
    assert 'href="../data/source-a26.html#' + r["id"] + '"' in html
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert "6%左右" in html and "missed" in html and "−1.3 pp" in html


def test_as_written_uses_the_rows_offsets_not_the_first_match():
    sentence = "地区生产总值增长5%左右，城镇调查失业率5%以内。"
    k = sentence.rfind("5%")
    r = row("b25", "unemployment_rate", "target", 5, "under", raw="5%", sentence=sentence, start=100)
    r.update(start=100 + k, end=100 + k + 2, id=f"i{100 + k}-{102 + k}")
    assert report.as_written(r) == "5%以内"
    assert report.bound(r) == ("≤", "at most")
    pre, mark, post = views.highlight(r)
    assert mark == "5%" and post.startswith("以内") and pre.endswith("城镇调查失业率")
    assert "<mark>5%</mark>以内" in views.indicators_table(pd.DataFrame([r]), "t")


def test_ge_le_for_yishang_yixia():
    for word, sign in (("以上", "≥"), ("以下", "≤"), ("以内", "≤")):
        sentence = f"粮食产量稳定在500万吨{word}。"
        r = row("c", "grain_output", "target", 500, "over" if word == "以上" else "under", unit="万吨",
                raw="500万吨", sentence=sentence)
        assert report.bound(r)[0] == sign
        assert sign in report.display_value(r)
        assert ">" not in report.display_value(r).replace("≥", "") and "<" not in report.display_value(r)


def _svg_font_sizes(html):
    return [float(x) for x in re.findall(r"font-size: ([\d.]+)px", html)]


def test_charts_are_svg_with_alt_text_and_source():
    style.setup()
    card = pd.DataFrame([{"region_en": r, "concept": "gdp_growth", "verdict": v, "gap": rv - 5,
                          "t_value_base": 5.0, "r_value_base": rv, "t_base_unit": "%", "t_qualifier": "about",
                          "t_row": row(r, "gdp_growth", "target", 5, "about"),
                          "r_row": row(r, "gdp_growth", "achieved", rv)}
                         for r, rv, v in (("Alpha", 5.4, "met"), ("Beta", 4.1, "missed"))])
    fig = corpus_charts.target_result_dots(card, "GDP growth", highlight="Alpha")
    alt = prose.result_chart_alt(card, "GDP growth", "Alpha", (2025, 2026))
    html = charts.figure_html(fig, alt, "test source")
    assert html.startswith('<figure class="chart">') and "<svg" in html and "<img" not in html
    assert 'role="img"' in html and "1 met the target, 1 missed it" in html and "<title>" in html
    assert "Source: test source" in html
    assert min(_svg_font_sizes(html)) >= charts.MIN_FONT
    # scaled to a 390 px phone's column (~350 px), chart text stays >= 9 CSS px
    width = float(re.search(r"max-width:(\d+)px", html).group(1))
    assert min(_svg_font_sizes(html)) * min(1, 350 / width) >= 7.4  # 9 pt text -> >= 9 CSS px checked in browser
    assert corpus_charts.target_result_dots(card.iloc[0:0], "x") is None


def test_two_figures_on_a_page_have_distinct_ids():
    style.setup()
    a = pd.DataFrame([row("x", "gdp_growth", "target", 5, "about")]).assign(region_en="Alpha")
    b = pd.DataFrame([row("y", "gdp_growth", "target", 6, "over")]).assign(region_en="Beta")
    h1 = charts.figure_html(corpus_charts.province_target_dots(a, b, (2025, 2026), "one"), "a", "s")
    h2 = charts.figure_html(corpus_charts.province_target_dots(b, a, (2025, 2026), "two"), "b", "s")
    ids1 = set(re.findall(r'id="([^"]+)"', h1))
    ids2 = set(re.findall(r'id="([^"]+)"', h2))
    assert ids1 and not ids1 & ids2


def test_place_of_a_report_outside_the_corpus(tmp_path):
    p = tmp_path / "x.txt"
    p.write_text("某县政府工作报告\n各位代表：\n地区生产总值增长5%左右。\n", encoding="utf-8")
    place = placement.place(p)
    assert not place.in_corpus and placement.year_pair(place) is None
    assert "no counterpart" in prose.not_in_corpus(place, "Comparing")


def test_place_of_the_shipped_seed():
    from tests.helpers import SEED

    place = placement.place(SEED)
    assert place.region_en == "Inner Mongolia" and place.year == 2025
    assert placement.year_pair(place) == (2025, 2026)
    assert place.next.name == "2026_neimenggu.txt"


@pytest.mark.parametrize("name", ["guangdong", "Guangdong", "广东", "Inner Mongolia", "neimenggu"])
def test_find_region(name):
    assert manifest.find_region(name) is not None


def test_target_nature_from_the_words():
    def t(sentence, raw, qualifier="exact"):
        r = row("s", "x", "target", 1, qualifier, unit="万千瓦", raw=raw, sentence=sentence)
        return prose.target_nature(r)

    assert t("力争新增并网4000万千瓦。", "4000万千瓦") == "a fixed figure, a stretch goal (力争)"
    assert t("发电量超过3000万千瓦。", "3000万千瓦", "over") == "a floor"
    assert t("装机达到500万千瓦以上。", "500万千瓦", "over") == "a floor"
    assert t("规模5000万千瓦左右，力争再增加。", "5000万千瓦", "about") == "an approximate level"


def test_sector_brief_says_whose_figures():
    rows = pd.DataFrame([row("s", "x", "target", 4000, unit="万千瓦", raw="4000万千瓦", sentence="力争新增并网4000万千瓦。"),
                         row("s", "y", "target", 4500, "over", unit="万千瓦", raw="4500万千瓦",
                             sentence="蒙能集团电力总装机超过4500万千瓦。", subject="蒙能集团", start=90)])
    rows["sectors"] = "energy"
    brief = prose.sector_brief(rows, pd.DataFrame(columns=["target_id"]), "Energy")
    assert "2 quantities" in brief and "1 are the region's own figures" in brief and "蒙能集团" in brief
    assert "a stretch goal (力争)" in brief and "a floor" in brief
    assert "no quantity" in prose.sector_brief(rows.iloc[0:0], pd.DataFrame(columns=["target_id"]), "Dairy")


def test_build_region_year_errors_are_one_line(tmp_path):
    import subprocess
    import sys

    from analysis.project import config

    for args in (["--region", "atlantis"], ["--region", "guangdong", "--year", "1999"],
                 ["--region", "guangdong", "--seed", str(config.DEFAULT_SEED)]):
        p = subprocess.run([sys.executable, "-m", "analysis", "build", *args, "--out", str(tmp_path / "x")],
                           capture_output=True, text=True, cwd=config.ROOT)
        assert p.returncode != 0 and p.stderr.count("\n") == 1 and p.stderr.startswith("error: "), (args, p.stderr)
        assert "Traceback" not in p.stderr


@pytest.mark.parametrize("text", ["某县政府工作报告\n各位代表：\n今年工作很好。\n",
                                  "某县2025年政府工作报告\n各位代表：\n一、2024年工作回顾\n全县地区生产总值增长5%。\n"])
def test_every_chapter_renders_a_report_with_zero_or_one_quantity(tmp_path, text):
    """Every chapter's code, run in-process on a report with 0 or 1 quantity: no error, something shown."""
    import nbformat

    from analysis.project import config

    seed = tmp_path / "tiny.txt"
    seed.write_text(text, encoding="utf-8")
    for ch in config.report_config()["chapters"]:
        nb = nbformat.read(config.resolve(ch["template"]), as_version=4)
        shown = []
        env: dict = {}
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            exec(cell.source, env)  # noqa: S102 - the project's own templates
            if "parameters" in cell.metadata.get("tags", []):  # what papermill injects after the defaults
                env.update({"seed": str(seed), **(ch.get("parameters") or {})})
            env["display"] = shown.append
            env["glue"] = lambda *a, **k: None
        assert shown, ch["name"]
        html = " ".join(str(getattr(x, "data", x)) for x in shown)
        assert "Traceback" not in html and "KeyError" not in html, ch["name"]


def test_corpus_seed():
    from analysis.reading.decoding import ReportError

    assert placement.corpus_seed("guangdong", 2026).name == "2026_guangdong.txt"
    assert placement.corpus_seed("Inner Mongolia", 2025).name == "2025_neimenggu.txt"
    assert placement.corpus_seed("广东").name == "2026_guangdong.txt"  # the latest year by default
    assert placement.corpus_seed("", 2026).name == "2026_neimenggu.txt"  # the shipped report's region by default
    with pytest.raises(ReportError, match="no report of region"):
        placement.corpus_seed("atlantis", 2025)


def test_a_target_with_the_same_number_and_another_qualifier_is_not_kept():
    """5%以上 -> 5%左右: a floor became an approximate aim (issue 13); 2%左右 -> 2%左右 is kept."""
    df = frame(
        row("a25", "gdp_growth", "target", 5, "over"),
        row("a26", "gdp_growth", "target", 5, "about", report_year=2026, year=2026),
        row("a25", "cpi_growth", "target", 2, "about", start=50),
        row("a26", "cpi_growth", "target", 2, "about", report_year=2026, year=2026, start=50),
    )
    rev = revisions.revisions(df, 2025, 2026).set_index("concept")
    assert rev.loc["gdp_growth", "status"] == "requalified" and rev.loc["gdp_growth", "change"] == 0
    assert rev.loc["cpi_growth", "status"] == "kept"
    counts = revisions.revision_counts(revisions.revisions(df, 2025, 2026)).set_index("concept")
    assert counts.loc["gdp_growth", "requalified"] == 1 and counts.loc["gdp_growth", "kept"] == 0


def _named(r, name, **kw):
    return {**r, "metric_zh": name, **kw}


def test_an_addition_is_not_compared_with_a_total():
    """公路通车总里程9.3万公里 -> 新增公路通车里程1500公里: a stock and an addition (issue 13, a reader's review);
    two additions (新增 in either place of the name, 增量) are compared."""
    y26 = {"report_year": 2026, "year": 2026}
    df = frame(
        _named(row("a25", "road_length", "target", 93000, unit="公里"), "公路通车总里程"),
        _named(row("a26", "road_length", "target", 1500, unit="公里", **y26), "新增公路通车里程"),
        _named(row("a25", "urban_jobs_new", "target", 50, unit="万人", start=50), "新增城镇就业"),
        _named(row("a26", "urban_jobs_new", "target", 45, unit="万人", start=50, **y26), "城镇新增就业"),
        _named(row("a25", "financing", "target", 9, unit="亿元", start=90), "社会融资规模增量"),
        _named(row("a26", "financing", "target", 9, unit="亿元", start=90, **y26), "新增社会融资规模"),
    )
    rev = revisions.revisions(df, 2025, 2026, concepts=None).set_index("concept")
    assert rev.loc["road_length", "status"] == "not comparable" and pd.isna(rev.loc["road_length", "change"])
    assert rev.loc["urban_jobs_new", "status"] == "cut" and rev.loc["urban_jobs_new", "change"] == -5
    assert rev.loc["financing", "status"] == "kept"
    assert is_addition({"metric_zh": "新建停车位"}) and not is_addition({"metric_zh": "建好停车位"})


def test_count_classifiers_are_one_unit_other_units_differ():
    """80户 -> 80家 enterprises is the same count (kept), 600部 -> 800台 lifts raised; 3.5万套 dwellings against
    3000户 households, or 30项 against 10个, are not surely counts of one thing: 'different unit'."""
    y26 = {"report_year": 2026, "year": 2026}
    df = frame(
        row("a25", "firms", "target", 80, unit="户"), row("a26", "firms", "target", 80, unit="家", **y26),
        row("a25", "lifts", "target", 600, unit="部", start=50), row("a26", "lifts", "target", 800, unit="台", start=50, **y26),
        row("a25", "housing", "target", 35000, unit="套", start=90),
        row("a26", "housing", "target", 3000, unit="户", start=90, **y26),
        row("a25", "projects", "target", 30, unit="项", start=130),
        row("a26", "projects", "target", 10, unit="个", start=130, **y26),
    )
    rev = revisions.revisions(df, 2025, 2026, concepts=None).set_index("concept")
    assert rev.loc["firms", "status"] == "kept"
    assert rev.loc["lifts", "status"] == "raised" and rev.loc["lifts", "change"] == 200
    assert rev.loc["housing", "status"] == "different unit" and rev.loc["projects", "status"] == "different unit"
    assert "changed unit" not in set(rev["status"])
    counts = revisions.revision_counts(revisions.revisions(df, 2025, 2026, concepts=None)).set_index("concept")
    assert counts.loc["housing", "different unit"] == 1 and counts.loc["firms", "kept"] == 1


def _range(r, low, high, group):
    return {**r, "low": low, "high": high, "group": group, "value_signed": r["value_base"]}


def test_ranges_are_compared_as_ranges():
    """5%—5.5% is one target with two ends: against 5%左右 it is raised, against 5.5%左右 cut, against 5%以上 the
    floor is kept and a ceiling added (requalified), against 5%—5.5% kept, against 4.5%—6% widened."""
    y26 = {"report_year": 2026, "year": 2026}

    def pair(concept, before, start):
        b = _range(row("a26", concept, "target", 5, "at_least", start=start, **y26), 5, 5.5, start)
        return [before, b, {**b, "id": b["id"] + "h", "raw": "5.5%", "value": 5.5, "value_base": 5.5,
                            "value_signed": 5.5, "qualifier": "at_most", "start": b["start"] + 5}]

    one = lambda concept, v, q, start: _range(row("a25", concept, "target", v, q, start=start),  # noqa: E731
                                              v if q != "at_most" else float("nan"),
                                              v if q not in ("at_least", "over") else float("nan"), start)
    df = frame(*pair("up", one("up", 5, "about", 10), 10), *pair("down", one("down", 5.5, "about", 50), 50),
               *pair("floor", one("floor", 5, "at_least", 90), 90),
               *pair("same", _range(row("a25", "same", "target", 5, "at_least", start=130), 5, 5.5, 130), 130),
               *pair("wide", _range(row("a25", "wide", "target", 4.5, "at_least", start=170), 4.5, 6, 170), 170))
    rev = revisions.revisions(df, 2025, 2026, concepts=None).set_index("concept")
    assert (rev.loc["up", "status"], rev.loc["up", "change"]) == ("raised", 0.25)
    assert (rev.loc["down", "status"], rev.loc["down", "change"]) == ("cut", -0.25)
    assert rev.loc["floor", "status"] == "requalified" and rev.loc["same", "status"] == "kept"
    assert rev.loc["wide", "status"] == "requalified"
