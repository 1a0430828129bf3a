"""Paths of the project, in one place (cookiecutter-data-science style).

Notebooks, the build and the tests resolve every path through this module, so that a notebook
runs the same from JupyterLab, from papermill and from nbval, whatever the working directory.
"""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DEFAULT_SEED = SEEDS / "000_3d94fe6dcb412aa7.txt"
NOTEBOOKS = ROOT / "notebooks"
BOOK = ROOT / "book"
BOOK_CONFIG = BOOK / "report.yml"
BUILD = ROOT / "build"
SITES = BUILD / "sites"
FIXTURES = ROOT / "tests" / "fixtures"
SEED_GOLD = FIXTURES / "seed_gold.csv"
SCREENSHOTS = BUILD / "screenshots"


def resolve(path: str | Path) -> Path:
    """A path as given in a notebook parameter: absolute, or relative to the project root."""
    p = Path(path).expanduser()
    return p if p.is_absolute() else ROOT / p


def display_path(path: str | Path) -> str:
    """A path for printing in a published page: relative to the project root when inside it."""
    p = Path(path).resolve()
    try:
        return p.relative_to(ROOT).as_posix()
    except ValueError:
        return p.name


def report_config() -> dict:
    """book/report.yml: the chapters of the report and their parameters."""
    return yaml.safe_load(BOOK_CONFIG.read_text(encoding="utf-8"))
