"""The province table, cached on disk so a process does not import vietnam_provinces for 34 names (issue 15)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ttbgen.cachedir import cached_json, package_stamp


def _valid(table: Any) -> bool:
    """Tell whether cached data is a name → name table."""
    return isinstance(table, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in table.items())


def cached_table(build: Callable[[], dict[str, str]]) -> dict[str, str]:
    """Return the table from the user cache, or build it (importing vietnam_provinces) and cache it."""
    stamp = package_stamp("vietnam_provinces", ("__init__.py", "base.py", "codes.py", "lookup.py"))
    table: dict[str, str] = cached_json("provinces", stamp, build, _valid)
    return table
