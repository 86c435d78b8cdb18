"""`ttbgen decree [N]`: print a section of docs/decree30.md, the Decree 30 reference every message cites."""

from __future__ import annotations

import re
from pathlib import Path

import click

from ttbgen.cli.common import user_errors
from ttbgen.errors import TtbgenError
from ttbgen.i18n import N_, _

_HEADING = re.compile(r"^(#{2,3}) (\d+(?:\.\d+)?)\.? ")


def reference_file() -> Path:
    """Return docs/decree30.md: shipped in the wheel as ttbgen/builtin_docs, or the repository's docs/."""
    package = Path(__file__).parent.parent
    packaged = package / "builtin_docs" / "decree30.md"
    return packaged if packaged.is_file() else package.parent / "docs" / "decree30.md"


def section(text: str, number: str) -> str:
    """Return section `number` (e.g. 6 or 2.2) with its subsections, up to the next section of its level."""
    lines = text.splitlines()
    starts = [(i, m.group(1), m.group(2)) for i, line in enumerate(lines) if (m := _HEADING.match(line))]
    for k, (start, level, found) in enumerate(starts):
        if found == number:
            end = next((i for i, lv, _n in starts[k + 1:] if len(lv) <= len(level)), len(lines))
            return "\n".join(lines[start:end]).strip() + "\n"
    known = ", ".join(n for _i, _lv, n in starts)
    raise TtbgenError(_("docs/decree30.md has no section {number}; its sections: {known}").format(
        number=number, known=known))


@click.command(help=N_("Print the Decree 30 rules that messages cite (docs/decree30.md), or only section NUMBER "
                      "(6, 2.2 or §4)."))
@click.argument("number", required=False)
@user_errors
def decree(number: str | None) -> None:
    """Print docs/decree30.md, or one of its sections."""
    try:
        text = reference_file().read_text(encoding="utf-8")
    except OSError as exc:
        message = _("cannot read {file}: {reason}").format(file=reference_file(), reason=exc.strerror)
        raise TtbgenError(message) from None
    click.echo(section(text, number.lstrip("§").rstrip(".")) if number else text, nl=False)
