"""Writing a register or report: atomically, and never over a file someone changed without --force."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ttbgen.errors import OutputError
from ttbgen.i18n import _
from ttbgen.safefile import MAX_DOCX_BYTES, read_bounded


def backup(target: Path) -> Path:
    """Keep a copy of a file before --force replaces it: x.xlsx → x.bak-1.xlsx, …"""
    for n in range(1, 10_000):
        candidate = target.with_name(f"{target.stem}.bak-{n}{target.suffix}")
        if not candidate.exists():
            candidate.write_bytes(target.read_bytes())
            return candidate
    raise OutputError(_("{target}: too many backups; clean up the folder").format(target=target))


def write(target: Path, data: bytes, force: bool = False, replaceable: bool = False) -> Path | None:
    """Write data to target through a temporary file and a rename; return the backup made, if any.

    An existing different file is kept unless `force` (then backed up) or `replaceable` (a calendar that
    already had its events merged into data).
    """
    kept = None
    if target.exists() and not replaceable:
        if read_bounded(target, MAX_DOCX_BYTES, OutputError, _("the existing file")) == data:  # issue 13
            return None
        if not force:
            raise OutputError(_("{target} exists and differs (the follow-up clerk may have edited it); not replacing "
                                "it. Choose another file with -o, or add --force (a backup is kept)").format(
                                    target=target))
        kept = backup(target)
    _atomic(target, data)
    return kept


def _atomic(target: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename: no half-written file, ever."""
    tmp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)
        raise OutputError(_("{target}: cannot write: {reason}").format(target=target, reason=exc.strerror)) from None
