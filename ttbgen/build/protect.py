"""Edit protection over the whole package, signed documents, backups, and temporary files a later run can clean.

An existing output is compared with what ttbgen recorded when it wrote it: a hash of every part (not only
word/document.xml: styles, headers, core properties too). A digitally signed document (`_xmlsignatures/`)
is never replaced, even with --force, unless --overwrite-signed says so (issue 13, docs/security.md).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import zipfile
from collections.abc import Mapping
from enum import Enum
from pathlib import Path

from ttbgen.errors import OutputError, TtbgenError
from ttbgen.i18n import _
from ttbgen.render.templates import read_custom_properties
from ttbgen.safefile import MAX_DOCX_BYTES, read_bounded

PACKAGE_HASH = "ttbgen.package-sha256"
CONTENT_HASH = "ttbgen.content-sha256"  # documents written before the package hash: word/document.xml only
_UNHASHED = "docProps/custom.xml"  # it holds the hash itself
_SIGNATURES = "_xmlsignatures/"
_STALE = re.compile(r"^\..+\.(?:docx|pdf)\.(\d+)\.(?:[a-z0-9_]{8}\.)?tmp$")  # .x.docx.PID.XXXXXXXX.tmp, .x.pdf.PID.tmp


class State(Enum):
    """What an existing output is, relative to the document about to be written."""

    SAME = "same"  # byte for byte what would be written
    BUILT = "built"  # as ttbgen wrote it (may be replaced)
    EDITED = "edited"  # changed since (or not written by ttbgen)
    SIGNED = "signed"  # carries a digital signature


def package_digest(parts: Mapping[str, bytes]) -> str:
    """Hash every part of a package but the custom properties, by name and content, in name order."""
    digest = hashlib.sha256()
    for name in sorted(n for n in parts if n != _UNHASHED):
        data = parts[name]
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def state_of(target: Path, data: bytes) -> tuple[State, bytes]:
    """Read an existing output once (bounded, regular files only) and say what it is; also return its bytes."""
    existing = read_bounded(target, MAX_DOCX_BYTES, OutputError, _("the existing document"))
    if existing == data:
        return State.SAME, existing
    try:
        with zipfile.ZipFile(io.BytesIO(existing)) as zf:
            return _judge(zf), existing
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError, KeyError):
        return State.EDITED, existing


def _judge(zf: zipfile.ZipFile) -> State:
    """Tell a signed, an edited and an untouched ttbgen document apart."""
    names = zf.namelist()
    if any(n.lower().startswith(_SIGNATURES) for n in names):
        return State.SIGNED
    props = read_custom_properties(zf)
    if PACKAGE_HASH in props:
        parts = {n: zf.read(n) for n in names if n != _UNHASHED and not n.endswith("/")}
        return State.BUILT if package_digest(parts) == props[PACKAGE_HASH] else State.EDITED
    if CONTENT_HASH in props:
        return State.BUILT if hashlib.sha256(zf.read("word/document.xml")).hexdigest() == props[CONTENT_HASH] \
            else State.EDITED
    return State.EDITED


def refusal(target: Path, state: State, force: bool, overwrite_signed: bool) -> OutputError | None:
    """Return the error that forbids replacing an existing output, or None when it may be replaced."""
    if state is State.SIGNED and not overwrite_signed:
        return OutputError(_("{target}: the document is digitally signed; ttbgen never replaces a signed document, "
                             "even with --force. Rename it, or rebuild with --overwrite-signed (a backup is kept)")
                           .format(target=target))
    if state is State.EDITED and not force:
        return OutputError(_("{target}: the document was changed after ttbgen wrote it (edited in Word?); "
                             "not overwriting it. Rename it, or rebuild with --force (a backup is kept)")
                           .format(target=target))
    return None


def clean_stale(folder: Path) -> list[Path]:
    """Remove temporary files that a killed run left in a folder (their process is gone); return them."""
    removed: list[Path] = []
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            match = _STALE.match(entry.name)
            if match and int(match.group(1)) != os.getpid() and not _alive(int(match.group(1))):
                with contextlib.suppress(OSError):
                    entry.unlink()
                    removed.append(entry)
    return removed


def _alive(pid: int) -> bool:
    """Tell whether a process exists (on this machine)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, OverflowError):
        return True
    return True


class Interrupted(TtbgenError):
    """A batch stopped part-way: the message lists what was written and what was not."""

    exit_code = 130


def interrupted(exc: BaseException, outputs: list[tuple[Path, bytes]]) -> Interrupted | None:
    """Say which documents of a batch were written before it stopped (an error or Ctrl+C): those whose file
    now holds the new bytes (writes may run in parallel, so the file is the witness, not the order). None when
    nothing was written: the original error says it all."""
    written = [str(path) for path, data in outputs if _holds(path, data)]
    if not written:
        return None
    left = [str(path) for path, data in outputs if str(path) not in written]
    reason = exc.render() if isinstance(exc, TtbgenError) else _("interrupted")
    stopped = Interrupted(_("{reason}\nthe batch stopped: already written: {written}; not written: {left}").format(
        reason=reason, written=", ".join(written) or _("none"), left=", ".join(left) or _("none")))
    stopped.exit_code = 2 if isinstance(exc, TtbgenError) else 130
    return stopped


def _holds(path: Path, data: bytes) -> bool:
    """Tell whether a file holds exactly these bytes."""
    try:
        return read_bounded(path, MAX_DOCX_BYTES, OutputError) == data
    except OutputError:
        return False
