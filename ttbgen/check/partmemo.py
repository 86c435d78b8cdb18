"""A per-process memo keyed by a part's exact bytes, bounded by those bytes (issue 15).

The notices of one template share most of their parts byte for byte (theme, numbering, headers, relationships,
settings), so what the checker learns from such a part is kept for the next document. Keys hold the part's
bytes, so equal keys mean equal input; the memo keeps at most `budget` bytes of keys, the least recently used
dropped first, so a batch of any size (or a hostile file with huge parts) keeps memory flat.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Generic, TypeVar

_V = TypeVar("_V")
PartKey = tuple[Hashable, ...]  # (what was read, part name, …, the part's bytes last)


class PartMemo(Generic[_V]):
    """Values by (…, part bytes), the most recently used kept up to a byte budget."""

    def __init__(self, budget: int) -> None:
        self.budget, self.total = budget, 0
        self.values: dict[PartKey, tuple[_V]] = {}  # insertion order: least recently used first

    def get(self, key: PartKey) -> tuple[_V] | None:
        """Return (value,) kept for a key, and keep it longer; None when nothing is kept."""
        found = self.values.pop(key, None)
        if found is not None:
            self.values[key] = found
        return found

    def put(self, key: PartKey, value: _V) -> None:
        """Keep a value, dropping the least recently used beyond the budget."""
        size = _size(key)
        if size > self.budget or key in self.values:
            return
        self.values[key] = (value,)
        self.total += size
        while self.total > self.budget and self.values:
            oldest = next(iter(self.values))
            if self.values.pop(oldest, None) is not None:  # not already dropped by another thread
                self.total -= _size(oldest)
        if not self.values:
            self.total = 0

    def clear(self) -> None:
        """Forget everything (tests)."""
        self.values.clear()
        self.total = 0


def _size(key: PartKey) -> int:
    """Return the bytes a key holds (its last item, the part's bytes)."""
    last = key[-1]
    return len(last) if isinstance(last, bytes) else 0
