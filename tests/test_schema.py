"""The data contract: one schema file, the table's columns and dtypes, and the lexicon's taxonomy."""

from __future__ import annotations

import json

import pytest

import analysis
from analysis.extraction import schema
from analysis.language import lexicon


def test_schema_file_is_the_one_definition(seed_df):
    s = json.loads(schema.SCHEMA_PATH.read_text(encoding="utf-8"))
    assert [f["name"] for f in s["fields"]] == list(seed_df.columns) == analysis.columns()
    for f in s["fields"]:
        assert f.get("description"), f["name"]
    required = {"doc", "start", "end", "raw", "value", "unit", "value_base", "base_unit", "qualifier", "kind",
                "measure", "sector", "sectors", "metric_zh", "metric_en", "sentence", "section"}
    assert required <= set(analysis.columns())


def test_dtypes(seed_df):
    assert {c: str(t) for c, t in seed_df.dtypes.items()} == analysis.dtypes()


def test_enums_hold(seed_df):
    for col in ("qualifier", "kind", "measure", "sector", "metric_en_source"):
        assert set(seed_df[col]) <= set(schema.enum(col)), col
    allowed = set(schema.enum("sector"))
    for secs, primary in zip(seed_df["sectors"], seed_df["sector"]):
        parts = secs.split(";")
        assert parts[0] == primary and set(parts) <= allowed


def test_lexicon_sectors_are_the_taxonomy():
    assert set(lexicon.load().sector_order) == set(schema.enum("sector"))


def test_ids_are_unique_and_stable(seed_df):
    assert seed_df["id"].is_unique
    assert (seed_df["id"] == "i" + seed_df["start"].astype(str) + "-" + seed_df["end"].astype(str)).all()


def test_percent_and_times_keep_value(seed_df):
    same = seed_df[seed_df["base_unit"].isin(["%", "倍", "个百分点"])]
    assert (same["value"] == same["value_base"]).all()


def test_the_row_type_is_derived_from_the_schema_and_the_extractor_fills_every_column(monkeypatch):
    """schema.Row is built from schema.json's columns at import, and the extractor fills it by name: a column
    added to the schema without code that fills it, or code that fills a column the schema lacks, fails."""
    import dataclasses

    from analysis.extraction.extractor import Extractor

    fields = schema.table_schema()["fields"]
    assert [f.name for f in dataclasses.fields(schema.Row)] == analysis.columns()
    text = "2024年地区生产总值增长5.2%，城镇新增就业12万人。"
    rows = list(Extractor().rows(text))
    assert rows and all(isinstance(r, schema.Row) for r in rows)
    with pytest.raises(dataclasses.FrozenInstanceError):  # a row is a value
        rows[0].value = 0.0  # type: ignore[misc]
    added = schema.row_type([*fields, {"name": "new_column", "type": "string"}])
    monkeypatch.setattr(schema, "Row", added)
    with pytest.raises(TypeError, match="new_column"):
        list(Extractor().rows(text))
    removed = schema.row_type([f for f in fields if f["name"] != "basis"])
    monkeypatch.setattr(schema, "Row", removed)
    with pytest.raises(TypeError, match="basis"):
        list(Extractor().rows(text))
