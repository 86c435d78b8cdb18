"""Follow-up: the status file, --as-of, and the báo cáo that lists what is overdue and passes `ttbgen check`."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from paths import ROOT

from ttbgen.check.api import check_files
from ttbgen.check.dump import dump_docx
from ttbgen.cli import main

KHCN = "ubnd-lang-son-20260306-so-khoa-hoc-va-cong-nghe-1"
XA = "ubnd-lang-son-20260306-ubnd-cac-xa-phuong-1"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with one spec (deadlines 31/3/2026 and April 2026) and the clerk's status file."""
    shutil.copy(ROOT / "specs" / "chuyen-doi-so-2026-03.yaml", tmp_path / "cds.yaml")
    return tmp_path


def register(folder: Path, *args: str) -> dict[str, dict[str, object]]:
    result = run("tasks", str(folder), "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return {t["id"]: t for t in json.loads(result.stdout)["tasks"]}


def test_as_of_marks_overdue_and_due_soon(folder: Path) -> None:
    tasks = register(folder, "--as-of", "2026-04-05")
    assert tasks[KHCN]["followup"] == {"kind": "overdue", "days": 5, "label": "Quá hạn 5 ngày"}
    assert tasks[XA]["followup"] is None
    tasks = register(folder, "--as-of", "27/4/2026", "--within", "5")
    assert tasks[XA]["followup"] == {"kind": "due-soon", "days": 3, "label": "Sắp đến hạn (còn 3 ngày)"}


def test_status_file_records_progress_and_done_late(folder: Path) -> None:
    (folder / "tasks-status.yaml").write_text(
        f"{KHCN}: {{status: Hoàn thành, done: 2026-04-02, note: Tờ trình số 45/TTr-SKHCN}}\n"
        f"{XA}: đang thực hiện\n", encoding="utf-8")
    tasks = register(folder, "--as-of", "2026-04-05")
    assert (tasks[KHCN]["status"], tasks[KHCN]["done"], tasks[KHCN]["note"]) == \
        ("Hoàn thành quá hạn", "2026-04-02", "Tờ trình số 45/TTr-SKHCN")
    assert tasks[KHCN]["followup"] == {"kind": "done-late", "days": 2, "label": "Hoàn thành chậm 2 ngày"}
    assert tasks[XA]["status"] == "Đang thực hiện"


def test_status_mistakes_are_located(folder: Path) -> None:
    status = folder / "tasks-status.yaml"
    status.write_text(f"{KHCN}: xong rồi\n", encoding="utf-8")
    result = run("tasks", str(folder))
    assert result.exit_code == 2
    assert f"{status}:1:" in result.output
    assert "'xong rồi' is not a status; write one of: Chưa thực hiện" in result.output
    status.write_text(f"{KHCN}: Tạm hoãn\nkhong-co-nhiem-vu-nay: Hoàn thành\n", encoding="utf-8")
    result = run("tasks", str(folder))
    assert result.exit_code == 0
    assert f"{status}:2:1: warning: no task has the id 'khong-co-nhiem-vu-nay'" in result.stderr
    assert "Tạm hoãn" in result.stdout


def test_report_lists_overdue_tasks_and_passes_check(folder: Path) -> None:
    (folder / "tasks-status.yaml").write_text(f"{XA}: Đang thực hiện\n", encoding="utf-8")
    target = folder / "bao-cao.docx"
    result = run("tasks", str(folder), "--report", "--as-of", "2026-04-05", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert not check_files([target]).failed
    text = dump_docx(target)
    assert "| BÁO CÁO" in text and "| Số: /BC-UBND" in text and "ngày 05 tháng 4 năm 2026" in text
    overdue = text.split("Nhiệm vụ quá hạn chưa hoàn thành (đến ngày 05/4/2026)")[1].split("Trên đây")[0]
    assert "- Sở Khoa học và Công nghệ: Mục 2.a" in overdue and "quá hạn 5 ngày" in overdue
    assert "UBND các xã, phường" not in overdue
    by_unit = text.split("2. Kết quả thực hiện theo đơn vị chủ trì")[1]
    assert "a) Sở Khoa học và Công nghệ: 01 nhiệm vụ (chưa thực hiện 01)." in by_unit
    assert "b) UBND các xã, phường: 01 nhiệm vụ (đang thực hiện 01)." in by_unit


def test_report_template_is_found_on_the_search_path(folder: Path) -> None:
    """An office's own bao-cao-nhiem-vu beside the specs wins over the shipped one, as for notices."""
    shutil.copytree(ROOT / "templates" / "bao-cao-nhiem-vu", folder / "templates" / "bao-cao-nhiem-vu")
    manifest = folder / "templates" / "bao-cao-nhiem-vu" / "template.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("version: 1.0.0", "version: 9.9.9"),
                        encoding="utf-8")
    target = folder / "bc.docx"
    assert run("tasks", str(folder), "--report", "--as-of", "2026-04-05", "-o", str(target)).exit_code == 0
    assert "ttbgen.template-version = 9.9.9" in dump_docx(target)


def test_the_xlsx_register_filled_in_by_the_clerk_reads_back_as_status(folder: Path) -> None:
    from openpyxl import load_workbook

    from ttbgen.tasks.export import COLUMNS

    book_path = folder / "so-theo-doi.xlsx"
    assert run("tasks", str(folder), "--format", "xlsx", "-o", str(book_path)).exit_code == 0
    book = load_workbook(book_path)
    sheet = book["Nhiệm vụ"]
    status, done, note = (COLUMNS.index(c) + 1 for c in ("Tình trạng", "Ngày hoàn thành", "Ghi chú"))
    sheet.cell(2, status, "Hoàn thành")
    sheet.cell(2, done, dt.datetime(2026, 3, 30))
    sheet.cell(2, note, "Đã trình")
    sheet.cell(3, status, "Tạm hoãn")
    book.save(book_path)
    tasks = register(folder, "--status", str(book_path))
    assert (tasks[KHCN]["status"], tasks[KHCN]["done"], tasks[KHCN]["note"]) == \
        ("Hoàn thành đúng hạn", "2026-03-30", "Đã trình")
    assert tasks[XA]["status"] == "Tạm hoãn"
    sheet.cell(3, status, "gần xong")
    book.save(book_path)
    result = run("tasks", str(folder), "--status", str(book_path))
    assert result.exit_code == 2 and f"{book_path}: Nhiệm vụ, row 3: 'gần xong' is not a status" in result.output


def test_build_skips_the_status_file_beside_the_specs(folder: Path) -> None:
    (folder / "tasks-status.yaml").write_text(f"{XA}: Đang thực hiện\n", encoding="utf-8")
    result = run("build", str(folder), "-o", str(folder / "out"), "--no-check")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (folder / "out").iterdir()) == ["cds.docx", "cds.giay-moi.docx"]


def test_a_report_speaks_for_one_office(tmp_path: Path) -> None:
    for name in ("lang-son-2022-08-mtqg.yaml", "mai-son-2024-01-mtqg.yaml"):
        shutil.copy(ROOT / "specs" / name, tmp_path / name)
    result = run("tasks", str(tmp_path), "--report", "--as-of", "2024-03-01", "-o", str(tmp_path / "bc.docx"))
    assert result.exit_code == 2 and "report them one office at a time" in result.output
    assert not (tmp_path / "bc.docx").exists()
