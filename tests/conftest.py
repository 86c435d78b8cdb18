"""Shared fixtures: repository paths, the shared examples, built documents."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from paths import spec_files

# The suite must not depend on the machine it runs on: no user config file, no template folders from the
# environment (issue 10). Set at import time so session fixtures see it too.
os.environ.pop("TTBGEN_TEMPLATE_PATH", None)
os.environ["XDG_CONFIG_HOME"] = str(Path(__file__).parent / "no-user-config")


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Build every spec in specs/ once per test session; map output name (without .docx) → .docx path."""
    from ttbgen.build import build_all

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
