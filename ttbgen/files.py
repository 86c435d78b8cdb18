"""Writing files safely: through a temporary file and a rename, so nothing is ever half-written."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ttbgen.errors import OutputError
from ttbgen.i18n import _


def atomic_write(target: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename: no half-written document, ever."""
    if target.parent.exists() and not target.parent.is_dir():
        raise OutputError(_("{folder}: the output folder is a file; choose another folder with -o").format(
            folder=target.parent))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=temp_prefix(target), suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a document is shared like any other file
        os.replace(tmp, target)
    except BaseException as exc:  # an interrupt too: never leave the temporary file behind
        _discard(locals().get("tmp"))
        if not isinstance(exc, OSError):
            raise
        raise OutputError(_("{target}: cannot write: {reason}").format(target=target, reason=exc.strerror)) from None


def write_new(target: Path, data: bytes, exists: str = "", make_folder: bool = True) -> None:
    """Write a new file atomically; refuse when the target exists (no silent overwrite, no half-written file).

    `exists` is the caller's message for an existing target (translated, with `{path}`); `make_folder` makes the
    target's folder when it is missing."""
    tmp = None
    try:
        if make_folder:
            target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=temp_prefix(target), suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_umask())  # as atomic_write: mkstemp's 0600 would hide the file from colleagues
        os.link(tmp, target)  # unlike a rename, a link fails when the target exists
    except FileExistsError:
        message = exists or _("{path} already exists; remove it or choose another folder")
        raise OutputError(message.format(path=target)) from None
    except OSError as exc:
        raise OutputError(_("{target}: cannot write: {reason}").format(target=target, reason=exc.strerror)) from None
    finally:
        _discard(tmp)


def _umask() -> int:
    """Return the process umask (reading it means setting it, so set it back at once)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _discard(tmp: object) -> None:
    """Remove a temporary file left by a failed write."""
    if isinstance(tmp, str) and os.path.exists(tmp):
        os.unlink(tmp)


def backup(target: Path, data: bytes) -> Path:
    """Keep a copy of a document before it is replaced: x.docx → x.bak-1.docx, … written atomically, so a full
    disk leaves no truncated backup (the write fails and the document is not replaced)."""
    for n in range(1, 10_000):
        candidate = target.with_name(f"{target.stem}.bak-{n}{target.suffix}")
        if not candidate.exists() and not candidate.is_symlink():
            atomic_write(candidate, data)
            return candidate
    raise OutputError(_("{target}: too many backups; clean up the folder").format(target=target))


def temp_prefix(target: Path) -> str:
    """Name temporary files after the target and this process: a later run removes those of dead processes."""
    return f".{target.name}.{os.getpid()}."
