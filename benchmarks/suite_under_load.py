"""The test suite under CPU load: does it pass every time, and how long does it take?

    python benchmarks/suite_under_load.py [--runs 5] [--busy 2] [--clone] [-- COMMAND ...]

Starts --busy processes that spin (``python -c "while True: pass"``) beside the suite, runs the command
(default: ``make test``) --runs times one after the other, and prints each run's exit status, wall time
and pytest summary line, then how many runs passed. With --clone the runs happen in a fresh clone of
this repository's HEAD (in a temporary folder, removed afterwards; the first run includes `make
install` there), as CI or a new user would run them. Each run's full output is kept in
build/suite-under-load/run-N.log. The busy processes are stopped when the script ends, also on
Ctrl-C. Exit status: 0 when every run passed, 1 otherwise.

A suite that depends on timing fails here sooner or later; the issue's bar is five passes in a row
with two busy processes on two cores, and the README states the time of an idle run.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUMMARY = re.compile(r"^(?:=+ )?(\d+ (?:passed|failed|errors?)\b.*? in [\d.]+s.*?)(?: =+)?$", re.M)


def busy(n: int) -> list[subprocess.Popen]:
    return [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(n)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--busy", type=int, default=2, help="spinning processes beside the suite (default 2)")
    ap.add_argument("--clone", action="store_true", help="run in a fresh clone of HEAD")
    ap.add_argument("command", nargs="*", help="the command to run (default: make test)")
    a = ap.parse_args()
    if a.runs < 1 or a.busy < 0:
        print("error: --runs must be at least 1 and --busy at least 0", file=sys.stderr)
        return 2
    command = a.command or ["make", "test"]
    logs = ROOT / "build" / "suite-under-load"
    logs.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="suite-under-load-")) if a.clone else None
    spinners: list[subprocess.Popen] = []
    results = []
    try:
        cwd = ROOT
        if tmp is not None:
            cwd = tmp / "clone"
            subprocess.run(["git", "clone", "--quiet", str(ROOT), str(cwd)], check=True)
            print(f"fresh clone of {ROOT} at {cwd}", flush=True)
        spinners = busy(a.busy)
        print(f"{a.busy} busy process(es) beside `{' '.join(command)}`, {a.runs} run(s)", flush=True)
        for i in range(1, a.runs + 1):
            log = logs / f"run-{i}.log"
            t = time.monotonic()
            with log.open("w", encoding="utf-8") as f:
                status = subprocess.run(command, cwd=cwd, stdout=f, stderr=subprocess.STDOUT).returncode
            seconds = time.monotonic() - t
            found = SUMMARY.findall(log.read_text(encoding="utf-8", errors="replace"))
            summary = found[-1] if found else "no pytest summary"
            results.append((status, seconds))
            print(f"run {i}: {'passed' if status == 0 else f'FAILED (exit {status})'} in {seconds / 60:.1f} min: "
                  f"{summary} ({log.relative_to(ROOT)})", flush=True)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    finally:
        for p in spinners:
            p.kill()
            p.wait()
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    passed = sum(1 for s, _ in results if s == 0)
    times = [s for _, s in results]
    print(f"{passed} of {len(results)} run(s) passed; wall time {min(times) / 60:.1f}-{max(times) / 60:.1f} min")
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
