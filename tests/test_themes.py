"""Themes across reports (analysis.site.themes, analysis/data/themes.yaml) and the document model's sections
and sentence texts they rest on."""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from analysis.reading import decoding as reading
from analysis.reading import document
from analysis.site import themes

from .helpers import ROOT, SEED

CORPUS = ROOT / "seeds" / "corpus"
# three reports and three terms where no hard line break splits a term: the count is grep's
GREP_REPORTS = ["2025_guangdong.txt", "2026_zhejiang.txt", "2025_beijing.txt"]
GREP_TERMS = ["新质生产力", "人工智能", "低空经济"]
# reports of several provinces (none of the reports being annotated blind)
SEVERAL = ["2025_guangdong.txt", "2025_zhejiang.txt", "2025_anhui.txt", "2025_hubei.txt", "2025_jiangsu.txt",
           "2026_guangdong.txt", "2026_anhui.txt", "2026_hunan.txt"]


def _grep_count(term: str, path: Path) -> int:
    out = subprocess.run(f"grep -o -- {term} {path} | wc -l", shell=True, capture_output=True, text=True,
                         check=True)
    return int(out.stdout.strip())


@pytest.mark.skipif(shutil.which("grep") is None, reason="needs grep")
def test_counts_match_grep_o_on_the_raw_texts():
    paths = [CORPUS / f for f in GREP_REPORTS]
    df = themes.count_terms(paths, GREP_TERMS)
    assert len(df) == len(paths) * len(GREP_TERMS)
    assert list(df.columns) == themes.COLUMNS
    for _, r in df.iterrows():
        assert r["count"] == _grep_count(r["term"], CORPUS / f"{r['report']}.txt"), (r["report"], r["term"])
    assert (df["count"] > 0).sum() >= 6  # not a comparison of zeros
    r = df.iloc[0]
    assert r["per_10k_chars"] == pytest.approx(r["count"] / r["chars"] * 10000)
    assert r["chars"] == len(document.read(paths[0]).text)
    assert set(df["region_en"]) == {"Guangdong", "Zhejiang", "Beijing"}
    assert set(df["level"]) == {"provincial"} and set(df["year"]) == {2025, 2026}


def test_a_term_broken_by_a_hard_line_break_still_counts():
    raw = reading.read_text(SEED)
    joined = re.sub(r"\s+", "", raw)
    broken = [t for t in GREP_TERMS if joined.count(t) > raw.count(t)]
    assert broken, "the seed has a term split by a line break (the case this test is about)"
    df = themes.count_terms(SEED, broken)
    for _, r in df.iterrows():
        assert r["count"] == joined.count(r["term"]) > raw.count(r["term"])


def test_variants_and_themes_count_each_place_once():
    text = "推进人工智能+行动，发展人工智能＋制造和AI+应用。人工智能产业。"
    t = themes.Term("人工智能+", "AI+", ("人工智能＋", "AI+"), "", "")
    assert themes.count(document.read(text).text, t.forms) == 3
    df = themes.count_terms(text, [t, "人工智能"])
    assert df.set_index("term")["count"].to_dict() == {"人工智能+": 3, "人工智能": 3}
    theme = themes.Theme("ai", "人工智能", "AI", (t, themes.Term("人工智能", "AI", (), "ai", "AI")))
    by = themes.count_terms(text, [theme], by="theme")
    assert by["count"].tolist() == [4]  # 人工智能+, 人工智能＋, AI+ and the last 人工智能: each place once
    assert by["theme"].tolist() == ["ai"]


def test_the_shipped_themes_load_and_a_theme_counts_at_least_its_most_frequent_term():
    loaded = themes.load()
    ids = {t.id for t in loaded}
    assert {"new_productive_forces", "artificial_intelligence", "low_altitude_economy", "digital_economy",
            "green_low_carbon", "domestic_demand", "private_economy", "population", "security"} <= ids
    assert all(t.en and t.zh and t.terms for t in loaded)
    path = CORPUS / "2025_guangdong.txt"
    by_term = themes.count_terms(path)
    by_theme = themes.count_terms(path, by="theme").set_index("theme")["count"]
    for tid, g in by_term.groupby("theme"):
        assert g["count"].max() <= by_theme[tid] <= g["count"].sum()


