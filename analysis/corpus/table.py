"""Extraction tables cached on disk, so that a report is extracted once per version of the package.

The build's first stage, the chapters (each in its own kernel) and the tests all need the table of
the same reports; extracting again in every process costs seconds (the 62 corpus reports: about 3 s).
:func:`load_table` and :func:`load_tables` return exactly what :func:`analysis.extract` and
:func:`analysis.extract_many` return, read from ``build/cache/tables/`` when the report file's bytes,
its ``doc`` name and the ``analysis`` package (code and language data) are those the cached table was
extracted with; otherwise they extract, and store the table (written whole, or not at all) for the
next process. A table is cached only if it reads back identical (values and dtypes).

A cached table is trusted only when it proves itself: beside ``<key>.parquet`` is ``<key>.sha256``, the
checksum of its bytes, and the table must have the schema's columns and dtypes. A table that fails either
(edited, truncated, written by an older schema) is extracted again and stored anew, with one note on
stderr; it never wedges a build.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import pandas as pd

from ..extraction import schema
from ..extraction.batch import doc_names, extract, worker_pool
from ..project import config
from ..project.files import temp_path
from ..project.hashing import package_hash
from ..reading.decoding import check_path


def cache_dir() -> Path:
    return config.BUILD / "cache" / "tables"


def _key(path: Path, doc: str, package: str) -> str:
    h = hashlib.sha256(path.read_bytes())
    h.update(b"\0" + doc.encode("utf-8") + b"\0" + package.encode())
    return h.hexdigest()[:40]


def _checksum_file(f: Path) -> Path:
    return f.with_suffix(".sha256")


def _read(f: Path) -> pd.DataFrame | None:
    """The cached table, or None when there is none or it fails its checksum or the schema (with a note)."""
    try:
        data = f.read_bytes()
    except OSError:
        return None  # not cached yet
    try:
        expected = _checksum_file(f).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        expected = ""
    if hashlib.sha256(data).hexdigest() != expected:
        return _rejected(f, "its checksum does not match")
    try:
        df = pd.read_parquet(f)
    except Exception:  # noqa: BLE001 - unreadable although the checksum matches: extract again
        return _rejected(f, "it cannot be read")
    want = schema.dtypes()
    if list(df.columns) != list(want):
        missing = [c for c in want if c not in df.columns]
        return _rejected(f, f"its columns differ from the schema (missing: {', '.join(missing) or 'none'})")
    wrong = [c for c, t in df.dtypes.items() if str(t) != want[c]]
    if wrong:
        return _rejected(f, f"its dtypes differ from the schema ({', '.join(wrong)})")
    return df


def _rejected(f: Path, why: str) -> None:
    print(f"note: cached table {config.display_path(f)} not used ({why}); extracting again", file=sys.stderr,
          flush=True)
    return None


def _store(f: Path, df: pd.DataFrame) -> None:
    try:
        f.parent.mkdir(parents=True, exist_ok=True)
        # a name recorded in the build's journal before the file exists: a build killed while storing
        # leaves it, and the next build's sweep removes it (like every temporary file of a build)
        tmp = temp_path(f.parent, f".{f.stem}.", ".tmp")
        try:
            df.to_parquet(tmp, index=False)
            back = pd.read_parquet(tmp)
            if back.equals(df) and back.dtypes.equals(df.dtypes) and back.index.equals(df.index):
                digest = hashlib.sha256(Path(tmp).read_bytes()).hexdigest()
                _checksum_file(f).write_text(digest + "\n", encoding="ascii")
                os.replace(tmp, f)
        finally:
            Path(tmp).unlink(missing_ok=True)
    except Exception:  # noqa: BLE001 - a cache that cannot be written is only slower (read-only tree, full disk)
        pass


def _extract(path: Path, doc: str) -> pd.DataFrame:
    return extract(path, doc=doc)


def load_tables(paths, jobs: int = 1) -> pd.DataFrame:
    """``analysis.extract_many(paths, jobs)``, each report's table from the cache when it is current."""
    given = [Path(p) for p in paths]
    names = doc_names(given)  # as extract_many names them
    paths = [config.resolve(p) for p in given]
    for p in paths:  # the same one-line errors as extract_many, before any work
        check_path(p)
    package = package_hash()
    files = [cache_dir() / f"{_key(p, n, package)}.parquet" for p, n in zip(paths, names)]
    frames = [_read(f) for f in files]
    missing = [i for i, fr in enumerate(frames) if fr is None]
    if missing:
        if jobs > 1 and len(missing) > 1:
            with worker_pool(min(jobs, len(missing))) as pool:
                done = list(pool.map(_extract, [paths[i] for i in missing], [names[i] for i in missing]))
        else:
            done = [_extract(paths[i], names[i]) for i in missing]
        for i, df in zip(missing, done):
            frames[i] = df
            _store(files[i], df)
    frames = [f for f in frames if len(f)] or frames[:1]
    if not frames:
        return schema.frame({})
    out = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    return out.astype(schema.dtypes())


def load_table(seed: str | Path, doc: str | None = None) -> pd.DataFrame:
    """``analysis.extract(path, doc)`` of one report file (a path relative to the project root, or
    absolute), from the cache when it is current."""
    path = config.resolve(seed)
    check_path(path)
    name = doc or path.stem
    f = cache_dir() / f"{_key(path, name, package_hash())}.parquet"
    df = _read(f)
    if df is None:
        df = _extract(path, name)
        _store(f, df)
    return df
