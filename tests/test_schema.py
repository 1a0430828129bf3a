"""The data contract: one schema file, the table's columns and dtypes, and the lexicon's taxonomy."""

from __future__ import annotations

import json

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
