"""Developer aid: where the extractor's sectors or labels differ from an annotation.

usage: python scripts/sector_diff.py [ANNOTATION.csv REPORT.txt]   (default: the shipped seed)
"""
import sys
from pathlib import Path

import pandas as pd

import analysis
from analysis.corpus.evaluate import _sectors, score

root = Path(__file__).resolve().parent.parent
gold_path, text_path = (sys.argv[1:3] if len(sys.argv) > 2
                        else (root / "tests/fixtures/seed_gold.csv", root / "seeds/000_3d94fe6dcb412aa7.txt"))
gold = pd.read_csv(gold_path, dtype=str, keep_default_na=False)
pred = analysis.extract(Path(text_path))
r = score(gold, pred)
print({k: v for k, v in r.items() if k in ("precision", "recall", "accuracy", "chapter_f1")})
for p, g in r["sector_pairs"]:
    ps, gs = _sectors(p), _sectors(g)
    if ps != gs or p["sector"] not in gs:
        flag = "PRIMARY" if p["sector"] not in gs else ""
        print(f"{g['id']:5} {g['raw']!r:14} gold={g['sector']}/{g['sectors']:35} pred={p['sector']}/{p['sectors']:40} "
              f"{flag} {p['metric_zh']}")
for row in r["confusions"]:
    print("confusion", row)
for p, why in r["false_positives"]:
    print("FP", p["raw"], why, p["sectors"])
for g in r["missed"]:
    print("MISSED", g["id"], g["raw"])
