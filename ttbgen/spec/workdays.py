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


@functools.cache
def _calendar(year: int) -> Any:
    """Return the `holidays` calendar of Vietnam for one year, in Vietnamese (imported lazily: it is large)."""
    import holidays

    return holidays.country_holidays("VN", years=[year], language="vi")


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
