"""Extraction speed and memory, against a naive baseline run in the same process.

    python benchmarks/extract_speed.py [--mb 5] [--repeat 3]

Prints: the time to extract the shipped seed; the throughput (MB/s of UTF-8 input, DataFrame
included) on a corpus of at least --mb MB made of variations of the seed (numbers perturbed,
paragraphs shuffled), for the full extractor and for a naive regex extractor (a number, an optional
magnitude and a unit, into a DataFrame) — with their ratio; the same on one large document and
with two processes; and the peak memory of extracting the corpus file by file at 1x and 2x its
size, beside the size of the output (memory should grow with the output only).
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import analysis  # noqa: E402
from analysis.extraction.batch import extract_paths  # noqa: E402
from analysis.project import config  # noqa: E402

NAIVE = re.compile(r"(\d+(?:\.\d+)?)\s*(万亿|亿|万)?(元|%|人次|人|户|个|家|项|公里|亩|斤|吨|千瓦|度|倍)")


def naive_extract(text: str, doc: str) -> pd.DataFrame:
    rows = [(doc, m.start(), m.end(), m.group(), float(m.group(1)), (m.group(2) or "") + m.group(3))
            for m in NAIVE.finditer(text)]
    return pd.DataFrame(rows, columns=["doc", "start", "end", "raw", "value", "unit"])


def variant(text: str, i: int) -> str:
    """The seed with its numbers perturbed and its paragraphs shuffled (deterministic per i)."""
    rng = random.Random(i)

    def perturb(m):
        v = float(m.group())
        v = v * (1 + rng.randint(-9, 9) / 100)
        return f"{v:.1f}" if "." in m.group() else str(max(1, round(v)))

    paras = re.sub(r"\d+(?:\.\d+)?", perturb, text).split("\n\n")
    rng.shuffle(paras)
    return "\n\n".join(paras)


def corpus(folder: Path, mb: float, seed_text: str) -> list[Path]:
    paths, size, i = [], 0, 0
    while size < mb * 1e6:
        p = folder / f"report_{i:04d}.txt"
        data = variant(seed_text, i).encode("utf-8")
        p.write_bytes(data)
        paths.append(p)
        size += len(data)
        i += 1
    return paths


def timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _memory_run(paths: list[str]) -> tuple[float, float, float]:
    """In a fresh process: (resident MB before, peak resident MB after extracting file by file into
    one table, size of that table in MB)."""
    import gc

    def rss() -> float:  # current resident set, MB (Linux)
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * 4096 / 1e6

    analysis.extract("增长5%。")  # imports and compiled lexicon: the baseline
    gc.collect()
    before = peak = rss()
    frames = []
    for p in paths:
        frames.append(analysis.extract(Path(p)))
        peak = max(peak, rss())
    out = pd.concat(frames, ignore_index=True)
    peak = max(peak, rss())
    return before, peak, out.memory_usage(deep=True).sum() / 1e6


def peak_memory(paths: list[Path]) -> tuple[float, float, float]:
    import multiprocessing as mp

    with mp.get_context("spawn").Pool(1) as pool:
        return pool.apply(_memory_run, ([str(p) for p in paths],))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=5.0, help="corpus size in MB (default 5)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement; the median is shown")
    a = ap.parse_args()

    seed_text = analysis.read_text(config.DEFAULT_SEED)
    seed_mb = len(seed_text.encode("utf-8")) / 1e6
    analysis.extract(seed_text)  # warm-up: compile the lexicon
    t_seed = timed(lambda: analysis.extract(seed_text), 10 * a.repeat)
    t_seed_naive = timed(lambda: naive_extract(seed_text, "seed"), 10 * a.repeat)
    print(f"seed ({seed_mb * 1e3:.1f} KB, {len(analysis.extract(seed_text))} indicators): "
          f"{t_seed * 1e3:.1f} ms full, {t_seed_naive * 1e3:.2f} ms naive baseline (x{t_seed / t_seed_naive:.0f})")

    reports = sorted(config.CORPUS.glob("*.txt"))
    if reports:
        texts = [(p.stem, analysis.read_text(p)) for p in reports]
        real_mb = sum(p.stat().st_size for p in reports) / 1e6

        def real_full():
            return analysis.extract_many(reports)

        def real_naive():
            return pd.concat([naive_extract(t, d) for d, t in texts], ignore_index=True)

        t_real, t_real_naive = timed(real_full, a.repeat), timed(real_naive, a.repeat)
        print(f"the {len(reports)} reports of seeds/corpus ({real_mb:.2f} MB, {len(real_full())} indicators), one process: "
              f"{t_real:.2f} s = {real_mb / t_real:.2f} MB/s full (reading and the table included), "
              f"naive baseline {real_mb / t_real_naive:.1f} MB/s (full / naive time x{t_real / t_real_naive:.1f})")

    with tempfile.TemporaryDirectory() as tmp:
        paths = corpus(Path(tmp), a.mb, seed_text)
        total_mb = sum(p.stat().st_size for p in paths) / 1e6

        def full():
            return pd.concat([analysis.extract(p) for p in paths], ignore_index=True)

        def naive():
            return pd.concat([naive_extract(p.read_text(encoding="utf-8"), p.stem) for p in paths], ignore_index=True)

        t_full, t_naive = timed(full, a.repeat), timed(naive, a.repeat)
        rows = len(full())
        print(f"corpus: {len(paths)} files, {total_mb:.2f} MB, {rows} indicators")
        print(f"  full extractor : {t_full:.2f} s = {total_mb / t_full:.2f} MB/s (DataFrame included)")
        print(f"  naive baseline : {t_naive:.2f} s = {total_mb / t_naive:.2f} MB/s")
        print(f"  full / naive time: x{t_full / t_naive:.1f}")
        t_jobs = timed(lambda: extract_paths(paths, jobs=2), a.repeat)
        print(f"  full, --jobs 2 : {t_jobs:.2f} s = {total_mb / t_jobs:.2f} MB/s (x{t_full / t_jobs:.2f} vs one process)")

        big = Path(tmp) / "one_document.txt"
        big.write_text("\n\n".join(p.read_text(encoding="utf-8") for p in paths), encoding="utf-8")
        t_big = timed(lambda: analysis.extract(big), a.repeat)
        print(f"  one {total_mb:.1f} MB document: {t_big:.2f} s = {total_mb / t_big:.2f} MB/s")

        half = paths[: len(paths) // 2]
        double = paths + [Path(tmp) / f"copy_{p.name}" for p in paths]
        for p in paths:
            (Path(tmp) / f"copy_{p.name}").write_bytes(p.read_bytes())
        print("memory (resident set of a fresh process extracting file by file into one table, sampled per file):")
        for label, ps in (("0.5x corpus", half), ("1x corpus", paths), ("2x corpus", double)):
            before, peak, out = peak_memory(ps)
            print(f"  {label:<11} {sum(p.stat().st_size for p in ps) / 1e6:6.2f} MB input: {before:6.0f} MB after import, "
                  f"peak {peak:6.0f} MB (+{peak - before:5.0f} MB), output table {out:5.1f} MB")


if __name__ == "__main__":
    main()
