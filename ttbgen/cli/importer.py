"""`ttbgen import`: existing notices (.docx, text PDF, plain text) become specs."""

from __future__ import annotations

from pathlib import Path

import click

from ttbgen.cli.common import user_errors
from ttbgen.i18n import N_, _


@click.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE...",
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--outdir", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help=N_("Folder for the specs (and the offices/ profiles they need)."))
@click.option("--office", metavar="NAME", help=N_("Use this office profile instead of matching the header."))
@click.option("--office-profile", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help=N_("Where to write the office profile a header implies when no profile matches it "
                     "(default: OUTDIR/offices/<name>.yaml)."))
@click.option("--from", "start", is_flag=True,
              help=N_("Start a new notice from an old one: FILES is OLD.docx NEW.yaml."))
@user_errors
def import_command(files: tuple[Path, ...], outdir: Path, office: str | None, office_profile: Path | None,
                   start: bool) -> None:
    """Write the spec that rebuilds each notice FILE (.docx, .pdf, or .txt with one paragraph a line)."""
    if start:
        _start(files, office)
        return
    from ttbgen.importer.api import import_files

    for written in import_files(list(files), outdir, office, office_profile):
        for line in written.summary:
            click.echo(line, err=True)
        if written.imported.ocr:
            click.echo(_("{file}: the text has no Vietnamese diacritics (an OCR copy?); imported as it is").format(
                file=written.imported.source), err=True)
        if written.profile is not None:
            click.echo(_("wrote {path} (office profile)").format(path=written.profile))
        click.echo(_("wrote {path}").format(path=written.spec))


def _start(files: tuple[Path, ...], office: str | None) -> None:
    """`ttbgen import --from OLD.docx NEW.yaml`."""
    from ttbgen.importer.api import start_from

    if len(files) != 2 or files[1].suffix.lower() not in (".yaml", ".yml"):
        raise click.UsageError(_("--from takes two files: the old notice and the new spec, e.g. "
                                 "ttbgen import --from old.docx new.yaml"))
    imported = start_from(files[0], files[1], office)
    if imported.profile is not None:
        click.echo(_("wrote {path} (office profile)").format(
            path=files[1].parent / "offices" / f"{imported.office.key}.yaml"))
    click.echo(_("wrote {path}; fill in every …, then: ttbgen build {path}").format(path=files[1]))
