"""Build speed: a cold build, a no-op rebuild and the time of each stage, in one process.

    python benchmarks/build_speed.py

Builds the site from the shipped seed into a temporary copy of the book (so that the committed
notebooks and the published site are not touched): first cold (every chapter executed with
papermill, two at a time, then the jupyter-book build), then again with nothing changed (every
chapter and the book skipped), then after touching one input that only the four sector chapters
depend on. Prints the seconds of each stage and the ratios.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis import build, config  # noqa: E402


def show(label: str, t: dict) -> None:
    chapters = {k.split(":", 1)[1]: v for k, v in t.items() if k.startswith("chapter:")}
    print(f"{label:<28} total {t['total']:6.1f} s | data {t['extract']:5.2f} s | chapters {t['chapters']:5.1f} s "
          f"({len(chapters)} run) | book {t['book']:5.1f} s")
    if chapters:
        print("    " + ", ".join(f"{k} {v:.1f} s" for k, v in chapters.items()))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        book = tmp / "book"
        shutil.copytree(config.BOOK, book, ignore=shutil.ignore_patterns("_build", "_data", "chapters"))
        (book / "chapters").mkdir()
        templates = tmp / "notebooks"
        shutil.copytree(config.NOTEBOOKS, templates)
        report = (book / "report.yml").read_text(encoding="utf-8").replace("notebooks/", f"{templates}/")
        (book / "report.yml").write_text(report, encoding="utf-8")
        config.BOOK, config.BOOK_CONFIG, config.BUILD = book, book / "report.yml", tmp / "build"
        out = str(tmp / "html")

        t0 = time.perf_counter()
        cold = build.run(out=out, quiet=True)
        show("cold build", cold)
        noop = build.run(out=out, quiet=True)
        show("no-op rebuild", noop)
        sector = templates / "sector.ipynb"
        sector.write_text(sector.read_text(encoding="utf-8").replace("Key figures", "Key figures "), encoding="utf-8")
        partial = build.run(out=out, quiet=True)
        show("sector template changed", partial)
        print(f"no-op rebuild / cold build: {noop['total'] / cold['total']:.3f} "
              f"(x{cold['total'] / noop['total']:.0f} faster)")
        print(f"sector template changed / cold build: {partial['total'] / cold['total']:.2f}")
        print(f"(all three builds: {time.perf_counter() - t0:.0f} s)")


if __name__ == "__main__":
    main()
