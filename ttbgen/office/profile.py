"""A persistent private LibreOffice profile, and progress while LibreOffice converts (issue 15).

LibreOffice started with a brand-new profile on every call, which costs about a quarter of a second
(pitfalls.md). The profile now lives in ttbgen's user cache folder and is kept between runs. Two ttbgen runs
must never share one (LibreOffice corrupts a profile used by two processes), so there are a few numbered
profiles, each taken with an exclusive lock that the system releases when the process ends, even by a crash;
when every one is taken, the run falls back to a fresh temporary profile. A profile whose conversion failed is
deleted, so the next run starts from a clean one.
"""

from __future__ import annotations

import contextlib
import shutil
import sys
import threading
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import IO

from ttbgen.cachedir import private_folder

SLOTS = 4
Progress = Callable[[int, int], None]
# Set by a command to watch conversions made deeper down (e.g. `ttbgen check --render`).
PDF_PROGRESS: ContextVar[Progress | None] = ContextVar("PDF_PROGRESS", default=None)


def _try_lock(path: Path) -> IO[bytes] | None:
    """Take an exclusive lock on a file without waiting; return the open file holding it, or None."""
    try:
        handle = path.open("a+b")
    except OSError:
        return None
    try:
        _lock(handle)
    except OSError:
        handle.close()
        return None
    return handle


def _lock(handle: IO[bytes]) -> None:
    """Lock an open file exclusively without waiting; OSError when another process holds it."""
    if sys.platform == "win32":
        import msvcrt

        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)


@contextlib.contextmanager
def libreoffice_profile(fallback: Path) -> Iterator[Path]:
    """Yield a profile folder for one LibreOffice run: a persistent one of this user's, locked; else `fallback`."""
    folder = private_folder("libreoffice")
    for slot in range(SLOTS if folder is not None else 0):
        assert folder is not None
        lock = _try_lock(folder / f"profile-{slot}.lock")
        if lock is None:
            continue
        profile = folder / f"profile-{slot}"
        try:
            yield profile
        except BaseException:
            shutil.rmtree(profile, ignore_errors=True)  # a failed run may have left it broken
            raise
        finally:
            lock.close()  # closing the file releases the lock
        return
    yield fallback


@contextlib.contextmanager
def watch(folder: Path, total: int, progress: Progress | None) -> Iterator[None]:
    """Report how many PDFs have appeared in `folder` while LibreOffice runs (a thread polls it)."""
    progress = progress or PDF_PROGRESS.get()
    if progress is None:
        yield
        return
    stop = threading.Event()

    def report() -> None:
        with contextlib.suppress(OSError):
            progress(sum(1 for p in folder.glob("*.pdf")), total)

    def poll() -> None:
        while not stop.wait(0.2):
            report()

    thread = threading.Thread(target=poll, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
        report()  # the last count, however the polls fell
