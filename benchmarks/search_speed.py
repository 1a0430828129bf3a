"""Search of the built site: what a reader gets and downloads for a query, and what the index costs.

    python benchmarks/search_speed.py [SITE] [--query 低空经济 --query ...]

SITE is a built site (default ``book/_build/html``, from ``make build``). The script

1. rebuilds the Pagefind index of a copy of the site and times it (``analysis.site.search.index_site``),
   and reports its size on disk;
2. serves the copy on 127.0.0.1 and opens ``search.html?q=QUERY`` in headless Chromium at 390 px,
   once per query: how many reports the page lists (the first ten with the words as written, each with
   its sentence), how many results Sphinx's search of the chapters gives, and the bytes the page
   fetched for the search (Pagefind's runtime, index chunks and page fragments) besides the page itself;
3. for the Sphinx search (jieba), the size of ``searchindex.js`` (fetched whole by every search) and
   whether the query is one of its index words.

Prints one JSON line per query and one for the index. No test depends on these figures.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import re
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.site import search  # noqa: E402

QUERIES = ["低空经济", "新质生产力", "人工智能"]


def sphinx_terms(site: Path) -> tuple[int, int, dict]:
    js = (site / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(js[js.index("(") + 1: js.rindex(")")])
    return len(js.encode()), len(gzip.compress(js.encode())), index["terms"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("site", nargs="?", default=str(ROOT / "book" / "_build" / "html"))
    ap.add_argument("--query", action="append")
    args = ap.parse_args()
    site = Path(args.site)
    if not (site / "search.html").exists():
        sys.exit(f"error: {site} is not a built site (run make build)")
    chromium = shutil.which("chromium")
    if not chromium:
        sys.exit("error: chromium is not installed (make system)")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "html"
        shutil.copytree(site, copy, ignore=shutil.ignore_patterns("pagefind"))
        seconds = search.index_site(copy)
        size = sum(f.stat().st_size for f in (copy / search.OUTPUT).rglob("*") if f.is_file())
        pages = len(search.records(copy))
        raw, gz, terms = sphinx_terms(copy)
        print(json.dumps({"pagefind_index_seconds": round(seconds, 1), "pagefind_pages": pages,
                          "pagefind_bytes_on_disk": size, "sphinx_searchindex_bytes": raw,
                          "sphinx_searchindex_gzip_bytes": gz}))

        class Quiet(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *a):
                pass

        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(copy)))
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{httpd.server_address[1]}/"
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
                for q in args.query or QUERIES:
                    page = browser.new_page(viewport={"width": 390, "height": 800})
                    fetched = []

                    def on_response(resp, fetched=fetched):
                        try:
                            fetched.append((resp.url, len(resp.body())))
                        except Exception:  # noqa: BLE001 - redirects have no body
                            pass

                    page.on("response", on_response)
                    start = time.monotonic()
                    page.goto(base + "search.html?q=" + q)
                    page.wait_for_function("() => { const s = document.querySelector('#report-search .rs-status');"
                                           " return s && s.textContent.indexOf('Searching') < 0; }", timeout=60000)
                    page.wait_for_load_state("networkidle")
                    elapsed = time.monotonic() - start
                    listed = page.eval_on_selector_all("#report-search li a", "els => els.map(e => e.textContent)")
                    sphinx = page.eval_on_selector_all("#search-results li", "els => els.length")
                    kinds: dict[str, int] = {}
                    for url, n in fetched:
                        if "/pagefind/" in url:
                            k = "fragments" if "/fragment/" in url else "index" if "/index/" in url else "runtime"
                            kinds[k] = kinds.get(k, 0) + n
                    print(json.dumps({
                        "query": q, "reports_listed": len(listed),
                        "regions_listed": len({re.sub(r" 20\d\d .*", "", t) for t in listed}),
                        "status": page.text_content("#report-search .rs-status"),
                        "pagefind_bytes": sum(kinds.values()), **{f"pagefind_{k}": v for k, v in kinds.items()},
                        "sphinx_results": sphinx, "sphinx_index_has_word": q in terms,
                        "seconds": round(elapsed, 2)}, ensure_ascii=False))
                    page.close()
                browser.close()
        finally:
            httpd.shutdown()


if __name__ == "__main__":
    main()
