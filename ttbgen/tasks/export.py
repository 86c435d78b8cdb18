"""The register written out: a terminal table, CSV, JSON (with its schema), XLSX and ICS."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

from ttbgen.tasks.register import STATUSES, Task

# Column names of the CSV and XLSX registers, in the words of a follow-up office's spreadsheet.
COLUMNS = ("Mã nhiệm vụ", "Văn bản", "Ngày ban hành", "Trích yếu", "Mục", "Đơn vị chủ trì", "Đơn vị phối hợp",
           "Nội dung nhiệm vụ", "Thời hạn", "Thời hạn ghi", "Căn cứ thời hạn", "Tình trạng", "Ngày hoàn thành",
           "Theo dõi", "Ghi chú")
DATE_COLUMNS = ("Ngày ban hành", "Thời hạn", "Ngày hoàn thành")
SCHEMA_ID = "https://ttbgen.invalid/schemas/tasks.schema.json"
FORMAT_VERSION = 1


def row(task: Task) -> dict[str, Any]:
    """Return a task as register columns; dates as dates (a draft's open issue date stays text)."""
    deadline = task.deadline
    issued: dt.date | str = task.notice.date
    if len(task.notice.date) == 10:
        issued = dt.date.fromisoformat(task.notice.date)
    return {
        "Mã nhiệm vụ": task.id, "Văn bản": task.notice.reference, "Ngày ban hành": issued,
        "Trích yếu": task.notice.title, "Mục": task.number, "Đơn vị chủ trì": "; ".join(task.lead),
        "Đơn vị phối hợp": "; ".join(task.support), "Nội dung nhiệm vụ": task.text,
        "Thời hạn": deadline.date if deadline else None, "Thời hạn ghi": deadline.label if deadline else "",
        "Căn cứ thời hạn": deadline.phrase if deadline else "", "Tình trạng": task.status,
        "Ngày hoàn thành": dt.date.fromisoformat(task.done) if task.done else None, "Theo dõi": task.followup,
        "Ghi chú": task.note,
    }


def cell_text(value: Any) -> str:
    """Return a cell as text: dates in ISO form, nothing as an empty cell."""
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def to_csv(tasks: list[Task]) -> str:
    """Return the register as CSV (a byte-order mark first, so that Excel reads it as UTF-8)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows([cell_text(v) for v in row(t).values()] for t in tasks)
    return "\ufeff" + out.getvalue()


def task_json(task: Task) -> dict[str, Any]:
    """Return one task as the JSON register holds it (docs/tasks.schema.json)."""
    d, n = task.deadline, task.notice
    deadline = None if d is None else {
        "date": cell_text(d.date) or None, "first": cell_text(d.first) or None, "precision": d.precision,
        "label": d.label, "phrase": d.phrase, "source": task.deadline_source}
    return {
        "id": task.id,
        "notice": {"number": n.number, "symbol": n.symbol, "reference": n.reference, "date": n.date,
                   "title": n.title, "spec": n.spec, "office": n.office},
        "number": task.number, "lead": list(task.lead), "support": list(task.support), "text": task.text,
        "deadline": deadline, "status": task.status, "done": task.done or None, "note": task.note,
        "followup": {"kind": task.flag, "days": task.days, "label": task.followup} if task.flag else None,
    }


def to_json(tasks: list[Task], as_of: dt.date | None = None) -> str:
    """Return the register as JSON, for e-office integrations."""
    doc = {"$schema": SCHEMA_ID, "version": FORMAT_VERSION, "as_of": as_of.isoformat() if as_of else None,
           "tasks": [task_json(t) for t in tasks]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _text(kind: str = "string") -> dict[str, Any]:
    """A JSON Schema leaf."""
    return {"type": kind}


_DATE = {"type": "string", "format": "date"}
_NOTICE = {"type": "object", "additionalProperties": False,
           "required": ["number", "symbol", "reference", "date", "title", "spec", "office"],
           "properties": {"number": {**_text(), "description": "The notice's number; empty while a draft."},
                          "symbol": {**_text(), "description": "Ký hiệu, e.g. TB-UBND."},
                          "reference": {**_text(), "description": "Số/ký hiệu as printed, e.g. 15/TB-UBND."},
                          "date": {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
                                   "description": "Issue date; a draft may give only year and month."},
                          "title": {**_text(), "description": "The trích yếu."},
                          "spec": {**_text(), "description": "The spec file the notice is built from."},
                          "office": {**_text(), "description": "The office profile's key."}}}
_DEADLINE = {"type": ["object", "null"], "additionalProperties": False,
             "required": ["date", "first", "precision", "label", "phrase", "source"],
             "properties": {"date": {"type": ["string", "null"], "format": "date",
                                     "description": "The last day allowed; null when recurring or ongoing."},
                            "first": {"type": ["string", "null"], "format": "date",
                                      "description": "The first day of the deadline's month, quarter or year."},
                            "precision": {"enum": ["day", "month", "quarter", "year", "recurring", "ongoing"]},
                            "label": {**_text(), "description": "31/3/2026, tháng 4/2026, quý II/2026, …"},
                            "phrase": {**_text(), "description": "The words of the task's text it is read from."},
                            "source": {"enum": ["due", "text"]}}}
_FOLLOWUP = {"type": ["object", "null"], "additionalProperties": False, "required": ["kind", "days", "label"],
             "properties": {"kind": {"enum": ["overdue", "due-soon", "done-late"]}, "days": _text("integer"),
                            "label": _text()}}
REGISTER_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
    "title": "ttbgen task register", "description": "The tasks notices assign, as `ttbgen tasks --format json` "
    "writes them (docs/tasks.md).", "type": "object", "additionalProperties": False,
    "required": ["$schema", "version", "as_of", "tasks"],
    "properties": {
        "$schema": _text(), "version": {"const": FORMAT_VERSION},
        "as_of": {"type": ["string", "null"], "format": "date", "description": "The --as-of day, if any."},
        "tasks": {"type": "array", "items": {
            "type": "object", "additionalProperties": False,
            "required": ["id", "notice", "number", "lead", "support", "text", "deadline", "status", "done", "note",
                         "followup"],
            "properties": {
                "id": {**_text(), "description": "Stable task id (docs/tasks.md)."}, "notice": _NOTICE,
                "number": {**_text(), "description": "The task's number in the notice, e.g. 2.a or 2.3.b."},
                "lead": {"type": "array", "items": _text()}, "support": {"type": "array", "items": _text()},
                "text": _text(), "deadline": _DEADLINE, "status": {"enum": list(STATUSES)},
                "done": {"type": ["string", "null"], "format": "date"}, "note": _text(), "followup": _FOLLOWUP,
            }}},
    },
}


def schema_json() -> str:
    """Return the published JSON Schema of the JSON register (docs/tasks.schema.json)."""
    return json.dumps(REGISTER_SCHEMA, ensure_ascii=False, indent=2) + "\n"


def _clip(text: str, width: int) -> str:
    """Cut a text to a column width with an ellipsis."""
    return text if len(text) <= width else text[: width - 1] + "…"


def to_table(tasks: list[Task]) -> str:
    """Return the register as a plain-text table, one block per notice, the id under each task."""
    lines: list[str] = []
    notice = None
    for task in tasks:
        if task.notice != notice:
            notice = task.notice
            lines += [""] if lines else []
            lines.append(f"{notice.reference}  {notice.date}  {_clip(notice.title, 70)}  ({notice.spec})")
        deadline = task.deadline.label if task.deadline else "-"
        lines.append(f"  {task.number:<8} {_clip(task.lead_text or '-', 32):<32} {deadline:<14} "
                     f"{task.status:<20} {task.followup}".rstrip())
        lines.append(f"           {task.id}")
    return "\n".join(lines) + "\n"
