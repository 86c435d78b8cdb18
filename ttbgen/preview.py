"""`ttbgen preview`: a PNG per page of a spec's or a document's rendering, for a quick look."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ttbgen.i18n import _
from ttbgen.pdf import PdfError, convert_to_pdf, find_tool


def _docx_of(source: Path, work: Path) -> list[Path]:
    """Return the documents to preview: the .docx itself, or those a spec builds (into a scratch folder)."""
    if source.suffix.lower() == ".docx":
        return [source]
    from ttbgen.build import build_all

    return [b.output for b in build_all([source], work / "docx")]


def _pages(pdf: Path, outdir: Path, dpi: int) -> list[Path]:
    """Render a PDF's pages to PNG files OUTDIR/<name>-<page>.png."""
    prefix = outdir / pdf.stem
    try:
        subprocess.run([find_tool(("pdftoppm",)), "-png", "-r", str(dpi), str(pdf), str(prefix)],
                       capture_output=True, timeout=120, check=True)
    except (subprocess.SubprocessError, OSError) as exc:
        raise PdfError(_("{pdf}: pdftoppm failed: {reason}").format(pdf=pdf, reason=exc)) from None
    return sorted(outdir.glob(f"{pdf.stem}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def preview(source: Path, outdir: Path, dpi: int = 60) -> list[Path]:
    """Write a PNG per page of a spec's documents (or of a .docx) into `outdir`; return their paths."""
    find_tool(("pdftoppm",))
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ttbgen-preview-") as tmp:
        work = Path(tmp)
        pdfs = convert_to_pdf(_docx_of(source, work), work / "pdf")
        pages = work / "png"
        pages.mkdir()
        images = [png for pdf in pdfs for png in _pages(pdf, pages, dpi)]
        return [Path(shutil.copy(png, outdir / png.name)) for png in images]
