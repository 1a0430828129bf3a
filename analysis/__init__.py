"""Indicators of Chinese government work reports (政府工作报告) as pandas DataFrames.

>>> import analysis
>>> df = analysis.extract("全区地区生产总值增长6%左右。")
>>> df[["raw", "value", "unit", "qualifier", "kind", "measure"]].to_dict("records")  # doctest: +SKIP

``extract(source)`` takes a ``pathlib.Path`` (read from disk, encoding detected) or a ``str`` (the
report's text itself) and returns one row per quantity with the columns of
``analysis/data/schema.json``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .batch import extract_paths
from .extractor import Extractor, default_extractor
from .reading import ReportError, decode, read_report, read_text
from .schema import columns, dtypes, read_csv, table_schema

__all__ = ["extract", "extract_many", "read_text", "ReportError", "Extractor", "columns", "dtypes", "read_csv",
           "table_schema", "decode", "read_report"]
__version__ = "0.3.0"


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
        from .reading import check_text

        text, name = source, doc or "text"
        check_text(text, name)
    else:
        raise TypeError(f"extract() takes a pathlib.Path or a str, not {type(source).__name__}")
    return default_extractor().extract(text, name)


def extract_many(paths, jobs: int = 1) -> pd.DataFrame:
    """One table for several report files (``doc`` tells them apart); jobs > 1 uses processes."""
    return extract_paths([Path(p) for p in paths], jobs=jobs)