@pytest.mark.parametrize("body, message", [
    ("themes: {Bad-ID: {zh: 低空, en: x, terms: [{zh: 低空, en: x}]}}", "lower_snake_case"),
    ("themes: {low: {zh: 低空, en: x, terms: [{zh: 低空, en: x}], colour: red}}", "unknown key"),
    ("themes: {low: {zh: 低空, terms: [{zh: 低空, en: x}]}}", "'en' is required"),
    ("themes: {low: {zh: 低空, en: x, terms: []}}", "non-empty list"),
    ("themes: {low: {zh: 低空, en: x, terms: [{zh: 低空}]}}", "'en' is required"),
    ("themes: {low: {zh: 低空, en: x, terms: [{zh: 低空, en: x}, {zh: 无人机, en: y, variants: [低空]}]}}",
     "listed twice"),
    ("themes: {low: {zh: 低空, en: x, terms: [{zh: ' 低空', en: x}]}}", "whitespace"),
    ("themes: {low: {zh: 低空, en: x, terms: [{zh: 低空, en: x, variants: 低空经济}]}}", "must be a list"),
    ("themes: [low]", "mapping with one key 'themes'"),
    ("themes: {low: [", "not valid YAML"),
])
def test_a_malformed_themes_file_is_one_line_naming_the_theme_and_key(tmp_path, body, message):
    path = tmp_path / "mine.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(themes.ThemesError) as err:
        themes.load(path)
    text = str(err.value)
    assert message in text and "\n" not in text and text.startswith("mine.yaml")
    if "low:" in body and "[low]" not in body and "low: [" not in body:
        assert "theme low" in text


