"""Scoring an extraction against a hand-checked annotation (same rules as shared/eval/score.py).

An annotation row has a role: indicator (must be found), optional (ignored), trap (must never be
found). A predicted row matches an annotation row when the spans overlap and value_base agrees (:func:`matches`).
The book's methods page and the tests use :func:`score`; ``python -m analysis evaluate`` prints it.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from ..project import config

LABELS = ("kind", "measure", "qualifier", "base_unit")


def _num(x) -> float:
    try:
        return float(x)
    except (TypeError, ValueError):
        return math.nan


# Span matching, defined once (this scoring, the corpus accuracy, the whole-report annotations): an extracted
# row is an annotated quantity when the spans overlap and value_base agrees to a millionth (of 1 at least).
VALUE_TOLERANCE = 1e-6


def same_value(a, b):
    """Do two values (numbers, or arrays and Series of them) agree? NaN agrees with nothing."""
    return np.abs(a - b) <= VALUE_TOLERANCE * np.maximum(1.0, np.maximum(np.abs(a), np.abs(b)))


def overlaps(start, end, other_start, other_end):
    """Do the spans [start, end) and [other_start, other_end) overlap (numbers, or arrays of them)?"""
    return (start < other_end) & (other_start < end)


def spans(rows: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The columns start, end (integers) and value_base (numbers, NaN where none) of rows, as arrays: read once
    for the many matches against the same rows (:func:`match_mask`)."""
    return (pd.to_numeric(rows["start"]).astype(int).to_numpy(), pd.to_numeric(rows["end"]).astype(int).to_numpy(),
            pd.to_numeric(rows["value_base"], errors="coerce").to_numpy(dtype=float))


def match_mask(row_spans: tuple[np.ndarray, np.ndarray, np.ndarray], start, end, value) -> np.ndarray:
    """:func:`matches` on the arrays of :func:`spans`."""
    s, e, v = row_spans
    return overlaps(s, e, int(start), int(end)) & same_value(v, _num(value))


def matches(rows: pd.DataFrame, start, end, value) -> pd.Series:
    """Which rows (columns start, end, value_base) are the quantity at [start, end) of base value `value`."""
    return pd.Series(match_mask(spans(rows), start, end, value), index=rows.index)


def _sectors(row) -> set[str]:
    out = {str(row.get("sector") or "").strip()}
    for x in str(row.get("sectors") or "").replace(",", ";").split(";"):
        if x.strip():
            out.add(x.strip())
    out.discard("")
    out.discard("nan")
    return out


def _agrees(p, g, col) -> bool:
    allowed = str(g.get(col + "_ok") or g.get(col) or "")
    if allowed == "nan":
        allowed = str(g.get(col) or "")
    return str(p.get(col) or "").strip() in {a.strip() for a in allowed.split(";")}


def _chapter_f1(c: str, ind: list, tp: list, fp: list) -> float:
    """F1 of the rows of chapter (sector) `c`: annotated indicators against the rows found and the false ones."""
    gold_in = {g["id"] for g in ind if c in _sectors(g)}
    pred_in = {g["id"] for p, g in tp if c in _sectors(p)}
    extra = sum(1 for p, _ in fp if c in _sectors(p))
    t = len(gold_in & pred_in)
    if not gold_in and not pred_in and not extra:
        return 1.0
    P = t / (len(pred_in) + extra) if pred_in or extra else 0.0
    R = t / len(gold_in) if gold_in else 1.0
    return 2 * P * R / (P + R) if P + R else 0.0


OPTIONAL_NOTE = re.compile(r"descriptor|\boptional\b", re.IGNORECASE)


def optional_rows(gold: pd.DataFrame) -> pd.Series:
    """The rows of a whole-report annotation (tests/fixtures/heldout/) that are neither required nor wrong: a note
    that calls the row a descriptor or optional (docs/CONVENTIONS.md: descriptors, streak lengths, top-N brackets,
    ranks without a numeral, fractions in words)."""
    if "note" not in gold:
        return pd.Series(False, index=gold.index)
    return gold["note"].fillna("").astype(str).str.contains(OPTIONAL_NOTE)


