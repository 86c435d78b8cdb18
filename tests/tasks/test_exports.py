"""The XLSX and ICS registers read back (openpyxl, icalendar) with the same rows as the CSV register."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from paths import ROOT

from ttbgen.cli import main
from ttbgen.tasks.export import COLUMNS, DATE_COLUMNS, to_csv
from ttbgen.tasks.register import STATUSES, Task, load_tasks
from ttbgen.tasks.xlsx import SHEET


@pytest.fixture
def rows(monkeypatch: pytest.MonkeyPatch) -> list[Task]:
    monkeypatch.chdir(ROOT)
    return load_tasks([Path("specs")])


def invoke(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_xlsx_reads_back_with_the_csv_rows(rows: list[Task], tmp_path: Path) -> None:
    from openpyxl import load_workbook

    invoke("tasks", "specs", "--format", "xlsx", "-o", str(tmp_path / "so.xlsx"))
    sheet = load_workbook(tmp_path / "so.xlsx")[SHEET]
    cells = [[c.value for c in r] for r in sheet.iter_rows()]
    expected = list(csv.reader(io.StringIO(to_csv(rows).lstrip("\ufeff"))))
    assert cells[0] == list(COLUMNS) == expected[0]
    as_text = [["" if v is None else v.date().isoformat() if isinstance(v, dt.datetime) else str(v) for v in r]
               for r in cells[1:]]
    assert as_text == expected[1:]
    deadline = COLUMNS.index("Thời hạn")
    assert any(isinstance(r[deadline], dt.datetime) for r in cells[1:])  # real dates, not text
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:O{len(rows) + 1}"
    assert all(sheet.column_dimensions[c].width >= 8 for c in "ABCDEFGHIJKLMNO")
    statuses = sheet.data_validations.dataValidation[0]
    assert statuses.formula1 == '"' + ",".join(STATUSES) + '"'
    assert {COLUMNS[i] for i, v in enumerate(cells[1]) if isinstance(v, dt.datetime)} <= set(DATE_COLUMNS)


def test_ics_has_one_event_per_dated_task(rows: list[Task], tmp_path: Path) -> None:
    from icalendar import Calendar

    invoke("tasks", "specs", "--format", "ics", "-o", str(tmp_path / "nv.ics"))
    events = Calendar.from_ical((tmp_path / "nv.ics").read_bytes()).walk("VEVENT")
    dated = [r for r in rows if r.deadline and r.deadline.date]
    assert [(str(e["uid"]), e.decoded("dtstart")) for e in events] == \
        [(f"{r.id}@ttbgen", r.deadline.date) for r in dated if r.deadline]
    first = events[0]
    assert str(first["summary"]).startswith(f"{dated[0].lead_text}: ")
    assert dated[0].notice.reference in str(first["description"])


def test_ics_reexport_updates_instead_of_duplicating(tmp_path: Path) -> None:
    from icalendar import Calendar

    spec = tmp_path / "x.yaml"
    source = (ROOT / "specs" / "chuyen-doi-so-2026-03.yaml").read_text(encoding="utf-8")
    spec.write_text(source, encoding="utf-8")
    target = tmp_path / "nv.ics"
    invoke("tasks", str(ROOT / "specs" / "mai-son-2024-01-mtqg.yaml"), "--format", "ics", "-o", str(target))
    invoke("tasks", str(spec), "--format", "ics", "-o", str(target))
    invoke("tasks", str(spec), "--format", "ics", "-o", str(target))  # again: nothing changes
    spec.write_text(source.replace("due: 2026-03-31", "due: 2026-04-03").replace("31/3/2026", "03/4/2026"),
                    encoding="utf-8")
    invoke("tasks", str(spec), "--format", "ics", "-o", str(target))
    events = {str(e["uid"]): e for e in Calendar.from_ical(target.read_bytes()).walk("VEVENT")}
    assert len(events) == 4  # two of each notice, none twice
    moved = events["ubnd-lang-son-20260306-so-khoa-hoc-va-cong-nghe-1@ttbgen"]
    assert (moved.decoded("dtstart"), int(moved["sequence"])) == (dt.date(2026, 4, 3), 1)
    same = events["ubnd-lang-son-20260306-ubnd-cac-xa-phuong-1@ttbgen"]
    assert int(same["sequence"]) == 0


def test_table_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    out = invoke("tasks", "specs/chuyen-doi-so-2026-03.yaml")
    assert out.splitlines()[0].startswith("15/TB-UBND  2026-03-09  Kết luận của đồng chí Đoàn Thu Hà")
    assert "  2.a      Sở Khoa học và Công nghệ" in out and "ubnd-lang-son-20260306-so-khoa-hoc-va-cong-nghe-1" in out


def test_xlsx_needs_a_file_and_an_existing_file_is_not_replaced(monkeypatch: pytest.MonkeyPatch,
                                                                 tmp_path: Path) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["tasks", "specs", "--format", "xlsx"])
    assert result.exit_code == 2 and "-o so-theo-doi.xlsx" in result.output
    target = tmp_path / "so.csv"
    target.write_text("edited by the clerk", encoding="utf-8")
    result = CliRunner().invoke(main, ["tasks", "specs", "--format", "csv", "-o", str(target)])
    assert result.exit_code == 2 and "add --force (a backup is kept)" in result.output
    assert target.read_text(encoding="utf-8") == "edited by the clerk"
    result = CliRunner().invoke(main, ["tasks", "specs", "--format", "csv", "-o", str(target), "--force"])
    assert result.exit_code == 0 and (tmp_path / "so.bak-1.csv").read_text(encoding="utf-8") == "edited by the clerk"
