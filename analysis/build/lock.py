"""One build at a time (a lock on the build folder), and the journal of temporary files swept after a crash."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import sys
import time
from pathlib import Path

from ..project import config
from ..project.files import sweep_journal
from ..project.processes import _LIBC
from ..project.limits import LOCK_POLL, LOCK_WAIT
from .target import BuildError, Target


# ---------------------------------------------------------------------------------------- book
# ---------------------------------------------------------------------------------------- faults
# A build can be killed at any moment (kill -9, a closed terminal, a full disk) and another one can be
# started meanwhile. What makes the next build work without anyone cleaning up:
# * one build at a time: an exclusive flock on build/.lock (released by the kernel when the process
#   dies, however it dies); a second build waits for the first (up to --wait seconds) and says so;
# * everything a build writes is written whole (a temp file, then a rename); every temporary name has a
#   random part and is recorded in build/state/journal before it is created, and what a killed build
#   left behind is removed at the start of the next build, under the lock: exactly the journaled names,
#   never a user's file that only looks like a leftover (.site.old, book/chapters/.scratch.ipynb);
# * a published folder keeps what the build does not make (.git, CNAME, .nojekyll: KEEP_IN_SITE);
# * no process outlives the build: the jupyter-book process gets PR_SET_PDEATHSIG (Linux), the
#   kernels poll their parent (ipykernel) and exit within a second of its death;
# * the published site is never missing: the new one is swapped in with one atomic rename
#   (renameat2 RENAME_EXCHANGE on Linux), so a reader (or a kill) sees the old site or the new one.
@contextlib.contextmanager
def build_lock(wait: float = LOCK_WAIT, quiet: bool = False):
    """Hold build/.lock for the duration of a build; wait up to ``wait`` seconds for another build."""
    import fcntl

    path = config.BUILD / ".lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        deadline = time.monotonic() + wait
        waiting = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
                if time.monotonic() >= deadline:
                    raise BuildError(f"another build is running (process {holder}; lock {path}) and did not finish "
                                     f"within {wait:.0f} s; wait for it or stop it") from None
                if not waiting:
                    print(f"another build is running (process {holder}): waiting for it to finish "
                          f"(up to {wait:.0f} s)", file=sys.stderr, flush=True)
                    waiting = True
                time.sleep(LOCK_POLL)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock


def journal_path() -> Path:
    """The build's journal: every temporary name a build creates, recorded before it is created."""
    return config.BUILD / "state" / "journal"


def sweep(t: Target | None = None) -> int:
    """Remove what an interrupted build left behind: exactly the temporary names recorded in the journal
    (random names the build chose), never a file or folder that only looks like a leftover. Under the lock;
    returns how many files and folders were removed."""
    return sweep_journal(journal_path())


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False where that is not supported."""
    renameat2 = getattr(_LIBC, "renameat2", None)
    if renameat2 is None:
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(a), None, str(b))
