"""`ttbgen preview`: the pages of a spec's documents (built into a scratch folder) or of a .docx, as PNGs."""

from __future__ import annotations

import tempfile
from pathlib import Path

from ttbgen.build.pipeline import build_all
from ttbgen.office.pdf import find_tool
from ttbgen.office.preview import preview as preview_documents


def preview(source: Path, outdir: Path, dpi: int = 60) -> list[Path]:
    """Write a PNG per page of a spec's documents (or of a .docx) into `outdir`; return their paths."""
    find_tool(("pdftoppm",))  # say it is missing before building anything
    if source.suffix.lower() == ".docx":
        return preview_documents([source], outdir, dpi)
    with tempfile.TemporaryDirectory(prefix="ttbgen-build-") as tmp:
        docxs = [b.output for b in build_all([source], Path(tmp))]
        return preview_documents(docxs, outdir, dpi)
