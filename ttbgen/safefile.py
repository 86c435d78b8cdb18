"""Bounded reads: every file ttbgen reads is checked to be a regular file under a size limit, and read once.

A symlink to /dev/zero, a FIFO or a device would otherwise fill memory or hang forever (issue 13); the file
is opened without blocking, checked with fstat on the open descriptor (no race between check and read), and
read to at most its limit plus one byte.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ttbgen.errors import TtbgenError
from ttbgen.i18n import _

# docs/limits.md lists these values.
MAX_SPEC_BYTES = 1_000_000  # a spec, an office profile, ttbgen.yaml, a rule set
MAX_MANIFEST_BYTES = 100_000  # template.yaml: a few lines
MAX_DOCX_BYTES = 50_000_000  # a template.docx, an existing output, a document to check or convert


def read_bounded(path: Path, limit: int, error: type[TtbgenError] = TtbgenError, what: str = "") -> bytes:
    """Return a regular file's bytes, refusing anything else or anything larger than `limit`.

    `error` is the TtbgenError subclass raised (SpecError, TemplateError, …) so messages keep their kind;
    `what` names the file's role in the message ("the manifest", "the spec").
    """
    label = what or _("the file")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise error(_("{path}: cannot read {what}: {reason}").format(
            path=path, what=label, reason=exc.strerror or exc)) from None
    try:
        return _read_fd(fd, path, limit, error, label)
    finally:
        os.close(fd)


def _read_fd(fd: int, path: Path, limit: int, error: type[TtbgenError], label: str) -> bytes:
    """Check that an open descriptor is a regular file within the limit, then read it."""
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        raise error(_("{path}: {what} is not a regular file (a device, a pipe or a folder); refused").format(
            path=path, what=label))
    if info.st_size > limit:
        raise error(_("{path}: {what} is {size} bytes; the limit is {limit} bytes (docs/limits.md)").format(
            path=path, what=label, size=info.st_size, limit=limit))
    try:
        data = _read_all(fd, limit + 1)
    except OSError as exc:
        raise error(_("{path}: cannot read {what}: {reason}").format(
            path=path, what=label, reason=exc.strerror or exc)) from None
    if len(data) > limit:  # the file grew while we read it
        raise error(_("{path}: {what} is larger than {limit} bytes (docs/limits.md)").format(
            path=path, what=label, limit=limit))
    return data


def _read_all(fd: int, most: int) -> bytes:
    """Read up to `most` bytes from a descriptor."""
    chunks: list[bytes] = []
    left = most
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def is_regular(path: Path) -> bool:
    """Tell whether a path is a regular file (following symlinks), without opening it."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except (OSError, ValueError):
        return False
