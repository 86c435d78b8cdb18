"""`ttbgen build`, `ttbgen new` and `ttbgen schema`: from specs to documents."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from ttbgen.cli.common import user_errors
from ttbgen.i18n import N_, _


@click.command()
@click.argument("specs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--outdir", type=click.Path(file_okay=False, path_type=Path), default=Path("out"),
              show_default=True, help=N_("Folder for the documents."))
@click.option("--force", is_flag=True, help=N_("Replace documents edited since ttbgen wrote them (keeps a backup)."))
@click.option("--overwrite-signed", is_flag=True,
              help=N_("Also replace digitally signed documents (never done otherwise, even with --force; keeps a "
                     "backup)."))
@click.option("--check/--no-check", default=True, show_default=True,
              help=N_("Check every document built against Decree 30."))
@click.option("--pdf", is_flag=True, help=N_("Also convert every document to PDF with LibreOffice."))
@click.option("--pdf-a", "pdf_a", is_flag=True, help=N_("Make the PDFs PDF/A-2b, ready to sign (implies --pdf)."))
@click.option("--strict", is_flag=True, help=N_("Treat warnings as errors."))
@click.option("-t", "--template", "templates", multiple=True, metavar="NAME",
              help=N_("Render through this template instead of the spec's own (repeatable)."))
@user_errors
def build(specs: tuple[Path, ...], outdir: Path, force: bool, overwrite_signed: bool, check: bool, pdf: bool,
          pdf_a: bool, strict: bool, templates: tuple[str, ...]) -> None:
    """Build each SPEC (a .yaml file, or a folder of them) into OUTDIR/<spec name>.docx."""
    from ttbgen.build.pipeline import BatchError, build_all
    from ttbgen.cli.progress import Progress

    try:
        with Progress(_("building")) as progress:
            results = build_all(list(specs), outdir, force, strict, templates, progress=progress,
                                    overwrite_signed=overwrite_signed)
    except BatchError as exc:
        click.echo(exc.render(), err=True)
        count = sum(len(getattr(e, "errors", [e])) for e in exc.errors)  # a spec's SpecErrors count each
        click.echo(_("{n} error(s); nothing was written: fix them and build again").format(n=count), err=True)
        sys.exit(exc.exit_code)
    for built in results:
        state = _("wrote") if built.written else _("unchanged")
        backup = _(" (backup: {path})").format(path=built.backup) if built.backup else ""
        click.echo(f"{state} {built.output}{backup}")
    warnings = {w.render(): w for b in results for w in b.warnings}
    for warning in warnings:
        click.echo(warning, err=True)
    if pdf or pdf_a:
        _convert([b.output for b in results], pdf_a)
    passed = _check(results, strict) if check else True
    click.echo(_("built {docs} document(s) from {specs} spec(s): {w} spec warning(s)").format(
        docs=len(results), specs=len({b.spec for b in results}), w=len(warnings)))
    if not passed:
        sys.exit(1)


def _convert(outputs: list[Path], pdf_a: bool) -> None:
    """Convert built documents to PDF beside them."""
    from ttbgen.cli.progress import Progress
    from ttbgen.office.pdf import convert_to_pdf

    with Progress(_("converting to PDF")) as progress:
        pdfs = convert_to_pdf(outputs, outputs[0].parent, pdf_a, progress=progress)
    for pdf_path in pdfs:
        click.echo(_("wrote {path}").format(path=pdf_path))


def _check(results: list[Any], strict: bool) -> bool:
    """Check built documents, each against its office's rule set; print the findings and one summary for the
    whole batch; tell whether they pass."""
    from ttbgen.build.workers import check_batch
    from ttbgen.check.ruleset import office_ruleset
    from ttbgen.cli.progress import Progress

    report = None
    offices = {b.office.key: b.office for b in results if b.office is not None}
    for key, office in offices.items():
        with Progress(_("checking")) as progress:
            part = check_batch([b.output for b in results if b.office and b.office.key == key],
                               office_ruleset(office), strict, progress=progress)
        report = part if report is None else report.merge(part)
    if report is None:
        return True
    text = report.format("text")
    if text.strip():
        click.echo(text.rstrip("\n"))
    return not report.failed


@click.command()
@click.option("--office", "root", flag_value="office", help=N_("Print the office-profile schema instead."))
@click.option("--spec", "root", flag_value="notice", default=True, hidden=True)
def schema(root: str) -> None:
    """Print the JSON Schema of a spec (for editor completion and checking)."""
    import json

    from ttbgen.spec.schema import json_schema

    click.echo(json.dumps(json_schema(root), ensure_ascii=False, indent=2))


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--office", required=True, help=N_("Office profile name, e.g. ubnd-lang-son."))
@click.option("--template", default="thong-bao-ket-luan", show_default=True, help=N_("Template name."))
@user_errors
def new(file: Path, office: str, template: str) -> None:
    """Write a commented starter spec for an office to FILE; it builds as it is."""
    import datetime as dt

    from ttbgen.render.templates import find_template
    from ttbgen.spec.office import load_office
    from ttbgen.spec.starter import command_arg, starter_spec, write_starter

    profile = load_office(office, file.parent)
    find_template(template, file.parent)
    write_starter(file, starter_spec(profile, template, str(file), dt.date.today()))
    click.echo(_("wrote {file}; build it with: ttbgen build {command}").format(
        file=file, command=command_arg(str(file))))


@click.command(help=N_("Write a commented office profile to edit for your own office: DIR/offices/NAME.yaml, "
                      "copied from the profile --like names (docs/office.md)."))
@click.argument("name")
@click.option("--like", default="ubnd-xa-tan-thanh", show_default=True,
              help=N_("The office profile to start from (see `ttbgen templates list`)."))
@click.option("-d", "--dir", "folder", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help=N_("The folder of your specs; the profile goes to its offices/ folder."))
@user_errors
def new_office(name: str, like: str, folder: Path) -> None:
    """Write a commented office profile NAME."""
    from ttbgen.spec.office import load_office
    from ttbgen.spec.office_profile import check_name, profile_text, write_profile

    check_name(name)
    path = write_profile(folder, name, profile_text(load_office(like, folder), name))
    click.echo(_("wrote {path}; put your office's values in it (docs/office.md), then: "
                 "ttbgen new --office {name} notice.yaml").format(path=path, name=name))
