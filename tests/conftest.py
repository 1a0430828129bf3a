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


def pytest_collection_modifyitems(config, items):
    # notebooks (nbval) and the slow site/browser tests run last
    items.sort(key=lambda it: (it.get_closest_marker("slow") is not None, str(it.fspath).endswith(".ipynb")))


os.environ.setdefault("PYTHONHASHSEED", "0")
