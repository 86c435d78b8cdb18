"""Read the header (ô 1–4), the Nơi nhận (ô 9b) and the signature (ô 7) of a notice into spec values."""

from __future__ import annotations

import re
from typing import Any

from ttbgen.i18n import _
from ttbgen.importer.notes import Notes
from ttbgen.vn import PartialDate

_NUMBER = re.compile(r"^\s*S[ốoô]\s*[:.]?\s*(?P<number>\d*)\s*/\s*(?P<symbol>\S.*)$", re.IGNORECASE)
# "Lạng Sơn, ngày 05 tháng 02 năm 2024", with the day (and month) left blank in a draft (docs/decree30.md §4).
_DATE = re.compile(r"^(?P<place>.*?),?\s*ng[àa]y\s*(?P<day>\d{1,2})?\s*th[áa]ng\s*(?P<month>\d{1,2})?\s*n[ăa]m\s*"
                   r"(?P<year>\d{4})", re.IGNORECASE)
_AUTHORITY = re.compile(r"^(TM|KT|TL|TUQ|Q|T/M|K/T|T/L)\s*\.?\s*", re.IGNORECASE)
_PARTY = {"T/M": "TM", "K/T": "KT", "T/L": "TL"}
_ITEM = re.compile(r"^\s*([-+–—•])\s*")


def read_number(line: str, notes: Notes) -> tuple[str, str]:
    """Return (number, symbol) of the number line; ("", "") with a note when it cannot be read."""
    match = _NUMBER.match(line)
    if not match:
        notes.add("number", _("the number line (Số: …/TB-…) was not found") if not line else
                  _("the number line '{line}' could not be read").format(line=line))
        return "", ""
    number = match["number"].lstrip("0") or ("0" if match["number"] else "")
    return number, _symbol_and_rest(match["symbol"])[0]


def _symbol_and_rest(symbol: str) -> list[str]:
    """Split what follows `Số: 12/`: the symbol (`QĐ- UBND` is QĐ-UBND with a stray space) and the rest."""
    return re.sub(r"-\s+", "-", symbol).split(maxsplit=1)


def _after_number(line: str) -> str:
    """Return the line without a number line run on before it (`Số: 12/TB-UBND Lạng Sơn, ngày …`)."""
    numbered = _NUMBER.match(line)
    if not numbered:
        return line
    parts = _symbol_and_rest(numbered["symbol"])
    return parts[1] if len(parts) > 1 else ""


def read_date(line: str, notes: Notes) -> tuple[str, PartialDate | None]:
    """Return (place, issue date) of the date line, day and month left open where the draft left them blank."""
    match = _DATE.match(_after_number(line))
    if not match:
        notes.add("date", _("the place and date line was not found") if not line else
                  _("the date line '{line}' could not be read").format(line=line))
        return "", None
    from ttbgen.spec.load import MAX_YEAR, MIN_YEAR

    if not MIN_YEAR <= int(match["year"]) <= MAX_YEAR:
        notes.add("date", _("the date line '{line}' names no plausible year").format(line=line))
        return match["place"].strip(" ,"), None
    month = int(match["month"]) if match["month"] and 1 <= int(match["month"]) <= 12 else None
    day = int(match["day"]) if match["day"] and month else None
    try:
        date = PartialDate(int(match["year"]), month, day)
        if day is not None:
            date.as_date()
    except ValueError:
        notes.add("date", _("the date line '{line}' names no real date").format(line=line))
        return match["place"].strip(" ,"), PartialDate(int(match["year"]))
    return match["place"].strip(" ,"), date


def authority_line(line: str, notes: Notes) -> str:
    """Return an authority line as Decree 30 writes it (`TL. CHỦ TỊCH`), noting what had to change (§5)."""
    match = _AUTHORITY.match(line)
    if not match:
        return line.upper()
    prefix = match.group(1).upper()
    fixed = f"{_PARTY.get(prefix, prefix)}. {line[match.end():].strip()}".upper()
    if fixed != line.upper():
        notes.add("signer.authority", _("'{line}' is written '{fixed}' (docs/decree30.md §5)").format(
            line=line, fixed=fixed))
    return fixed


def read_signer(authority: list[str], title: str, name: str, notes: Notes) -> dict[str, Any] | None:
    """Return the signer mapping, or None with a note when the signature block was not found."""
    if not title or not name:
        notes.add("signer", _("the signature block (title and name) was not found; the office's signer is used"))
        return None
    signer: dict[str, Any] = {}
    lines = [authority_line(a, notes) for a in authority if _AUTHORITY.match(a)]
    if lines:
        signer["authority"] = lines
    signer["title"] = title.upper()
    signer["name"] = name
    return signer


def strip_item(line: str) -> tuple[int, str]:
    """Return the level (1 for `-`, 2 for `+`) and the text of a Nơi nhận line without its end punctuation."""
    match = _ITEM.match(line)
    level = 2 if match and match.group(1) == "+" else 1
    text = line[match.end():] if match else line
    return level, text.strip().rstrip(" ;,.:")


def _archive(text: str, under: str, notes: Notes) -> Any:
    """Return the archive value of a `Lưu:` line: its units, nested under a group when it is a `+` line."""
    units = re.sub(r"^L[ưu]u\s*[:.]?\s*", "", text, flags=re.IGNORECASE).strip()
    if not units.upper().startswith("VT"):
        notes.add("archive", _("the Lưu line '{line}' does not start with VT (văn thư); VT was added").format(
            line=text))
        units = f"VT, {units}" if units else "VT"
    return {"units": units, "under": under} if under else units


def read_recipients(lines: list[str], found: bool, notes: Notes) -> tuple[list[Any], Any]:
    """Return (recipients, archive): `- X;` lines, `- Group:` with its `+ Y;` lines, and the `Lưu:` line."""
    if not found:
        notes.add("recipients", _("the recipients list (Nơi nhận) was not found; the office's is used"))
        return [], None
    out: list[Any] = []
    archive: Any = None
    group: dict[str, list[str]] | None = None
    for line in lines:
        level, text = strip_item(line)
        if re.match(r"^L[ưu]u\s*(?::|\.|\s+VT\b)", text, re.IGNORECASE):
            under = next(iter(group)) if group is not None and level == 2 else ""
            archive = _archive(text, under, notes)
            continue
        if level == 2 and group is not None:
            next(iter(group.values())).append(text)
        elif line.rstrip().endswith(":"):
            group = {text: []}
            out.append(group)
        else:
            group = None
            out.append(text)
    if archive is None:
        notes.add("archive", _("the Lưu line was not found; the office's is used"))
    return [_empty_group(r) for r in out], archive


def _empty_group(recipient: Any) -> Any:
    """A group line that got no `+` lines is an ordinary line ending with `:` (kept as text)."""
    if isinstance(recipient, dict):
        label, children = next(iter(recipient.items()))
        return recipient if children else label
    return recipient
