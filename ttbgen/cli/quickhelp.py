"""`ttbgen --help` without importing click (issue 15): click alone takes about 19 ms to import, more than the rest
of the top-level help together. `ttbgen.cli.run` (the console script) asks here first.

The help click prints for `ttbgen --help` (or `-h`, or no arguments) is kept in the user cache under a key of
everything it depends on: ttbgen's version and the files that hold the command table, the language and the
catalogue, click's own files, the terminal width and the program name. The next `ttbgen --help` finds it there
and prints it; anything else, or a miss, runs the click command line.
"""

from __future__ import annotations

import os
import sys
import zlib
from pathlib import Path

import ttbgen
from ttbgen.i18n import language

# What the top-level help is made of: the command table and group (cli/group.py), the --lang help and click's
# translated words (cli/localize.py), the language rules (i18n.py) and the Vietnamese catalogue.
_SOURCES = ("cli/group.py", "cli/localize.py", "i18n.py", "locale/vi/LC_MESSAGES/ttbgen.mo")


def print_kept() -> bool:
    """Print the kept help for this invocation; tell whether there was one."""
    key = help_key(program_name())
    text = _read(key) if key else None
    if text is None:
        return False
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except (UnicodeEncodeError, AttributeError):  # a terminal that cannot show Vietnamese, or no stdout at all
        return False  # (pythonw): click finds its own way
    return True


def keep(program: str, text: str) -> None:
    """Keep the top-level help click just printed (`text`, with its final line break) for the next invocation."""
    key = help_key(program) if program == program_name() else None
    folder = _folder() if key else None
    if key and folder:
        from ttbgen.cachedir import atomic_write

        atomic_write(_entry(folder, key), f"{key}\n{text}".encode())


def program_name() -> str:
    """Return the name click shows in the usage line when ttbgen runs as a script ('' when run otherwise, as
    `python -m ttbgen`, which click names differently)."""
    main_module = sys.modules.get("__main__")
    if getattr(main_module, "__package__", None):
        return ""
    return os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else ""


def help_key(program: str) -> str:
    """Return one line naming everything the top-level help depends on ('' when it cannot be kept)."""
    if not program:
        return ""
    package = os.path.dirname(ttbgen.__file__)
    stamps = [_stamp(os.path.join(package, name)) for name in _SOURCES]
    return "\t".join([ttbgen.__version__, language(), str(help_width()), program, *stamps, _click_stamp()])


def help_width() -> int:
    """Return the width click lays the help out in: the terminal's, at most 80, less 2, at least 50 (as
    click.formatting.HelpFormatter computes it; click's files are part of the key, so a change there is seen)."""
    return max(min(terminal_columns(), 80) - 2, 50)


def terminal_columns() -> int:
    """Return the terminal width the way shutil.get_terminal_size (which click asks) finds it."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else 80


def _stamp(path: str) -> str:
    """Return a file's size and modification time, or '-' when it is missing."""
    try:
        st = os.stat(path)
    except OSError:
        return "-"
    return f"{st.st_size}:{st.st_mtime_ns}"


def _click_stamp() -> str:
    """Return the stamp of the click package found first on the import path (a click upgrade changes it)."""
    for entry in sys.path:
        path = os.path.join(entry or os.curdir, "click", "__init__.py")
        if os.path.isfile(path):
            return _stamp(path)
    return "-"


def _folder() -> Path | None:
    """Return the private cache folder for kept help texts, or None when the cache is off or unusable."""
    from ttbgen.cachedir import private_folder

    return private_folder("help")


def _entry(folder: Path, key: str) -> Path:
    """Return the file that keeps the help of a key (the key is checked again when it is read)."""
    return folder / f"help-{zlib.crc32(key.encode()):08x}.txt"


def _read(key: str) -> str | None:
    """Return the help kept under a key, if a private, whole entry holds it."""
    from ttbgen.cachedir import is_private

    folder = _folder()
    if folder is None:
        return None
    path = _entry(folder, key)
    try:
        with open(path, "rb") as fh:
            data = fh.read(1_000_000).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    head, _sep, text = data.partition("\n")
    return text if head == key and text and is_private(path) else None
