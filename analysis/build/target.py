"""Planning a build: what to build where (Target), its checks, the book's sources staged."""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from ..project import config
from ..project.errors import BuildError
from ..project.limits import CHAPTER_MAX_OUTPUT_MB, CHAPTER_TIMEOUT, LOCK_WAIT  # noqa: F401 - the build's API
from ..reading.decoding import read_report
from ..reading.document import read

BOOK_FILES = ("_config.yml", "report.yml")
# Written into every published site: a folder holding it may be replaced by a build; any other
# non-empty folder given as --out is refused (a build never removes what it did not create).
SITE_MARKER = ".govreport-site"


@dataclass
class Target:
    """Where a build reads and writes."""

    name: str
    seed: Path            # the report file
    seed_param: str       # how notebooks are given the seed (relative to the project root if inside)
    book: Path            # jupyter-book source folder (chapters are executed into book/chapters)
    html: Path            # published site


def log(msg: str, quiet: bool) -> None:
    if not quiet:
        print(msg, flush=True)


# ---------------------------------------------------------------------------------------- plan
def plan(seed: str | None, out: str | None) -> Target:
    cfg = config.report_config()
    seed_path = config.resolve(seed or cfg["seed"]).resolve()
    read_report(seed_path)  # one clear line if the seed cannot be read
    default = seed_path == config.resolve(cfg["seed"]).resolve()
    try:
        param = seed_path.relative_to(config.ROOT).as_posix()
    except ValueError:
        param = str(seed_path)
    if out:
        check_out(Path(out).resolve(), seed_path)

    conflict = read(seed_path).conflict
    if conflict:
        print(f"warning: {config.display_path(seed_path)}: {conflict}", file=sys.stderr, flush=True)
    if default:
        html = Path(out).resolve() if out else config.BOOK / "_build" / "html"
        return Target("default", seed_path, param, config.BOOK, html)
    name = "".join(c if c.isalnum() or c in "-_" else "_" for c in seed_path.stem) or "report"
    work = config.SITES / name
    html = Path(out).resolve() if out else work / "html"
    return Target(name, seed_path, param, work / "book", html)


def check_out(html: Path, seed: Path) -> None:
    """--out must be a new or empty folder, or a site published by a previous build (its marker file):
    publishing replaces the folder whole, so anything else in it would be lost."""
    if html.exists() and not html.is_dir():
        raise BuildError(f"--out {html}: is a file, not a folder")
    parent = next((q for q in html.parents if q.exists()), None)
    if parent is not None and not parent.is_dir():
        raise BuildError(f"--out {html}: {parent} is a file, not a folder")
    if html.is_dir() and os.path.ismount(html):
        raise BuildError(f"--out {html}: is a mount point; a build replaces the site folder whole, which cannot be "
                         "done to a mount point: give a folder inside it")
    if parent is not None and not os.access(parent, os.W_OK | os.X_OK):
        raise BuildError(f"--out {html}: {parent} is not writable")
    for inside in (seed, config.ROOT, config.BOOK):
        if inside.resolve() == html or html in inside.resolve().parents:
            raise BuildError(f"--out {html}: contains {inside}; publishing would replace it, give another folder")
    if html.is_dir() and not (html / SITE_MARKER).is_file() and any(html.iterdir()):
        raise BuildError(f"--out {html}: refusing to publish into a folder that is not empty and is not a site "
                         f"built by this project (no {SITE_MARKER} file); its contents would be replaced: "
                         "give a new or empty folder")


def stage_book_sources(t: Target) -> None:
    """For a report other than the shipped one: a copy of the book's sources without its chapters."""
    if t.book == config.BOOK:
        return
    t.book.mkdir(parents=True, exist_ok=True)
    for f in BOOK_FILES:
        src = config.BOOK / f
        if src.exists() and (not (t.book / f).exists() or (t.book / f).read_bytes() != src.read_bytes()):
            shutil.copy2(src, t.book / f)
    for folder in ("_static", "_ext"):
        target = t.book / folder
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(config.BOOK / folder, target, ignore=shutil.ignore_patterns("__pycache__"))
    (t.book / "chapters").mkdir(exist_ok=True)
