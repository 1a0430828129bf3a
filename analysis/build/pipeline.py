"""The report build: extract -> chapters (papermill, in parallel) -> jupyter-book (strict) -> publish.

``python -m analysis build`` runs it. Each stage is skipped when its inputs did not change:

* a chapter notebook stores the hash of its inputs (the template, its parameters, the seed, the
  ``analysis`` package and the report's data files) in its metadata; a chapter whose stored hash
  matches is not executed again;
* the book is not rebuilt when neither its sources nor the chapters changed and the site exists.

A failing chapter stops the build naming the notebook and the cell; the book is built into a
temporary folder and replaces the published site only when the whole build succeeded, so the
previous site stays intact. Executed notebooks are cleaned of timestamps and durations so that
building twice gives the same files.
"""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import replace
from pathlib import Path

from ..corpus import sector_chapters
from ..project import config
from ..project.files import journal, write_atomic
from ..project.optional_imports import skip_slow_optional_imports
from ..project.hashing import _files, _sha, corpus_hash, package_hash, tree_hash  # noqa: F401 - package_hash: build's API
from ..project.processes import _LIBC, Stopped, die_with_parent, os_error_line, stop_on_signals  # noqa: F401
from ..project.errors import AnalysisError, ReportError  # noqa: F401 - ReportError: the build's API
from .book import (  # noqa: F401 - the build's API (analysis.build.pipeline.*)
    _JUPYTER_BOOK,
    KEEP_IN_SITE,
    _book_work,
    _book_work_key,
    _carry_over,
    _page_hashes,
    _prune_search_index,
    _state_file,
    _touch_changed,
    book_hash,
    build_book,
    publish,
    write_index,
)
from .chapters import _previous_seconds, _report, _seconds_file, chapter_specs, run_chapters, stored_hash  # noqa: F401 - the build's API (analysis.build.pipeline.*)
from .data import data_hash, report_pages, write_data  # noqa: F401 - the build's API (analysis.build.pipeline.*)
from .kernels import (  # noqa: F401 - the build's API (analysis.build.pipeline.*)
    _KERNEL_SETUP,
    _RESET,
    OutputLimit,
    TemplateError,
    _cell_error,
    _client_class,
    _execute,
    _kernel,
    _parameterized,
    _short,
    _Worker,
    clean_notebook,
    execute_chapter,
    execute_chapters,
)
from .model import ChapterResult, ChapterSpec  # noqa: F401 - the build's API (analysis.build.pipeline.*)
from .lock import _exchange, build_lock, journal_path, sweep  # noqa: F401 - the build's API (analysis.build.pipeline.*)
from .target import (  # noqa: F401 - the build's API (analysis.build.pipeline.*)
    BOOK_FILES,
    CHAPTER_MAX_OUTPUT_MB,
    CHAPTER_TIMEOUT,
    LOCK_WAIT,
    SITE_MARKER,
    BuildError,
    Target,
    check_out,
    log,
    plan,
    stage_book_sources,
)


def stale_chapters(seed: str | None = None) -> list[str]:
    """Names of the published chapters whose stored inputs hash differs from their inputs (nothing executed)."""
    t = plan(seed, None)
    with build_lock(LOCK_WAIT, quiet=True):  # nothing written: the data's hash is computed in memory
        specs = chapter_specs(t, data_hash(t))
    return [s.name for s in specs if stored_hash(Path(s.out)) != s.hash]


# ---------------------------------------------------------------------------------------- main
def run(seed: str | None = None, out: str | None = None, jobs: int = 2, force: bool = False,
        quiet: bool = False, check: bool = False, wait: float = LOCK_WAIT, timeout: float = CHAPTER_TIMEOUT,
        max_output_mb: float = CHAPTER_MAX_OUTPUT_MB) -> dict[str, float]:
    """Build the site; returns the seconds of each stage. Raises BuildError/ReportError.

    check: execute nothing; fail if a chapter is out of date (the tests build the committed notebooks).
    wait: seconds to wait for another build holding the lock before giving up.
    """
    t = plan(seed, out)  # configuration, seed and --out are checked before anything runs or waits
    with build_lock(wait, quiet), journal(journal_path()):
        removed = sweep(t)
        if removed:
            log(f"removed {removed} temporary file(s) or folder(s) left by an interrupted build", quiet)
        timings = _run(t, jobs, force, quiet, check, {"timeout": timeout, "max_output_mb": max_output_mb})
        sweep(t)  # a finished build left nothing: this only empties the journal
        return timings


