"""Deadlines as clerks write them in a task's text: "trước ngày 15/4/2024", "trong quý II/2026", "hằng tháng".

Shared by the spec lint (a text that disagrees with `due`, a deadline on a day off), compose (print a `due` the
text does not state) and the task register (a task without `due` takes the deadline its text states).

A phrase needs a deadline word before the date ("trước", "chậm nhất", "trong tháng", …): a date alone
("Nghị quyết số 108/2023/QH15 ngày 29/11/2023") is not a deadline. "Trước ngày 15/4" is read as due on
15/4, as follow-up offices record it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterator

from ttbgen.records import record
from ttbgen.spec.model import Node, Notice, content_tree
from ttbgen.vn import PartialDate, pad_month, roman, short_date

# How much of a date a deadline fixes; "recurring" (hằng tháng) and "ongoing" (thường xuyên) fix none.
PRECISIONS = ("day", "month", "quarter", "year", "recurring", "ongoing")
_DATED = ("day", "month", "quarter", "year")
_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_EVERY = {"tuần": "hằng tuần", "tháng": "hằng tháng", "quý": "hằng quý", "năm": "hằng năm"}


@record
class Deadline:
    """A deadline: the last day it allows (None when recurring or ongoing), how precise, and its words."""

    precision: str
    date: dt.date | None
    first: dt.date | None  # the first day of its period (the date itself for a day)
    label: str  # "31/3/2026", "tháng 4/2026", "quý II/2026", "năm 2026", "hằng tháng", "thường xuyên"
    phrase: str = ""  # the words of the text it was read from; "" when it came from `due`
    start: int = -1  # where the phrase starts in the text

    @property
    def dated(self) -> bool:
        """Tell whether the deadline falls on a known day."""
        return self.date is not None

    def wording(self) -> str:
        """Return the deadline as a notice prints it: "trước ngày 31/3/2026", "trong tháng 4/2026"."""
        if self.precision == "day":
            return f"trước ngày {self.label}"
        return self.label if self.precision in ("recurring", "ongoing") else f"trong {self.label}"

    def agrees(self, other: Deadline) -> bool:
        """Tell whether two dated deadlines can mean the same (one's last day falls in the other's period)."""
        if self.date is None or other.date is None or self.first is None or other.first is None:
            return True
        return self.first <= other.date <= self.date or other.first <= self.date <= other.date


def month_end(year: int, month: int) -> dt.date:
    """Return the last day of a month."""
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def day_deadline(day: dt.date, phrase: str = "", start: int = -1) -> Deadline:
    """A deadline on one day."""
    return Deadline("day", day, day, short_date(day), phrase, start)


def month_deadline(year: int, month: int, phrase: str = "", start: int = -1) -> Deadline:
    """A deadline within a month."""
    return Deadline("month", month_end(year, month), dt.date(year, month, 1), f"tháng {pad_month(month)}/{year}",
                    phrase, start)


def quarter_deadline(year: int, quarter: int, phrase: str = "", start: int = -1) -> Deadline:
    """A deadline within a quarter."""
    return Deadline("quarter", month_end(year, quarter * 3), dt.date(year, quarter * 3 - 2, 1),
                    f"quý {roman(quarter)}/{year}", phrase, start)


def year_deadline(year: int, phrase: str = "", start: int = -1) -> Deadline:
    """A deadline within a year."""
    return Deadline("year", dt.date(year, 12, 31), dt.date(year, 1, 1), f"năm {year}", phrase, start)


def from_due(due: PartialDate) -> Deadline:
    """The deadline a spec's `due` gives: 2026-03-31, 2026-04 (within the month) or 2026 (within the year)."""
    if due.month is None:
        return year_deadline(due.year)
    if due.day is None:
        return month_deadline(due.year, due.month)
    return day_deadline(dt.date(due.year, due.month, due.day))


# --- Reading phrases ------------------------------------------------------------------------------------------

