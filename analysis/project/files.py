"""Writing output files: whole or not at all, with the usual permissions, never over an input."""

from __future__ import annotations

import contextlib
import io
import json
import os
import secrets
import shutil
from pathlib import Path

import pandas as pd

from .errors import UsageError

FORMATS = ("csv", "json", "parquet")


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


# ------------------------------------------------------------------------------------ the journal
# A build removes only what it can prove it made: every temporary file or folder it creates gets a name
# with a random part, and that name is written to the build's journal (build/state/journal) *before* the
# file is created. The next build removes exactly the names listed there (what a killed build left),
# never a file that merely looks like a leftover (a user's `.site.old`, `.my-scratch.ipynb`).
_JOURNAL: Path | None = None


@contextlib.contextmanager
def journal(path: Path):
    """Record the temporary names created inside the block (by :func:`temp_path`) in ``path``."""
    global _JOURNAL
    previous, _JOURNAL = _JOURNAL, path
    try:
        yield
    finally:
        _JOURNAL = previous


def temp_path(folder: Path, prefix: str, suffix: str = "") -> Path:
    """A fresh name ``folder/<prefix><random><suffix>`` (not created), recorded in the active journal."""
    while True:
        p = folder / f"{prefix}{secrets.token_hex(6)}{suffix}"
        if not p.exists() and not p.is_symlink():
            break
    if _JOURNAL is not None:
        _JOURNAL.parent.mkdir(parents=True, exist_ok=True)
        # written (not fsync'ed) before the file exists: a killed process loses nothing the kernel has
        with open(_JOURNAL, "a", encoding="utf-8") as f:
            f.write(json.dumps(os.fsdecode(os.path.abspath(p))) + "\n")  # one JSON string a line: any name
    return p


def sweep_journal(path: Path) -> int:
    """Remove every name listed in the journal that still exists; empty the journal. Returns how many.

    Only names in the journal are touched: a build never removes a file it did not create.
    """
    try:
        lines = path.read_text(encoding="utf-8", errors="surrogateescape").split("\n")
    except OSError:
        return 0
    names = []
    for line in lines:
        try:
            name = json.loads(line)
        except ValueError:  # empty, or cut short by a kill while it was written: that name was not created
            continue
        if isinstance(name, str) and os.path.isabs(name):
            names.append(name)
    removed = 0
    for name in dict.fromkeys(names):
        p = Path(name)
        if p.is_symlink() or p.is_file():
            p.unlink(missing_ok=True)
            removed += 1
        elif p.is_dir():
            shutil.rmtree(p, ignore_errors=True)
            removed += 1
    path.write_text("", encoding="utf-8")
    return removed


def make_temp_dir(folder: Path, prefix: str) -> Path:
    """A new folder with a random, journaled name (``tempfile.mkdtemp`` with a record)."""
    while True:
        p = temp_path(folder, prefix)
        try:
            p.mkdir(mode=0o700)
            return p
        except FileExistsError:
            continue


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file whole or not at all (a temp file in the same folder, then rename).

    The folder must exist (a mistyped folder is an error, not created silently); the file gets the
    mode an ordinary write would give it (0644 under umask 022; a replaced file keeps its mode).
    """
    if not path.parent.is_dir():
        raise UsageError(f"{path}: folder {path.parent} does not exist")
    while True:
        tmp = temp_path(path.parent, f".{path.name}.", ".tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
            break
        except FileExistsError:
            continue
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




def cached_files(folder: Path, prefix: str, key: str, make) -> dict[str, bytes]:
    """{name: bytes} from ``folder/<prefix>-<key>/``, or made by ``make()`` and stored there whole (a temp
    folder renamed into place; older versions of the prefix removed), so that a build whose inputs (hashed
    into ``key``) did not change does not compute them again."""
    cache = folder / f"{prefix}-{key[:16]}"
    if (cache / ".complete").exists():
        return {p.name: p.read_bytes() for p in sorted(cache.iterdir()) if p.name != ".complete"}
    out = make()
    folder.mkdir(parents=True, exist_ok=True)
    tmp = make_temp_dir(folder, f".{cache.name}.")  # journaled: an interrupted store is swept
    for name, data in out.items():
        (tmp / name).write_bytes(data)
    (tmp / ".complete").write_bytes(b"")
    for old in folder.glob(f"{prefix}-*"):
        if old != cache:
            shutil.rmtree(old, ignore_errors=True) if old.is_dir() else old.unlink(missing_ok=True)
    try:
        tmp.rename(cache)
    except OSError:  # another build stored it first
        shutil.rmtree(tmp, ignore_errors=True)
    return out
