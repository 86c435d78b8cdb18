"""date-line: "Lạng Sơn, ngày 05 tháng 02 năm 2024": zero only for days below 10 and months 1–2; a draft
may leave the day blank (docs/decree30.md §4 "Địa danh, ngày tháng").

Applies to: every recognised type (known); a form of unknown type gets "not evaluated".
Passes: "Lạng Sơn, ngày 05 tháng 02 năm 2024", "Hà Nội, ngày 29 tháng 6 năm 2019",
draft "Lạng Sơn, ngày      tháng 8 năm 2022".
Fails:  "ngày 5 tháng 02" → "day 5 needs a leading zero (05)"; "tháng 06" → "month 06 takes no leading
zero (6)"; "tháng 1" → "month 1 needs a leading zero (01)"; "Lạng Sơn ngày …" → "a comma follows the place".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ttbgen.check.components import DIA_DANH_NGAY
from ttbgen.check.findings import Finding, Level
from ttbgen.check.rules.base import Context, Rule
from ttbgen.i18n import _

DATE = re.compile(r"^(?P<place>[^,]+), ngày (?P<d>0[1-9]|[12][0-9]|3[01]|\s+) tháng (?P<m>01|02|[3-9]|1[0-2]|\s+) "
                  r"năm \d{4}$")
_BLANK = re.compile(r"ngày(?P<d>\s{2,})tháng(?P<m>\s{2,})năm")  # a draft's blank day and month: keep them
_MERGE = re.compile(r"[«»{}$]|\.{3,}")  # mail-merge fields and dotted blanks: a template, not a date
_LOOSE = re.compile(r"^(?P<place>[^,]*?)(?P<comma>,?)\s*ngày\s*(?P<d>\d*)\s*tháng\s*(?P<m>\d*)\s*năm\s*(?P<y>\d*)\s*$")


def date_problem(text: str) -> str | None:
    """Return what is wrong with a place-and-date line, or None; a draft may leave day and month blank, and
    extra spaces between words print as gaps that no reader sees as a different date."""
    text = text.replace("\u00a0", " ").strip()
    blank = _BLANK.search(text)
    text = " ".join(text.split())
    if blank:  # "ngày      tháng     năm 2026" (ttbgen writes it for `date: 2026`): both left for the signer
        text = text.replace("ngày tháng năm", "ngày   tháng   năm")
    elif re.search(r"ngày tháng", text):
        text = text.replace("ngày tháng", "ngày   tháng")
    if DATE.match(text):
        return _place_problem(DATE.match(text)["place"])  # type: ignore[index]
    parts = _LOOSE.match(text)
    if parts is None:
        return _("date line should read \"<Place>, ngày DD tháng M năm YYYY\"")
    if not parts["comma"]:
        return _("a comma follows the place: \"<Place>, ngày …\"")
    return _number_problem(parts["d"], parts["m"], parts["y"])


def _number_problem(day: str, month: str, year: str) -> str:
    """Explain a day, month or year written in the wrong form."""
    if re.fullmatch(r"[1-9]", day):
        return _("day {d} needs a leading zero (0{d})").format(d=day)
    if month in ("1", "2"):
        return _("month {m} needs a leading zero (0{m})").format(m=month)
    if re.fullmatch(r"0[3-9]", month):
        return _("month {m} takes no leading zero ({n})").format(m=month, n=month[1])
    if len(year) != 4:
        return _("the year is written in full: \"năm 2024\"")
    return _("date line should read \"<Place>, ngày DD tháng M năm YYYY\" (days 01–31, months 01, 02, 3–12)")


def _place_problem(place: str) -> str | None:
    """The place name starts with a capital (ND30 II.4)."""
    return None if place[:1].isupper() else _("the place name starts with a capital letter")


def _check(ctx: Context) -> Iterator[Finding]:
    """Check the date line's format."""
    para = ctx.comps[DIA_DANH_NGAY][0]
    if _MERGE.search(para.text):
        yield RULE.at(ctx, para, _("not evaluated: the date line holds merge fields or dotted blanks"),
                      Level.NOT_EVALUATED)
        return
    problem = date_problem(para.text)
    if problem:
        yield RULE.at(ctx, para, problem)


RULE = Rule("date-line", "docs/decree30.md §4", Level.ERROR, "place and date format", _check, needs=(DIA_DANH_NGAY,))
