"""The holiday calendar and the province table come from the user cache, the same as from their packages, so a
process need not import `holidays` or `vietnam_provinces` (issue 15)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ttbgen.spec import workdays
from ttbgen.spec.lint import _province_table, current_provinces


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("TTBGEN_CACHE_DIR", str(tmp_path / "cache"))
    workdays._calendar.cache_clear()
    current_provinces.cache_clear()
    yield tmp_path / "cache"
    workdays._calendar.cache_clear()
    current_provinces.cache_clear()


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_cached_calendar_says_what_holidays_says(cache_dir: Path, year: int) -> None:
    import holidays

    direct = holidays.country_holidays("VN", years=[year], language="vi")
    for cached in (workdays._calendar(year), (workdays._calendar.cache_clear(), workdays._calendar(year))[1]):
        day = dt.date(year, 1, 1)
        while day.year == year:
            assert (day in cached) == (day in direct), day
            assert (cached.get(day) or None) == (str(direct.get(day)) if day in direct else None), day
            assert (day in cached.weekend_workdays) == (day in direct.weekend_workdays), day
            day += dt.timedelta(days=1)
    assert list((cache_dir / "data").glob(f"holidays-vn-{year}-*.json"))


def test_cached_provinces_are_the_package_table(cache_dir: Path) -> None:
    assert current_provinces() == _province_table()
    current_provinces.cache_clear()
    assert current_provinces() == _province_table() and len(_province_table()) == 34


def test_a_corrupt_cached_table_is_rebuilt(cache_dir: Path) -> None:
    expected = workdays._calendar(2026)
    [entry] = (cache_dir / "data").glob("holidays-vn-2026-*.json")
    entry.write_text('{"days": 5', encoding="utf-8")
    workdays._calendar.cache_clear()
    assert workdays._calendar(2026) == expected


def test_a_warm_process_imports_neither_package(cache_dir: Path) -> None:
    code = ("import sys, datetime as dt\nfrom ttbgen.spec.workdays import day_off\n"
            "from ttbgen.spec.lint import current_provinces\n"
            "assert day_off(dt.date(2026, 4, 30)) and current_provinces()\n"
            "assert 'holidays' not in sys.modules and 'vietnam_provinces' not in sys.modules\n")
    env = {**os.environ, "TTBGEN_CACHE_DIR": str(cache_dir)}
    subprocess.run([sys.executable, "-c", code.replace("assert 'holidays'", "pass  #")], check=True, env=env)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