_D = r"(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})(?:\s*/\s*(?P<y>\d{4}))?"
_DW = r"(?P<dw>\d{1,2})\s+tháng\s+(?P<mw>\d{1,2})(?:\s+năm\s+(?P<yw>\d{4}))?"
_Y = r"(?:\s*/\s*|\s+năm\s+)(?P<y>\d{4})"
_BY = r"(?:trước|chậm nhất(?:\s+là)?|muộn nhất(?:\s+là)?|hạn chót(?:\s+là)?|không quá|thời hạn(?:\s+hoàn thành)?\s*:)"
_PATTERNS = {
    "day": rf"\b(?:{_BY}(?:\s+(?:hết\s+)?ngày)?|trong\s+ngày)\s+(?:{_D}|{_DW})\b",
    "relative": r"\btrong(?:\s+vòng|\s+thời hạn)?\s+(?P<n>\d{1,3})\s+ngày(?P<work>\s+làm việc)?"
                r"(?:\s*,?\s*kể từ\s+(?:ngày\s+)?(?:ký|ban hành|nhận được)[^,;.]*)?",
    "month": rf"\b(?P<cue>trong|trước|hết|cuối)\s+tháng\s+(?P<m>\d{{1,2}})(?:{_Y})?\b",
    "quarter": rf"\b(?P<cue>trong|trước|hết|cuối)\s+quý\s+(?P<q>IV|I{{1,3}}|[1-4])(?:{_Y})?\b",
    "year": r"\b(?P<cue>trong|trước|hết|cuối)\s+năm\s+(?P<y>\d{4})\b",
    "recurring": r"\b(?:định kỳ\s+)?(?:hằng|hàng)\s+(?P<every>tuần|tháng|quý|năm)\b",
    "ongoing": r"\bthường xuyên\b",
}
_COMPILED = {kind: re.compile(p, re.IGNORECASE) for kind, p in _PATTERNS.items()}


def _year(written: str | None, month: int, day: int, issued: dt.date | None) -> int | None:
    """Return the year a date without one means: the first such day on or after the issue date."""
    if written:
        return int(written)
    if issued is None:
        return None
    return issued.year + ((month, day) < (issued.month, issued.day))


def _safe(make: Callable[[], Deadline | None]) -> Deadline | None:
    """Build a deadline, or none when the numbers are no date (31/2, tháng 13)."""
    try:
        return make()
    except ValueError:
        return None


def _day(m: re.Match[str], issued: dt.date | None) -> Deadline | None:
    """Read "trước ngày 15/4/2024", "chậm nhất ngày 15 tháng 4 năm 2024", "trước 30/6"."""
    day, month = int(m["d"] or m["dw"]), int(m["m"] or m["mw"])
    year = _year(m["y"] or m["yw"], month, day, issued)
    return None if year is None else _safe(lambda: day_deadline(dt.date(year, month, day), m[0], m.start()))


def _relative(m: re.Match[str], issued: dt.date | None) -> Deadline | None:
    """Read "trong 10 ngày làm việc kể từ ngày ký": counted from the issue date, working days without days off;
    a period of calendar days that ends on a day off ends on the next working day (Bộ luật Dân sự 2015, Điều 148)."""
    from ttbgen.spec.workdays import add_working_days, next_working_day

    if issued is None:
        return None
    count = int(m["n"])
    due = add_working_days(issued, count) if m["work"] else next_working_day(issued + dt.timedelta(days=count))
    return day_deadline(due, m[0].strip(), m.start())


def _month(m: re.Match[str], issued: dt.date | None) -> Deadline | None:
    """Read "trong tháng 9/2022"; "trước tháng 9/2022" is the last day of August."""
    month = int(m["m"])
    year = _year(m["y"], month, 1, issued if issued is None else issued.replace(day=1))
    if year is None or not 1 <= month <= 12:
        return None
    if m["cue"].lower() == "trước":
        return day_deadline(dt.date(year, month, 1) - dt.timedelta(days=1), m[0], m.start())
    return month_deadline(year, month, m[0], m.start())


def _quarter(m: re.Match[str], issued: dt.date | None) -> Deadline | None:
    """Read "trong quý II/2026"; "trước quý III/2026" is the last day of the quarter before."""
    quarter = _QUARTERS[m["q"].upper()]
    year = int(m["y"]) if m["y"] else (issued.year if issued else None)
    if year is None:
        return None
    if m["cue"].lower() == "trước":
        return day_deadline(dt.date(year, quarter * 3 - 2, 1) - dt.timedelta(days=1), m[0], m.start())
    return quarter_deadline(year, quarter, m[0], m.start())


def _whole_year(m: re.Match[str], issued: dt.date | None) -> Deadline | None:
    """Read "trong năm 2026"; "trước năm 2026" is 31/12/2025."""
    year = int(m["y"])
    if m["cue"].lower() == "trước":
        return day_deadline(dt.date(year - 1, 12, 31), m[0], m.start())
    return year_deadline(year, m[0], m.start())


