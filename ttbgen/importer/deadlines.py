"""Deadline phrases of Vietnamese official writing → a task's `due` (the latest one a text states).

`trước ngày 15/02/2024`, `chậm nhất ngày 05/3/2026`, `hoàn thành trong tháng 8/2022` (the month: due within
it), `trong quý I/2026` (the quarter's last day). A date alone is not a deadline: `Nghị quyết … ngày 06/4/2022`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from ttbgen.vn import PartialDate

_DAY = r"(?:ngày\s+)?(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})"
_LONG_DAY = r"(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"
_BY = r"(?:trước|chậm nhất(?:\s+(?:là|vào))?|hạn chót|xong|hoàn thành|đến hết|thời hạn(?:\s+hoàn thành)?(?:\s+là)?)"
_FULL = [re.compile(rf"\b{_BY}\s*:?\s*{day}", re.IGNORECASE) for day in (_DAY, _LONG_DAY)]
_MONTH = re.compile(r"\b(?:trong|hết|cuối|đến hết)\s+tháng\s+(\d{1,2})\s*(?:/|năm)\s*(\d{4})", re.IGNORECASE)
_QUARTER = re.compile(r"\b(?:trong|hết|cuối)\s+quý\s+(I{1,3}|IV|[1-4])\s*(?:/|năm)\s*(\d{4})", re.IGNORECASE)
_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _end(date: PartialDate) -> dt.date:
    """Return the last day a partial date allows, to compare deadlines."""
    month = date.month or 12
    day = date.day or calendar.monthrange(date.year, month)[1]
    return dt.date(date.year, month, day)


def deadlines(text: str) -> list[PartialDate]:
    """Return every deadline a text states, in order of appearance."""
    found: list[tuple[int, PartialDate]] = []
    for pattern in _FULL:
        for m in pattern.finditer(text):
            try:
                dt.date(int(m[3]), int(m[2]), int(m[1]))
            except ValueError:
                continue
            found.append((m.start(), PartialDate(int(m[3]), int(m[2]), int(m[1]))))
    for m in _MONTH.finditer(text):
        if 1 <= int(m[1]) <= 12:
            found.append((m.start(), PartialDate(int(m[2]), int(m[1]))))
    for m in _QUARTER.finditer(text):
        month = _QUARTERS[m[1].upper()] * 3
        found.append((m.start(), PartialDate(int(m[2]), month, calendar.monthrange(int(m[2]), month)[1])))
    return [date for _at, date in sorted(found, key=lambda pair: pair[0])]


def due_of(text: str, after: dt.date | None = None) -> PartialDate | None:
    """Return the latest deadline a text states, not before `after` (the meeting), or None."""
    dates = [d for d in deadlines(text) if after is None or _end(d) >= after]
    return max(dates, key=_end) if dates else None
