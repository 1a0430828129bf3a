"""The 64 reports of seeds/corpus (31 provinces and the national report, 2025 and 2026): the document model, the main targets of every report,
and the headline rows against the hand-checked annotations of tests/fixtures/corpus (three
annotation files: the shared sample of 8 reports and our own of the other 52 and 2 held out)."""

from __future__ import annotations

import csv
import math

import pandas as pd
import pytest

import analysis
from analysis.corpus import accuracy, table
from analysis.corpus.evaluate import overlaps
from analysis.language import concepts
from analysis.reading import document
from tests.helpers import ROOT

CORPUS = ROOT / "seeds" / "corpus"
GOLD = ROOT / "tests" / "fixtures" / "corpus"
MANIFEST = list(csv.DictReader((CORPUS / "manifest.csv").open(encoding="utf-8")))
FIXED_IDS = ("gdp_growth gdp_level industrial_va_growth fai_growth retail_sales_growth trade_growth budget_revenue_growth "
             "income_growth cpi_growth unemployment_rate new_urban_jobs grain_output energy_intensity_reduction "
             "rd_intensity urbanization_rate deficit_ratio special_bonds tax_fee_cuts").split()


# Reports annotated blind and scored once (tests/fixtures/heldout/reports.csv, status blind) are measured by the
# blind protocol (accuracy.heldout_accuracy, the Methods page), not held to the development bars below: a rule
# changed to pass a bar on one of them would make it a tuning report.
BLIND = set(accuracy.heldout_reports().query("status == 'blind'")["report"])


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    return table.load_tables(sorted(CORPUS.glob("*.txt")))  # extract_many's table, from the cache when current


@pytest.fixture(scope="module")
def tuning(corpus) -> pd.DataFrame:
    """The corpus without the blind reports."""
    return corpus[~corpus["doc"].isin(BLIND)]


