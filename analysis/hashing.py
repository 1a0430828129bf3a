"""Content hashes that decide what a build must redo: of the analysis package (code and language
data) and of a folder's files."""

from __future__ import annotations

import hashlib
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def _sha(*parts: bytes) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(hashlib.sha256(p).digest())
    return h.hexdigest()


def package_hash() -> str:
    """Hash of the analysis package: its code and its language data."""
    files = sorted(p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix in {".py", ".yaml", ".json"}
                   and "__pycache__" not in p.parts)
    return _sha(*(str(p.relative_to(PACKAGE)).encode() + b"\0" + p.read_bytes() for p in files))


def tree_hash(root: Path, skip: tuple[str, ...] = ("_build",)) -> str:
    files = sorted(p for p in root.rglob("*") if p.is_file() and not any(s in p.parts for s in skip)
                   and ".ipynb_checkpoints" not in p.parts)
    return _sha(*(str(p.relative_to(root)).encode() + b"\0" + p.read_bytes() for p in files))
