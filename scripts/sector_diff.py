"""Developer aid: rows where the extractor's sectors differ from the seed annotation."""
import sys
from pathlib import Path

import pandas as pd

import analysis
from analysis.evaluate import _sectors, score

root = Path(__file__).resolve().parent.parent
gold = pd.read_csv(root / "tests/fixtures/seed_gold.csv", dtype=str, keep_default_na=False)
pred = analysis.extract(root / "seeds/000_3d94fe6dcb412aa7.txt")
r = score(gold, pred)
print({k: v for k, v in r.items() if k in ("precision", "recall", "accuracy", "chapter_f1")})
for p, g in r["sector_pairs"]:
    ps, gs = _sectors(p), _sectors(g)
    if ps != gs or p["sector"] not in gs:
        flag = "PRIMARY" if p["sector"] not in gs else ""
        print(f"{g['id']:5} {g['raw']!r:14} gold={g['sector']}/{g['sectors']:35} pred={p['sector']}/{p['sectors']:40} {flag} {p['metric_zh']}")
for row in r["confusions"]:
    print("confusion", row)
for p, why in r["false_positives"]:
    print("FP", p["raw"], why, p["sectors"])
for g in r["missed"]:
    print("MISSED", g["id"], g["raw"])
