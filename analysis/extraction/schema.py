"""The indicators table's schema, read from ``data/schema.json`` (the one definition)."""

from __future__ import annotations

import json
from dataclasses import make_dataclass
from functools import lru_cache
from operator import attrgetter

import pandas as pd

from ..language.lexicon import DATA

SCHEMA_PATH = DATA / "schema.json"
_DTYPES = {"string": "str", "integer": "int64", "number": "float64", "boolean": "bool"}
_NULLABLE = {"year", "report_year"}  # integer columns that may be empty


@lru_cache(maxsize=1)
def table_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def columns() -> list[str]:
    return [f["name"] for f in table_schema()["fields"]]


def dtypes() -> dict[str, str]:
    """pandas dtype of every column: str, int64, float64 (and Int64 for the nullable year and report_year)."""
    return {f["name"]: ("Int64" if f["name"] in _NULLABLE else _DTYPES[f["type"]])
            for f in table_schema()["fields"]}


_PYTHON = {"string": str, "integer": int, "number": float, "boolean": bool}


def row_type(fields: list[dict]) -> type:
    """A frozen dataclass with one field per column of ``fields`` (the schema's), in order, typed from the
    column's type (``int | None`` for a nullable integer). Built with keywords only, so that a column the
    schema has and the code does not fill (or the reverse) is a TypeError, not a shifted column."""
    def python(f: dict):
        t = _PYTHON[f["type"]]
        return t | None if f["name"] in _NULLABLE else t

    row = make_dataclass("Row", [(f["name"], python(f)) for f in fields], frozen=True, slots=True, kw_only=True)
    row.__module__ = __name__  # pickled (extract --jobs) by its name here
    return row


Row = row_type(table_schema()["fields"])  # one indicator: a row of the table, derived from schema.json at import


def enum(name: str) -> list[str]:
    for f in table_schema()["fields"]:
        if f["name"] == name:
            return f.get("constraints", {}).get("enum", [])
    raise KeyError(name)


def rows_frame(rows: list) -> pd.DataFrame:
    """Rows (instances of Row) as a DataFrame with the schema's columns in order and dtypes."""
    if not rows:
        return frame({})
    names = columns()
    return frame(dict(zip(names, map(list, zip(*map(attrgetter(*names), rows))))))


def frame(cols: dict[str, list]) -> pd.DataFrame:
    """A DataFrame with the schema's columns in order and dtypes (empty lists give an empty table)."""
    dt = dtypes()
    names = columns()
    if not cols or not any(cols.values()):
        return pd.DataFrame({c: pd.Series([], dtype=dt[c]) for c in names})
    data = {c: (pd.array(cols[c], dtype=dt[c]) if dt[c] == "Int64" else cols[c]) for c in names}
    df = pd.DataFrame(data, columns=names)  # inferring is faster than building typed Series one by one
    wrong = {c: dt[c] for c, t in df.dtypes.items() if str(t) != dt[c]}
    return df.astype(wrong) if wrong else df


def signed(row) -> float:
    """The row's value with its sign (value_signed; value_base for a table without that column)."""
    v = row.get("value_signed") if hasattr(row, "get") else None
    if v is None or pd.isna(v):
        v = row["value_base"]
    return float(v)


def interval(row) -> tuple[float, float]:
    """(low, high) of the row's statement, on the signed scale; NaN for an open end. For a table without
    the low/high columns, from the qualifier."""
    if hasattr(row, "get") and row.get("low") is not None and "high" in row:
        return float(row["low"]), float(row["high"])
    v, q = signed(row), row.get("qualifier", "exact")
    if q in ("over", "at_least"):
        return v, float("nan")
    if q in ("under", "at_most"):
        return float("nan"), v
    return v, v


def read_csv(source, **kwargs) -> pd.DataFrame:
    """An indicators CSV (a download of the site or ``python -m analysis extract``) read back with the
    schema's dtypes: texts stay texts (an empty cell is ""), numbers and years are numbers (an empty cell is
    missing). A UTF-8 byte-order mark is skipped."""
    fields = table_schema()["fields"]
    numeric = [f["name"] for f in fields if f["type"] in ("number", "integer")]
    return pd.read_csv(source, encoding="utf-8-sig", dtype=dtypes(), keep_default_na=False,
                       na_values={c: [""] for c in numeric}, **kwargs)
