"""Vietnam's working calendar: public holidays, substitute days off and worked Saturdays.

The calendar comes from the PyPI `holidays` package (Bộ luật Lao động 2019 Điều 112 and the yearly
Government announcements of substitute days: the lunar Tết, Giỗ Tổ Hùng Vương, 30/4–1/5, 2/9 and, from
2026, Ngày Văn hóa Việt Nam on 24/11). It lives in the spec stage because the spec lint already needs it
(a deadline on a day off, "trong 10 ngày làm việc") and the task register (stage tasks) uses the same one.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from ttbgen.records import record


@record
class YearCalendar:
    """One year of Vietnam's calendar: the days off with their names, and the Saturdays worked instead."""

    days: dict[dt.date, str]
    weekend_workdays: frozenset[dt.date]

    def __contains__(self, day: object) -> bool:
        return day in self.days

    def get(self, day: dt.date) -> str | None:
        """Return the name of a day off, or None."""
        return self.days.get(day)


@functools.cache
def _calendar(year: int) -> YearCalendar:
    """Return Vietnam's calendar for one year, from the user cache when possible: `holidays` imports every
    country's calendar (tens of ms, issue 15), so it is imported only to build a year not cached yet."""
    from ttbgen.cachedir import cached_json, package_stamp

    stamp = f"{year}|" + package_stamp("holidays", ("version.py", "countries/vietnam.py"))
    data = cached_json(f"holidays-vn-{year}", stamp, lambda: _build_year(year), _valid_year)
    return YearCalendar({dt.date.fromisoformat(d): n for d, n in data["days"].items()},
                        frozenset(dt.date.fromisoformat(d) for d in data["weekend_workdays"]))


def _build_year(year: int) -> dict[str, Any]:
    """Read one year of Vietnam's calendar from the `holidays` package, in Vietnamese."""
    import holidays

    calendar = holidays.country_holidays("VN", years=[year], language="vi")
    return {"days": {d.isoformat(): str(calendar.get(d)) for d in sorted(calendar)},
            "weekend_workdays": sorted(d.isoformat() for d in calendar.weekend_workdays)}


def _valid_year(data: Any) -> bool:
    """Tell whether cached data has the shape _build_year writes."""
    return (isinstance(data, dict) and isinstance(data.get("days"), dict) and isinstance(
        data.get("weekend_workdays"), list) and all(isinstance(v, str) for v in data["days"].values()))


def day_off(day: dt.date) -> str:
    """Return why a day is not worked ("Chủ nhật", "Tết Nguyên Đán", …), or "" for a working day."""
    calendar = _calendar(day.year)
    if day in calendar:
        return str(calendar.get(day))
    if day in calendar.weekend_workdays:
        return ""  # a Saturday worked to make up for a substitute day off
    if day.weekday() == 5:
        return "Thứ bảy"
    if day.weekday() == 6:
        return "Chủ nhật"
    return ""


def is_working_day(day: dt.date) -> bool:
    """Tell whether offices work on a day."""
    return not day_off(day)


def add_working_days(start: dt.date, count: int) -> dt.date:
    """Return the count-th working day after start (start itself is not counted: "kể từ ngày ký")."""
    day, left = start, count
    while left > 0:
        day += dt.timedelta(days=1)
        left -= is_working_day(day)
    return day


def next_working_day(day: dt.date) -> dt.date:
    """Return the day itself when it is worked, else the next working day."""
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day
