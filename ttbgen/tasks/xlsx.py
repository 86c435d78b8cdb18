"""The register as an Excel workbook (openpyxl): Vietnamese columns, real dates, frozen header, filters."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ttbgen.errors import SpecError
from ttbgen.i18n import _
from ttbgen.safefile import MAX_DOCX_BYTES, read_bounded
from ttbgen.tasks.export import COLUMNS, DATE_COLUMNS, row
from ttbgen.tasks.register import STATUSES, Task

SHEET = "Nhiệm vụ"
MAX_WIDTH = 60  # characters; longer texts wrap in their cell
STATUS_COLUMN = COLUMNS.index("Tình trạng") + 1


def _width(values: list[Any]) -> int:
    """Return a column width that fits its longest line, within MAX_WIDTH."""
    longest = max((len(line) for v in values for line in str("dd/mm/yyyy" if isinstance(v, dt.date) else v or "")
                   .splitlines() or [""]), default=8)
    return min(max(longest + 2, 8), MAX_WIDTH)


def to_xlsx(tasks: list[Task]) -> bytes:
    """Return the register as .xlsx bytes; the status column offers the TDNV status words as a list."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.worksheets[0]
    sheet.title = SHEET
    sheet.append(list(COLUMNS))
    rows = [list(row(t).values()) for t in tasks]
    for values in rows:
        sheet.append(values)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    _columns(sheet, rows)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(rows) + 1}"
    _status_list(sheet, DataValidation, get_column_letter(STATUS_COLUMN), len(rows))
    return _bytes(book)


def _columns(sheet: Any, rows: list[list[Any]]) -> None:
    """Fit each column's width to its longest line, wrap long texts, and show dates as dd/mm/yyyy."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    for index, name in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = _width([name, *(r[index - 1] for r in rows)])
        for cell in sheet[letter][1:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if name in DATE_COLUMNS and isinstance(cell.value, dt.date):
                cell.number_format = "DD/MM/YYYY"


def _status_list(sheet: Any, validation: Any, letter: str, count: int) -> None:
    """Let the clerk pick the status from the TDNV words in Excel."""
    check = validation(type="list", formula1='"' + ",".join(STATUSES) + '"', allow_blank=True)
    sheet.add_data_validation(check)
    check.add(f"{letter}2:{letter}{max(count, 1) + 1}")


def _bytes(book: Any) -> bytes:
    """Save a workbook to bytes."""
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def register_rows(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield each row of an XLSX register with its place ("file: Nhiệm vụ, row 5") as column name → value."""
    from openpyxl import load_workbook

    try:
        data = read_bounded(path, MAX_DOCX_BYTES, SpecError, _("the workbook"))  # a FIFO or /dev/zero: issue 13
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (OSError, ValueError, KeyError) as exc:
        raise SpecError(_("{path}: cannot read the workbook: {reason}").format(path=path, reason=exc)) from None
    if SHEET not in book.sheetnames:
        raise SpecError(_("{path}: no sheet '{sheet}'; read back a register that `ttbgen tasks --format xlsx` "
                          "wrote").format(path=path, sheet=SHEET))
    rows = book[SHEET].iter_rows(values_only=True)
    header = [str(v or "").strip() for v in next(rows, ())]
    if "Mã nhiệm vụ" not in header:
        raise SpecError(_("{path}: the first row has no 'Mã nhiệm vụ' column").format(path=path))
    for number, values in enumerate(rows, start=2):
        cells = dict(zip(header, values, strict=False))
        if cells.get("Mã nhiệm vụ"):
            yield f"{path}: {SHEET}, row {number}", cells
