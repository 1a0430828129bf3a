"""Constants shared by the test modules."""

import shutil
from pathlib import Path

from analysis import config

ROOT = config.ROOT
SEED = config.DEFAULT_SEED
UNSEEN = config.FIXTURES / "unseen"


def copy_warm_cache(cache: Path, build_dir: Path) -> None:
    """A private copy of the session's warm caches as `build_dir`/cache (a copy, not links: tests may damage it)."""
    shutil.copytree(cache, build_dir / "cache", dirs_exist_ok=True)
