"""The build's data stage: the downloads and the report pages written into the book."""

from __future__ import annotations

import json
from pathlib import Path

from ..project.files import write_atomic
from ..project.hashing import _files, _sha
from ..site import downloads, reports_pages
from .target import Target


# ---------------------------------------------------------------------------------------- data
def write_data(t: Target) -> tuple[int, list[str]]:
    """The downloads (CSV, JSON, Parquet, schema, metadata, datapackage) into the book's _data/data.

    Files are rewritten only when their bytes change (so that an unchanged build stays unchanged).
    """
    files = downloads.files(t.seed)
    folder = t.book / "_data" / "data"
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, data in files.items():
        p = folder / name
        if not p.exists() or p.read_bytes() != data:

            write_atomic(p, data)
            changed.append(name)
    for p in folder.iterdir():
        if p.name not in files:
            p.unlink()
    rows = json.loads(files["datapackage.json"])["resources"][0]["rows"]
    return rows, changed


def data_hash(t: Target) -> str:
    """The hash tree_hash(t.book / "_data") would give after write_data(t), computed without writing: the
    downloads in memory in place of _data/data, the folder's other files as they are (the staleness check)."""
    root = t.book / "_data"
    parts = {f"data/{name}": data for name, data in downloads.files(t.seed).items()}
    if root.is_dir():
        parts.update({p.relative_to(root).as_posix(): p.read_bytes() for p in _files(root, ("_build",))
                      if p.relative_to(root).parts[0] != "data"})
    return _sha(*(name.encode() + b"\0" + parts[name] for name in sorted(parts, key=lambda n: Path(n).parts)))


# ---------------------------------------------------------------------------------------- report pages
def report_pages(t: Target) -> list[str]:
    """The Reports part (an index and a page per report, from Jinja2 templates: analysis.site.reports_pages)
    written into the book; the names of the pages that changed."""
    return reports_pages.write(t.book, t.seed)
