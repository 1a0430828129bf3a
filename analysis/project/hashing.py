"""Content hashes that decide what a build must redo: of the analysis package (code, language data,
page templates: every file of it) and of a folder's files."""

from __future__ import annotations

import hashlib
from pathlib import Path

from . import config

PACKAGE = Path(__file__).resolve().parents[1]


def _sha(*parts: bytes) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(hashlib.sha256(p).digest())
    return h.hexdigest()


def _files(root: Path, skip: tuple[str, ...] = ()) -> list[Path]:
    """Every file under root, in a fixed order, except caches and editor checkpoints."""
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix not in (".pyc", ".pyo")
                  and not any(s in p.parts for s in (*skip, "__pycache__", ".ipynb_checkpoints")))


def package_hash() -> str:
    """Hash of the analysis package: every file in it (code, language data, the pages' Jinja2 templates),
    so that any edit of what makes a page is seen."""
    return _sha(*(p.relative_to(PACKAGE).as_posix().encode() + b"\0" + p.read_bytes() for p in _files(PACKAGE)))


def tree_hash(root: Path, skip: tuple[str, ...] = ("_build",)) -> str:
    if not root.is_dir():
        return _sha(b"")
    return _sha(*(p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes() for p in _files(root, skip)))


def corpus_hash() -> str:
    """Hash of the corpus the corpus pages read: its manifest and every report file."""
    return tree_hash(config.CORPUS, ())
