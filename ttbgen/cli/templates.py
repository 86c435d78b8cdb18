"""`ttbgen templates list|show|check`: the templates and office profiles on the search path."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ttbgen.cli.common import user_errors
from ttbgen.i18n import N_, _

KINDS = {"template": N_("template"), "office": N_("office")}  # what `templates list` shows


@click.group()
def templates() -> None:
    """List, show and check the templates and office profiles on the search path."""


_DIR = click.option("-d", "--dir", "folder", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
                    show_default=True, help=N_("The folder of your specs (its offices/ and templates/ come first)."))


@templates.command("list")
@_DIR
@user_errors
def templates_list(folder: Path) -> None:
    """List every template and office profile on the search path, and where each comes from."""
    from ttbgen.render.templatecheck import entries

    for entry in entries(folder):
        version = f" {_version(entry.path)}" if entry.kind == "template" else ""
        shadow = _(" (shadowed by {path})").format(path=entry.shadowed_by) if entry.shadowed_by else ""
        click.echo(f"{_(KINDS[entry.kind]):8} {entry.name}{version}  {entry.path}{shadow}")


def _version(folder: Path) -> str:
    """Return a template's version, or why it cannot be read (one broken template does not hide the rest)."""
    from ttbgen.errors import TemplateError
    from ttbgen.render.templates import load_manifest

    try:
        return load_manifest(folder).version
    except TemplateError as exc:
        return _("(unusable: {reason})").format(reason=exc.render())


@templates.command("show")
@click.argument("name")
@_DIR
@user_errors
def templates_show(name: str, folder: Path) -> None:
    """Show a template (manifest, file and hash) or an office profile (its header, signer and recipients)."""
    from ttbgen.render.catalog import show_lines

    for key, value in show_lines(name, folder):
        click.echo(f"{_(key)}: {value}")


@templates.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@user_errors
def templates_check(paths: tuple[Path, ...]) -> None:
    """Check templates (folders or template.docx; default: every template on the search path)."""
    from ttbgen.build.template_check import check_template
    from ttbgen.render.templatecheck import entries

    targets = list(paths) or [e.path for e in entries() if e.kind == "template" and e.shadowed_by is None]
    failed = False
    for target in targets:
        problems = check_template(target)
        for problem in problems:
            click.echo(problem.render(target), err=True)
        click.echo(_("{target}: {result}").format(target=target, result=_("ok") if not problems else _("failed")))
        failed = failed or bool(problems)
    sys.exit(1 if failed else 0)
