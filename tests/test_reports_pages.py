"""The Reports part of the site (a page per report, analysis.site.reports_pages), the national report as the
provinces' reference, and sector chapters that fit the report (sector_chapters.sector_plan)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis.corpus import compare, manifest, one_report, revisions, sector_chapters
from analysis.project import config
from analysis.site import reports_pages
from tests.helpers import ROOT
from tests.test_browser import browser, server  # noqa: F401 - the browser fixtures, shared

SEED = config.DEFAULT_SEED
LINK = re.compile(r'<a class="val" href="([^"#]+)#([^"]+)"')


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    """The pages as the build publishes them: render_pages through the build's cache (keyed by the package,
    the templates, the seed and the corpus; made by the `site` build or the warm_cache fixture, or here)."""
    return reports_pages.pages(SEED)


def test_page_names():
    assert reports_pages.page_name("2026_anhui") == "anhui-2026"
    assert reports_pages.page_name("2025_national") == "national-2025"
    assert reports_pages.page_name("000_3d94fe6dcb412aa7") == "000_3d94fe6dcb412aa7"
    assert reports_pages.page_name("a report (copy)") == "a_report__copy_"


def test_a_page_for_every_report_and_the_seed(pages):
    m = manifest.manifest()
    expected = {f"reports/{reports_pages.page_name(d)}.md" for d in m["doc"]} | {f"reports/{SEED.stem}.md"}
    assert set(pages) == expected | {"reports.md"} and len(expected) == len(m) + 1 >= 65
    index = pages["reports.md"]
    for rel in expected:  # the index links every page once
        assert index.count(f'href="{rel[:-3]}.html"') == 1, rel
    # the national reports first, with level, date and speaker read from their text
    rows = re.findall(r'<tr[^>]*><th scope="row"><a href="reports/([^"]+)\.html">', index)
    assert rows[:2] == ["national-2025", "national-2026"]
    assert "5 March 2025" in index and "李强" in index


def test_every_value_links_to_its_sentence(pages):
    """Each value of a page links to the annotated source of its report, at the anchor of its row (for the
    corpus reports the published source pages; for the seed the site's Annotated source chapter)."""
    from analysis.site import downloads

    sources = downloads.corpus_sources()
    corpus = manifest.corpus()
    ids = corpus.groupby("doc")["id"].apply(set).to_dict()
    n = 0
    for rel, text in pages.items():
        if rel == "reports.md":
            continue
        links = LINK.findall(text)
        assert links or "no paragraph of main expected targets" in text, rel
        for href, anchor in links:
            if href == "../chapters/source.html":  # the seed outside the corpus: its own chapter
                assert rel == f"reports/{SEED.stem}.md"
                continue
            doc = re.fullmatch(r"\.\./data/source-(.+)\.html", href).group(1)
            assert anchor in ids[doc], (rel, href, anchor)
            assert f'id="{anchor}"'.encode() in sources[f"source-{doc}.html"], (rel, anchor)
            n += 1
    assert n > 1000


def test_a_page_has_targets_scorecard_and_revisions(pages):
    page = pages["reports/anhui-2025.md"]
    assert page.startswith("---\n") and "\nnosearch: true\n---\n# Anhui 2025 · 安徽省\n" in page
    for heading in ("## Main targets", "## One year on", "## Revisions"):
        assert f"\n{heading}\n" in page
    assert 'class="indicators scorecard"' in page and "verdict-met" in page
    assert 'href="anhui-2026.html"' in page and 'href="../data/source-2025_anhui.html"' in page
    last = pages["reports/anhui-2026.md"]  # no 2027 report: no scorecard, revisions against 2025
    assert "The corpus has no 2027 report of Anhui" in last and 'class="indicators revisions"' in last
    seed = pages[f"reports/{SEED.stem}.md"]
    assert 'href="neimenggu-2025.html">the full corpus copy' in seed
    # no blank line inside an HTML block (Markdown would end the block there)
    for text in pages.values():
        for block in re.split(r"\n\n+", text):
            if block.startswith("<"):
                assert "\n\n" not in block


def test_pages_are_escaped():
    """Report text reaches the page through the autoescaping template only."""
    from analysis.site.render import env

    e = {"doc": "x", "page": "x", "region_en": "<script>alert(1)</script>", "region_zh": "甲&乙", "year": 2026,
         "level": "provincial", "corpus": True, "seed": False, "complete": "yes"}
    out = env().get_template("report_page.md.j2").render(
        e=e, title=e["region_en"], level="provincial", date="", speaker="<b>", session="", chars="1", n=0,
        n_target=0, n_achieved=0, n_context=0, notes=[], source="../data/source-x.html", targets=None, card=None,
        card_years=None, next=None, prev=None, other=None, revisions=None, rev_years=None, corpus_copy=None,
        rev_counts="")
    assert "<script>" not in out and "&lt;script&gt;" in out and "甲&amp;乙" in out


def test_report_pages_are_written_only_when_changed(tmp_path, monkeypatch):
    monkeypatch.setattr(reports_pages, "pages", lambda seed: {"reports.md": "# All\n", "reports/a-2025.md": "# A\n"})
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "stale-2020.md").write_text("# old\n")
    assert sorted(reports_pages.write(tmp_path, SEED)) == ["reports.md", "reports/a-2025.md", "reports/stale-2020.md"]
    assert not (tmp_path / "reports" / "stale-2020.md").exists()
    assert reports_pages.write(tmp_path, SEED) == []