def _changed_files(changed: list[str]) -> str:
    """'updated: a, b, c' for a few files; counts by kind for many (the 62 corpus source pages)."""
    if not changed:
        return "unchanged"
    if len(changed) <= 8:
        return "updated: " + ", ".join(changed)
    kinds: dict[str, int] = {}
    for name in changed:
        kind = name.split("-", 1)[0] if "-" in name and name.startswith(("source-", "annotation-")) else "data"
        kind = "reports" if name.startswith("reports") else kind
        kinds[kind] = kinds.get(kind, 0) + 1
    labels = {"data": "data files", "source": "annotated source pages", "annotation": "annotations",
              "reports": "report pages"}
    return "updated: " + ", ".join(f"{n} {labels[k]}" for k, n in kinds.items())


def _run(t: Target, jobs: int, force: bool, quiet: bool, check: bool,
         limits: dict[str, float] | None = None) -> dict[str, float]:
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    stage_book_sources(t)
    log(f"[1/3] data      {config.display_path(t.seed)}", quiet)
    rows, changed = write_data(t)
    # the page order: generated from report.yml, with the sector chapters that fit the report

    cfg = config.report_config()
    config.write_toc(t.book, {**cfg, "chapters": sector_chapters.sector_plan(cfg, t.seed)[0]})
    changed += report_pages(t)
    data_hash = tree_hash(t.book / "_data")
    timings["extract"] = time.perf_counter() - t0
    log(f"      {rows} indicators; downloads {_changed_files(changed)} "
        f"({timings['extract']:.1f} s)", quiet)

    t1 = time.perf_counter()
    log("[2/3] chapters", quiet)
    specs = [replace(spec, **(limits or {})) for spec in chapter_specs(t, data_hash)]
    chapter_times = run_chapters(specs, jobs, force, quiet, check)
    timings["chapters"] = time.perf_counter() - t1
    timings.update({f"chapter:{k}": v for k, v in chapter_times.items()})

    t2 = time.perf_counter()
    state = _state_file(t)
    h = book_hash(t)
    try:
        previous = json.loads(state.read_text())
    except (OSError, ValueError):  # none yet, or unreadable: rebuild the book
        previous = {}
    if not force and previous.get("book_hash") == h and previous.get("html") == str(t.html) \
            and (t.html / "index.html").exists():
        log(f"[3/3] book      unchanged, skipped ({t.html})", quiet)
        timings["skipped:book"] = 0.0  # what a test (or a caller) checks, rather than a duration
    else:
        log("[3/3] book      jupyter-book build (warnings are errors)", quiet)
        build_book(t, quiet)
        state.parent.mkdir(parents=True, exist_ok=True)

        write_atomic(state, json.dumps({"book_hash": h, "html": str(t.html)}).encode())
    timings["book"] = time.perf_counter() - t2
    timings["total"] = time.perf_counter() - t0
    log(f"done in {timings['total']:.1f} s (data {timings['extract']:.1f} s, chapters {timings['chapters']:.1f} s, "
        f"book {timings['book']:.1f} s): {t.html / 'index.html'}", quiet)
    return timings


def main(seed: str | None = None, out: str | None = None, jobs: int = 2, force: bool = False,
         quiet: bool = False, wait: float = LOCK_WAIT, timeout: float = CHAPTER_TIMEOUT,
         max_output_mb: float = CHAPTER_MAX_OUTPUT_MB) -> int:
    """``python -m analysis build``: run the build. A failure is raised (AnalysisError, KeyboardInterrupt,
    OSError): the command line (cli.main) says it in one line, with the exit status of its kind."""
    skip_slow_optional_imports()
    with stop_on_signals():
        run(seed, out, jobs, force, quiet, wait=wait, timeout=timeout, max_output_mb=max_output_mb)
    return 0
