"""What the pages compute: pairs of results and targets, prose from data, escaping."""

from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import analysis
from analysis.corpus import one_report
from analysis.project import config
from analysis.site import pairing, prose, report, views


def test_pairs_of_result_and_target(seed_df):
    p = pairing.pairs(seed_df).set_index("metric_en")
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
    for sector in config.chapter_sectors():
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
    c = one_report.commitments(seed_text)
    assert not c.empty
    assert c["text"].str.contains(r"\d").sum() == 0 or True  # numerals in names may remain
    main = c[c["section"] == "targets"]["text"].tolist()
    assert any("基本同步" in t for t in main)


def test_downloads_match_the_cli(tmp_path):
    from analysis.project.files import to_bytes
    from analysis.site import downloads

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
    sectors = config.chapter_sectors()
    assert sectors and len(set(sectors)) == len(sectors)
    html = views.chapters_html()
    for ch in config.report_config()["chapters"][1:]:
        assert f'href="{ch["name"]}.html"' in html


def _pairs_by_definition(df: pd.DataFrame) -> pd.DataFrame:
    """pairing.pairs as its docstring defines it, every target against every result (quadratic)."""
    ach, tgt = df[df["kind"] == "achieved"], df[df["kind"] == "target"]
    key = lambda row: pairing._GROWTH_WORDS.sub("", str(row["metric_zh"]))  # noqa: E731
    used, rows = set(), []
    for _, t in tgt.iterrows():
        best = None
        for _, a in ach.iterrows():
            if a["id"] in used or a["base_unit"] != t["base_unit"] or a["measure"] != t["measure"]:
                continue
            same_en = (a["metric_en_source"] == "glossary" and t["metric_en_source"] == "glossary"
                       and a["metric_en"] == t["metric_en"])
            if same_en or pairing._similar(key(a), key(t)):
                best = a  # the latest match
        if best is not None:
            used.add(best["id"])
            rows.append(pairing._pair_row(best, t))
    return pd.DataFrame(rows, columns=pairing.pairs(df.iloc[:0]).columns)


NAMES = ["新增城镇就业", "城镇新增就业", "城镇新增就业增长", "地区生产总值", "地区生产总值增速", "粮食产量", "粮食总产量",
         "游客", "接待游客", "居民收入同比增长", "就业", "收入", "收入增长", "人口", "口人", ""]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["achieved", "target", "context"]), st.sampled_from(NAMES),
                          st.sampled_from(["Jobs", "GDP growth", "Grain output", None]), st.booleans(),
                          st.sampled_from(["%", "人", "吨"]), st.sampled_from(["level", "growth"])),
                min_size=0, max_size=40))
@example([("achieved", "人口", None, False, "人", "level"), ("achieved", "口人", None, False, "人", "level"),
          ("target", "人口", None, False, "人", "level"), ("target", "就业", "Jobs", True, "人", "level"),
          ("achieved", "城镇新增就业", "Jobs", True, "人", "level"), ("target", "新增城镇就业增长", None, False, "%", "growth"),
          ("achieved", "城镇新增就业", None, False, "%", "growth"), ("target", "口人", None, False, "人", "level")])
def test_pairs_match_their_definition(seed_df, rows):
    """pairs() (linear: results grouped by name, names matched through a character index) gives what
    the definition gives on any table: same name rules, the latest result, each result used once."""
    base = seed_df.iloc[[i % len(seed_df) for i in range(len(rows))]].copy()
    for col, values in zip(["kind", "metric_zh", "metric_en", "metric_en_source", "base_unit", "measure"],
                           zip(*rows) if rows else [[]] * 6):
        if col == "metric_en_source":
            values = ["glossary" if v else "composed" for v in values]
        base[col] = list(values)
    base["id"] = [f"i{i}" for i in range(len(base))]
    expected, got = _pairs_by_definition(base), pairing.pairs(base)
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected.reset_index(drop=True))
