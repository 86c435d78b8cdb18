"""The PDF commands: `ttbgen pdf` and `ttbgen preview` (LibreOffice and poppler imported on use)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ttbgen.i18n import N_, _


@click.command(name="pdf", help=N_("Convert .docx documents to PDF with LibreOffice, in one call."))
@click.argument("docxs", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--outdir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help=N_("Folder for the PDFs (default: beside each document)."))
@click.option("--pdf-a", "pdf_a", is_flag=True, help=N_("Write PDF/A-2b, the archival PDF e-office systems sign."))
@click.option("--positions", is_flag=True,
              help=N_("Print the page and boxes of the signature and seal areas as JSON (the PDFs are still written); "
                     "a .pdf given is measured as it is."))
def pdf_command(docxs: tuple[Path, ...], outdir: Path | None, pdf_a: bool, positions: bool) -> None:
    """Convert each DOCX to PDF."""
    import json

    from ttbgen.errors import TtbgenError
    from ttbgen.office.pdf import PdfError, convert_to_pdf
    from ttbgen.office.positions import positions as find_positions

    ready = [p for p in docxs if p.suffix.lower() == ".pdf"]
    try:
        if ready and not positions:
            raise PdfError(_("{path} is a PDF already; give the .docx, or add --positions to measure it").format(
                path=ready[0]))
        sources = [p for p in docxs if p not in ready]
        made = dict(zip(sources, convert_to_pdf(sources, outdir, pdf_a), strict=True))
        for pdf in made.values():
            # With --positions, stdout carries only the JSON.
            click.echo(_("wrote {path}").format(path=pdf), err=positions)
        if positions:
            found = [find_positions(made.get(p, p)) for p in docxs]
            click.echo(json.dumps(found, ensure_ascii=False, indent=2))
    except TtbgenError as exc:
        click.echo(exc.render(), err=True)
        sys.exit(exc.exit_code)


@click.command(name="preview", help=N_("Render a spec or a .docx to one PNG per page, for a quick look."))
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("-o", "--outdir", type=click.Path(file_okay=False, path_type=Path), default=Path("out/preview"),
              show_default=True, help=N_("Folder for the PNG files."))
@click.option("--dpi", type=click.IntRange(30, 300), default=60, show_default=True, help=N_("Resolution."))
def preview_command(source: Path, outdir: Path, dpi: int) -> None:
    """Write OUTDIR/<name>-<page>.png for each page of SOURCE's document(s)."""
    from ttbgen.build.preview import preview
    from ttbgen.errors import TtbgenError

    try:
        for png in preview(source, outdir, dpi):
            click.echo(_("wrote {path}").format(path=png))
    except TtbgenError as exc:
        click.echo(exc.render(), err=True)
        sys.exit(exc.exit_code)
