"""`ttbgen check`: the click command (imports of the checker stay inside, so `ttbgen --help` is instant)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ttbgen.cli.common import user_errors
from ttbgen.i18n import N_, _

if TYPE_CHECKING:
    from ttbgen.check.report import Report
    from ttbgen.check.ruleset import RuleSet

FORMATS = ("text", "json", "github", "junit", "sarif")


@click.command(name="check", help=N_("Check .docx notices against Decree 30 (Nghị định 30/2020/NĐ-CP)."))
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help=N_("Output format."))
@click.option("--rules", "rules_file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help=N_("A rule-set profile that narrows the default ranges (see docs/check.md)."))
@click.option("--office", default=None, metavar="NAME",
              help=N_("Also apply this office profile's house style (templates/offices/NAME.yaml)."))
@click.option("--strict", is_flag=True, help=N_("Fail (exit 1) on warnings too."))
@click.option("--render", is_flag=True,
              help=N_("Also lay the documents out with LibreOffice and check the rendered pages (docs/pdf.md)."))
@click.option("--annotate", "annotate_to", type=click.Path(path_type=Path, dir_okay=False), default=None,
              metavar="OUT.docx", help=N_("Write a copy of the (one) document with a Word comment on each finding."))
def check_command(files: tuple[Path, ...], fmt: str, rules_file: Path | None, office: str | None,
                  strict: bool, render: bool, annotate_to: Path | None) -> None:
    """Check each FILE (a .docx, or a folder: every .docx in it and its subfolders); exit 0 when clean, 1 on error
    findings, 2 on unusable input."""
    from ttbgen.check.api import check_files
    from ttbgen.errors import TtbgenError

    try:
        files = docx_files(files)
        ruleset = _ruleset(rules_file, office)
        if annotate_to is not None and len(files) != 1:
            raise TtbgenError(_("--annotate writes one annotated copy: check one file at a time"))
    except TtbgenError as exc:
        click.echo(exc.render(), err=True)
        sys.exit(exc.exit_code)
    report = check_files(files, ruleset=ruleset, strict=strict)
    if render:
        _add_rendered(report, [f for f in files if _readable(f)])
    code = emit(report, fmt, strict)
    if annotate_to is not None and not report.unusable:
        _annotate(files[0], report, annotate_to)
    sys.exit(code)


def _annotate(source: Path, report: Report, target: Path) -> None:
    """Write the annotated copy and say where (on stderr, so --format output stays parseable)."""
    from ttbgen.check.annotate import annotate
    from ttbgen.errors import TtbgenError

    try:
        count = annotate(source, report.findings, target)
    except TtbgenError as exc:
        click.echo(exc.render(), err=True)
        sys.exit(exc.exit_code)
    click.echo(_("{target}: {count} comment(s) written").format(target=target, count=count), err=True)


def docx_files(paths: tuple[Path, ...]) -> tuple[Path, ...]:
    """Replace each folder by the .docx files in it and its subfolders, sorted; an empty folder is an error.
    Word's owner files (`~$name.docx`, left while a document is open) and hidden files are not documents."""
    from ttbgen.errors import DocxError

    out: list[Path] = []
    for path in paths:
        if not path.is_dir():
            out.append(path)
            continue
        found = sorted(p for p in path.rglob("*.docx") if p.is_file() and not p.name.startswith(("~$", ".")))
        if not found:
            raise DocxError(_("{folder}: no .docx file in this folder or its subfolders").format(folder=path))
        out += found
    return tuple(out)


def _readable(path: Path) -> bool:
    """Tell whether a file is a .docx the checker could read (unreadable ones are reported already)."""
    from ttbgen.check.reader import read_document
    from ttbgen.errors import DocxError

    try:
        read_document(path)
    except DocxError:
        return False
    return True


def _add_rendered(report: Report, files: list[Path]) -> None:
    """Add the rendered-page findings; LibreOffice or poppler missing is unusable input (exit 2)."""
    from ttbgen.check.rendered import RENDER_RULES, check_rendered
    from ttbgen.cli.progress import Progress
    from ttbgen.errors import TtbgenError
    from ttbgen.office.profile import PDF_PROGRESS

    report.rules.update({rule.id: rule.summary for rule in RENDER_RULES})
    try:
        with Progress(_("laying out pages")) as progress:
            token = PDF_PROGRESS.set(progress)
            try:
                report.add(check_rendered(files))
            finally:
                PDF_PROGRESS.reset(token)
    except TtbgenError as exc:
        click.echo(exc.render(), err=True)
        sys.exit(exc.exit_code)


def _ruleset(rules_file: Path | None, office: str | None) -> RuleSet:
    """Return the rule set: Decree 30's, narrowed by a --rules file and by an office's house style."""
    from ttbgen.check.ruleset import load_ruleset

    ruleset = load_ruleset(rules_file)
    if office is None:
        return ruleset
    from ttbgen.check.ruleset import office_ruleset
    from ttbgen.spec.office import load_office

    return office_ruleset(load_office(office), ruleset)


def emit(report: Report, fmt: str, strict: bool | None = None) -> int:
    """Print a Report (findings on stdout, unusable inputs on stderr) and return the exit code."""
    output = report.render(fmt)
    if output:
        click.echo(output)
    if fmt != "github":  # github prints them as ::error annotations already
        for error in report.unusable:
            click.echo(error.render(), err=True)
    return report.exit_code(strict)


if __name__ == "__main__":  # `python -m ttbgen.cli.check FILE…`, the command without the rest of the CLI
    check_command()


@click.command()
@click.argument("docx", type=click.Path(path_type=Path))
@user_errors
def dump(docx: Path) -> None:
    """Print the stable text dump of a .docx (text with style, alignment, bold/italic and size)."""
    from ttbgen.check.dump import dump_docx

    click.echo(dump_docx(docx), nl=False)
