"""Fixtures the hostile tests share."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hostile import Listener


@pytest.fixture
def listener() -> Iterator[Listener]:
    """A local HTTP server that counts requests."""
    server = Listener()
    yield server
    server.close()