# ---------------------------------------------------------------------------------------- the national level
def test_the_national_reports_are_the_reference():
    corpus = manifest.corpus()
    assert compare.national_regions(corpus) == {"China (national)"}
    targets = revisions.province_targets(corpus, 2026)
    provinces, national = compare.split_national(targets, compare.national_regions(corpus))
    assert set(national["doc"]) == {"2026_national"} and provinces["region_en"].nunique() == 31
    assert national.loc[national["concept"] == "unemployment_rate", "value"].tolist() == [5.5]


def test_reference_lines_are_drawn_in_the_charts_unit():
    from analysis.site import corpus_charts

    a = pd.DataFrame({"region_en": ["A", "B"], "value_base": [5.0, 6.0], "base_unit": ["%", "%"],
                      "qualifier": ["about", "over"]})
    fig = corpus_charts.province_target_dots(a, a, (2025, 2026), "t", "A", reference=[
        ("national 2026: 4.5%", 4.5, "%", "--"), ("other unit", 1e8, "元", ":")])
    ax = fig.axes[0]
    xs = [ln.get_xdata()[0] for ln in ax.get_lines() if ln.get_linestyle() == "--"]
    assert xs == [4.5] and ax.get_xlim()[0] < 4.5  # the line in view; the amount in yuan is left out
    assert any(t.get_text().startswith("national 2026") for t in ax.texts)


# ---------------------------------------------------------------------------------------- sector chapters
def test_sector_chapters_fit_the_report():
    cfg = config.report_config()
    assert sector_chapters.sector_plan(cfg, SEED)[0] == cfg["chapters"]  # Inner Mongolia: its own list
    from analysis.site import report

    gd = config.CORPUS / "2026_guangdong.txt"
    chapters, left = sector_chapters.sector_plan(cfg, gd)
    df, _ = one_report.load(gd)
    sectors = [c["parameters"]["sector"] for c in chapters if "sector" in c.get("parameters", {})]
    assert sectors and "dairy" not in sectors and "rare_earth" not in sectors
    for s in sectors:  # every published sector chapter has quantities of the report
        assert len(report.in_sector(df, s)) >= cfg["sectors"]["min_quantities"], s
    assert len(sectors) <= cfg["sectors"]["max_chapters"]
    assert [c["name"] for c in chapters if "sector" not in c.get("parameters", {})] == [
        c["name"] for c in cfg["chapters"] if "sector" not in c.get("parameters", {})]
    assert all(why for _, why in left)
    # a configured sector with nothing to show is left out, with the reason
    own = {**cfg, "sectors": {"regions": {"guangdong": ["rare_earth", "industry"]}}}
    chapters, left = sector_chapters.sector_plan(own, gd)
    assert [c["name"] for c in chapters if "sector" in c.get("parameters", {})] == ["industry"]
    assert ("rare_earth", "the report states no quantity of the sector") in left


def test_sectors_configuration_is_validated(tmp_path):
    base = (ROOT / "book" / "report.yml").read_text(encoding="utf-8")
    for bad, message in (("    Inner Mongolia: [energy, milk]", "unknown sector 'milk'"),
                         ("    Inner Mongolia: energy", "expected a list of sectors"),
                         ("  max_chapters: 0", "at least 1")):
        key = bad.split(":")[0]
        lines = [bad if ln.startswith(key + ":") else ln for ln in base.splitlines()]
        p = tmp_path / "report.yml"
        p.write_text("\n".join(lines) + "\n", encoding="utf-8")
        with pytest.raises(config.ConfigError, match=re.escape(message)):
            config.report_config(p)


def test_other_reports_of_the_sectors_indicators():
    """The Dairy chapter shows the other reports' milk output, e.g. Xinjiang 2025's 牛奶产量198万吨."""
    corpus = manifest.corpus()
    d = compare.concept_mentions(corpus, ["milk_output"], ("Inner Mongolia", 2025))
    assert "2025_neimenggu" not in set(d["doc"])
    row = d[d["doc"] == "2025_xinjiang"].iloc[0]
    assert (row["raw"], row["kind"], row["metric_zh"]) == ("198万吨", "achieved", "牛奶产量")


