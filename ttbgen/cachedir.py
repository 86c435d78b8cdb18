"""ttbgen's user cache folder: compiled templates, the province table, the LibreOffice profile (issue 15).

TTBGEN_CACHE_DIR overrides the folder ("off" turns every cache off); otherwise XDG_CACHE_HOME/ttbgen, or the
platform's user cache folder. Only folders and files that belong to the user and that nobody else can write
are used: cached entries are trusted like the user's own files.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from pathlib import Path

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (`ttbgen --help` imports this module)
if TYPE_CHECKING:
    from typing import Any

ENV_CACHE_DIR = "TTBGEN_CACHE_DIR"


def user_cache_dir() -> Path | None:
    """Return ttbgen's cache folder: TTBGEN_CACHE_DIR, else the platform's user cache folder; None when off."""
    override = os.environ.get(ENV_CACHE_DIR, "").strip()
    if override:
        return None if override.lower() == "off" else Path(override)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "ttbgen" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "ttbgen"
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache") / "ttbgen"


def private_folder(name: str) -> Path | None:
    """Return a sub-folder of the cache folder that only this user can write, creating it; None if unusable."""
    root = user_cache_dir()
    if root is None:
        return None
    folder = root / name
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    return folder if is_private(folder) else None


def is_private(path: Path) -> bool:
    """Tell whether a file or folder belongs to this user and nobody else can write it (POSIX; Windows: yes)."""
    if not hasattr(os, "getuid"):
        return True  # Windows: the user's profile folder is private by its ACL
    try:
        st = path.stat()
    except OSError:
        return False
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


def atomic_write(path: Path, data: bytes) -> bool:
    """Write a cache file as a temporary file renamed into place (concurrent writers each leave a whole file)."""
    import tempfile  # imported where used: `ttbgen --help` reads this module's folders only (issue 15)

    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(prefix=".entry-", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        return True
    except OSError:
        with contextlib.suppress(OSError):
            if tmp:
                os.unlink(tmp)
        return False


def package_stamp(package: str, files: tuple[str, ...]) -> str:
    """Return what identifies an installed package without importing it: some files' sizes and times."""
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or not spec.origin:
        return ""
    folder = Path(spec.origin).parent
    parts = []
    for name in files:
        with contextlib.suppress(OSError):
            st = (folder / name).stat()
            parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
    return "|".join(parts)


def cached_json(name: str, stamp: str, build: Callable[[], Any], valid: Callable[[Any], bool]) -> Any:
    """Return data built from a large package, kept as JSON in the user cache under (name, stamp).

    A process then need not import the package (vietnam_provinces, holidays: tens of ms each, issue 15).
    A missing, unreadable or invalid file is rebuilt.
    """
    import hashlib
    import json

    folder = private_folder("data")
    if folder is None or not stamp:
        return build()
    path = folder / f"{name}-{hashlib.sha256(stamp.encode()).hexdigest()[:32]}.json"
    with contextlib.suppress(OSError, ValueError):
        if is_private(path):
            data = json.loads(path.read_text(encoding="utf-8"))
            if valid(data):
                return data
    data = build()
    atomic_write(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))
    return data
