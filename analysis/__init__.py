"""Indicators of Chinese government work reports (政府工作报告) as pandas DataFrames.

>>> import analysis
>>> df = analysis.extract("全区地区生产总值增长6%左右。")
>>> df[["raw", "value", "unit", "qualifier", "kind", "measure"]].to_dict("records")  # doctest: +SKIP

``extract(source)`` takes a ``pathlib.Path`` (read from disk, encoding detected) or a ``str`` (the
report's text itself) and returns one row per quantity with the columns of
``analysis/data/schema.json``.
"""

from __future__ import annotations

from .extraction.batch import extract, extract_many
from .extraction.extractor import Extractor, default_extractor  # noqa: F401 - the root's names as before
from .extraction.schema import columns, dtypes, read_csv, table_schema
from .project.config import VERSION
from .reading.decoding import ReportError, decode, read_report, read_text

__all__ = ["extract", "extract_many", "read_text", "ReportError", "Extractor", "columns", "dtypes", "read_csv",
           "table_schema", "decode", "read_report"]
__version__ = VERSION