# ---------------------------------------------------------------------------------------- the built site
@pytest.mark.slow
def test_built_site_has_a_page_per_report(site):
    from tests.test_build import Page

    m = manifest.manifest()
    for doc in [*m["doc"], SEED.stem]:
        page = site / "reports" / f"{reports_pages.page_name(doc)}.html"
        assert page.exists(), page
    html = (site / "reports" / "xinjiang-2025.html").read_text(encoding="utf-8")
    p = Page()
    p.feed(html)
    values = [h for h in p.links if h.startswith("../data/source-2025_xinjiang.html#")]
    assert values
    source = (site / "data" / "source-2025_xinjiang.html").read_text(encoding="utf-8")
    for h in values:
        assert f'id="{h.split("#")[1]}"' in source


@pytest.mark.slow
def test_a_region_without_its_own_list_publishes_no_empty_sector_chapter(tmp_path, monkeypatch, small_corpus):
    """make build REGION=guangdong YEAR=2026: only sector chapters with quantities of the report, and the
    overview names the sectors left out. The build's first stage (data, table of contents, report pages)
    and the overview chapter are run, not the whole build: that every chapter of the table of contents
    becomes a page of the site, and nothing else, is shown by the full build of another report without a
    list of its own (test_build.py::test_any_report_builds_with_the_same_chapters_and_escapes_its_text).
    With the two-report corpus plus Guangdong 2026 (what is tested is the report's own sector chapters, not
    the corpus: cold, three reports extract in seconds; the cached tables are shared by content)."""
    from analysis.build import pipeline as build
    from analysis.project.hashing import tree_hash
    from analysis.site import report

    row = next(r for r in (ROOT / "seeds" / "corpus" / "manifest.csv").read_text(encoding="utf-8").splitlines()
               if r.startswith("2026_guangdong.txt,"))
    with (small_corpus / "manifest.csv").open("a", encoding="utf-8") as f:  # in the corpus, as REGION=guangdong
        f.write(row + "\n")
    shutil.copy2(ROOT / "seeds" / "corpus" / "2026_guangdong.txt", small_corpus)
    manifest.manifest.cache_clear()
    manifest.corpus.cache_clear()
    monkeypatch.setattr(config, "SITES", tmp_path / "sites")  # its book in the test's folder; the caches shared
    seed = small_corpus / "2026_guangdong.txt"
    t = build.plan(str(seed), str(tmp_path / "html"))
    build.stage_book_sources(t)
    build.write_data(t)
    cfg = config.report_config()
    chapters, left = sector_chapters.sector_plan(cfg, seed)
    config.write_toc(t.book, {**cfg, "chapters": chapters})  # as the build does
    build.report_pages(t)
    df, _ = one_report.load(seed)
    toc = (t.book / "_toc.yml").read_text(encoding="utf-8")
    sectors = [ch["parameters"]["sector"] for ch in chapters if "sector" in ch.get("parameters", {})]
    assert sectors and left
    for ch in chapters:
        assert f"chapters/{ch['name']}" in toc
    for x in sectors:
        assert len(report.in_sector(df, x)) > 0
    assert "chapters/dairy" not in toc and "chapters/rare_earth" not in toc
    assert (t.book / "reports" / "guangdong-2026.md").exists()  # its page in the Reports part
    spec = next(s for s in build.chapter_specs(t, tree_hash(t.book / "_data")) if s.name == "overview")
    result = build.execute_chapter(spec)
    assert result.ok, result
    assert "without a chapter, and why" in Path(spec.out).read_text(encoding="utf-8")


@pytest.mark.slow
def test_ten_report_pages_in_the_browser(server, browser):  # noqa: F811 - the fixtures imported above
    """Ten report pages at 390 px and 1280 px: no console error, nothing wider than the screen (wide tables
    scroll inside their wrapper), value links that lead to a highlighted quantity of the annotated source."""
    from analysis.project.config import SCREENSHOTS

    m = manifest.manifest()
    docs = [*m["doc"][m["level"] == "national"], *m["doc"][m["level"] != "national"][::7]][:9] + [SEED.stem]
    assert len(docs) == 10
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in (390, 1280):
        page = browser.new_page(viewport={"width": width, "height": 900})
        errors = []
        page.on("console", lambda msg, errors=errors: errors.append(msg.text) if msg.type == "error" else None)
        for doc in docs:
            name = reports_pages.page_name(doc)
            page.goto(f"{server}reports/{name}.html")
            assert page.locator("h1").first.inner_text().strip()
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (name, width)
            links = page.locator("a.val")
            assert links.count() > 0, name
            if width == 390:
                page.screenshot(path=str(SCREENSHOTS / f"report-{name}-390.png"), full_page=False)
        href = page.locator("a.val").first.get_attribute("href")
        page.goto(f"{server}reports/{href}")  # the last page's first value: its annotated source
        anchor = href.split("#", 1)[1]
        assert page.locator(f'[id="{anchor}"]').count() == 1
        assert not errors, errors
        page.close()


