"""Writing a register or report: atomically, and never over a file someone changed without --force."""

from __future__ import annotations

from pathlib import Path

from ttbgen.errors import OutputError
from ttbgen.files import atomic_write, backup
from ttbgen.i18n import _
from ttbgen.safefile import MAX_DOCX_BYTES, read_bounded


def write(target: Path, data: bytes, force: bool = False, replaceable: bool = False) -> Path | None:
    """Write data to target through a temporary file and a rename; return the backup made, if any.

    An existing different file is kept unless `force` (then backed up) or `replaceable` (a calendar that
    already had its events merged into data).
    """
    kept = None
    if target.exists() and not replaceable:
        existing = read_bounded(target, MAX_DOCX_BYTES, OutputError, _("the existing file"))  # issue 13
        if existing == data:
            return None
        if not force:
            raise OutputError(_("{target} exists and differs (the follow-up clerk may have edited it); not replacing "
                                "it. Choose another file with -o, or add --force (a backup is kept)").format(
                                    target=target))
        kept = backup(target, existing)
    atomic_write(target, data)
    return kept
