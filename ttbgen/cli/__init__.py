"""Command line: click commands, one module per command group; each parses, calls one function, prints, exits.

The group (`main`) and its command table live in cli/group.py and are imported on first use, so that the `ttbgen`
command (`run`) can print a kept `--help` without importing click (cli/quickhelp.py, issue 15).
"""

from __future__ import annotations

import errno
import gc
import os
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (mypy reads it the same)
if TYPE_CHECKING:
    from typing import Any

_GROUP_NAMES = ("main", "COMMANDS", "LazyGroup")
HELP_ARGUMENTS = (["--help"], ["-h"])  # the invocations cli/quickhelp.py may answer from the kept help
# Errors of the disk or device ttbgen writes to (often the output redirected to a full disk), not of ttbgen
DEVICE_ERRORS = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO)


def run() -> None:
    """The `ttbgen` command; a full or failing disk is one message and exit code 2, not a traceback."""
    try:
        _run()
    except OSError as exc:
        if exc.errno not in DEVICE_ERRORS:
            raise
        _device_failed(exc)


def _device_failed(exc: OSError) -> None:
    """Say that the disk refused a write, and end without the interpreter writing to it again."""
    from ttbgen.i18n import _

    with open(os.devnull, "w") as devnull:  # the last flush at exit would fail (and print) again
        os.dup2(devnull.fileno(), sys.stdout.fileno())
    reason = os.strerror(exc.errno or 0) + (f": {exc.filename}" if exc.filename else "")
    try:
        sys.stderr.write(_("ttbgen: cannot write ({reason}); free some disk space or check the disk, then run the "
                           "command again").format(reason=reason) + "\n")
        sys.stderr.flush()
    except OSError:
        pass  # stderr is on the same disk: the exit code still says it
    sys.exit(2)


def _run() -> None:
    """Print the kept top-level help when that is all that is asked, else run the click group."""
    if sys.argv[1:] in HELP_ARGUMENTS:
        from ttbgen.cli import quickhelp

        if quickhelp.print_kept():
            return
    from ttbgen.cli.group import main

    # Importing the command's modules allocates tens of thousands of objects that live as long as the process:
    # the default threshold (700) collects them again and again for nothing (≈ 4 ms of a one-spec build). Cycles
    # are still collected, every 50,000 allocations, in a batch of any size.
    gc.set_threshold(50_000, *gc.get_threshold()[1:])
    try:
        main()
    finally:
        # The process ends here: the interpreter's last collections would walk every object ttbgen made only
        # to free memory the system frees anyway (≈ 10 ms of a one-spec build). Files are closed, atexit
        # handlers run and output is flushed as before; Python never promised __del__ at exit.
        gc.freeze()


def __getattr__(name: str) -> Any:
    """Give the click group and its command table on first use (PEP 562)."""
    if name in _GROUP_NAMES:
        from ttbgen.cli import group

        return getattr(group, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