def test_the_cached_tables_the_corpus_tests_read_are_the_extraction(corpus):
    """The corpus tests read the build's cached tables (table.load_tables); what they read is what
    analysis.extract_many gives now, here on three reports of the corpus (the first, a middle, the last)."""
    paths = sorted(CORPUS.glob("*.txt"))
    some = [paths[0], paths[len(paths) // 2], paths[-1]]
    pd.testing.assert_frame_equal(table.load_tables(some), analysis.extract_many(some))
    docs = [p.stem for p in some]
    pd.testing.assert_frame_equal(corpus[corpus["doc"].isin(docs)].reset_index(drop=True),
                                  analysis.extract_many(some).reset_index(drop=True))


def test_corpus_files_match_the_manifest():
    files = sorted(p.name for p in CORPUS.glob("*.txt"))
    assert files == sorted(r["file"] for r in MANIFEST) and len(files) == 64
    levels = [r["level"] for r in MANIFEST]
    assert levels.count("provincial") == 62 and levels.count("national") == 2
    for r in MANIFEST:
        assert len(analysis.read_text(CORPUS / r["file"])) == int(r["chars"]), r["file"]


@pytest.mark.parametrize("row", MANIFEST, ids=lambda r: r["file"])
def test_identity_read_from_the_text(row):
    d = document.read(CORPUS / row["file"])
    assert (d.region_en, d.level, d.report_year) == (row["region_en"], row["level"], int(row["year"]))
    assert d.region and row["region_zh"].startswith(d.region)
    if row["complete"] == "body only":  # the source lacks the title, date and session lines (SOURCES.md)
        return
    assert d.session.endswith("人民代表大会" + d.session.split("人民代表大会")[-1]) and "次会议" in d.session
    assert d.date.startswith(row["year"]) or not d.date


def test_identity_of_other_documents():
    national = document.read(ROOT / "tests" / "fixtures" / "unseen" / "national.txt")
    assert (national.region, national.level, national.report_year) == ("全国", "national", 2026)
    county = document.read(ROOT / "tests" / "fixtures" / "unseen" / "county.txt")
    assert county.level == "county" and county.speaker == "乌日根"
    seed = document.read(ROOT / "seeds" / "000_3d94fe6dcb412aa7.txt")
    assert (seed.region_en, seed.level, seed.report_year) == ("Inner Mongolia", "provincial", 2025)


def test_every_report_has_its_main_targets(tuning):
    for name, g in tuning.groupby("doc"):
        year = int(name[:4])
        t = g[g["section"] == "targets"]
        assert len(t), f"{name}: no main-targets paragraph"
        assert (t["kind"] == "target").all() or (t["kind"] != "achieved").all(), name
        assert (t.loc[t["kind"] == "target", "year"] == year).all(), name
        assert (g["kind"] == "target").sum() >= 10, name


def test_five_year_goals_carry_their_end_year(corpus):
    c26 = corpus[corpus["doc"].str.startswith("2026")]
    # a goal of the plan period: a level by its end (horizon) or an average or total over it (multi_year)
    horizon = c26[(c26["period"] == "horizon") | ((c26["period"] == "multi_year") & (c26["kind"] == "target"))]
    assert horizon["doc"].nunique() >= 20
    goals = horizon[horizon["section"] == "five_year_goals"]
    assert set(goals["year"].dropna()) <= {2030, 2035} and 2030 in set(goals["year"])
    # a goal of the 2035 vision restated among them (人均地区生产总值比2020年翻一番) says its year
    assert goals.loc[goals["year"] == 2035, "sentence"].str.contains("2035").all()
    assert not ((corpus["section"] == "five_year_goals") & (corpus["kind"] == "target") & (corpus["year"] == 2026)).any()


def _gold() -> pd.DataFrame:
    files = ["core_sample.csv", "core_2025.csv", "core_2026.csv"]
    return pd.concat([pd.read_csv(GOLD / f, dtype=str, keep_default_na=False) for f in files], ignore_index=True)


def test_headline_rows_against_the_annotations(corpus):
    """Found with value, kind, year and concept right for >= 98% of the hand-checked headline rows
    of all 62 reports (the issue's bar; measured 0.99 when written)."""
    gold = _gold()
    by_doc = {d: g for d, g in corpus.groupby("doc")}
    found = right = 0
    for g in gold.itertuples():
        p = by_doc[g.doc.removesuffix(".txt")]
        hit = p[overlaps(p["start"], p["end"], int(g.start), int(g.end))]
        hit = hit[[math.isclose(v, float(g.value_base), rel_tol=1e-6) for v in hit["value_base"]]]
        if not len(hit):
            continue
        found += 1
        h = hit.iloc[0]
        right += (h["kind"] == g.kind and str(h["year"]) == g.year and h["concept"] == g.concept)
    n = len(gold)
    assert n > 850
    assert found / n >= 0.99, f"found {found}/{n}"
    assert right / n >= 0.98, f"right {right}/{n}"


def test_corpus_labels_and_concepts(corpus):
    generic = (corpus["metric_en_source"] == "generic").mean()
    with_concept = (corpus["concept"] != "").mean()
    assert with_concept >= 0.60 and generic <= 0.05
    assert set(corpus["concept"]) - {""} <= set(c.id for c in concepts.catalogue())
    assert (corpus["region_en"] != "").all() and corpus["report_year"].notna().all()


def test_catalogue_has_the_fixed_ids_and_validates(tmp_path):
    cat = concepts.catalogue()
    for cid in FIXED_IDS:
        assert cid in cat.concepts
    with pytest.raises(concepts.CatalogueError, match="x_bad: unknown unit dimension"):
        concepts.Catalogue({"x_bad": {"en": "X", "names": ["甲"], "dims": ["lightyears"]}}, {"money"})
    with pytest.raises(concepts.CatalogueError, match="Bad: an ID is lower_snake_case"):
        concepts.Catalogue({"Bad": {"en": "X", "names": ["甲"]}}, {"money"})


@pytest.mark.parametrize("metric,measure,dim,expected", [
    ("地区生产总值增长", "growth", "percent", "gdp_growth"),
    ("经济年均增长", "growth", "percent", "gdp_growth"),
    ("海洋生产总值增长", "growth", "percent", None),
    ("单位地区生产总值能耗降低", "growth", "percent", "energy_intensity_reduction"),
    ("外贸出口增长", "growth", "percent", None),
    ("城镇居民人均可支配收入增长", "growth", "percent", None),
    ("新增新能源装机", "level", "power", "new_energy_capacity_added"),
    ("新能源装机", "level", "power", "new_energy_capacity"),
])
def test_concept_matching(metric, measure, dim, expected):
    c = concepts.catalogue().match(metric, measure, dim)
    assert (c.id if c else None) == (expected if expected != "None" else None) or (expected is None and (
        c is None or c.id not in FIXED_IDS))


def test_seed_reader_complaints(seed_df):
    raw = seed_df["raw"].str.replace("\n", "")
    row = seed_df[raw == "4500万千瓦"].iloc[0]
    assert row["subject"] == "蒙能集团"
    assert seed_df[raw == "23.9%"].iloc[0]["kind"] == "context"  # 由23.9%降至10%以下: a baseline
    assert seed_df[raw == "18%"].iloc[0]["kind"] == "context"
    assert seed_df[raw == "500千伏"].iloc[0]["kind"] == "context"  # descriptors
    assert seed_df[raw == "120公里"].iloc[0]["kind"] == "context"
    assert (seed_df.loc[seed_df["kind"] == "target", "year"] == 2025).all()
    assert (seed_df.loc[seed_df["kind"] == "achieved", "year"] == 2024).all()


def test_heldout_annotations_are_valid():
    register = set(accuracy.heldout_reports()["report"])
    for f in (ROOT / "tests" / "fixtures" / "heldout").glob("*.csv"):
        if f.name in accuracy.REGISTER_FILES:
            continue
        assert f.stem in register, f"{f.name}: not in tests/fixtures/heldout/reports.csv"
        text = analysis.read_text(CORPUS / f"{f.stem}.txt")
        for r in csv.DictReader(f.open(encoding="utf-8")):
            assert text[int(r["start"]):int(r["end"])] == r["raw"], (f.name, r["raw"])


def test_every_blind_score_is_recorded():
    """Each report the register says was scored has its score in blind_scores.csv, every share is a share,
    and the bars count what the record holds (a row taken out or a share over 1 fails)."""
    history = accuracy.blind_history()
    register = accuracy.heldout_reports()
    scored = set(register.loc[register["note"].str.contains(r"(?<!to be )scored",
                                                             regex=True), "report"])
    assert scored <= set(history["report"]), scored - set(history["report"])
    assert set(history["report"]) <= set(register["report"])
    shares = history[["found", "kind", "year", "period", "concept", "subject", "sign", "metric_zh",
                      "metric_zh_without_form_only", "metric_en_wrong_of_shown"]]
    values = shares.stack().dropna()
    assert len(values) and ((values >= 0) & (values <= 1)).all()
    bars = accuracy.bars_met(history).set_index("field")
    assert bars.loc["found", "scored"] == history["found"].notna().sum()
    assert bars.loc["found", "met"] == (history["found"] >= 0.98).sum()
    assert bars.loc["metric_zh", "highest"] == history["metric_zh"].max()


def test_review_rounds_count_what_both_reviews_say():
    """The names a round changed are judged in both reviews; the counts of right ones are of those; a pair of
    reviews is found for every earlier review that has a current one (a planted count out of range fails)."""
    rounds = accuracy.review_rounds()
    folder = accuracy.HELDOUT / "review"
    pairs = {p.stem.partition("_metric_names_")[0] for p in folder.glob("*_metric_names_*.csv")
             if (folder / f"{p.stem.partition('_metric_names_')[0]}_metric_names.csv").exists()
             and "verdict_zh" in p.read_text(encoding="utf-8").splitlines()[0]}
    assert set(rounds["report"]) == pairs and len(rounds)
    assert (rounds["names changed"] <= rounds["judged by both"]).all()
    assert (rounds[["right before", "right after"]].max(axis=1) <= rounds["names changed"]).all()
    assert rounds["reviewers agree (unchanged)"].between(0, 1).all()


@pytest.mark.parametrize("text,expected", [
    ("减税降费政策让6600多万纳税人受益。", [("6600多万", "人", "context")]),   # people, not yuan
    ("帮扶630余万低收入人口。", [("630余万", "人", "context")]),
    ("召开省委十一届十一次全会。", []),                                      # a session name
    ("加快建设成达万高铁。", []),                                            # 万 in a name
    ("预计今年高校毕业生超过1170万人。", [("1170万人", "人", "context")]),    # a forecast, not a result
    ("为全省0—6岁儿童免费开展筛查。", [("0", "岁", "context"), ("6岁", "岁", "context")]),  # an age descriptor
    ("今年实施500万元以上技改项目300个。", [("500万元", "元", "context"), ("300个", "个", "context")]),
])
def test_issue_reproducers(text, expected):
    df = analysis.extract(text)
    assert [(r.raw, r.base_unit, r.kind) for r in df.itertuples()] == expected


def test_a_report_of_unknown_structure_gives_every_quantity_as_context_where_nothing_tells():
    df = analysis.extract("园区共有企业120家，面积35平方公里。")
    assert list(df["raw"]) == ["120家", "35平方公里"] and set(df["kind"]) == {"context"}


def test_concepts_do_not_depend_on_the_hash_seed():
    import hashlib
    import subprocess
    import sys

    code = ("import analysis, glob, hashlib; df = analysis.extract_many(sorted(glob.glob('seeds/corpus/2026_*.txt'))[:12]);"
            "print(hashlib.md5('|'.join(df.concept + df.metric_en).encode()).hexdigest())")
    outs = {subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                           env={**__import__("os").environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in (1, 2)}
    # and the tables of this process's cache (extracted under the hash seed of whichever process made them)
    df = table.load_tables(sorted(CORPUS.glob("2026_*.txt"))[:12])
    outs.add(hashlib.md5("|".join(df.concept + df.metric_en).encode()).hexdigest() + "\n")
    assert len(outs) == 1


@pytest.mark.parametrize("text,names", [
    ("每千人口拥有执业医师3.5人。", ["每千人口拥有执业医师"]),                 # not clipped to 拥
    ("和美乡村覆盖率达51.7%。", ["和美乡村覆盖率"]),                           # 和 of a word is no connector
    ("一、二、三产业增加值分别增长3%、6%、5%。", ["一产业增加值增长", "二产业增加值增长", "三产业增加值增长"]),
    ("农村自来水、卫生户厕普及率分别提升至97.2%、99.8%。", ["农村自来水普及率", "卫生户厕普及率"]),  # 及 inside 普及率; the rate is both
    ("城乡居民人均可支配收入分别增长5%、6.5%。", ["城镇居民人均可支配收入增长", "农村居民人均可支配收入增长"]),
    ("实施重大项目300个、总投资1200亿元。", ["重大项目", "重大项目总投资"]),   # no verb in a name (issue 13)
    ("人均地区生产总值从5万元提高到6万元。", ["人均地区生产总值", "人均地区生产总值"]),
    ("地区生产总值增长5%—5.5%。", ["地区生产总值增长", "地区生产总值增长"]),
    # two numbers after a pair said as one are its halves', 分别 or not (session 6, the round-6 reviews)
    ("城乡低保标准提高到每月815元和615元。", ["城市低保标准", "农村低保标准"]),
])
def test_metric_names(text, names):
    assert list(analysis.extract(text)["metric_zh"]) == names


@pytest.mark.parametrize("text,names", [
    # the noun follows a bare verb; the act that makes the things holds for every item (name_verbs.py)
    ("建设1500万亩小麦、2000万亩玉米高产示范区。", ["建设小麦", "建设玉米高产示范区"]),
    ("新能源汽车年产量增至82万辆、占比达到45%。", ["新能源汽车年产量", "新能源汽车年产量占比"]),
    ("对东盟、欧盟进出口分别增长16.7%、40.2%。", ["对东盟进出口增长", "对欧盟进出口增长"]),  # 对 is every item's (name_shapes.py)
    ("进出口总额增长18.2%、增速居全国第3位。", ["进出口总额增长", "进出口总额增速"]),
    ("粮食播种面积1266.6万亩、产量514.4万吨。", ["粮食播种面积", "粮食产量"]),
])
def test_metric_names_from_the_sentence(text, names):
    assert list(analysis.extract(text)["metric_zh"]) == names


def test_tenths_are_percent():
    df = analysis.extract("财政支出八成以上投向民生，工业企业上云率近六成，3000成功首飞。")
    assert [(r.raw, r.value, r.value_base, r.base_unit, r.qualifier) for r in df.itertuples()] == [
        ("八成", 8.0, 80.0, "%", "over"), ("六成", 6.0, 60.0, "%", "near")]
