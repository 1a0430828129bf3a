"""The built site: one page per chapter with a figure and a table, no errors, no broken links,
no CDN; and the build's guarantees (strictness, failing chapters, atomic publish, determinism)."""

from __future__ import annotations

import dataclasses
import functools
import json
import re
import unicodedata
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest

from analysis.build import pipeline as build
from analysis.project import config

from .helpers import copy_warm_cache

pytestmark = pytest.mark.slow

CHAPTERS = [c["name"] for c in config.report_config()["chapters"]]


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids, self.imgs, self.tables, self.assets, self.svgs = [], set(), [], 0, [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "img":
            self.imgs.append(a.get("src", ""))
        if tag == "table":
            self.tables += 1
        if tag == "svg" and a.get("role") == "img":
            self.svgs.append(a.get("aria-label", ""))
        if tag == "script" and a.get("src"):
            self.assets.append(a["src"])
        if tag == "link" and a.get("href") and a.get("rel") in ("stylesheet", "preload", "icon"):
            self.assets.append(a["href"])


def parse(path: Path) -> Page:
    p = Page()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def test_one_page_per_chapter_with_figure_and_table(site):
    for name in CHAPTERS:
        page = site / "chapters" / f"{name}.html"
        assert page.exists(), name
        p = parse(page)
        assert p.tables >= 1 or name in ("source", "methods"), name
        if name in ("overview", "energy", "dairy", "rare_earth", "tourism", "targets"):
            assert p.svgs or any(src.endswith((".png", ".svg")) for src in p.imgs), name  # a chart
        assert all(len(label) > 20 for label in p.svgs), name  # with a real text alternative
    assert (site / "index.html").exists()


def test_no_error_output_in_any_cell():
    for name in CHAPTERS:
        nb = nbformat.read(config.BOOK / "chapters" / f"{name}.ipynb", as_version=4)
        for cell in nb.cells:
            for out in cell.get("outputs", []):
                assert out.get("output_type") != "error", name
                assert out.get("name") != "stderr", (name, out.get("text", "")[:200])


def test_no_broken_internal_links_and_no_cdn(site):
    pages = {p: parse(p) for p in site.rglob("*.html")}
    for path, page in pages.items():
        for href in page.links:
            parts = urlsplit(href)
            if parts.scheme in ("http", "https", "mailto") or href.startswith("javascript:"):
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            assert target.exists(), f"{path.relative_to(site)} -> {href}"
            # a text fragment (#:~:text=…, the themes page's links to a sentence) names words, not an anchor
            if parts.fragment and not parts.fragment.startswith(":~:") and target.suffix == ".html" and target in pages:
                assert parts.fragment in pages[target].ids, f"{path.relative_to(site)} -> {href}"
        for asset in page.assets:
            assert not urlsplit(asset).scheme, f"{path.relative_to(site)} loads {asset} from the network"


def test_every_table_row_links_to_the_source(site):
    source_ids = parse(site / "chapters" / "source.html").ids
    html = (site / "chapters" / "energy.html").read_text(encoding="utf-8")
    links = re.findall(r'href="source\.html#(i\d+-\d+)"', html)
    assert links and set(links) <= source_ids


def test_downloads_are_published_and_equal_the_cli(site):
    from analysis.site import downloads

    files = downloads.files(config.DEFAULT_SEED)
    for name, data in files.items():
        assert (site / "data" / name).read_bytes() == data, name
    pkg = json.loads((site / "data" / "datapackage.json").read_text())
    assert pkg["resources"][0]["schema"] == "schema.json"


def test_second_build_skips_everything(site):
    timings = build.run(out=str(site), quiet=True, check=True)
    assert not [k for k in timings if k.startswith("chapter:")]
    assert "skipped:book" in timings  # the book stage saw nothing changed (not a duration: the machine may be busy)


def test_failing_chapter_names_notebook_and_cell_and_keeps_site(tmp_path, monkeypatch, warm_cache):
    bad = tmp_path / "bad.ipynb"
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell("# Bad"),
                nbformat.v4.new_code_cell('seed = ""', metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell("raise ValueError('broken chapter')")]
    nbformat.write(nb, bad)
    report_yml = tmp_path / "report.yml"
    report_yml.write_text(f"seed: {config.DEFAULT_SEED}\nkernel: python3\nchapters:\n"
                          f"  - {{name: broken, title: Broken, template: {bad}}}\n", encoding="utf-8")
    monkeypatch.setattr(config, "BOOK_CONFIG", report_yml)
    book = tmp_path / "book"
    book.mkdir()
    (book / "_config.yml").write_bytes((config.BOOK / "_config.yml").read_bytes())
    (book / "_toc.yml").write_text("format: jb-book\nroot: chapters/broken\n", encoding="utf-8")
    monkeypatch.setattr(config, "BOOK", book)
    monkeypatch.setattr(config, "BUILD", tmp_path / "build")
    copy_warm_cache(warm_cache, tmp_path / "build")
    site = tmp_path / "published"
    site.mkdir()
    (site / "index.html").write_text("previous site")
    (site / build.SITE_MARKER).write_text("")
    with pytest.raises(build.BuildError) as exc:
        build.run(out=str(site), quiet=True, jobs=1)
    msg = str(exc.value)
    assert "broken" in msg and "bad.ipynb" in msg and "cell" in msg and "ValueError" in msg
    assert (site / "index.html").read_text() == "previous site"
    assert not (book / "chapters" / "broken.ipynb").exists()


def test_clean_notebook_is_deterministic():
    spec = build.ChapterSpec(parameters={"seed": "s.txt"}, template="x.ipynb", template_display="notebooks/x.ipynb",
                             out=str(config.BOOK / "chapters" / "x.ipynb"), hash="h", name="x", title="X")
    nb = nbformat.v4.new_notebook()
    nb.metadata["papermill"] = {"start_time": "2026", "end_time": "2026", "duration": 1.0, "parameters": {}}
    nb.cells = [nbformat.v4.new_markdown_cell("# Template"), nbformat.v4.new_code_cell("1"),
                nbformat.v4.new_code_cell("seed = 'x'", metadata={"tags": ["injected-parameters"]})]
    nb.cells[1].metadata["papermill"] = {"duration": 0.1}
    nb.cells[1].metadata["execution"] = {"iopub.execute_input": "2026-11-27T00:00:00Z"}
    build.clean_notebook(nb, spec)
    text = nbformat.writes(nb)
    assert "2026" not in text and "duration" not in text
    assert nb.cells[0].source == "# X"
    assert nb.cells[2].id == "injected-parameters-2"


def test_any_report_builds_with_the_same_chapters_and_escapes_its_text(tmp_path, small_corpus):
    """Another report, given by path: the same chapters but the sector chapters, which fit the report (none
    without a quantity of the report: sector_chapters.sector_plan), report text shown as text. Built with a
    corpus of two reports (what is tested is the report given, not the corpus)."""
    text = (config.FIXTURES / "unseen" / "national.txt").read_text(encoding="utf-8")
    text += "\n各位代表！<script>alert('x')</script>{{ injected }}，新增城镇就业<b>1200万人</b>以上。\n"
    seed = tmp_path / "other_report.txt"
    seed.write_text(text, encoding="utf-8")
    out = tmp_path / "html"
    build.run(seed=str(seed), out=str(out), quiet=True, jobs=2)
    pages = {p.stem: p.read_text(encoding="utf-8") for p in (out / "chapters").glob("*.html")}
    from analysis.corpus import one_report, sector_chapters
    from analysis.site import report

    plan, left = sector_chapters.sector_plan(config.report_config(), seed)
    assert set(pages) == {c["name"] for c in plan}
    sectors = [c["parameters"]["sector"] for c in plan if "sector" in c.get("parameters", {})]
    assert sectors and set(CHAPTERS) - set(pages) <= {"energy", "dairy", "rare_earth", "tourism"}
    df, _ = one_report.load(seed)
    assert all(len(report.in_sector(df, x)) for x in sectors)  # no empty sector chapter
    assert "without a chapter, and why" in pages["overview"] or not left
    page = (out / "reports" / "other_report.html").read_text(encoding="utf-8")  # its page in the Reports part
    assert "<script>alert" not in page and "<b>1200" not in page
    for name, html in pages.items():
        assert "<script>alert" not in html, name
        assert "{{ injected }}" not in html.replace("&#123;&#123; injected &#125;&#125;", ""), name
    assert "&lt;script&gt;alert" in pages["source"]
    assert "China (national) 2026 government work report" in pages["overview"]  # read from the text
    assert (out / "data" / "indicators.csv").read_bytes().startswith(b"doc,id,start")
    # the shipped report's committed chapters are untouched
    nb = nbformat.read(config.BOOK / "chapters" / "overview.ipynb", as_version=4)
    assert "seeds/000_3d94fe6dcb412aa7.txt" in json.dumps(nb.metadata["papermill"])


def test_pdf_of_the_whole_report(site, tmp_path):
    from pypdf import PdfReader

    from analysis.build import pdf

    out = tmp_path / "report.pdf"
    n = pdf.render(site, out)
    assert n >= len(CHAPTERS)
    reader = PdfReader(str(out))

    @functools.cache
    def text_of(i: int) -> str:  # a page's text is read once (pypdf reads about 10 pages a second)
        return reader.pages[i].extract_text()

    # NFKC: the PDF's font maps some characters to Kangxi radicals (⽣ for 生)
    first_pages = unicodedata.normalize("NFKC", "".join(text_of(i) for i in range(3)))
    assert "overview" in first_pages and "地区生产总值" in first_pages.replace(" ", "")
    assert [o.title for o in reader.outline][:2] == ["Overview", "Energy"]
    # every chapter printed whole: the last section heading of its page is on its own pages of the PDF (read
    # from the chapter's last page backwards, up to the page where it is found: where it is not, all of them)
    starts = [reader.get_destination_page_number(o) for o in reader.outline] + [n]
    for page, first, end in zip(pdf.pages(site), starts, starts[1:]):
        heads = re.findall(r"<h2>([^<]+)", page.read_text(encoding="utf-8"))
        if not heads:
            continue
        word, text = heads[-1].split()[-1], ""
        for i in range(end - 1, first - 1, -1):
            text = unicodedata.normalize("NFKC", text_of(i) + text)  # NFKC of the joined text, as one string
            if word in text:
                break
        assert word in text, (page.name, heads[-1])
        # and long enough: the last heading is also in the chapter's contents on its first page, so a chapter cut
        # to one page would pass the check above; a printed page holds at most ~5,500 characters of these pages
        # (themes, the densest), so a chapter of 12,000 or more cannot fit on one
        html_text = re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", page.read_text(
            encoding="utf-8").partition("<main")[2].partition("</main>")[0], flags=re.S))
        chars = len(re.sub(r"\s+", " ", unescape(html_text)))
        assert end - first >= chars // 12000 + 1, (page.name, chars, end - first)


def test_executing_a_chapter_twice_gives_the_same_file(tmp_path):
    t = build.plan(None, None)
    spec = next(s for s in build.chapter_specs(t, "h") if s.name == "dairy")
    outputs = []
    for i in range(2):
        out = tmp_path / f"run{i}" / "dairy.ipynb"
        result = build.execute_chapter(dataclasses.replace(spec, out=str(out)))
        assert result.ok, result
        outputs.append(out.read_bytes().replace(str(out).encode(), b"OUT"))
    assert outputs[0] == outputs[1]
