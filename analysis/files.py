"""Writing output files: whole or not at all, with the usual permissions, never over an input."""

from __future__ import annotations

import io
import json
import os
import tempfile
from pathlib import Path

import pandas as pd

FORMATS = ("csv", "json", "parquet")


class UsageError(Exception):
    """A command-line mistake (a bad option or output path): reported as one line."""


def to_bytes(df: pd.DataFrame, fmt: str) -> bytes:
    """The table serialised as csv (with header), json (records) or parquet."""
    if fmt == "csv":
        return df.to_csv(index=False, lineterminator="\n").encode("utf-8")
    if fmt == "json":
        records = json.loads(df.to_json(orient="records", force_ascii=False))
        return (json.dumps(records, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    if fmt == "parquet":
        buf = io.BytesIO()
        df.to_parquet(buf, index=False)
        return buf.getvalue()
    raise UsageError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")


def _file_mode(path: Path) -> int:
    """The mode a new file gets from open() (0666 minus the umask), or the mode of the file replaced."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file whole or not at all (a temp file in the same folder, then rename).

    The folder must exist (a mistyped folder is an error, not created silently); the file gets the
    mode an ordinary write would give it (0644 under umask 022; a replaced file keeps its mode).
    """
    if not path.parent.is_dir():
        raise UsageError(f"{path}: folder {path.parent} does not exist")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), _file_mode(path))
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def check_output(output: Path, inputs: list[Path]) -> None:
    """Refuse an output path that would overwrite an input (also through a symlink or a hard link),
    that is a folder, or whose folder does not exist: before any work is done."""
    if output.is_dir():
        raise UsageError(f"-o {output}: is a directory; give a file name")
    if not output.parent.is_dir():
        raise UsageError(f"-o {output}: folder {output.parent} does not exist")
    if output.exists():
        for p in inputs:
            try:
                same = os.path.samefile(output, p)
            except OSError:
                same = False
            if same:
                raise UsageError(f"-o {output}: is also an input ({p}); refusing to overwrite a report with the table")


