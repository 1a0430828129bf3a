"""Keeping the notebook templates reviewable: no outputs, execution counts or run metadata in git.

``python -m analysis.notebooks strip notebooks/*.ipynb`` cleans templates after working on them in
JupyterLab (``make strip``); ``check`` lists what is not clean (the tests run it).
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat


def problems(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    out = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if cell.get("outputs"):
            out.append(f"{path}: cell {i} has outputs")
        if cell.get("execution_count") is not None:
            out.append(f"{path}: cell {i} has an execution count")
        if "execution" in cell.metadata:
            out.append(f"{path}: cell {i} has execution metadata")
    for key in ("papermill", "widgets"):
        if key in nb.metadata:
            out.append(f"{path}: notebook metadata has '{key}'")
    return out


def strip(path: Path) -> bool:
    """Clean one template in place; True if it changed."""
    nb = nbformat.read(path, as_version=4)
    before = nbformat.writes(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("collapsed", None)
        cell.metadata.pop("scrolled", None)
    nb.metadata.pop("papermill", None)
    nb.metadata.pop("widgets", None)
    after = nbformat.writes(nb)
    if after != before:
        path.write_text(after, encoding="utf-8")
        return True
    return False


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] not in ("strip", "check"):
        print("usage: python -m analysis.notebooks {strip,check} NOTEBOOK...", file=sys.stderr)
        return 2
    paths = [Path(p) for p in argv[1:]]
    if argv[0] == "strip":
        for p in paths:
            if strip(p):
                print(f"stripped {p}")
        return 0
    found = [msg for p in paths for msg in problems(p)]
    for msg in found:
        print(msg, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
