"""The register in one call: read the specs and the status files, follow up on a day, export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ttbgen.tasks.register import Task, load_tasks
from ttbgen.tasks.status import StatusWarning, apply_status, follow_up, read_any_status, status_files


def register(specs: list[Path], statuses: list[Path] | None = None, as_of: dt.date | None = None,
             within: int = 7) -> tuple[list[Task], list[StatusWarning]]:
    """Return every task of the specs with its recorded status, followed up on `as_of`, and the warnings."""
    rows = load_tasks(specs)
    records = {}
    for path in statuses or status_files(specs):
        records.update(read_any_status(path))
    rows, warnings = apply_status(rows, records)
    return [follow_up(t, as_of, within) for t in rows], warnings


def export(rows: list[Task], fmt: str, as_of: dt.date | None = None, existing: bytes | None = None) -> bytes:
    """Return the register in a format: table, csv, json, xlsx or ics (merged into an existing calendar)."""
    from ttbgen.tasks import export as text_formats

    if fmt == "xlsx":
        from ttbgen.tasks.xlsx import to_xlsx

        return to_xlsx(rows)
    if fmt == "ics":
        from ttbgen.tasks.ics import to_ics

        return to_ics(rows, existing)
    if fmt == "json":
        return text_formats.to_json(rows, as_of).encode("utf-8")
    if fmt == "csv":
        return text_formats.to_csv(rows).encode("utf-8")
    return text_formats.to_table(rows).encode("utf-8")
