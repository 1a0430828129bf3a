"""Processes and signals: a child dies with its parent, SIGTERM and SIGHUP end the work as Ctrl-C
does, and a failed read or write is one short line naming the path.

Shared by the build (its jupyter-book process and kernels) and the command line (``extract --jobs``
workers), without either importing the other.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import signal


def _libc():
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:  # not a POSIX C library
        return None


_LIBC = _libc()


def die_with_parent(parent: int) -> None:
    """In a child process (preexec_fn): be killed when the parent dies (Linux prctl PR_SET_PDEATHSIG)."""
    prctl = getattr(_LIBC, "prctl", None)
    if prctl is not None:
        prctl(1, int(signal.SIGKILL), 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP: handled like Ctrl-C (the kernels are stopped, the site is kept, one line)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


_received: list[int] = []  # the signals received inside stop_on_signals, in order


def _stop(signum, frame) -> None:
    _received.append(signum)  # recorded first: a raise inside a callback Python ignores (after a fork) is not lost
    raise Stopped(signum)


def raise_if_stopped() -> None:
    """Raise Stopped if SIGTERM or SIGHUP arrived inside stop_on_signals and its exception was swallowed (it
    was raised inside a callback whose exceptions Python ignores, such as logging's after-fork hook while a
    process pool forks a worker). Called before an output is written and when the work ends."""
    if _received:
        raise Stopped(_received[0])


@contextlib.contextmanager
def stop_on_signals():
    """In the main thread: SIGTERM and SIGHUP end the work as Ctrl-C does (KeyboardInterrupt)."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    sigs = [sig for sig in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if sig is not None]
    _received.clear()
    previous = {sig: signal.signal(sig, _stop) for sig in sigs}
    try:
        yield
        raise_if_stopped()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


# The exit statuses of a command stopped by Ctrl-C, SIGTERM or SIGHUP (128 + the signal).
INTERRUPTED = frozenset({128 + int(signal.SIGINT), 128 + int(getattr(signal, "SIGTERM", 15)),
                         128 + int(getattr(signal, "SIGHUP", 1))})


def exit_process(status: int):
    """End a command-line process with ``status``. After an interrupt (the one line said, the lock and the
    journal released) the process ends at once: the stopped kernels' threads (daemon threads of the
    chapters' event loop, their sockets) may still be running, and the interpreter's shutdown with them
    can abort ("could not acquire lock ... at interpreter shutdown, possibly due to daemon threads":
    status -6 instead of 143) or wait for them."""
    import sys

    if status in INTERRUPTED:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(status)
    sys.exit(status)


def os_error_line(exc: OSError) -> str:
    """One short line for a failed write or read: what happened and the path (never a file's content)."""
    if isinstance(exc, shutil.Error) and exc.args and isinstance(exc.args[0], list) and exc.args[0]:
        failures = exc.args[0]  # copytree: one (source, destination, reason) per file, thousands on a full disk
        src, dst, why = failures[0]
        full = "No space left on device" in str(why) or "[Errno 28]" in str(why)
        more = f" (and {len(failures) - 1} more)" if len(failures) > 1 else ""
        return f"{'no space left on device' if full else 'could not copy'}: {dst}{more}"
    where = exc.filename or ""
    if getattr(exc, "filename2", None):
        where = f"{where} -> {exc.filename2}"
    what = "no space left on device" if exc.errno == errno.ENOSPC else (exc.strerror or type(exc).__name__)
    return f"{what}: {where}" if where else what
