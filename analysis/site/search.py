"""Full-text search of every report on the site, with Pagefind (PyPI ``pagefind[extended]``: the
package ships the binary; its extended build segments Chinese, so 低空经济 or 新质生产力 are found as
words, in the text and in the reader's query).

The Sphinx search of the chapters (jieba) indexes only the chapters' own text, not the notebooks'
HTML outputs nor the annotated source pages of the corpus reports (``data/source-*.html``), and it
cuts 低空经济 into 低空 + 经济 in the index while keeping the query whole, so it never finds it. The
build therefore runs :func:`index_site` over the finished site, before it is published: every
element of class ``annotated-source`` (the text of a report, on its annotated source page) becomes a
Pagefind record, written to ``pagefind/`` in the site. The site's search page (``search.html``,
``book/_static/report.js``) shows these results above Sphinx's, each with the sentence it was found
in and a link that opens the report at that sentence (a URL text fragment ``#:~:text=``).

Pagefind loads its index with ``fetch``: it works on any static host, not on a site opened from
disk (``file://``), where the search page says so and Sphinx's search still works.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from ..project.errors import BuildError

ROOT_SELECTOR = ".annotated-source"   # what is indexed: the text of a report on a page
LANGUAGE = "zh"                       # the reports' language (the pages are marked "en")
OUTPUT = "pagefind"                   # folder of the index inside the site


class SearchIndexError(BuildError, RuntimeError):
    """The search index could not be built (one line saying why)."""


def binary() -> list[str]:
    """The command that runs Pagefind's extended binary (shipped by ``pagefind[extended]``)."""
    try:
        from pagefind_bin_extended import get_executable  # type: ignore[import-not-found]
    except ImportError:
        raise SearchIndexError("the site search needs the PyPI package pagefind[extended] "
                               "(make install, or pip install -e '.[report]')") from None
    return [str(get_executable())]


def index_site(site: Path, preexec_fn=None) -> float:
    """Build the Pagefind index of a built site in place (``site/pagefind``); returns the seconds it took.
    ``preexec_fn`` runs in the child before Pagefind starts (the build makes it die with the build)."""
    site = Path(site)
    start = time.monotonic()
    cmd = [*binary(), "--site", str(site), "--output-subdir", OUTPUT, "--root-selector", ROOT_SELECTOR,
           "--force-language", LANGUAGE, "--silent"]
    proc = subprocess.run(cmd, capture_output=True, text=True, preexec_fn=preexec_fn)
    if proc.returncode != 0 or not (site / OUTPUT / "pagefind.js").exists():
        last = (proc.stderr or proc.stdout).strip().splitlines()
        raise SearchIndexError(f"pagefind failed on {site}: {last[-1] if last else f'exit {proc.returncode}'}")
    return time.monotonic() - start


def records(site: Path) -> list[dict]:
    """The pages a built index holds, as Pagefind stores them (one fragment file per page: gzip of
    ``pagefind_dcd`` + JSON): url, title and the indexed text (``content``, without the zero-width spaces
    the index puts between Chinese words; a paragraph ends with ". "). For tests and measurements."""
    import gzip
    import json

    out = []
    for f in sorted((Path(site) / OUTPUT / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(f.read_bytes())
        if not data.startswith(b"pagefind_dcd"):
            raise SearchIndexError(f"{f.name}: not a Pagefind fragment")
        rec = json.loads(data[len(b"pagefind_dcd"):])
        out.append({"url": rec.get("url", ""), "title": rec.get("meta", {}).get("title", ""),
                    "content": rec.get("content", "").replace("\u200b", "")})
    return out