def with_roles(gold: pd.DataFrame) -> pd.DataFrame:
    """An annotation with a role per row: as given, or for a whole-report annotation without one, trap (kind
    trap), optional (:func:`optional_rows`) or indicator; and an id (the row number) where none is given."""
    if "role" in gold and "id" in gold:
        return gold
    g = gold.copy()
    if "role" not in g:
        g["role"] = np.where(g["kind"].eq("trap"), "trap", np.where(optional_rows(g), "optional", "indicator"))
    if "id" not in g:
        g["id"] = [str(i) for i in range(len(g))]
    return g


def score(gold: pd.DataFrame, pred: pd.DataFrame) -> dict:
    """Precision, recall, label accuracies and chapter F1 of pred against gold; with the rows of
    every kind of error (missed, false_positives, value_errors, trap_hits, confusions). A whole-report
    annotation without a role column gets its roles from :func:`with_roles`."""
    gold = with_roles(gold)
    gold = gold.astype(object).where(gold.notna(), "").to_dict("records")
    pred = pred.astype(object).where(pred.notna(), "").to_dict("records")
    ind = [g for g in gold if g["role"] == "indicator"]
    tp, fp, value_err, trap_hits = [], [], [], []
    matched = set()
    for p in pred:
        s, e = int(p["start"]), int(p["end"])
        over = [g for g in gold if overlaps(s, e, int(g["start"]), int(g["end"]))]
        if not over:
            fp.append((p, "no gold span"))
            continue
        pv = _num(p.get("value_base"))
        hit = next((g for g in over if same_value(pv, _num(g["value_base"]))), None)
        roles = {g["role"] for g in over}
        if hit is None:
            if "indicator" in roles:
                value_err.append((p, next(g for g in over if g["role"] == "indicator")))
            elif roles != {"optional"}:
                trap_hits.append((p, over[0]))
            continue
        if hit["role"] == "trap":
            trap_hits.append((p, hit))
        elif hit["role"] == "optional":
            continue
        elif hit["id"] in matched:
            fp.append((p, "duplicate of " + str(hit["id"])))
        else:
            matched.add(hit["id"])
            tp.append((p, hit))
    n_tp, n_fp = len(tp), len(fp) + len(value_err) + len(trap_hits)
    prec = n_tp / (n_tp + n_fp) if n_tp + n_fp else 0.0
    rec = n_tp / len(ind) if ind else 0.0
    acc = {col: (sum(_agrees(p, g, col) for p, g in tp) / n_tp if n_tp else 0.0) for col in LABELS}
    acc["sector"] = sum(str(p.get("sector")) in _sectors(g) for p, g in tp) / n_tp if n_tp else 0.0
    chapters = {c: _chapter_f1(c, ind, tp, fp) for c in config.chapter_sectors()}  # the seed's sector chapters (report.yml)
    confusions = [(col, g["id"], g.get(col), p.get(col)) for p, g in tp for col in ("kind", "measure", "qualifier")
                  if not _agrees(p, g, col)]
    return {
        "gold_indicators": len(ind), "predicted": len(pred), "tp": n_tp, "fp": len(fp),
        "value_errors": len(value_err), "trap_hits": len(trap_hits),
        "precision": prec, "recall": rec, "f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0,
        "accuracy": acc, "chapter_f1": chapters,
        "missed": [g for g in ind if g["id"] not in matched],
        "false_positives": fp, "value_error_rows": value_err, "trap_rows": trap_hits,
        "confusions": confusions,
        "sector_pairs": [(p, g) for p, g in tp],
    }


def summary(result: dict) -> dict:
    """The figures of a score without the row lists."""
    keys = ("gold_indicators", "predicted", "tp", "fp", "value_errors", "trap_hits", "precision", "recall", "f1")
    out = {k: result[k] for k in keys}
    out["accuracy"] = dict(result["accuracy"])
    out["chapter_f1"] = dict(result["chapter_f1"])
    return out