def test_a_researchers_themes_file_is_used_as_given(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("themes:\n  low:\n    zh: 低空\n    en: Low altitude\n    terms:\n"
                    "      - {zh: 低空经济, en: low-altitude economy}\n", encoding="utf-8")
    df = themes.count_terms(CORPUS / "2025_guangdong.txt", path, by="theme")
    assert df["theme"].tolist() == ["low"]
    assert df["count"].tolist() == [_grep_count("低空经济", CORPUS / "2025_guangdong.txt")]


def test_sentences_of_several_provinces_use_low_altitude_economy():
    found = themes.find_sentences([CORPUS / f for f in SEVERAL], "低空经济")
    assert found["region_en"].nunique() >= 5
    assert found["sentence"].str.contains("低空经济").all()
    for _, r in found.head(20).iterrows():
        doc = document.read(CORPUS / f"{r['report']}.txt")
        assert doc.text[r["start"]:r["end"]] == r["sentence"]
        raw = doc.raw[r["raw_start"]:r["raw_end"]]
        assert re.sub(r"\s+", "", raw) == re.sub(r"\s+", "", r["sentence"])
        assert r["section"]


def test_document_sections_cover_the_paragraphs_in_order():
    doc = document.read(CORPUS / "2026_zhejiang.txt")
    secs = doc.sections
    assert [p for s in secs for p in s.paragraphs] == list(doc.paragraphs)
    for a, b in zip(secs, secs[1:]):
        assert a.end <= b.start and (a.role, a.title) != (b.role, b.title)
    roles = [s.role for s in secs]
    assert "review" in roles and "targets" in roles and any(r.startswith("task-") for r in roles)
    assert roles.index("review") < roles.index("targets")
    for s in secs:
        assert s.start == s.paragraphs[0].start and s.end == s.paragraphs[-1].end
        assert all(p.section == s.role and p.section_title == s.title for p in s.paragraphs)


def test_sentences_carry_their_text_and_section():
    doc = document.read(SEED)
    sentences = doc.sentence_list()
    assert len(sentences) > 50
    assert doc.sentences_text() == [s.text for s in sentences]
    for s in sentences:
        assert doc.text[s.start:s.end] == s.text
        assert doc.paragraphs[s.paragraph].section == s.section
    assert any(s.section == "targets" for s in sentences)
    assert sum("低空经济" in t for t in doc.sentences_text()) >= 1


def test_count_terms_refuses_what_it_cannot_read(tmp_path):
    with pytest.raises(ValueError, match="by is"):
        themes.count_terms(SEED, by="section")
    with pytest.raises(TypeError, match="a report is"):
        themes.count_terms([42], ["低空经济"])


# ---------------------------------------------------------------------------------------- search
def _mini_site(root: Path, files: list[str]) -> Path:
    """A site with the annotated source pages of a few corpus reports (as the build publishes them), the
    site's script and a search page: what the search index and the search page need."""
    import pandas as pd
    from markupsafe import Markup

    from analysis.site import views
    from analysis.site.render import render

    (root / "data").mkdir(parents=True)
    (root / "_static").mkdir()
    shutil.copy(ROOT / "book" / "_static" / "report.js", root / "_static" / "report.js")
    for f in files:
        text = reading.read_text(CORPUS / f)
        body = views.annotated_source(text, pd.DataFrame(columns=["start", "end"]))
        page = render("source_page", title=f, title_zh=f, legend="", body=Markup(body), n=0)
        (root / "data" / f"source-{Path(f).stem}.html").write_text(page, encoding="utf-8")
    (root / "search.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Search</title></head><body>'
        '<div id="search-results"></div><script src="_static/report.js"></script></body></html>', encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def search_site(tmp_path_factory):
    pytest.importorskip("pagefind_bin_extended")
    from analysis.site import search

    site = _mini_site(tmp_path_factory.mktemp("search") / "html", SEVERAL)
    search.index_site(site)
    return site


def test_the_search_index_holds_low_altitude_economy_in_reports_of_several_provinces(search_site):
    from analysis.site import search

    recs = search.records(search_site)
    assert len(recs) == len(SEVERAL)
    with_term = [r for r in recs if "低空经济" in r["content"]]
    titles = {r["title"].split(" 20")[0] for r in with_term}
    assert len(titles) >= 4, titles  # Guangdong, Zhejiang, Anhui, Hubei, Jiangsu, Hunan …
    assert all(r["title"].endswith("government work report") for r in recs)
    expected = {f"/data/source-{Path(f).stem}.html" for f in SEVERAL
                if "低空经济" in document.read(CORPUS / f).text}
    assert {r["url"] for r in with_term} == expected


def test_a_bad_site_is_one_line(tmp_path):
    pytest.importorskip("pagefind_bin_extended")
    from analysis.site import search

    with pytest.raises(search.SearchIndexError) as err:
        search.index_site(tmp_path / "missing")
    assert "\n" not in str(err.value)


@pytest.mark.slow
def test_the_search_page_lists_sentences_of_several_provinces_and_links_to_them(search_site):
    import functools
    import http.server
    import threading

    chromium = shutil.which("chromium")
    if not chromium:
        pytest.fail("chromium is not installed: run `make system`")
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(search_site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"], headless=True)
            page = b.new_page(viewport={"width": 390, "height": 800})
            errors, found = [], {}
            page.on("pageerror", lambda e: errors.append(str(e)))
            for query in ("低空经济", "新质生产力"):  # 新质生产力: words the index cuts into one-character pieces
                page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/search.html?q={query}")
                page.wait_for_function("() => { const s = document.querySelector('#report-search .rs-status');"
                                       " return s && s.textContent.indexOf('Searching') < 0; }", timeout=60000)
                found[query] = page.eval_on_selector_all(
                    "#report-search li", "els => els.map(e => [e.querySelector('a').textContent,"
                    " e.querySelector('a').getAttribute('href'), e.querySelector('.rs-excerpt').textContent])")
                if query == "低空经济":
                    (ROOT / "build").mkdir(exist_ok=True)
                    page.screenshot(path=str(ROOT / "build" / "search-low-altitude.png"))
            b.close()
    finally:
        httpd.shutdown()
    assert not errors
    for query, items in found.items():
        assert len({title for title, _, _ in items}) >= 4, (query, items)
        for _title, href, sentence in items:
            assert query in sentence
            assert href.startswith("/data/source-") and "#:~:text=" in href
            doc_text = document.read(CORPUS / (href.split("source-")[1].split(".html")[0] + ".txt")).text
            assert re.sub(r"\s", "", sentence) in re.sub(r"\s", "", doc_text)  # a sentence of that report


def test_indexable_markdown_holds_every_paragraph_with_markdown_escaped():
    from markdown_it import MarkdownIt

    doc = document.read(CORPUS / "2025_guangdong.txt")
    md = themes.indexable_markdown(doc)
    tokens = MarkdownIt().parse(md)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    paragraphs = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "paragraph_open"]
    unescape = functools.partial(re.sub, r"\\(.)", r"\1")
    sections = [s for s in doc.sections if s.role != "header"]
    assert len(headings) == len(sections)
    body = "".join(unescape(p) for p in paragraphs)
    for para in doc.paragraphs:
        if para.section != "header":
            text = doc.text[para.start:para.end].strip()
            assert text in body or text in map(unescape, headings)
    assert "低空经济" in body
