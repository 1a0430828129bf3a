"""The site in a real browser (headless Chromium from Debian, driven by Playwright): pages load
without console errors, figures show, Chinese renders, search works in English and Chinese,
downloads resolve, chapters weigh under 2 MB; served from a sub-path and opened from disk.
Screenshots land in build/screenshots for a person to look at."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading

import pytest

from analysis.project import config

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
CHAPTERS = ["energy", "dairy", "rare_earth", "tourism"]
CORPUS_CHAPTERS = ["year_on", "provinces"]
SUBPATH = "/reports/gwr/"
# Playwright waits for events (load, network idle, an element, a URL); this only bounds how long a
# wait may take before the test fails, generous for a loaded machine (its default is 30 s).
TIMEOUT_MS = 180_000


@pytest.fixture(scope="module")
def server(site, tmp_path_factory):
    root = tmp_path_factory.mktemp("www")
    target = root / SUBPATH.strip("/")
    target.parent.mkdir(parents=True)
    shutil.copytree(site, target)
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}{SUBPATH}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM:
        pytest.fail("chromium is not installed: run `make system`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def new_page(browser, **options):
    page = browser.new_page(**options)
    page.set_default_timeout(TIMEOUT_MS)
    page.set_default_navigation_timeout(TIMEOUT_MS)
    return page


def open_page(browser, url):
    page = new_page(browser, viewport={"width": 1280, "height": 900})
    errors, sizes = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def on_response(resp):
        try:
            sizes.append(len(resp.body()))
        except Exception:  # noqa: BLE001 - redirects have no body
            pass

    page.on("response", on_response)
    resp = page.goto(url, wait_until="networkidle")
    assert resp is not None and resp.ok, url
    return page, errors, sizes


CJK_RENDERS = """() => {
  const el = document.querySelector('[lang="zh"]');
  const font = getComputedStyle(el).fontFamily;
  const draw = (s) => { const c = document.createElement('canvas'); c.width = 200; c.height = 60;
    const g = c.getContext('2d'); g.font = '32px ' + font; g.fillText(s, 4, 44); return c.toDataURL(); };
  return [el.textContent.length > 0, draw('稀土') !== draw('\\uE000\\uE001'), draw('稀土') !== draw('游客')];
}"""


FIGURES_OK = """() => Array.from(document.querySelectorAll('main figure.chart')).map(f => {
  const svg = f.querySelector('svg[role="img"]');
  const r = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
  const label = svg ? (svg.getAttribute('aria-label') || '') : '';
  return {svg: !!svg, w: r.width, h: r.height, label: label,
          source: (f.querySelector('.chart-source') || {textContent: ''}).textContent};
})"""


def test_home_and_chapters(browser, server):
    shots = config.SCREENSHOTS
    shots.mkdir(parents=True, exist_ok=True)
    for name in ["overview", *CHAPTERS, *CORPUS_CHAPTERS]:
        page, errors, sizes = open_page(browser, server + f"chapters/{name}.html")
        assert not errors, (name, errors)
        figures = page.evaluate(FIGURES_OK)
        assert len(figures) >= 1, name
        for f in figures:
            assert f["svg"] and f["w"] > 100 and f["h"] > 50, (name, f)
            # real alt text: a sentence about the chart, not a file name or a hash
            assert len(f["label"]) > 40 and " " in f["label"] and not re.search(r"[0-9a-f]{16}", f["label"]), (name, f)
            assert f["source"].startswith("Source:"), (name, f)
        assert page.locator("main img").count() == 0, name  # no raster chart left
        assert page.evaluate(CJK_RENDERS) == [True, True, True], name
        assert sum(sizes) < 2 * 2**20, (name, sum(sizes))
        assert "Tight layout" not in page.content() and "UserWarning" not in page.content(), name
        if name in ("overview", "energy", *CORPUS_CHAPTERS):
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=str(shots / f"{'home' if name == 'overview' else name}.png"), full_page=True)
        page.close()


def test_no_empty_band_and_no_author_footer(browser, server):
    page, _, _ = open_page(browser, server + "chapters/overview.html")
    top = page.evaluate("document.querySelector('main h1').getBoundingClientRect().top")
    assert top < 120, top
    assert "By The govreport project" not in page.content()
    assert page.locator(".doc-header").count() == 1
    page.close()


PHONE_TEXT = """() => Array.from(document.querySelectorAll('main figure.chart svg')).flatMap(svg => {
  const vb = svg.viewBox.baseVal; const scale = svg.getBoundingClientRect().width / vb.width;
  return Array.from(svg.querySelectorAll('text')).map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
})"""
PHONE_TABLES = """() => Array.from(document.querySelectorAll('main table')).map(t => {
  const w = t.closest('.table-wrapper'); const r = t.getBoundingClientRect();
  const hint = w ? getComputedStyle(w, '::after').content : 'none';
  return {off: r.right > window.innerWidth + 1, scrolls: !!w && w.classList.contains('scrolls') &&
          w.scrollWidth > w.clientWidth, hint: hint,
          firstVisible: t.querySelector('tbody tr') ? t.querySelector('tbody tr').children[0].getBoundingClientRect().right
                        <= window.innerWidth : true};
})"""


@pytest.mark.parametrize("name", ["overview", "energy", "year_on", "provinces", "indicators"])
def test_phone_390(browser, server, name):
    page = new_page(browser, viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    page.goto(server + f"chapters/{name}.html", wait_until="networkidle")
    sizes = page.evaluate(PHONE_TEXT)
    assert not sizes or min(sizes) >= 9 - 0.05, (name, min(sizes))
    for t in page.evaluate(PHONE_TABLES):
        assert t["firstVisible"], (name, t)
        if t["off"]:  # a table wider than the phone scrolls inside its wrapper and says so
            assert t["scrolls"] and "scroll" in t["hint"], (name, t)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1, (name, width)  # the page itself never scrolls sideways
    if name in ("year_on", "energy"):
        page.screenshot(path=str(config.SCREENSHOTS / f"{name}-390.png"), full_page=False)
    page.close()


def test_corpus_values_link_to_their_sentences(browser, server):
    page, errors, _ = open_page(browser, server + "chapters/year_on.html")
    links = page.locator("table.scorecard a.val")
    assert links.count() >= 2
    for i in range(min(links.count(), 6)):
        href = links.nth(i).get_attribute("href")
        url, anchor = href.split("#")
        other = new_page(browser)
        resp = other.goto(server + "chapters/" + url)
        assert resp is not None and resp.ok, href
        assert other.locator(f'[id="{anchor}"]').count() == 1, href
        other.close()
    assert not errors
    page.close()


def test_index_redirects_to_home(browser, server):
    page, errors, _ = open_page(browser, server + "index.html")
    page.wait_for_url("**/chapters/overview.html")
    assert not errors
    page.close()


@pytest.mark.parametrize("term,expect", [("tourism", "tourism.html"), ("稀土", "rare_earth.html")])
def test_search(browser, server, term, expect):
    page, errors, _ = open_page(browser, server + f"search.html?q={term}")
    results = page.locator("#search-results li a")
    results.first.wait_for()
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any(expect in (h or "") for h in hrefs), hrefs
    assert not errors
    page.close()


def test_filter_box_filters_rows(browser, server):
    page, errors, _ = open_page(browser, server + "chapters/indicators.html")
    rows = page.locator("#table-all tbody tr")
    total = rows.count()
    page.fill("input[data-filter-table=table-all]", "游客")
    visible = page.locator("#table-all tbody tr:visible").count()
    assert 0 < visible < total
    assert not errors
    page.close()


def test_downloads_resolve(browser, server):
    from analysis.site.report import DOWNLOADS

    page, _, _ = open_page(browser, server + "chapters/indicators.html")
    for name, _label, _desc in DOWNLOADS:
        link = page.locator(f'a[href$="{name}"]')
        assert link.count() == 1, name
        href = link.get_attribute("href")
        resp = page.request.get(server + "chapters/" + href)
        assert resp.ok and len(resp.body()) > 100, name
    page.close()


def test_source_anchor_from_a_chapter(browser, server):
    page, _, _ = open_page(browser, server + "chapters/tourism.html")
    link = page.locator("table.indicators a.src-link").first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url("**/source.html#*")
    anchor = href.split("#")[1]
    assert page.locator(f'[id="{anchor}"]').is_visible()
    page.close()


def test_works_opened_from_disk(browser, site):
    page, errors, _ = open_page(browser, (site / "chapters" / "dairy.html").as_uri())
    assert not errors
    assert page.locator("main figure.chart svg").count() >= 1
    page.close()
