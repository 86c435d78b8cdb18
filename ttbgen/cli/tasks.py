"""`ttbgen tasks`: the register of the tasks notices assign, its exports, follow-up and report."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import click

from ttbgen.cli.common import user_errors
from ttbgen.i18n import N_, _

FORMATS = ("table", "csv", "xlsx", "json", "ics")


@click.command()
@click.argument("specs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help=N_("Register format."))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help=N_("Write to this file instead of the terminal (needed for xlsx and --report)."))
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d", "%d/%m/%Y"]), default=None,
              help=N_("Follow up on this day: mark tasks overdue, due soon, or done late."))
@click.option("--within", type=click.IntRange(0), default=7, show_default=True,
              help=N_("With --as-of: days ahead that count as due soon."))
@click.option("--status", "status_files", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help=N_("Status file(s) to read: YAML, or an XLSX register filled in (default: tasks-status.yaml "
                     "beside the specs)."))
@click.option("--report", is_flag=True, help=N_("Write the Báo cáo kết quả thực hiện nhiệm vụ (.docx) instead."))
@click.option("--force", is_flag=True, help=N_("Replace an existing file that differs (keeps a backup)."))
@user_errors
def tasks_command(specs: tuple[Path, ...], fmt: str, output: Path | None, as_of: dt.datetime | None, within: int,
                  status_files: tuple[Path, ...], report: bool, force: bool) -> None:
    """List the tasks that SPEC files (or folders of them) assign: who leads, who helps, what, by when."""
    from ttbgen.tasks.api import register

    # A report is always as of a day (today by default), so that its overdue section is right on that day.
    day = as_of.date() if as_of else (dt.date.today() if report else None)
    rows, warnings = register(list(specs), list(status_files), day, within)
    for warning in warnings:
        click.echo(warning.render(), err=True)
    if report:
        _report(rows, specs, output, day, force)
        return
    _export(rows, fmt, output, day, force)


def _export(rows: list[Any], fmt: str, output: Path | None, as_of: dt.date | None, force: bool) -> None:
    """Write the register in a format, to a file or the terminal."""
    from ttbgen.tasks.api import export

    if fmt == "xlsx" and output is None:
        raise click.UsageError(_("an Excel register needs a file: add -o so-theo-doi.xlsx"))
    existing = read_existing(output) if fmt == "ics" and output is not None and output.exists() else None
    data = export(rows, fmt, as_of, existing)
    if not rows:
        click.echo(_("no tasks: no point of these specs names a lead unit, a supporting unit or a due"), err=True)
    if output is None:
        click.echo(data.decode("utf-8").lstrip("\ufeff"), nl=False)
        return
    _write(output, data, force, fmt == "ics")


def _write(output: Path, data: bytes, force: bool, replaceable: bool = False) -> None:
    """Write a file and say so."""
    from ttbgen.tasks.output import write

    kept = write(output, data, force, replaceable)
    click.echo(_("wrote {path}").format(path=output) + (_(" (backup: {path})").format(path=kept) if kept else ""))


def _report(rows: list[Any], specs: tuple[Path, ...], output: Path | None, as_of: dt.date | None, force: bool) -> None:
    """Render the follow-up report, write it, and check it like any notice."""
    from ttbgen.check.api import check_files
    from ttbgen.tasks.report import render_report

    day = as_of or dt.date.today()  # set by the caller; today only when called without it
    target = output or Path("out") / f"bao-cao-nhiem-vu-{day:%Y%m%d}.docx"
    first = specs[0] if specs[0].is_dir() else specs[0].parent
    _write(target, render_report(rows, day, first), force)
    result = check_files([target])
    text = result.format("text")
    if text.strip():
        click.echo(text.rstrip("\n"))
    if result.failed:
        sys.exit(1)


def read_existing(output: Path) -> bytes:
    """Read an existing calendar to merge into, bounded (a FIFO or /dev/zero is refused: issue 13)."""
    from ttbgen.errors import OutputError
    from ttbgen.safefile import MAX_DOCX_BYTES, read_bounded

    return read_bounded(output, MAX_DOCX_BYTES, OutputError, _("the existing calendar"))

