"""How the English labels the pages show fare against the reviewers' verdicts, and how many rows the
pages show in English across the corpus (the blind reports left out).

For every reviewed row of a tuning report (tests/fixtures/heldout/review/<report>_metric_names.csv with
verdict_en; matched on its start offset) whose Chinese name is unchanged: the label the pages show now
(analysis.corpus.one_report.reader_labels) is the reviewed one (the verdict stands: right or wrong),
the Chinese name (untranslated: a right label so replaced is a cost), or another English label (listed
with --changes, for a reader to judge).

    .venv/bin/python scripts/english_labels.py [--changes] [--csv OUT] [--no-corpus]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.corpus import one_report  # noqa: E402
from analysis.corpus.accuracy import heldout_reports  # noqa: E402
from analysis.corpus.table import load_table  # noqa: E402
from analysis.project import config  # noqa: E402

REVIEW = config.HELDOUT / "review"


def _blind() -> set[str]:
    reg = heldout_reports()
    return set(reg.loc[reg["status"] == "blind", "report"])


def reviewed(report: str) -> pd.DataFrame:
    rev = pd.read_csv(REVIEW / f"{report}_metric_names.csv", dtype=str, keep_default_na=False)
    rev["start"] = rev["start"].astype(int)
    df = one_report.reader_labels(load_table(config.CORPUS / f"{report}.txt"))
    now = df.drop_duplicates("start").set_index("start")[["metric_zh", "metric_en", "metric_en_source"]]
    out = rev.join(now, on="start")
    out["report"] = report
    same = out["metric_zh"] == out["tool_metric_zh"]
    english = out["metric_en"].notna() & (out["metric_en"] != out["metric_zh"])
    out["en_now"] = "name changed"
    out.loc[same & ~english, "en_now"] = "untranslated"
    out.loc[same & english & (out["metric_en"] == out["tool_metric_en_shown"]), "en_now"] = out["verdict_en"]
    out.loc[same & english & (out["metric_en"] != out["tool_metric_en_shown"]), "en_now"] = "label changed"
    return out


def _concept_pages(files: list[Path]) -> None:
    """The annual targets of each report's own year (picking.targets_of: what the concept pages compare) and how many
    of them the pages label with the concept's catalogue label (picking.concept_label) although the rules refuse that
    label for the row itself (metric_en_source not vouched: the label is broader than the row)."""
    from analysis.corpus import picking

    total = refused = 0
    for p in files:
        df = load_table(p)
        year = int(df["report_year"].iloc[0]) if len(df) and "report_year" in df else 0
        t = picking.targets_of(df, year) if year else df.iloc[:0]
        total += len(t)
        refused += int((~t["metric_en_source"].isin(one_report.VOUCHED_LABELS)).sum())
    print(f"concept pages: {refused}/{total} targets of the reports' own year under a catalogue label their own row "
          f"refuses")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--changes", action="store_true", help="list the rows whose shown label changed")
    ap.add_argument("--csv", help="write the joined table")
    ap.add_argument("--no-corpus", action="store_true", help="skip the corpus-wide share")
    ap.add_argument("--by-report", action="store_true", help="the shown labels of each reviewed report: the verdict "
                    "that stands (right, wrong), untranslated, label changed; and the right ones lost")
    ap.add_argument("--pages", action="store_true", help="the targets the concept pages (Targets one year on, Among "
                    "the provinces) label with their concept's catalogue label while the row's own label is refused")
    a = ap.parse_args(argv)
    blind = _blind()
    reg = heldout_reports()
    names = [r for r in reg.loc[reg["status"] == "tuning", "report"] if r not in blind
             and (REVIEW / f"{r}_metric_names.csv").exists()
             and "verdict_en" in pd.read_csv(REVIEW / f"{r}_metric_names.csv", nrows=0).columns]
    allr = pd.concat([reviewed(r) for r in names], ignore_index=True)
    same = allr[allr["en_now"] != "name changed"]
    print(f"reviewed rows {len(allr)} of {len(names)} tuning reports; name unchanged {len(same)}")
    print("  verdict then, as shown now:")
    print(pd.crosstab(same["verdict_en"], same["en_now"], margins=True).to_string())
    if a.by_report:
        t = pd.crosstab(same["report"], same["en_now"])
        t["right lost"] = same[(same["verdict_en"] == "right") & (same["en_now"] == "untranslated")].groupby("report").size()
        t["wrong gone"] = same[(same["verdict_en"] == "wrong") & (same["en_now"] != "wrong")].groupby("report").size()
        print(t.fillna(0).astype(int).to_string())
    if a.changes:
        for r in same[same["en_now"].isin(["label changed"]) | ((same["verdict_en"] != "untranslated")
                                                                & (same["en_now"] == "untranslated"))].itertuples():
            print(f"  {r.report[:12]:12} {r.verdict_en[:5]:5} {r.tool_metric_zh} | {r.tool_metric_en_shown} -> "
                  f"{r.metric_en} [{r.metric_en_source}]")
    if a.csv:
        allr.to_csv(a.csv, index=False)
    if a.pages:
        _concept_pages(sorted(p for p in config.CORPUS.glob("*.txt") if p.stem not in blind))
    if not a.no_corpus:
        files = sorted(p for p in config.CORPUS.glob("*.txt") if p.stem not in blind)
        shown = total = 0
        for p in files:
            df = load_table(p)
            total += len(df)
            shown += int(df["metric_en_source"].isin(one_report.VOUCHED_LABELS).sum())
        print(f"corpus ({len(files)} reports, blind left out): {shown}/{total} rows shown in English = "
              f"{shown / max(total, 1):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
