"""`ttbgen new-office`: a commented office profile, copied from a shipped one, that a clerk edits."""

from __future__ import annotations

from pathlib import Path

import yaml

from ttbgen.errors import SpecError
from ttbgen.files import write_new
from ttbgen.i18n import N_, _
from ttbgen.spec.model import Office, Recipient
from ttbgen.spec.office import OFFICE_NAME

DEFAULT_LIKE = "ubnd-xa-tan-thanh"  # most users are communes (docs/decree30.md §10)

# Translated as a whole (N_ now, _() where used): a Vietnamese clerk gets the comments in Vietnamese.
_PROFILE = N_("""\
# Office profile "{key}": who issues the notices of specs that say `office: {key}`.
# Every field is explained in docs/office.md. Replace the example values with your office's, then:
#     ttbgen templates show {key}
#     ttbgen new --office {key} notice.yaml
name: {name} #! the office's name, as `ttbgen templates` lists it
{supervising}agency: {agency} #! issuing agency lines, full official name, capitals (Decree 30 ô 2)
place: {place} #! the place in the date line: "{place}, ngày … tháng … năm …"
symbol: {symbol} #! the agency's symbol in the number line: Số: 05/TB-{symbol}
issuer_name: {issuer} #! who speaks in the text: "… {issuer} thông báo …"
closing: {closing}
signer: #! the default signer; a spec may name another
  authority: {authority} #! TM. / KT. / TL. / TUQ. / Q. lines above the title; [] when none
  title: {title}
  name: {signer_name}
recipients: #! the Nơi nhận lines every notice of this office starts with
{recipients}
archive: {archive} #! the Lưu line: VT (văn thư), then the drafting unit's code
drafting_units: #! codes a Lưu line may use, with the unit each stands for
{units}
# house_style: #! optional: narrower Decree 30 ranges for `ttbgen check`
#   sizes_pt: {{body: [14, 14]}} #! e.g. the body always in 14 pt
""")


def _scalar(value: str) -> str:
    """Return a YAML scalar for a text, quoted only where YAML needs it."""
    return yaml.safe_dump(value, allow_unicode=True, width=10_000).removesuffix("\n...\n").strip()


def _flow(values: tuple[str, ...]) -> str:
    """Return a YAML flow list: [A, B]."""
    return "[" + ", ".join(_scalar(v) for v in values) + "]"


def _recipient(recipient: Recipient) -> str:
    """Return one recipient line of the list."""
    if recipient.children:
        return f"  - {_scalar(recipient.text)}: {_flow(recipient.children)}"
    return f"  - {_scalar(recipient.text)}"


def check_name(name: str) -> None:
    """Refuse an office name that would not make a plain, portable file name."""
    if not OFFICE_NAME.match(name):
        raise SpecError(_("'{name}' is not an office name: use lower-case letters without accents, digits and -, "
                          "e.g. ubnd-xa-tan-thanh").format(name=name))


def profile_text(office: Office, key: str) -> str:
    """Return the commented profile of a new office `key`, with the values of `office` as the example."""
    signer = office.signer
    comment = _("supervising agency lines (Decree 30 ô 2)")
    supervising = f"supervising: {_flow(office.supervising)} #! {comment}\n"
    return _align(_(_PROFILE).format(
        key=key, name=_scalar(office.display_name), supervising=supervising if office.supervising else "",
        agency=_flow(office.agency), place=_scalar(office.place), symbol=_scalar(office.symbol),
        issuer=_scalar(office.issuer_name), closing=_scalar(office.closing) if office.closing else "~",
        authority=_flow(signer.authority) if signer else "[]", title=_scalar(signer.title) if signer else "~",
        signer_name=_scalar(signer.name) if signer else "~",
        recipients="\n".join(map(_recipient, office.recipients)) or "  []",
        archive=_scalar(office.archive.units) if office.archive else "VT",
        units="\n".join(f"  {_scalar(k)}: {_scalar(v)}" for k, v in office.drafting_units.items()) or "  {}",
    ))


def _align(text: str) -> str:
    """Line up the end-of-line comments (marked ` #! `) in one column."""
    lines = []
    for line in text.splitlines():
        value, sep, comment = line.partition(" #! ")
        lines.append(f"{value.ljust(_COMMENT_COLUMN - 1)} # {comment}" if sep else line)
    return "\n".join(lines) + "\n"


_COMMENT_COLUMN = 45


def write_profile(folder: Path, key: str, text: str) -> Path:
    """Write `folder/offices/<key>.yaml`, never over an existing file."""
    path = folder / "offices" / f"{key}.yaml"
    write_new(path, text.encode("utf-8"), _("{path} already exists; edit it, or choose another name"))
    return path
