"""Fixtures for the checker tests: the notice generator and a one-call check."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import d30notice

from ttbgen.check.api import check_document
from ttbgen.check.findings import Finding


@pytest.fixture
def make(tmp_path: Path) -> Callable[..., Path]:
    """Build a notice variant in tmp_path: make(file_stem, **Notice fields)."""

    def _make(file_stem: str = "notice", **changes: Any) -> Path:
        return d30notice.build(tmp_path / f"{file_stem}.docx", **changes)

    return _make


@pytest.fixture
def check(make: Callable[..., Path]) -> Callable[..., list[Finding]]:
    """Build a variant and return its findings."""

    def _check(**changes: Any) -> list[Finding]:
        return check_document(make(**changes))

    return _check
