"""Re-apply the reviewers' verdicts on metric names (tests/fixtures/heldout/review/*_metric_names.csv)
to the current extraction of the tuning reports they judged.

For every reviewed row (matched on its start offset) the current metric_zh and the English label the
pages would show (analysis.corpus.one_report.reader_labels) are compared with the reviewed ones: where the name is
unchanged the reviewer's verdict stands; where the page now shows the Chinese name the English verdict
is 'untranslated'; a changed name that the annotation gives or accepts counts as right; every other
change is listed (--changes) for a reader to judge by eye.

    .venv/bin/python scripts/review_names.py [REPORT ...] [--changes] [--csv OUT]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import analysis  # noqa: E402
from analysis.corpus import one_report  # noqa: E402

REVIEW = ROOT / "tests" / "fixtures" / "heldout" / "review"
REPORTS = ("2025_national", "2026_national", "2026_sichuan", "2025_liaoning", "2025_shaanxi", "2026_qinghai",
           "2025_shandong", "2026_yunnan")
NEW = ("2025_guangdong", "2026_anhui", "2026_beijing", "2026_guizhou", "2025_heilongjiang")  # opened in session 4
NEWEST = ("2026_jilin", "2025_ningxia", "2026_shanghai",  # blind in session 4's first round, opened in its second
          "2025_gansu", "2025_shanxi", "2026_henan")  # blind in session 4's second round, opened after it
ROUND6 = ("2026_xinjiang", "2025_jiangxi", "2026_liaoning")  # blind in session 5 (reviewed twice), opened in session 6
ROUND7 = ("2026_shandong", "2025_hunan", "2026_heilongjiang")  # blind in session 6 (reviewed twice), opened in session 7
OLDER = ("2025_henan", "2026_hubei", "2025_guangxi", "2026_xizang")  # reviewed on metric_zh only


def _norm(s: str) -> str:
    return str(s).translate(str.maketrans("", "", "“”\"「」『』 "))


def compare(name: str) -> pd.DataFrame:
    rev = pd.read_csv(REVIEW / f"{name}_metric_names.csv", dtype=str, keep_default_na=False)
    rev["start"] = rev["start"].astype(int)
    if "verdict_zh" not in rev:  # the older reviews (2025_henan, 2026_hubei, 2025_guangxi, 2026_xizang): names only
        last = "verdict.1" if "verdict.1" in rev and (rev["verdict.1"] != "").all() else "verdict"
        rev["verdict_zh"], rev["why_zh"] = rev[last], rev[last.replace("verdict", "why")]
        rev["verdict_en"] = rev["tool_metric_en_shown"] = rev["why_en"] = ""
    df = one_report.reader_labels(analysis.extract(ROOT / "seeds" / "corpus" / f"{name}.txt"))
    shown = df.set_index("start")[["metric_zh", "metric_en", "metric_en_source"]]
    shown = shown[~shown.index.duplicated()]
    out = rev.join(shown, on="start")
    out["report"] = name
    out["zh_same"] = out["metric_zh"] == out["tool_metric_zh"]
    untranslated = out["metric_en"] == out["metric_zh"]
    out["en_same"] = out["metric_en"] == out["tool_metric_en_shown"]
    out["zh_now"] = out["verdict_zh"].where(out["zh_same"], "changed")
    # a changed name that is the annotator's own or one of the alternatives the annotation accepts
    accepted = out.apply(lambda r: _norm(r["metric_zh"]) in {_norm(x) for x in [r["annotator_metric_zh"]]
                                                           + str(r["annotator_ok"]).split(";") if x}, axis=1)
    out.loc[~out["zh_same"] & accepted, "zh_now"] = "right (annotation)"
    out["en_now"] = out["verdict_en"].where(out["en_same"] & ~untranslated, "changed")
    out.loc[out["verdict_en"] == "", "en_now"] = "not reviewed"
    out.loc[untranslated, "en_now"] = "untranslated"
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("reports", nargs="*", default=list(REPORTS + OLDER + NEW + NEWEST + ROUND6 + ROUND7),
                    help=f"default: every reviewed tuning report: {' '.join(REPORTS + OLDER + NEW + NEWEST)} "
                    f"({' '.join(OLDER)} reviewed on names only)")
    ap.add_argument("--changes", action="store_true", help="list every row whose name or label changed")
    ap.add_argument("--csv", help="write the joined table")
    a = ap.parse_args(argv)
    allr = pd.concat([compare(r) for r in a.reports], ignore_index=True)
    groups = [("older tuning", allr[~allr["report"].isin(NEW + NEWEST + ROUND6 + ROUND7)]),
              ("session 3", allr[allr["report"].isin(NEW)]), ("session 4", allr[allr["report"].isin(NEWEST)]),
              ("round 6", allr[allr["report"].isin(ROUND6)]), ("round 7", allr[allr["report"].isin(ROUND7)]),
              ("all", allr)]
    for name, g in list(allr.groupby("report", sort=False)) + [(n, g) for n, g in groups if len(g)]:
        zh = g["zh_now"].value_counts().to_dict()
        en = g["en_now"].value_counts().to_dict()
        print(f"{name:14} n={len(g):4}  zh before right {(g.verdict_zh == 'right').sum()}  now {zh}  |  "
              f"en before {g.verdict_en.value_counts().to_dict()}  now {en}")
    if a.changes:
        ch = allr[(allr["zh_now"] == "changed") | (allr["en_now"] == "changed")]
        for r in ch.itertuples():
            print(f"{r.report[:7]} {r.raw:>10} | {r.verdict_zh[:1]} {r.tool_metric_zh} -> {r.metric_zh} "
                  f"| ann {r.annotator_metric_zh} | en {r.verdict_en[:1]} {r.tool_metric_en_shown} -> {r.metric_en} "
                  f"[{r.metric_en_source}]")
    if a.csv:
        allr.to_csv(a.csv, index=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
