"""Deadlines in words → dates, with the issue date and the Vietnamese holidays they depend on."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ttbgen.spec.deadlines import binding, disagreement, find_deadlines, from_due
from ttbgen.spec.model import PartialDate
from ttbgen.spec.workdays import add_working_days, day_off, is_working_day

D = dt.date

# phrase, issue date, (precision, last day allowed); why, when a holiday or the issue date matters.
PHRASES = [
    ("Báo cáo UBND tỉnh trước ngày 15/4/2024.", D(2024, 3, 1), ("day", D(2024, 4, 15))),
    ("hoàn thành trong tháng 9/2022", D(2022, 8, 22), ("month", D(2022, 9, 30))),
    ("xong trong tháng 01/2024", D(2024, 1, 24), ("month", D(2024, 1, 31))),
    ("hoàn thành trong quý II/2026", D(2026, 3, 9), ("quarter", D(2026, 6, 30))),
    ("trong quý 4 năm 2026", D(2026, 3, 9), ("quarter", D(2026, 12, 31))),
    ("trong năm 2026", D(2026, 3, 9), ("year", D(2026, 12, 31))),
    ("trước tháng 9/2022", D(2022, 8, 1), ("day", D(2022, 8, 31))),
    ("trước năm 2027", D(2026, 3, 9), ("day", D(2026, 12, 31))),
    ("chậm nhất ngày 15 tháng 4 năm 2024", D(2024, 3, 1), ("day", D(2024, 4, 15))),
    ("thời hạn hoàn thành: 20/02/2024", D(2024, 1, 24), ("day", D(2024, 2, 20))),
    # no year: the issue date's year ...
    ("trước 30/6", D(2026, 3, 9), ("day", D(2026, 6, 30))),
    # ... or the next one, when the day has passed at issue
    ("trước 15/1", D(2025, 12, 20), ("day", D(2026, 1, 15))),
    ("trong tháng 9", D(2026, 10, 2), ("month", D(2027, 9, 30))),
    # Tết Bính Ngọ: 16–20/02/2026 are days off, so 10 working days from Tue 10/02 end on Tue 03/3
    ("trong 10 ngày làm việc kể từ ngày ký", D(2026, 2, 10), ("day", D(2026, 3, 3))),
    # Giỗ Tổ (observed Mon 27/4), 30/4, 1/5 and the weekend: 5 working days from Fri 24/4/2026 end on Wed 06/5
    ("trong vòng 5 ngày làm việc kể từ ngày ký", D(2026, 4, 24), ("day", D(2026, 5, 6))),
    # Quốc khánh 2026: 31/8 (substitute), 1/9 and 2/9 off; 3 working days from Fri 28/8 end on Mon 07/9
    ("trong 3 ngày làm việc kể từ ngày ký", D(2026, 8, 28), ("day", D(2026, 9, 7))),
    # Saturday 22/8/2026 is worked (it makes up for Monday 31/8)
    ("trong 1 ngày làm việc kể từ ngày ký", D(2026, 8, 21), ("day", D(2026, 8, 22))),
    # Ngày Văn hóa Việt Nam, 24/11, a day off from 2026
    ("trong 1 ngày làm việc kể từ ngày ban hành", D(2026, 11, 23), ("day", D(2026, 11, 25))),
    # calendar days ending on a Tết day end on the next working day (Bộ luật Dân sự Điều 148)
    ("trong 10 ngày kể từ ngày ký", D(2026, 2, 10), ("day", D(2026, 2, 23))),
    ("báo cáo kết quả hằng tháng", D(2026, 3, 9), ("recurring", None)),
    ("định kỳ hàng quý báo cáo", D(2026, 3, 9), ("recurring", None)),
    ("thường xuyên kiểm tra, đôn đốc", D(2026, 3, 9), ("ongoing", None)),
]


@pytest.mark.parametrize(("text", "issued", "expected"), PHRASES, ids=[p[0] for p in PHRASES])
def test_phrase_gives_its_deadline(text: str, issued: dt.date, expected: tuple[str, dt.date | None]) -> None:
    found = binding(find_deadlines(text, issued))
    assert found is not None
    assert (found.precision, found.date) == expected
    assert found.phrase and found.phrase in text


@pytest.mark.parametrize("text", [
    "Nghị quyết số 104/2023/QH15 ngày 10/11/2023 cho chuyển nguồn vốn",  # a date that is no deadline
    "giai đoạn 2021-2025 và năm 2022",
    "trước ngày 31/02/2026",  # no such day
    "trong tháng 13/2026",
])
def test_no_deadline_in_words_that_name_none(text: str) -> None:
    assert find_deadlines(text, D(2026, 3, 9)) == []


def test_relative_phrases_need_the_issue_date() -> None:
    assert find_deadlines("trong 10 ngày làm việc kể từ ngày ký", None) == []
    assert find_deadlines("trước 30/6", None) == []


def test_labels_and_wording() -> None:
    found = find_deadlines("trước ngày 05/4/2026; trong tháng 02/2026; trong quý III/2026", D(2026, 1, 5))
    assert [d.label for d in found] == ["05/4/2026", "tháng 02/2026", "quý III/2026"]
    assert [d.wording() for d in found] == ["trước ngày 05/4/2026", "trong tháng 02/2026", "trong quý III/2026"]


def test_the_latest_dated_phrase_binds() -> None:
    found = find_deadlines("xong trong tháng 01/2024; xong trước ngày 15/02/2024; báo cáo hằng tháng", D(2024, 1, 24))
    assert binding(found) == found[1]


@pytest.mark.parametrize(("text", "due", "agrees"), [
    ("báo cáo trước ngày 31/3/2026", PartialDate(2026, 3, 31), True),
    ("báo cáo trước ngày 31/3/2026", PartialDate(2026, 4, 15), False),
    ("hoàn thành trong tháng 4/2026", PartialDate(2026, 4), True),
    ("hoàn thành trong tháng 4/2026", PartialDate(2026, 4, 30), True),
    ("hoàn thành trong quý II/2026", PartialDate(2026, 6), True),
    ("hoàn thành trong quý II/2026", PartialDate(2026, 7, 1), False),
    ("xong trong tháng 01/2024; xong trước ngày 15/02/2024", PartialDate(2024, 2, 15), True),
    ("thực hiện thường xuyên", PartialDate(2026, 4, 15), True),
])
def test_due_and_text_agree_or_not(text: str, due: PartialDate, agrees: bool) -> None:
    assert (disagreement(due, find_deadlines(text, D(2026, 1, 5))) is None) == agrees


@pytest.mark.parametrize(("day", "reason"), [
    (D(2026, 2, 17), "Tết Nguyên Đán"),
    (D(2026, 4, 30), "Ngày Chiến thắng"),
    (D(2026, 5, 1), "Ngày Quốc tế Lao động"),
    (D(2026, 9, 2), "Quốc khánh"),
    (D(2026, 11, 24), "Ngày Văn hóa Việt Nam"),
    (D(2026, 8, 29), "Thứ bảy"),
    (D(2026, 3, 8), "Chủ nhật"),
    (D(2026, 8, 22), ""),  # a worked Saturday
    (D(2026, 3, 31), ""),
])
def test_days_off(day: dt.date, reason: str) -> None:
    assert day_off(day).startswith(reason) if reason else day_off(day) == ""


@given(st.dates(D(2020, 1, 1), D(2030, 12, 31)), st.integers(1, 40))
def test_working_days_count_exactly(start: dt.date, count: int) -> None:
    end = add_working_days(start, count)
    assert is_working_day(end)
    days = [start + dt.timedelta(days=n) for n in range(1, (end - start).days + 1)]
    assert sum(map(is_working_day, days)) == count


@given(st.dates(D(2000, 1, 1), D(2099, 12, 31)))
def test_a_written_date_reads_back(day: dt.date) -> None:
    found = find_deadlines(f"báo cáo trước ngày {day.day}/{day.month}/{day.year}.", None)
    assert [(d.precision, d.date) for d in found] == [("day", day)]
    assert from_due(PartialDate(day.year, day.month, day.day)).agrees(found[0])
