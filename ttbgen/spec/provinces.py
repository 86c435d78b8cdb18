"""The province table, cached on disk so a process does not import vietnam_provinces for 34 names (issue 15)."""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
from collections.abc import Callable
from pathlib import Path

from ttbgen.cachedir import atomic_write, is_private, private_folder


def _package_stamp() -> str:
    """Return what identifies the installed vietnam_provinces: its files' sizes and modification times."""
    spec = importlib.util.find_spec("vietnam_provinces")
    if spec is None or not spec.origin:
        return ""
    folder = Path(spec.origin).parent
    parts = []
    for name in ("__init__.py", "base.py", "codes.py", "lookup.py"):
        with contextlib.suppress(OSError):
            st = (folder / name).stat()
            parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
    return "|".join(parts)


def cached_table(build: Callable[[], dict[str, str]]) -> dict[str, str]:
    """Return the table from the user cache, or build it (importing vietnam_provinces) and cache it."""
    stamp = _package_stamp()
    folder = private_folder("data")
    if folder is None or not stamp:
        return build()
    path = folder / f"provinces-{hashlib.sha256(stamp.encode()).hexdigest()[:32]}.json"
    with contextlib.suppress(OSError, ValueError):
        if is_private(path):
            table = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(table, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in table.items()):
                return table
    table = build()
    atomic_write(path, json.dumps(table, ensure_ascii=False).encode("utf-8"))
    return table
