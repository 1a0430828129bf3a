"""Many reports into one table (``analysis.extract_many``, ``python -m analysis extract A B ...``)."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pandas as pd

from . import schema
from .reading import check_path, read_text


def doc_names(paths: list[Path]) -> list[str]:
    """The ``doc`` of each report: its file stem, or its path where two stems are the same."""
    stems = [p.stem for p in paths]
    return [str(p) if stems.count(p.stem) > 1 else p.stem for p in paths]


def _extract_one(args: tuple[str, str]) -> pd.DataFrame:
    from . import extract

    path, name = args
    return extract(Path(path), doc=name)


def extract_paths(paths: list[Path], jobs: int = 1) -> pd.DataFrame:
    """One table for several report files, in the order given (``doc`` tells them apart)."""
    from .extractor import default_extractor

    for p in paths:  # fail before any work on the first bad path
        check_path(p)
    names = doc_names(paths)
    if jobs > 1 and len(paths) > 1:
        work = [(str(p), n) for p, n in zip(paths, names)]
        with ProcessPoolExecutor(max_workers=min(jobs, len(work))) as pool:
            frames = list(pool.map(_extract_one, work, chunksize=max(1, len(work) // (4 * jobs))))
        frames = [f for f in frames if len(f)] or frames[:1]
        out = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
        return out.astype(schema.dtypes())
    ex = default_extractor()  # one process: the rows of every report into one table
    return ex.table([row for p, n in zip(paths, names) for row in ex.rows(read_text(p), n)])
