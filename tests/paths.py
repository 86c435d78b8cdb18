"""Repository paths shared by the tests."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "specs"
# CI clones the repository with shared/ beside it; a developer's checkout has it at ../shared too.
SHARED = Path(os.environ.get("TTBGEN_SHARED", ROOT.parent / "shared"))
EXAMPLES = SHARED / "examples"


def spec_files() -> list[Path]:
    """Return every spec in specs/."""
    return sorted(SPECS.glob("*.yaml"))
