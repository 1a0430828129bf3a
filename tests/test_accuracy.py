"""Accuracy of the extractor, measured against hand-checked annotations.

The seed's annotation (tests/fixtures/seed_gold.csv) covers every number-like expression of the
shipped report: indicators that must be found, optional descriptors, traps that must never be
emitted. The unseen fixtures are report texts in other styles written independently of the
extractor (national, provincial, a PDF-wrapped municipal report).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pandas as pd
import pytest

import analysis
from analysis.corpus import evaluate
from analysis.corpus.evaluate import overlaps
from analysis.project import config
from analysis.reading.layout import unwrap

from .helpers import SEED, UNSEEN

SHARED_SCORER = config.ROOT.parent / "shared" / "eval" / "score.py"


@pytest.fixture(scope="module")
def seed_score(seed_df):
    gold = pd.read_csv(config.SEED_GOLD, dtype=str, keep_default_na=False)
    return evaluate.score(gold, seed_df)


def test_seed_annotation_is_consistent(seed_text):
    gold = pd.read_csv(config.SEED_GOLD, dtype=str, keep_default_na=False)
    assert len(gold) > 200
    assert gold["id"].is_unique
    for _, g in gold.iterrows():
        assert seed_text[int(g["start"]):int(g["end"])] == g["raw"], g["id"]
    # includes every row of the shared 46-row sample, unchanged
    sample = config.ROOT.parent / "shared" / "eval" / "seed_gold_sample.csv"
    if sample.exists():
        s = pd.read_csv(sample, dtype=str, keep_default_na=False).set_index("id")
        merged = gold.set_index("id").loc[s.index]
        assert (merged["value_base"].astype(float) == s["value_base"].astype(float)).all()


def test_seed_precision_recall_traps(seed_score):
    assert seed_score["precision"] >= 0.97
    assert seed_score["recall"] >= 0.97
    assert seed_score["trap_hits"] == 0


def test_seed_labels(seed_score):
    acc = seed_score["accuracy"]
    assert acc["kind"] >= 0.95
    assert acc["sector"] >= 0.9
    for chapter, f1 in seed_score["chapter_f1"].items():
        assert f1 >= 0.9, chapter


@pytest.mark.skipif(not SHARED_SCORER.exists(), reason="shared/eval/score.py is not next to this checkout")
def test_shared_scorer_agrees(tmp_path, seed_df, seed_score):
    pred = tmp_path / "pred.csv"
    seed_df.to_csv(pred, index=False)
    out = subprocess.run([sys.executable, str(SHARED_SCORER), str(config.SEED_GOLD), str(pred), str(SEED), "--json"],
                         capture_output=True, text=True, check=True)
    shared = json.loads(out.stdout.strip().splitlines()[-1])
    assert shared["precision"] == pytest.approx(seed_score["precision"], abs=1e-3)
    assert shared["recall"] == pytest.approx(seed_score["recall"], abs=1e-3)
    assert shared["trap_hits"] == seed_score["trap_hits"] == 0
    assert shared["chapter_f1"] == pytest.approx(seed_score["chapter_f1"], abs=1e-3)


UNSEEN_DOCS = sorted(p.stem for p in UNSEEN.glob("*.csv"))


@pytest.mark.parametrize("name", UNSEEN_DOCS)
def test_unseen_reports(name):
    gold = pd.read_csv(UNSEEN / f"{name}.csv", dtype=str, keep_default_na=False)
    text = analysis.read_text(UNSEEN / f"{name}.txt")
    r = evaluate.score(gold, analysis.extract(text))
    assert r["trap_hits"] == 0
    assert r["precision"] >= 0.95
    assert r["recall"] >= 0.95
    assert r["accuracy"]["kind"] >= 0.9


@pytest.mark.parametrize("name", UNSEEN_DOCS)
def test_unseen_main_targets(name):
    """Every indicator of the main-targets paragraph: right value, kind target, right qualifier."""
    gold = pd.read_csv(UNSEEN / f"{name}.csv", dtype=str, keep_default_na=False)
    text = analysis.read_text(UNSEEN / f"{name}.txt")
    df = analysis.extract(text)
    layout = unwrap(text)
    k = layout.text.find("主要预期目标")
    assert k >= 0
    p_end = layout.text.find("\n", k)
    start, end = layout.to_raw(layout.text.rfind("\n", 0, k) + 1, p_end if p_end > 0 else len(layout.text))
    targets = gold[(gold["role"] == "indicator") & (gold["start"].astype(int).between(start, end))]
    assert len(targets) >= 4
    for _, g in targets.iterrows():
        hit = df[overlaps(df["start"], df["end"], int(g["start"]), int(g["end"]))]
        assert len(hit) == 1, g["raw"]
        h = hit.iloc[0]
        assert h["value_base"] == pytest.approx(float(g["value_base"])), g["raw"]
        assert h["kind"] == "target", g["raw"]
        assert h["qualifier"] == g["qualifier"], g["raw"]
        assert h["section"] == "targets"


@pytest.mark.parametrize("name", UNSEEN_DOCS + ["no_numbers"])
def test_no_years_or_numbering_emitted(name):
    text = analysis.read_text(UNSEEN / f"{name}.txt")
    df = analysis.extract(text)
    assert not df["raw"].str.contains(r"^\s*(?:19|20)\d\d\s*年", regex=True).any()
    assert not df["unit"].isin(["年", "月", "日", "届", "期", "轮"]).any()
    assert not df["raw"].str.contains("[（(][一二三四五六七八九十]+[）)]|^[一二三四五六七八九十]是").any()
    if name == "no_numbers":
        assert df.empty


def test_unseen_fixtures_are_not_the_seed(seed_text):
    for p in UNSEEN.glob("*.txt"):
        t = analysis.read_text(p)
        sentences = [s for s in re.split("[。；]", t) if len(s) > 15]
        assert not any(s in seed_text for s in sentences), p.name


def test_corpus_and_whole_report_scores_match_by_span_and_value(tmp_path, monkeypatch):
    """core_accuracy and the whole-report scores on synthetic rows: a row is found when its span overlaps and
    its value agrees (to a millionth); of several matching rows the first (in the table's order) is judged;
    a row of another report, another value or a span beside it is not found; a trap found costs precision."""
    from analysis.corpus import accuracy

    rows = pd.DataFrame([  # report a: two rows over the gold span 10-14 (the first has the wrong kind), one beside
        {"doc": "a", "start": 9, "end": 13, "value_base": 5.0, "kind": "target", "year": 2025.0, "concept": "gdp",
         "qualifier": "exact", "metric_zh": "生产总值", "subject": "", "period": "annual"},
        {"doc": "a", "start": 10, "end": 14, "value_base": 5.0, "kind": "achieved", "year": 2025.0, "concept": "gdp",
         "qualifier": "exact", "metric_zh": "生产总值", "subject": "", "period": "annual"},
        {"doc": "a", "start": 20, "end": 24, "value_base": 3.0000001, "kind": "achieved", "year": 2025.0,
         "concept": "cpi", "qualifier": "exact", "metric_zh": "居民消费价格", "subject": "", "period": "annual"},
        {"doc": "a", "start": 30, "end": 34, "value_base": 7.0, "kind": "achieved", "year": 2025.0, "concept": "",
         "qualifier": "exact", "metric_zh": "陷阱", "subject": "", "period": "annual"},
        {"doc": "b", "start": 40, "end": 44, "value_base": 9.0, "kind": "achieved", "year": 2025.0, "concept": "",
         "qualifier": "exact", "metric_zh": "别的", "subject": "", "period": "annual"},
    ])
    gold = pd.DataFrame([
        {"doc": "a.txt", "start": "10", "end": "14", "value_base": "5", "kind": "achieved", "year": "2025",
         "concept": "gdp", "qualifier": "exact", "metric_zh": "生产总值", "subject": "", "period": "annual"},
        {"doc": "a.txt", "start": "20", "end": "24", "value_base": "3", "kind": "achieved", "year": "2025",
         "concept": "cpi", "qualifier": "exact", "metric_zh": "居民消费价格", "subject": "", "period": "annual"},
        {"doc": "a.txt", "start": "24", "end": "28", "value_base": "3", "kind": "achieved", "year": "2025",
         "concept": "", "qualifier": "exact", "metric_zh": "旁边", "subject": "", "period": "annual"},
        {"doc": "a.txt", "start": "30", "end": "34", "value_base": "7", "kind": "trap", "year": "", "concept": "",
         "qualifier": "", "metric_zh": "", "subject": "", "period": ""},
        {"doc": "c.txt", "start": "40", "end": "44", "value_base": "9", "kind": "achieved", "year": "2025",
         "concept": "", "qualifier": "exact", "metric_zh": "别的", "subject": "", "period": "annual"},
    ])
    monkeypatch.setattr(accuracy, "CORE_GOLD", tmp_path)
    gold.drop(index=3).to_csv(tmp_path / "core_x.csv", index=False)
    core = accuracy.core_accuracy(rows).iloc[0]
    assert (core["rows"], core["reports"]) == (4, 2)
    assert core["found"] == 2 / 4 and core["kind"] == 1 / 2 and core["concept"] == 1.0 and core["year"] == 1.0
    scores = accuracy._heldout_scores(gold.iloc[:4].reset_index(drop=True), rows[rows["doc"] == "a"])
    assert scores["annotated"] == 3 and scores["extracted"] == 4
    assert scores["precision"] == 3 / 4  # the two rows over gold 10-14 and the cpi row; the trap row is not
    assert scores["found"] == 2 / 3 and scores["kind"] == 1 / 2 and scores["metric"] == 1.0


def test_the_methods_pages_accuracy_table_scores_the_seed_and_every_unseen_fixture(seed_score):
    """accuracy_table (the Methods page; tables from the build's cache): the seed's row is the seed's score
    (its extraction scored against its annotation, as above), then one row per unseen fixture."""
    from analysis.corpus import accuracy

    t = accuracy.accuracy_table()
    assert list(t["document"]) == [config.DEFAULT_SEED.name, *(f"{n}.txt" for n in sorted(UNSEEN_DOCS))]
    first = t.iloc[0]
    assert first["role"] == "shipped report (development)" and set(t["role"][1:]) == {"unseen fixture"}
    assert (first["gold indicators"], first["trap hits"]) == (seed_score["gold_indicators"], seed_score["trap_hits"])
    assert (first["precision"], first["recall"]) == (seed_score["precision"], seed_score["recall"])
    assert all(first[k] == v for k, v in seed_score["accuracy"].items())
