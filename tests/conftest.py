"""Shared fixtures: the shipped seed, its extraction, and (for the slow tests) a built site."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis.project import config

ROOT = config.ROOT
SEED = config.DEFAULT_SEED
UNSEEN = config.FIXTURES / "unseen"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return analysis.read_text(SEED)


@pytest.fixture(scope="session")
def seed_df() -> pd.DataFrame:
    return analysis.extract(SEED)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The report site built from the committed notebooks into a temporary folder (no chapter is
    re-executed: the build fails if a committed notebook is out of date)."""
    from analysis.build import pipeline as build

    out = tmp_path_factory.mktemp("site") / "html"
    try:
        build.run(out=str(out), quiet=True, check=True)
    except build.BuildError as exc:  # stale chapters: say it once and stop, not once per test
        pytest.exit(f"error: {exc}", returncode=1)
    return out


@pytest.fixture(scope="session")
def warm_cache(tmp_path_factory) -> Path:
    """The build's caches (build/cache: the corpus's extraction tables, source pages and downloads, the
    report pages), made current once per test session by the data stage of a build of a small report (the
    same caches the shipped site's build and the corpus tests use). Tests that build into a private build
    folder start from a copy (`copy_warm_cache`) instead of extracting the whole corpus again (about 20 s
    each); the caches are keyed by content and checked when read, so a copy serves exactly what a cold
    build would compute."""
    from analysis.build import pipeline as build

    root = tmp_path_factory.mktemp("warm")
    seed = root / "small_report.txt"
    seed.write_text("全区地区生产总值增长5%，粮食产量稳定在800亿斤以上。\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(config, "SITES", root / "sites")  # its book in the test's folder; the caches in build/cache
        t = build.plan(str(seed), None)
        build.stage_book_sources(t)
        build.write_data(t)
        build.report_pages(t)
    return config.BUILD / "cache"


def pytest_collection_modifyitems(config, items):
    # notebooks (nbval) and the slow site/browser tests run last
    items.sort(key=lambda it: (it.get_closest_marker("slow") is not None, str(it.fspath).endswith(".ipynb")))


os.environ.setdefault("PYTHONHASHSEED", "0")
