"""The code stays typed and linted: mypy --strict on ttbgen/, ruff on everything (design.md §8)."""

from __future__ import annotations

import subprocess
import sys

from paths import ROOT


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run a tool from this Python environment in the repository."""
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_is_clean() -> None:
    result = run("ruff", "check", "ttbgen", "tests", "tools", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_is_clean() -> None:
    result = run("mypy", "ttbgen")
    assert result.returncode == 0, result.stdout + result.stderr
