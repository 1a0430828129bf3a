"""Shared fixtures: the shipped seed, its extraction, and (for the slow tests) a built site."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
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
    report pages of the shipped seed), made current once per test session by the data stage of a build of a
    small report (the same caches the shipped site's build and the corpus tests use). Tests that build into a private build
    folder start from a copy (`copy_warm_cache`) instead of extracting the whole corpus again (about 20 s
    each); the caches are keyed by content and checked when read, so a copy serves exactly what a cold
    build would compute."""
    from analysis.build import pipeline as build
    from analysis.site import reports_pages

    root = tmp_path_factory.mktemp("warm")
    seed = root / "small_report.txt"
    seed.write_text("全区地区生产总值增长5%，粮食产量稳定在800亿斤以上。\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(config, "SITES", root / "sites")  # its book in the test's folder; the caches in build/cache
        t = build.plan(str(seed), None)
        build.stage_book_sources(t)
        build.write_data(t)
    # the report pages of the shipped seed, the report both users build (keyed by the seed's path: the small
    # report's would be of use to no test, and would replace the shipped seed's, made by the `site` build)
    reports_pages.pages(SEED)
    return config.BUILD / "cache"


@pytest.fixture
def small_corpus(tmp_path, monkeypatch) -> Iterator[Path]:
    """This test process and the processes it starts (kernels, builds) read a corpus of two reports
    (helpers.small_corpus_dir): for the tests of a mechanism of the build, where the corpus's size only
    costs time. Their build folder is the test's own (config.BUILD; GOVREPORT_BUILD for the kernels, which
    make the downloads too), but for the extraction tables, shared with every build (keyed by each report's
    text): the caches of the corpus as a whole (its downloads, source pages, report pages) keep one version
    each, and a small corpus's would replace the whole corpus's that the session's other builds use (the
    next of them would make them again, 20-30 s)."""
    import sys

    from analysis.corpus import manifest

    from .helpers import small_corpus_dir

    corpus = small_corpus_dir(tmp_path / "small_corpus")
    tables = config.BUILD / "cache" / "tables"
    tables.mkdir(parents=True, exist_ok=True)
    own = tmp_path / "small_corpus_build"
    (own / "cache").mkdir(parents=True)
    (own / "cache" / "tables").symlink_to(tables, target_is_directory=True)
    monkeypatch.setattr(config, "BUILD", own)
    monkeypatch.setenv("GOVREPORT_BUILD", str(own))
    real = config.CORPUS
    monkeypatch.setenv("GOVREPORT_CORPUS", str(corpus))
    for name, module in list(sys.modules.items()):  # every module's copy of the corpus folder (from .. import CORPUS)
        if name.split(".")[0] == "analysis" and getattr(module, "CORPUS", None) == real:
            monkeypatch.setattr(module, "CORPUS", corpus)
    monkeypatch.setattr(manifest, "MANIFEST", corpus / "manifest.csv")
    manifest.manifest.cache_clear()
    manifest.corpus.cache_clear()
    yield corpus
    manifest.manifest.cache_clear()
    manifest.corpus.cache_clear()


def pytest_configure(config):
    if _distributed(config) and not hasattr(config, "workerinput"):  # the controller: a folder for the groups
        os.environ["GOVREPORT_TEST_GROUPS"] = tempfile.mkdtemp(prefix="govreport-test-groups-")


def pytest_unconfigure(config):
    if _distributed(config) and not hasattr(config, "workerinput"):
        shutil.rmtree(os.environ.pop("GOVREPORT_TEST_GROUPS", ""), ignore_errors=True)


def pytest_collection_modifyitems(config, items):
    folder = os.environ.get("GOVREPORT_TEST_GROUPS")
    if hasattr(config, "workerinput") and folder:
        # several processes: the longest work first (the scheduler hands out the groups, largest first, then
        # the single tests in this order), so that no slow test starts last while the other process is idle
        items.sort(key=lambda it: (it.get_closest_marker("slow") is None, not str(it.fspath).endswith(".ipynb")))
    else:  # one process: the quick tests first (a broken unit fails within seconds), notebooks and slow ones last
        items.sort(key=lambda it: (it.get_closest_marker("slow") is not None, str(it.fspath).endswith(".ipynb")))
    if hasattr(config, "workerinput") and folder:  # a worker tells the controller's scheduler the groups
        groups = {item.nodeid: g for item in items if (g := xdist_group(item))}
        path = Path(folder) / f"{config.workerinput['workerid']}.json"
        path.with_suffix(".tmp").write_text(json.dumps(groups), encoding="utf-8")
        path.with_suffix(".tmp").replace(path)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """--dist loadgroup, by the groups of `xdist_group` (pytest-xdist 3.8's own loadgroup reads xdist_group
    marks by renaming the test, which pytest 9 no longer allows: every test would run on its own)."""
    if not _distributed(config):
        return None
    from xdist.scheduler import LoadScopeScheduling

    class GroupScheduling(LoadScopeScheduling):
        groups: dict[str, str] | None = None

        def _split_scope(self, nodeid: str) -> str:
            if self.groups is None:  # the workers wrote them before sending their collection
                self.groups = {}
                for path in Path(os.environ["GOVREPORT_TEST_GROUPS"]).glob("*.json"):
                    self.groups.update(json.loads(path.read_text(encoding="utf-8")))
            return self.groups.get(nodeid, nodeid)

    return GroupScheduling(config, log)


def _distributed(config) -> bool:
    return config.pluginmanager.hasplugin("xdist") and config.getoption("dist", "no") == "loadgroup" \
        and bool(config.getoption("numprocesses", None))


def xdist_group(item) -> str | None:
    """The tests that must run in one worker process when the suite runs in several (`make test`: pytest-xdist,
    --dist loadgroup); None for a test any worker may run on its own.

    * a published notebook: its cells run in order in one kernel (nbval), so the whole notebook in one worker;
    * the built site (the `site` fixture and what is built on it: the browser's server): one build of the real
      book per test run, and the tests that build it again (a second build skips everything) see no other
      build of the real book in between;
    * a module- or class-scoped fixture (an extracted corpus, a small built project): made once, so the tests
      sharing it run where it was made (the fault tests' project is also one build folder and one lock).
    Everything else (each test its own tmp_path, the shared caches written whole, builds serialised by the
    build lock) is spread over the workers one test at a time."""
    path = str(item.fspath)
    if path.endswith(".ipynb"):
        return f"notebook-{Path(path).stem}"
    if "site" in item.fixturenames:
        return "site"
    defs = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {})
    if any(d.scope in ("module", "class") for fixturedefs in defs.values() for d in fixturedefs):
        return f"module-{Path(path).stem}"
    return None


os.environ.setdefault("PYTHONHASHSEED", "0")
