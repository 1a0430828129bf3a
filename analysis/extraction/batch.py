"""A report, or many, into a table: ``analysis.extract`` and ``analysis.extract_many`` (the package root
re-exports them), ``python -m analysis extract A B ...``."""

from __future__ import annotations

import contextlib
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pandas as pd

from ..project.processes import die_with_parent
from ..reading.decoding import check_path, check_text, read_text
from . import schema
from .extractor import default_extractor


def doc_names(paths: list[Path]) -> list[str]:
    """The ``doc`` of each report: its file stem, or its path where two stems are the same."""
    stems = [p.stem for p in paths]
    return [str(p) if stems.count(p.stem) > 1 else p.stem for p in paths]


def _extract_one(args: tuple[str, str]) -> pd.DataFrame:
    path, name = args
    return extract(Path(path), doc=name)


def _die_with_parent(parent: int) -> None:
    """A worker ends when the command ends, however it ends (SIGTERM, SIGHUP, kill -9): Linux
    PR_SET_PDEATHSIG, as the build's own child processes."""
    die_with_parent(parent)


@contextlib.contextmanager
def worker_pool(workers: int):
    """A process pool whose workers never outlive the work: they die with this process (PDEATHSIG), and
    when the work is interrupted (Ctrl-C, SIGTERM, SIGHUP, an error) they are killed at once instead of
    finishing their reports."""
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_die_with_parent, initargs=(os.getpid(),))
    try:
        yield pool
    except BaseException:
        for proc in list((getattr(pool, "_processes", None) or {}).values()):
            with contextlib.suppress(OSError):
                proc.kill()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def extract_paths(paths: list[Path], jobs: int = 1) -> pd.DataFrame:
    """One table for several report files, in the order given (``doc`` tells them apart)."""
    for p in paths:  # fail before any work on the first bad path
        check_path(p)
    names = doc_names(paths)
    if jobs > 1 and len(paths) > 1:
        work = [(str(p), n) for p, n in zip(paths, names)]
        with worker_pool(min(jobs, len(work))) as pool:
            frames = list(pool.map(_extract_one, work, chunksize=max(1, len(work) // (4 * jobs))))
        frames = [f for f in frames if len(f)] or frames[:1]
        out = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
        return out.astype(schema.dtypes())
    ex = default_extractor()  # one process: the rows of every report into one table
    return ex.table([row for p, n in zip(paths, names) for row in ex.rows(read_text(p), n)])


def extract(source: str | Path, doc: str | None = None) -> pd.DataFrame:
    """Every quantitative indicator of a report as a DataFrame (see analysis/data/schema.json).

    source: a ``pathlib.Path`` to a report file, or the report's text as a ``str``.
    doc: the name written in the ``doc`` column (default: the file stem, or 'text').
    Raises ReportError (one-line message) for a file that is missing, empty, binary or undecodable,
    not a regular file, and for a str with a lone surrogate.
    """
    if isinstance(source, Path):
        text = read_text(source)
        name = doc or source.stem
    elif isinstance(source, str):
        text, name = source, doc or "text"
        check_text(text, name)
    else:
        raise TypeError(f"extract() takes a pathlib.Path or a str, not {type(source).__name__}")
    return default_extractor().extract(text, name)


def extract_many(paths, jobs: int = 1) -> pd.DataFrame:
    """One table for several report files (``doc`` tells them apart); jobs > 1 uses processes."""
    return extract_paths([Path(p) for p in paths], jobs=jobs)