def test_a_range_is_one_target_and_incomparable_pairs_are_shown_apart():
    """5%—5.5% is one row of the main targets, shown 5–5.5% (the page keeps low, high and group); a total
    against an addition is not a revision: shown apart, under both Chinese names (issue 13)."""
    from tests.test_panel import frame, row

    sent = "地区生产总值增长5%—5.5%。"
    lo = {**row("a26", "gdp_growth", "target", 5, "at_least", raw="5%", sentence=sent, report_year=2026, year=2026),
          "low": 5.0, "high": 5.5, "group": 7, "value_signed": 5.0}
    hi = {**lo, "id": "i99-104", "raw": "5.5%", "value": 5.5, "value_base": 5.5, "value_signed": 5.5,
          "qualifier": "at_most", "start": lo["start"] + 3, "end": lo["end"] + 4}
    d = reports_pages.slim(frame(lo, hi))
    links = reports_pages._Links("a26", {"a26"}, "../")
    html = str(reports_pages.main_targets_html(d, links, {}))
    assert html.count("<tr") == 2 and "5–5.5%" in html and "at least" not in html  # header + one target

    y26 = {"report_year": 2026, "year": 2026}
    total = {**row("a25", "road_length", "target", 93000, unit="公里", sentence="公路通车总里程9.3万公里。",
                   raw="9.3万公里"), "metric_zh": "公路通车总里程"}
    new = {**row("a26", "road_length", "target", 1500, unit="公里", sentence="新增公路通车里程1500公里。",
                 raw="1500公里", **y26), "metric_zh": "新增公路通车里程"}
    rev = revisions.revisions(reports_pages.slim(frame(total, new)), 2025, 2026, concepts=None)
    html = str(reports_pages.revisions_html(rev, links, {}))
    assert 'class="indicators revisions"' not in html and "revisions-apart" in html
    assert "公路通车总里程" in html and "新增公路通车里程" in html and "cut" not in html and "addition" in html


def test_a_wider_label_heads_only_the_names_it_covers():
    """Energy: 清洁能源电力装机 (clean-energy capacity, labelled by the wider concept) is not shown under
    "Installed power capacity" but under its Chinese name; every value of the tables has its year (issue 13)."""
    from analysis.site import pages

    rows = pd.DataFrame({"metric_zh": ["电力装机", "清洁能源电力装机"], "metric_en_source": ["glossary", "concept"]})
    assert pages.covered(rows)["metric_zh"].tolist() == ["电力装机"]
    ctx = pages.sector_context(config.resolve(config.report_config()["seed"]), "energy")
    html = ctx.others_html()
    sections = re.split(r"<details", html)
    for part in sections:
        head = re.search(r"<summary>(.*?)</summary>", part)
        if head and head.group(1).startswith("Installed power capacity"):
            names = re.findall(r'<td><span lang="zh">([^<]*)</span></td></tr>', part)  # the 指标 column
            assert names and not any(n.startswith("清洁能源") for n in names), names
    assert any(re.search(r"<summary>清洁能源", p) for p in sections)
    for _, label, chart in ctx.provinces():
        assert ">For</th>" in chart, label


def test_a_part_of_a_target_in_a_sector_sentence_is_not_the_target_of_the_whole():
    """Energy, Inner Mongolia 2025: 治沙140万亩 is the wind-and-solar projects' share (新建新能源装机1500万千瓦、
    治沙140万亩); the report's desertification target is 完成治沙2000万亩以上, in another sector's sentence:
    the energy chapter's year-on table does not show 140万亩 as the target (issue 13)."""
    from analysis.site import pages

    seed = config.resolve(config.report_config()["seed"])
    ctx = pages.sector_context(seed, "energy")
    if ctx.place.year != 2025 or ctx.place.region_en != "Inner Mongolia":
        pytest.skip("the build's report is not Inner Mongolia 2025")
    c = ctx.corpus
    part = c[(c["region_en"] == "Inner Mongolia") & (c["report_year"] == 2025) & (c["raw"] == "140万亩")]
    assert len(part) == 1
    html = ctx.next_year()
    assert "1500万千瓦" in html and f'#{part["id"].iloc[0]}"' not in html
