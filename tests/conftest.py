"""Shared fixtures: repository paths, the shared examples, built documents."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import d30notice
import pytest
from paths import spec_files

from ttbgen.check.api import check_document
from ttbgen.check.findings import Finding

# The suite must not depend on the machine it runs on: no user config file, no template folders from the
# environment (issue 10). Set at import time so session fixtures see it too.
os.environ.pop("TTBGEN_TEMPLATE_PATH", None)
os.environ["XDG_CONFIG_HOME"] = str(Path(__file__).parent / "no-user-config")
# Caches (compiled templates, the province table, the LibreOffice profile) go to a folder of this run (issue 15).
os.environ["TTBGEN_CACHE_DIR"] = tempfile.mkdtemp(prefix="ttbgen-test-cache-")
atexit.register(shutil.rmtree, os.environ["TTBGEN_CACHE_DIR"], True)
# Messages in English whatever the machine's locale (issue 16); the Vietnamese tests ask for vi explicitly.
os.environ["TTBGEN_LANG"] = "en"


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Build every spec in specs/ once per test session; map output name (without .docx) → .docx path."""
    from ttbgen.build.pipeline import build_all

    outdir = tmp_path_factory.mktemp("built")
    results = build_all(spec_files(), outdir)
    return {r.output.stem: r.output for r in results}


@pytest.fixture()
def in_tmp(tmp_path: Path) -> Iterator[Path]:
    """Run a test inside an empty temporary folder."""
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(old)


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
