"""Previews: a PNG per page of a document as LibreOffice lays it out, for a quick look."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ttbgen.i18n import _
from ttbgen.office.pdf import PdfError, convert_to_pdf, find_tool


def _pages(pdf: Path, outdir: Path, dpi: int) -> list[Path]:
    """Render a PDF's pages to PNG files OUTDIR/<name>-<page>.png."""
    prefix = outdir / pdf.stem
    try:
        subprocess.run([find_tool(("pdftoppm",)), "-png", "-r", str(dpi), str(pdf), str(prefix)],
                       capture_output=True, timeout=120, check=True)
    except (subprocess.SubprocessError, OSError) as exc:
        raise PdfError(_("{pdf}: pdftoppm failed: {reason}").format(pdf=pdf, reason=exc)) from None
    return sorted(outdir.glob(f"{pdf.stem}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def preview(docxs: list[Path], outdir: Path, dpi: int = 60) -> list[Path]:
    """Write a PNG per page of each document into `outdir`; return their paths."""
    find_tool(("pdftoppm",))
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ttbgen-preview-") as tmp:
        work = Path(tmp)
        pdfs = convert_to_pdf(docxs, work / "pdf")
        pages = work / "png"
        pages.mkdir()
        images = [png for pdf in pdfs for png in _pages(pdf, pages, dpi)]
        return [Path(shutil.copy(png, outdir / png.name)) for png in images]
