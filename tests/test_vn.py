"""Vietnamese formatting on the edges Decree 30 cares about (docs/decree30.md §3, §4)."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from ttbgen import vn
from ttbgen.spec.model import PartialDate


@pytest.mark.parametrize(("date", "expected"), [
    (PartialDate(2024, 2, 5), "Lạng Sơn, ngày 05 tháng 02 năm 2024"),
    (PartialDate(2024, 1, 15), "Lạng Sơn, ngày 15 tháng 01 năm 2024"),
    (PartialDate(2020, 3, 5), "Lạng Sơn, ngày 05 tháng 3 năm 2020"),
    (PartialDate(2019, 6, 29), "Lạng Sơn, ngày 29 tháng 6 năm 2019"),
    (PartialDate(2024, 12, 15), "Lạng Sơn, ngày 15 tháng 12 năm 2024"),
    (PartialDate(2024, 12, 9), "Lạng Sơn, ngày 09 tháng 12 năm 2024"),
])
def test_date_line_pads_days_below_10_and_months_1_2_only(date: PartialDate, expected: str) -> None:
    assert vn.date_line("Lạng Sơn", date) == expected


def test_draft_date_leaves_blanks() -> None:
    assert vn.date_line("Lạng Sơn", PartialDate(2022, 8)) == f"Lạng Sơn, ngày {vn.DRAFT_BLANK} tháng 8 năm 2022"
    assert vn.date_line("Mai Sơn", PartialDate(2024)) == (
        f"Mai Sơn, ngày {vn.DRAFT_BLANK} tháng {vn.DRAFT_BLANK} năm 2024")
    assert vn.DRAFT_BLANK.strip() == "" and len(vn.DRAFT_BLANK) >= 5


@pytest.mark.parametrize(("number", "expected"), [
    ("5", "Số: 05/TB-UBND"), ("05", "Số: 05/TB-UBND"), ("12", "Số: 12/TB-UBND"), ("123", "Số: 123/TB-UBND"),
    ("", f"Số: {vn.DRAFT_BLANK}/TB-UBND"),
])
def test_number_line(number: str, expected: str) -> None:
    assert vn.number_line(number, "TB-UBND") == expected


@pytest.mark.parametrize(("date", "expected"), [
    (dt.date(2022, 8, 22), "22/8/2022"), (dt.date(2024, 1, 24), "24/01/2024"),
    (dt.date(2024, 2, 5), "05/02/2024"), (dt.date(2024, 3, 15), "15/3/2024"), (dt.date(2024, 12, 1), "01/12/2024"),
])
def test_short_date_uses_the_same_padding(date: dt.date, expected: str) -> None:
    assert vn.short_date(date) == expected


def test_letters_follow_the_vietnamese_alphabet() -> None:
    letters = [vn.letter(i) for i in range(9)]
    assert letters == ["a", "b", "c", "d", "đ", "e", "g", "h", "i"]
    assert "f" not in [vn.letter(i) for i in range(23)]
    assert vn.letter(22) == "y" and vn.letter(23) == "aa"


def test_roman_and_decimal() -> None:
    assert [vn.roman(n) for n in (1, 4, 9, 14, 40)] == ["I", "IV", "IX", "XIV", "XL"]
    assert vn.decimal(61.25) == "61,3"  # half up, not Babel's half-even (pitfalls.md)
    assert vn.decimal(1234567.891, 3) == "1.234.567,891"
    assert vn.decimal(100, 0) == "100"


@pytest.mark.parametrize(("text", "expected"), [
    ("thực hiện", "thực hiện./."), ("thực hiện.", "thực hiện./."), ("thực hiện./.", "thực hiện./."),
])
def test_end_content(text: str, expected: str) -> None:
    assert vn.end_content(text) == expected


def test_nfc_and_upper() -> None:
    decomposed = unicodedata.normalize("NFD", "Phó Chánh Văn phòng")
    assert vn.nfc(decomposed) == "Phó Chánh Văn phòng"
    assert vn.nfc(decomposed).upper() == "PHÓ CHÁNH VĂN PHÒNG"
    assert "đường ưu tiên".upper() == "ĐƯỜNG ƯU TIÊN"