def _recurring(m: re.Match[str], issued: dt.date | None) -> Deadline | None:
    """Read "hằng tháng", "định kỳ hằng quý": a report due every period, no single day."""
    return Deadline("recurring", None, None, _EVERY[m["every"].lower()], m[0], m.start())


def _ongoing(m: re.Match[str], issued: dt.date | None) -> Deadline | None:
    """Read "thường xuyên": an ongoing duty, no deadline."""
    return Deadline("ongoing", None, None, "thường xuyên", m[0], m.start())


_READERS: dict[str, Callable[[re.Match[str], dt.date | None], Deadline | None]] = {
    "day": _day, "relative": _relative, "month": _month, "quarter": _quarter, "year": _whole_year,
    "recurring": _recurring, "ongoing": _ongoing,
}


def _matches(text: str) -> Iterator[tuple[str, re.Match[str]]]:
    """Yield every phrase match, of every kind, in no particular order."""
    for kind, pattern in _COMPILED.items():
        yield from ((kind, m) for m in pattern.finditer(text))


def find_deadlines(text: str, issued: dt.date | None = None) -> list[Deadline]:
    """Return the deadlines a text states, in reading order; a phrase inside a longer one counts once.

    `issued` is the notice's issue date: it gives the year of "trước 30/6" and the start of "trong 10 ngày
    làm việc kể từ ngày ký"; without it those phrases are skipped.
    """
    return list(_find_deadlines(text, issued))


@functools.lru_cache(maxsize=4096)  # pure; the lint and compose read the same task words of a notice (issue 15)
def _find_deadlines(text: str, issued: dt.date | None) -> tuple[Deadline, ...]:
    """Return find_deadlines' result as a tuple (cached: every Deadline is frozen)."""
    taken: list[range] = []
    found: list[Deadline] = []
    for kind, m in sorted(_matches(text), key=lambda km: (km[1].start(), -len(km[1][0]))):
        if any(m.start() in span for span in taken):
            continue
        deadline = _READERS[kind](m, issued)
        if deadline is not None:
            taken.append(range(m.start(), m.end()))
            found.append(deadline)
    return tuple(found)


def binding(deadlines: list[Deadline]) -> Deadline | None:
    """Return the deadline that binds a task: its latest dated one, else a recurring or ongoing one."""
    dated = [d for d in deadlines if d.date is not None]
    if dated:
        return max(dated, key=lambda d: (d.date, -PRECISIONS.index(d.precision)))
    return deadlines[0] if deadlines else None


def disagreement(due: PartialDate, deadlines: list[Deadline]) -> Deadline | None:
    """Return the text's binding deadline when no dated phrase of the text agrees with `due`, else None."""
    given = from_due(due)
    dated = [d for d in deadlines if d.dated]
    if dated and not any(d.agrees(given) for d in dated):
        return binding(dated)
    return None


# --- Where a task's deadline is written -------------------------------------------------------------------------


def task_words(node: Node, top: bool = True) -> str:
    """Return a task node's words in reading order with its children that are not tasks of their own (marked
    "- " and "+ " as printed), where its deadline may be written; a heading that only names the lead is left out."""
    heading = "" if top and node.heading in node.lead else node.heading
    mark = {"dash": "- ", "plus": "+ "}.get(node.number, "") if not top else ""
    parts = [mark + heading + (":" if heading and node.text else ""), node.text, *node.paragraphs]
    parts += [task_words(child, False) for child in node.children if not child.is_task]
    return " ".join(p.strip() for p in parts if p.strip())


def tree_nodes(nodes: tuple[Node, ...]) -> Iterator[Node]:
    """Yield every node of a content tree, parents before their children."""
    for node in nodes:
        yield node
        yield from tree_nodes(node.children)


def issued_on(notice: Notice) -> dt.date:
    """Return the day deadlines count from: the issue date, or the meeting's while the day is left open."""
    return notice.date.as_date() or notice.meeting.date


def stated_deadlines(notice: Notice) -> Iterator[tuple[Node, list[Deadline]]]:
    """Yield every task node of a notice with the deadlines its words state."""
    issued = issued_on(notice)
    for node in tree_nodes(content_tree(notice)):
        if node.is_task:
            yield node, find_deadlines(task_words(node), issued)
