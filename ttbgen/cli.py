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
@click.option("-t", "--template", "templates", multiple=True, metavar="NAME",
              help=_("Render through this template instead of the spec's own (repeatable)."))
@user_errors
def build(specs: tuple[Path, ...], outdir: Path, force: bool, check: bool, pdf: bool, strict: bool,
          templates: tuple[str, ...]) -> None:
    """Build each SPEC (a .yaml file, or a folder of them) into OUTDIR/<spec name>.docx."""
    from ttbgen.build import build_all

    results = build_all(list(specs), outdir, force, strict, templates)
    for built in results:
        state = _("wrote") if built.written else _("unchanged")
        backup = _(" (backup: {path})").format(path=built.backup) if built.backup else ""
        click.echo(f"{state} {built.output}{backup}")
    for warning in {w.render(): w for b in results for w in b.warnings}:
        click.echo(warning, err=True)
    if pdf:
        _convert([b.output for b in results])
    if check and not _check(results, strict):
        sys.exit(1)


def _convert(outputs: list[Path]) -> None:
    """Convert built documents to PDF beside them."""
    from ttbgen.pdf import convert_to_pdf

    for pdf_path in convert_to_pdf(outputs, outputs[0].parent):
        click.echo(_("wrote {path}").format(path=pdf_path))


def _check(results: list[Any], strict: bool) -> bool:
    """Check built documents, each against its office's rule set; print findings; tell whether they pass."""
    from ttbgen.check.api import check_files
    from ttbgen.offices import office_ruleset

    passed = True
    offices = {b.office.key: b.office for b in results if b.office is not None}
    for key, office in offices.items():
        report = check_files([b.output for b in results if b.office and b.office.key == key],
                             office_ruleset(office), strict=strict)
        text = report.format("text")
        if text.strip():
            click.echo(text.rstrip("\n"))
        passed = passed and not report.failed
    return passed


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


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--office", required=True, help=_("Office profile name, e.g. ubnd-lang-son."))
@click.option("--template", default="thong-bao-ket-luan", show_default=True, help=_("Template name."))
@user_errors
def new(file: Path, office: str, template: str) -> None:
    """Write a commented starter spec for an office to FILE; it builds as it is."""
    import datetime as dt

    from ttbgen.offices import find_template, load_office
    from ttbgen.starter import starter_spec, write_starter

    profile = load_office(office, file.parent)
    find_template(template, file.parent)
    write_starter(file, starter_spec(profile, template, str(file), dt.date.today()))
    click.echo(_("wrote {file}; build it with: ttbgen build {file}").format(file=file))


@main.group()
def templates() -> None:
    """List, show and check the templates and office profiles on the search path."""


@templates.command("list")
@user_errors
def templates_list() -> None:
    """List every template and office profile on the search path, and where each comes from."""
    from ttbgen.templatecheck import entries
    from ttbgen.templates import load_manifest

    for entry in entries():
        version = f" {load_manifest(entry.path).version}" if entry.kind == "template" else ""
        shadow = _(" (shadowed by {path})").format(path=entry.shadowed_by) if entry.shadowed_by else ""
        click.echo(f"{entry.kind:8} {entry.name}{version}  {entry.path}{shadow}")


@templates.command("show")
@click.argument("name")
@user_errors
def templates_show(name: str) -> None:
    """Show a template's manifest, file and hash."""
    from ttbgen.offices import find_template
    from ttbgen.templates import load_manifest

    folder = find_template(name)
    m = load_manifest(folder)
    for key, value in [("name", m.name), ("version", m.version), ("document type", f"{m.doc_type_name} ({m.doc_type})"),
                       ("content", m.content), ("ttbgen", m.ttbgen), ("folder", folder), ("sha256", m.sha256),
                       ("description", m.description)]:
        click.echo(f"{key}: {value}")


@templates.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@user_errors
def templates_check(paths: tuple[Path, ...]) -> None:
    """Check templates (folders or template.docx; default: every template on the search path)."""
    from ttbgen.templatecheck import check_template, entries

    targets = list(paths) or [e.path for e in entries() if e.kind == "template" and e.shadowed_by is None]
    failed = False
    for target in targets:
        problems = check_template(target)
        for problem in problems:
            click.echo(problem.render(target), err=True)
        click.echo(_("{target}: {result}").format(target=target, result=_("ok") if not problems else _("failed")))
        failed = failed or bool(problems)
    sys.exit(1 if failed else 0)


def _add_optional_commands() -> None:
    """Attach the commands that live with their subsystems (checker, PDF)."""
    from ttbgen.check.command import check_command
    from ttbgen.pdf_commands import pdf_command, preview_command

    main.add_command(check_command, "check")
    main.add_command(pdf_command, "pdf")
    main.add_command(preview_command, "preview")


_add_optional_commands()


if __name__ == "__main__":  # python -m ttbgen.cli
    main()
