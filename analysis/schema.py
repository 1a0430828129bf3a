"""The indicators table's schema, read from ``data/schema.json`` (the one definition)."""

from __future__ import annotations

import json
from functools import lru_cache

import pandas as pd

from .lexicon import DATA

SCHEMA_PATH = DATA / "schema.json"
_DTYPES = {"string": "str", "integer": "int64", "number": "float64"}
_NULLABLE = {"year"}  # integer columns that may be empty


@lru_cache(maxsize=1)
def table_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def columns() -> list[str]:
    return [f["name"] for f in table_schema()["fields"]]


def dtypes() -> dict[str, str]:
    """pandas dtype of every column: str, int64, float64 (and Int64 for the nullable year)."""
    return {f["name"]: ("Int64" if f["name"] in _NULLABLE else _DTYPES[f["type"]])
            for f in table_schema()["fields"]}


def enum(name: str) -> list[str]:
    for f in table_schema()["fields"]:
        if f["name"] == name:
            return f.get("constraints", {}).get("enum", [])
    raise KeyError(name)


def frame(cols: dict[str, list]) -> pd.DataFrame:
    """A DataFrame with the schema's columns in order and dtypes (empty lists give an empty table)."""
    dt = dtypes()
    return pd.DataFrame({c: pd.Series(cols.get(c, []), dtype=dt[c]) for c in columns()})
