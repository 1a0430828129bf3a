"""Time per MB of the extraction and of every chapter's page computation, at growing report sizes.

    python benchmarks/scale.py [--mb 0.1 0.5 1 2] [--chapters energy targets] [--repeat 1]

A report of each size is made of the shipped seed followed by variations of its body (numbers
perturbed, paragraphs shuffled; see extract_speed.py), written to a temporary folder. For each size
the script times the extraction (the build's first stage, cached like the build does) and then runs
the code cells of each chapter's template (book/report.yml, with the chapter's parameters) in this
process, with the displays collected instead of shown (after one warm-up run of each chapter on the
seed: the corpus is loaded once), and prints CPU seconds of this process (steadier than wall time on a
shared machine) and seconds per MB. Linear
work shows as a flat marginal column (the seconds each added MB costs, between one size and the
next, so that fixed costs such as loading the corpus do not hide the growth); a quadratic step's
marginal s/MB doubles when the size doubles. The last line divides the last marginal s/MB by the first.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import nbformat  # noqa: E402
from extract_speed import variant  # noqa: E402

import analysis  # noqa: E402
from analysis.corpus import table  # noqa: E402
from analysis.project import config  # noqa: E402
from analysis.site import pages  # noqa: E402


def make_report(mb: float, seed_text: str) -> str:
    """The seed, then shuffled and perturbed copies of its body until the text has `mb` MB of UTF-8."""
    parts, size, i = [seed_text], len(seed_text.encode("utf-8")), 0
    while size < mb * 1e6:
        body = variant(seed_text, i).split("\n\n", 3)[-1]
        parts.append(body)
        size += len(body.encode("utf-8")) + 2
        i += 1
    return "\n\n".join(parts)


class Sink:
    """Stands in for IPython's display: keeps the size of what a page would show."""

    def __init__(self):
        self.chars = 0

    def __call__(self, *objs, **_):
        for o in objs:
            data = getattr(o, "data", None)
            self.chars += len(data) if isinstance(data, str) else len(repr(o))


def run_chapter(chapter: dict, seed: str) -> tuple[float, int]:
    """Seconds to run the code cells of a chapter's template with its parameters; characters shown."""
    import matplotlib.pyplot as plt

    nb = nbformat.read(config.resolve(chapter["template"]), as_version=4)
    sink = Sink()
    pages.display = sink  # md() and the notebooks' display both resolve to this
    ns: dict = {"__name__": "__chapter__"}
    t = time.process_time()
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        exec(compile(cell.source, chapter["name"], "exec"), ns)
        if "parameters" in (cell.metadata.get("tags") or []):
            ns.update(chapter.get("parameters") or {}, seed=seed)
    elapsed = time.process_time() - t
    plt.close("all")
    return elapsed, sink.chars


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, nargs="+", default=[0.1, 0.5, 1, 2])
    ap.add_argument("--chapters", nargs="*", help="chapter names of book/report.yml (default: all)")
    a = ap.parse_args()
    chapters = config.report_config()["chapters"]
    if a.chapters:
        unknown = set(a.chapters) - {c["name"] for c in chapters}
        if unknown:
            sys.exit(f"error: no chapter {', '.join(sorted(unknown))} in book/report.yml")
        chapters = [c for c in chapters if c["name"] in a.chapters]
    seed_text = analysis.read_text(config.DEFAULT_SEED)
    analysis.extract(seed_text)  # warm-up: compile the lexicon, load the corpus, import what the pages use
    for ch in chapters:
        run_chapter(ch, str(config.DEFAULT_SEED))
    last: dict[str, tuple[float, float]] = {}  # step: (MB, seconds) of the previous size
    marginal: dict[str, list[float]] = {}

    def row(step: str, size: float, dt: float, note: str = "") -> None:
        m = ""
        if step in last and size > last[step][0]:
            marginal.setdefault(step, []).append((dt - last[step][1]) / (size - last[step][0]))
            m = f"{marginal[step][-1]:8.2f}"
        last[step] = (size, dt)
        print(f"{size:6.2f} {step:<12} {dt:8.2f} {dt / size:8.2f} {m:>8}  {note}", flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'MB':>6} {'step':<12} {'s':>8} {'s/MB':>8} {'marginal':>8}  shown")
        for mb in a.mb:
            path = Path(tmp) / f"report_{mb:g}mb.txt"
            path.write_text(make_report(mb, seed_text), encoding="utf-8")
            size = path.stat().st_size / 1e6
            t = time.process_time()
            analysis.extract(path)  # timed without the cache; the chapters then read the cached table
            dt = time.process_time() - t
            row("extract", size, dt)
            table.load_table(path)
            for ch in chapters:
                dt, shown = run_chapter(ch, str(path))
                row(ch["name"], size, dt, f"{shown:,} chars shown")
    if any(len(v) > 1 for v in marginal.values()):
        print("last marginal s/MB / first (about 1: linear; grows with the size ratio: quadratic): "
              + ", ".join(f"{k} {v[-1] / v[0]:.2f}" for k, v in marginal.items() if len(v) > 1 and v[0] > 0))


if __name__ == "__main__":
    main()
