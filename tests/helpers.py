"""Constants shared by the test modules."""

import shutil
from pathlib import Path

from analysis.project import config

ROOT = config.ROOT
SEED = config.DEFAULT_SEED
UNSEEN = config.FIXTURES / "unseen"


def _blind() -> frozenset[str]:
    from analysis.corpus import accuracy

    reports = accuracy.heldout_reports()
    return frozenset(reports["report"][reports["status"] == "blind"])


# The reports being annotated blind (tests/fixtures/heldout/reports.csv, status blind), by stem: no test
# reads, tunes on or counts them.
BLIND = _blind()
BLIND_FILES = frozenset(f"{name}.txt" for name in BLIND)


def copy_warm_cache(cache: Path, build_dir: Path) -> None:
    """A private copy of the session's warm caches as `build_dir`/cache (a copy, not links: tests may damage it)."""
    def being_written(folder, names):  # a build's temporary names start with a dot (a cache's marker .complete)
        return [n for n in names if n.startswith(".") and n != ".complete"]

    shutil.copytree(cache, build_dir / "cache", dirs_exist_ok=True, ignore=being_written)


def small_corpus_dir(dest: Path, n: int = 2) -> Path:
    """A corpus folder of `n` provincial reports of the corpus (none blind) with their rows of its manifest,
    for tests of a mechanism of the build (the same for two reports as for sixty-five: a build extracts,
    tabulates and publishes two annotated source pages instead of 64). The real book's build is tested on
    the whole corpus by the `site` fixture."""
    dest.mkdir(parents=True, exist_ok=True)
    header, *rows = (config.CORPUS / "manifest.csv").read_text(encoding="utf-8").splitlines()
    rows = [r for r in rows if r.split(",")[0] not in BLIND_FILES and ",provincial," in r][:n]
    (dest / "manifest.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    for r in rows:
        shutil.copy2(config.CORPUS / r.split(",")[0], dest)
    return dest


def names(text: str) -> list[tuple[str, str]]:
    """(raw, metric_zh) of every quantity the extractor finds in a text: the shape the name tests compare."""
    import analysis

    return [(r.raw, r.metric_zh) for r in analysis.extract(text).itertuples()]
