"""How the extraction scores on the hand annotations: the headline annotation of the corpus chapters'
inputs (tests/fixtures/corpus/core_*.csv), the whole-report annotations (tests/fixtures/heldout/) and the
reviewers' verdicts on the names of their quantities; and the scores of the extractor on the shipped report and
the unseen fixtures (:func:`accuracy_table`, scored by :mod:`analysis.corpus.evaluate`)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..project import config
from . import evaluate, table
from .manifest import corpus

CORE_GOLD = config.CORE_GOLD


def core_accuracy(corpus_df: pd.DataFrame | None = None) -> pd.DataFrame:
    """How the corpus chapters' inputs score against the hand-checked headline annotation
    (tests/fixtures/corpus/core_*.csv): per annotation file, the rows found (same value at an
    overlapping span) and, of those, the share with the right kind, year, concept and qualifier."""
    d = corpus() if corpus_df is None else corpus_df
    by_doc = {doc: (g, evaluate.spans(g)) for doc, g in d.groupby("doc")}  # each report's rows, read once
    out = []
    for gold_path in sorted(CORE_GOLD.glob("core_*.csv")):
        if gold_path.stem.endswith("_paragraphs"):
            continue
        gold = pd.read_csv(gold_path, dtype=str, keep_default_na=False)
        found = {"kind": 0, "year": 0, "concept": 0, "qualifier": 0}
        n_found = 0
        for _, g in gold.iterrows():
            rows = by_doc.get(g["doc"].removesuffix(".txt"))
            if rows is None:
                continue
            hit = np.flatnonzero(evaluate.match_mask(rows[1], g["start"], g["end"], g["value_base"]))
            if not len(hit):
                continue
            n_found += 1
            h = rows[0].iloc[hit[0]]
            found["kind"] += h["kind"] == g["kind"]
            found["year"] += str(h["year"]).split(".")[0] == g["year"]
            found["concept"] += h["concept"] == g["concept"]
            found["qualifier"] += h["qualifier"] == g["qualifier"]
        n = len(gold)
        out.append({"annotation": gold_path.name, "reports": gold["doc"].nunique(), "rows": n,
                    "found": n_found / n if n else math.nan,
                    **{k: (v / n_found if n_found else math.nan) for k, v in found.items()}})
    return pd.DataFrame(out, columns=["annotation", "reports", "rows", "found", "kind", "year", "concept", "qualifier"])


HELDOUT = config.HELDOUT


REGISTER_FILES = ("reports.csv", "blind_scores.csv")  # the folder's files that are not annotations


HELDOUT_FIELDS = ("kind", "year", "period", "concept", "subject", "sign", "qualifier", "metric")


def heldout_reports() -> pd.DataFrame:
    """The register of whole-report annotations (tests/fixtures/heldout/reports.csv): report, level,
    annotated (date), status (``blind``: scored once with the rules of that day, no rule yet changed
    after seeing it; ``tuning``: seen since, part of the tuning set) and a note."""
    path = HELDOUT / "reports.csv"
    if not path.exists():
        return pd.DataFrame(columns=["report", "level", "annotated", "status", "note"])
    return pd.read_csv(path, dtype=str, keep_default_na=False)


BLIND_BARS = {"found": 0.98, "kind": 0.98, "year": 0.97, "concept": 0.95, "metric_zh": 0.90}  # issue 13's bars


def blind_history() -> pd.DataFrame:
    """Every blind score ever taken (tests/fixtures/heldout/blind_scores.csv): one row per scoring of a
    report while it was blind — the report, when it was scored and with which rules (a commit where known),
    the per-field shares as the score gave them then, the share of its names a reviewer judged right
    (with and without names wrong in form only) and the share of the English labels the site showed that the
    reviewer judged wrong. A record of measurements: a report's row is written when
    it is scored and never changed after, so the figures are those of the rules of that day."""
    path = HELDOUT / "blind_scores.csv"
    cols = ["report", "level", "scored", "rules", "found", "kind", "year", "period", "concept", "subject",
            "sign", "metric_zh", "metric_zh_without_form_only", "metric_en_wrong_of_shown", "note"]
    if not path.exists():
        return pd.DataFrame(columns=cols)
    return pd.read_csv(path, dtype={"report": str, "level": str, "scored": str, "rules": str, "note": str},
                       keep_default_na=False, na_values={c: [""] for c in cols[4:-1]})[cols]


def review_rounds() -> pd.DataFrame:
    """What a round of naming rules did to the names of a report, read from two reviews of it: an earlier one
    (review/<report>_metric_names_<version>.csv) and the current one (<report>_metric_names.csv), each by its own
    reviewer. Per pair: the quantities both judged, the names the round changed, of those the ones judged right
    before and after, and on the names it left unchanged how often the two reviewers agree (their noise)."""
    out = []
    folder = HELDOUT / "review"
    for earlier in sorted(folder.glob("*_metric_names_*.csv")):
        report, _, version = earlier.stem.partition("_metric_names_")
        later = folder / f"{report}_metric_names.csv"
        if not later.exists():
            continue
        a, b = (pd.read_csv(p, dtype=str, keep_default_na=False) for p in (earlier, later))
        if "verdict_zh" not in a or "verdict_zh" not in b:
            continue
        j = a.merge(b, on="start", suffixes=("_a", "_b"))
        same = j[j["tool_metric_zh_a"] == j["tool_metric_zh_b"]]
        changed = j[j["tool_metric_zh_a"] != j["tool_metric_zh_b"]]
        out.append({"report": report, "earlier": version, "judged by both": len(j), "names changed": len(changed),
                    "right before": int((changed["verdict_zh_a"] == "right").sum()),
                    "right after": int((changed["verdict_zh_b"] == "right").sum()),
                    "reviewers agree (unchanged)": (same["verdict_zh_a"] == same["verdict_zh_b"]).mean()
                    if len(same) else math.nan})
    return pd.DataFrame(out, columns=["report", "earlier", "judged by both", "names changed", "right before",
                                      "right after", "reviewers agree (unchanged)"])


def bars_met(history: pd.DataFrame) -> pd.DataFrame:
    """Per field with a bar (BLIND_BARS): the scorings that measured it, how many met the bar, the lowest
    and highest share."""
    out = []
    for field, bar in BLIND_BARS.items():
        v = history[field].dropna() if field in history else pd.Series(dtype=float)
        out.append({"field": field, "bar": bar, "scored": len(v), "met": int((v >= bar).sum()),
                    "lowest": v.min() if len(v) else float("nan"), "highest": v.max() if len(v) else float("nan")})
    return pd.DataFrame(out)


def _norm_year(v) -> str:
    return "" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v).split(".")[0]


def heldout_accuracy(corpus_df: pd.DataFrame | None = None, status: str | None = None) -> pd.DataFrame:
    """How the extraction scores on the whole-report annotations (tests/fixtures/heldout/<report>.csv: every
    quantity of a corpus report, annotated blind to the extractor): per report, precision (extracted
    rows that are an annotated quantity: same value at an overlapping span), recall (``found``), and, of
    the rows found, the share with the right field:

    - kind, qualifier: every row found; year, period, subject, sign: rows annotated as a result or target
      (year and period as the annotator wrote them; subject empty = the report's own region; sign: −1 when
      the text states a fall, compared with the sign of ``value_signed``) — a field the annotation does not
      carry (older annotations have no period or sign) is left empty;
    - concept: rows whose annotation names a headline concept;
    - metric: the annotator's name or an accepted alternative, or a name containing one with at most 4
      more characters (a lenient automatic test; reviewers judge the names row by row).

    Descriptors and optional rows (a note saying descriptor or optional: 500千伏, 60岁以上, 连续5年; see
    :func:`evaluate.optional_rows`) and traps are neither required nor counted as found;
    an extracted trap counts against precision. `status` ('blind' or 'tuning') keeps the reports of that
    status in the register (heldout_reports)."""
    d = corpus() if corpus_df is None else corpus_df
    reg = heldout_reports().set_index("report") if len(heldout_reports()) else None
    out = []
    for path in sorted(HELDOUT.glob("*.csv")):
        st = reg["status"].get(path.stem, "") if reg is not None else ""
        if path.name in REGISTER_FILES or (status is not None and st != status):
            continue
        gold = pd.read_csv(path, dtype=str, keep_default_na=False)
        pred = d[d["doc"] == path.stem]
        if not (pred.empty or gold.empty):
            out.append({"report": path.stem, "status": st, **_heldout_scores(gold, pred)})
    return pd.DataFrame(out, columns=["report", "status", "annotated", "extracted", "precision", "found",
                                      *HELDOUT_FIELDS])


def _heldout_scores(gold: pd.DataFrame, pred: pd.DataFrame) -> dict:
    """annotated, extracted, precision, found and the share right of each field, of one report."""
    trap = gold["kind"].eq("trap")
    optional = evaluate.optional_rows(gold)
    matched: dict[int, object] = {}
    n_pred_ok = 0
    gold_spans = evaluate.spans(gold)
    for _, p in pred.iterrows():
        hit = np.flatnonzero(evaluate.match_mask(gold_spans, p["start"], p["end"], p["value_base"]))
        if len(hit) and not trap.iloc[hit[0]]:
            n_pred_ok += 1
            matched.setdefault(hit[0], p)
    matched = {i: p for i, p in matched.items() if not optional.iloc[i]}
    ok = {f: 0 for f in HELDOUT_FIELDS}
    n = {f: 0 for f in HELDOUT_FIELDS}
    for i, p in matched.items():
        for f, v in _field_checks(p, gold.iloc[i]).items():
            n[f] += 1
            ok[f] += bool(v)
    required = int((~optional & ~trap).sum())
    return {"annotated": required, "extracted": len(pred), "precision": n_pred_ok / len(pred),
            "found": len(matched) / required if required else math.nan,
            **{f: (ok[f] / n[f] if n[f] else math.nan) for f in HELDOUT_FIELDS}}


def _field_checks(p, g) -> dict[str, bool]:
    """Which fields of an extracted row `p` agree with its annotation `g` (the fields the annotation carries)."""
    names = [g["metric_zh"], *(x.strip() for x in str(g.get("metric_zh_ok", "")).split(";") if x.strip())]
    checks = {
        "kind": p["kind"] == g["kind"],
        "qualifier": p["qualifier"] == g["qualifier"],
        "metric": p["metric_zh"] in names or any(
            nm and nm in p["metric_zh"] and len(p["metric_zh"]) <= len(nm) + 4 for nm in names),
    }
    if g["kind"] in ("achieved", "target"):
        checks["year"] = _norm_year(p["year"]) == _norm_year(g["year"])
        checks["subject"] = str(p.get("subject", "") or "") == g.get("subject", "")
        if g.get("period", ""):
            checks["period"] = str(p.get("period", "") or "") == g["period"]
        if g.get("sign", "") and "value_signed" in p:
            checks["sign"] = (-1 if float(p["value_signed"]) < 0 else 1) == int(float(g["sign"]))
    if g["concept"]:
        checks["concept"] = p["concept"] == g["concept"]
    return checks


def heldout_name_reviews(status: str | None = "blind") -> pd.DataFrame:
    """The reviewers' row-by-row verdicts on the names of the whole-report annotations' quantities
    (tests/fixtures/heldout/review/<report>_metric_names.csv, written by a reviewer who neither annotated the
    report nor wrote the rules): per report, rows reviewed, the share of Chinese names judged right, and of the
    English labels the site shows the share right, wrong and untranslated (the Chinese name shown instead)."""
    reg = heldout_reports().set_index("report")["status"] if len(heldout_reports()) else pd.Series(dtype=str)
    out = []
    for path in sorted((HELDOUT / "review").glob("*_metric_names.csv")):
        report = path.name.removesuffix("_metric_names.csv")
        if status is not None and reg.get(report, "") != status:
            continue
        r = pd.read_csv(path, dtype=str, keep_default_na=False)
        zh = r["verdict_zh"] if "verdict_zh" in r else r.get("verdict", pd.Series(dtype=str))
        row = {"report": report, "reviewed": len(r), "metric_zh right": (zh == "right").mean() if len(r) else math.nan}
        if "verdict_en" in r:
            en = r["verdict_en"]
            row.update({"metric_en right": (en == "right").mean(), "metric_en wrong": (en == "wrong").mean(),
                        "untranslated": (en == "untranslated").mean()})
        out.append(row)
    return pd.DataFrame(out, columns=["report", "reviewed", "metric_zh right", "metric_en right", "metric_en wrong",
                                      "untranslated"])


def accuracy_table() -> pd.DataFrame:
    """Scores of the extractor on every annotated text of the project (the shipped seed first)."""
    docs = [(config.DEFAULT_SEED, config.SEED_GOLD, "shipped report (development)")]
    unseen = config.FIXTURES / "unseen"
    for gold in sorted(unseen.glob("*.csv")):
        txt = gold.with_suffix(".txt")
        if txt.exists():
            docs.append((txt, gold, "unseen fixture"))
    rows = []
    for txt, gold, role in docs:
        g = pd.read_csv(gold, dtype=str, keep_default_na=False)
        r = evaluate.score(g, table.load_table(txt))  # extract(txt), from the build's cache when current
        row = {"document": txt.name, "role": role, "gold indicators": r["gold_indicators"],
               "precision": r["precision"], "recall": r["recall"], "trap hits": r["trap_hits"]}
        row.update({k: v for k, v in r["accuracy"].items()})
        row.update({f"F1 {k}": v for k, v in r["chapter_f1"].items()})
        rows.append(row)
    return pd.DataFrame(rows)
