"""Vietnamese formatting for Decree 30 documents: date and number lines, numbering, decimals, NFC."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import TYPE_CHECKING

from ttbgen.records import record

if TYPE_CHECKING:
    from decimal import Decimal


@record
class PartialDate:
    """A date whose day (and month) may be left open in a draft: 2024, 2024-02, 2024-02-05."""

    year: int
    month: int | None = None
    day: int | None = None

    def as_date(self) -> dt.date | None:
        """Return the full date, or None when a part is open."""
        if self.month is None or self.day is None:
            return None
        return dt.date(self.year, self.month, self.day)

    def __str__(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)



# The blank a draft leaves where the clerk writes the day or number after signing (docs/decree30.md §4:
# "Số:      /TB-UBND", "ngày      tháng 02 năm 2024").
DRAFT_BLANK = " " * 6

# Points are lettered in Vietnamese alphabet order, without f j w z (docs/decree30.md §3, Điểm).
VN_LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split()  # noqa: SIM905 - reads as the alphabet

_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def nfc(text: str) -> str:
    """Normalise text to Unicode NFC (docs/decree30.md §1: TCVN 6909:2001 Unicode)."""
    return unicodedata.normalize("NFC", text)


def collapse(text: str) -> str:
    """Collapse runs of white space to single spaces and strip the ends."""
    # str.split() splits on exactly the characters re's \s matches (str.isspace), without a regex (issue 15).
    return " ".join(text.split())


def pad_day(day: int) -> str:
    """Zero-pad days below 10 only (docs/decree30.md §4: `ngày 05`, `ngày 15`)."""
    return f"{day:02d}" if day < 10 else str(day)


def pad_month(month: int) -> str:
    """Zero-pad months 1 and 2 only (docs/decree30.md §4: `tháng 01`, `tháng 02`, `tháng 3`, `tháng 12`)."""
    return f"{month:02d}" if month <= 2 else str(month)


def date_words(date: PartialDate) -> str:
    """Return `ngày 05 tháng 02 năm 2024`, with blanks for the parts a draft leaves open."""
    day = pad_day(date.day) if date.day is not None else DRAFT_BLANK
    month = pad_month(date.month) if date.month is not None else DRAFT_BLANK
    return f"ngày {day} tháng {month} năm {date.year}"


def date_line(place: str, date: PartialDate) -> str:
    """Return the place-and-date line (ô 4, docs/decree30.md §4): `Lạng Sơn, ngày 05 tháng 02 năm 2024`."""
    return f"{place}, {date_words(date)}"


def short_date(date: dt.date) -> str:
    """Return a body date `24/01/2024`, `22/8/2022`: the same padding as the date line (§4)."""
    return f"{pad_day(date.day)}/{pad_month(date.month)}/{date.year}"


def format_number(number: str) -> str:
    """Return the document number as Decree 30 writes it: below 10 with a leading zero (§4)."""
    return f"{int(number):02d}"


def number_line(number: str, symbol: str) -> str:
    """Return the number line (ô 3): `Số: 05/TB-UBND`, or `Số:      /TB-UBND` while unnumbered."""
    shown = format_number(number) if number else DRAFT_BLANK
    return f"Số: {shown}/{symbol}"


def letter(index: int) -> str:
    """Return the point letter for a 0-based index: a, b, …, đ, e, g, …, y, then aa, ab, …"""
    base = len(VN_LETTERS)
    if index < base:
        return VN_LETTERS[index]
    return letter(index // base - 1) + VN_LETTERS[index % base]


def roman(number: int) -> str:
    """Return an upper-case Roman numeral, for `I.`-level sections."""
    out = []
    for value, symbol in _ROMAN:
        count, number = divmod(number, value)
        out.append(symbol * count)
    return "".join(out)


def decimal(value: float | Decimal | str, places: int = 1) -> str:
    """Format a number with a decimal comma and dot grouping (`1.234,5`), rounding half up."""
    from decimal import ROUND_HALF_UP, Decimal  # only here: most notices format no number (issue 15)

    from babel.numbers import format_decimal

    quantum = Decimal(1).scaleb(-places)
    rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return str(format_decimal(rounded, format=pattern, locale="vi_VN"))


def end_content(text: str) -> str:
    """Attach the `./.` that closes the content (docs/decree30.md §11) to the last paragraph's text."""
    text = text.rstrip()
    if text.endswith("./."):
        return text
    if text.endswith("."):
        return text + "/."
    return text + "./."


