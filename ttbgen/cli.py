"""Command-line interface: each command parses options, calls one library function, prints, exits."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from ttbgen import __version__
from ttbgen.i18n import _

F = TypeVar("F", bound=Callable[..., Any])


def user_errors(func: F) -> F:
    """Print a user's mistake as one message and exit 2; internal bugs keep their traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from ttbgen.errors import TtbgenError

        try:
            return func(*args, **kwargs)
        except TtbgenError as exc:
            click.echo(exc.render(), err=True)
            sys.exit(exc.exit_code)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ttbgen")
def main() -> None:
    """Draft Decree 30 meeting-conclusion notices (Thông báo kết luận) from YAML, and check any .docx."""


@main.command()
@click.argument("specs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--outdir", type=click.Path(file_okay=False, path_type=Path), default=Path("out"),
              show_default=True, help=_("Folder for the documents."))
@click.option("--force", is_flag=True, help=_("Replace documents edited since ttbgen wrote them (keeps a backup)."))
@click.option("--check/--no-check", default=True, show_default=True,
              help=_("Check every document built against Decree 30."))
@click.option("--pdf", is_flag=True, help=_("Also convert every document to PDF with LibreOffice."))
@click.option("--strict", is_flag=True, help=_("Treat warnings as errors."))
@user_errors
def build(specs: tuple[Path, ...], outdir: Path, force: bool, check: bool, pdf: bool, strict: bool) -> None:
    """Build each SPEC (a .yaml file, or a folder of them) into OUTDIR/<spec name>.docx."""
    from ttbgen.build import build_all

    results = build_all(list(specs), outdir, force)
    for built in results:
        state = _("wrote") if built.written else _("unchanged")
        backup = _(" (backup: {path})").format(path=built.backup) if built.backup else ""
        click.echo(f"{state} {built.output}{backup}")
    outputs = [b.output for b in results]
    if pdf:
        _convert(outputs)
    if check and not _check(outputs, strict):
        sys.exit(1)


def _convert(outputs: list[Path]) -> None:
    """Convert built documents to PDF beside them."""
    from ttbgen.pdf import convert_to_pdf

    for pdf_path in convert_to_pdf(outputs, outputs[0].parent):
        click.echo(_("wrote {path}").format(path=pdf_path))


def _check(outputs: list[Path], strict: bool) -> bool:
    """Check built documents; print findings; tell whether they pass."""
    from ttbgen.check.api import check_files

    report = check_files(outputs, strict=strict)
    text = report.format("text")
    if text.strip():
        click.echo(text.rstrip("\n"))
    return not report.failed


@main.command()
@click.option("--office", "root", flag_value="office", help=_("Print the office-profile schema instead."))
@click.option("--spec", "root", flag_value="notice", default=True, hidden=True)
def schema(root: str) -> None:
    """Print the JSON Schema of a spec (for editor completion and checking)."""
    import json

    from ttbgen.schema import json_schema

    click.echo(json.dumps(json_schema(root), ensure_ascii=False, indent=2))


@main.command()
@click.argument("docx", type=click.Path(path_type=Path))
@user_errors
def dump(docx: Path) -> None:
    """Print the stable text dump of a .docx (text with style, alignment, bold/italic and size)."""
    from ttbgen.docxtext import dump_docx

    click.echo(dump_docx(docx), nl=False)


def _add_optional_commands() -> None:
    """Attach the commands that live with their subsystems (checker, PDF)."""
    from ttbgen.check.command import check_command
    from ttbgen.pdf_commands import pdf_command, preview_command

    main.add_command(check_command, "check")
    main.add_command(pdf_command, "pdf")
    main.add_command(preview_command, "preview")


_add_optional_commands()
