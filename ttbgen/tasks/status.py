"""Follow-up: the status file the clerk keeps beside the specs, and what a date makes of each task.

tasks-status.yaml maps a task id to its status word, or to {status, done, note}:

    ubnd-lang-son-20260306-so-tai-chinh-1: Đang thực hiện
    ubnd-lang-son-20260306-so-khoa-hoc-va-cong-nghe-1: {status: Hoàn thành, done: 2026-04-02}
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

import yaml

from ttbgen.errors import Mark, SpecError
from ttbgen.i18n import N_, _
from ttbgen.records import record
from ttbgen.spec.nodes import compose, mark_of, read_source
from ttbgen.tasks.register import DONE_LATE, DONE_ON_TIME, IN_PROGRESS, NOT_STARTED, STATUSES, Task, with_status
from ttbgen.vn import nfc

STATUS_FILE = "tasks-status.yaml"
DONE = "Hoàn thành"  # what a clerk may write; the done date then tells on time from late
DUE_SOON_DAYS = 7


@record
class Record:
    """What the follow-up clerk recorded for one task."""

    status: str
    done: str = ""
    note: str = ""
    mark: Mark | None = None


@record
class StatusWarning:
    """A located warning about the status file (an id no task has)."""

    message: str
    mark: Mark | None

    def render(self) -> str:
        """Return `file:line:col: warning: message`."""
        return ": ".join([*([str(self.mark)] if self.mark else []), _("warning"), self.message])


def status_word(text: str) -> str | None:
    """Return the status word a clerk wrote, spelled as the register spells it (any case), or None."""
    wanted = " ".join(nfc(text).split()).casefold()
    return next((word for word in (*STATUSES, DONE) if word.casefold() == wanted), None)


def parse_day(text: str) -> dt.date | None:
    """Read 2026-04-02 or 02/4/2026; None when it is neither."""
    match = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*", text)
    try:
        if match:
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


def _scalar(source: str, node: yaml.Node, what: str) -> str:
    """Return a scalar's text, or refuse a list or mapping where a text belongs."""
    if not isinstance(node, yaml.ScalarNode):
        raise SpecError(_("{what} must be a text").format(what=_(what)), mark_of(source, node))
    return nfc(str(node.value))


def _record(source: str, node: yaml.Node, key: yaml.Node) -> Record:
    """Read one task's record (placed at its id): a status word, or a mapping {status, done, note}."""
    fields = {"status": node} if isinstance(node, yaml.ScalarNode) else {}
    if isinstance(node, yaml.MappingNode):
        fields = {_scalar(source, k, N_("a key")): v for k, v in node.value}
        unknown = set(fields) - {"status", "done", "note"}
        if unknown:
            raise SpecError(_("unknown key '{key}'; a task's record has status, done and note").format(
                key=sorted(unknown)[0]), mark_of(source, node))
    status_text = _scalar(source, fields["status"], N_("status")) if "status" in fields else ""
    status = status_word(status_text) if status_text else NOT_STARTED
    if status is None:
        raise SpecError(_("'{word}' is not a status; write one of: {words}").format(
            word=status_text, words=", ".join((*STATUSES, DONE))), mark_of(source, fields["status"]))
    done = _scalar(source, fields["done"], N_("done")) if "done" in fields else ""
    if done and parse_day(done) is None:
        raise SpecError(_("done must be a date such as 2026-04-02, got '{value}'").format(value=done),
                        mark_of(source, fields["done"]))
    note = _scalar(source, fields["note"], N_("note")) if "note" in fields else ""
    return Record(status, str(parse_day(done) or ""), note, mark_of(source, key))


def read_status(path: Path) -> dict[str, Record]:
    """Read a status file: task id → record; a mistake is located at file:line:col."""
    source = read_source(path)
    root = compose(source)
    if root is None:
        return {}
    if not isinstance(root, yaml.MappingNode):
        raise SpecError(_("a status file maps task ids to their status (id: Đang thực hiện)"),
                        mark_of(source.name, root))
    return {_scalar(source.name, k, N_("a task id")).strip(): _record(source.name, v, k) for k, v in root.value}


def read_status_xlsx(path: Path) -> dict[str, Record]:
    """Read the status the clerk typed into an XLSX register (`--format xlsx`): its Mã nhiệm vụ, Tình trạng,
    Ngày hoàn thành and Ghi chú columns; a mistake is located at file:sheet!cell."""
    from ttbgen.tasks.xlsx import register_rows

    records: dict[str, Record] = {}
    for where, values in register_rows(path):
        status_text = str(values.get("Tình trạng") or "").strip()
        status = status_word(status_text) if status_text else NOT_STARTED
        if status is None:
            raise SpecError(_("{where}: '{word}' is not a status; write one of: {words}").format(
                where=where, word=status_text, words=", ".join((*STATUSES, DONE))))
        done = values.get("Ngày hoàn thành")
        day = done.date() if isinstance(done, dt.datetime) else parse_day(str(done)) if done else None
        if done and day is None:
            raise SpecError(_("{where}: the done date '{value}' is not a date").format(where=where, value=done))
        records[str(values["Mã nhiệm vụ"]).strip()] = Record(status, str(day or ""), str(values.get("Ghi chú") or ""))
    return records


def read_any_status(path: Path) -> dict[str, Record]:
    """Read a status file: YAML, or an XLSX register the clerk filled in."""
    return read_status_xlsx(path) if path.suffix.lower() == ".xlsx" else read_status(path)


def status_files(specs: list[Path]) -> list[Path]:
    """Return the status files beside the specs given (tasks-status.yaml in each of their folders)."""
    folders = dict.fromkeys((p if p.is_dir() else p.parent).resolve() for p in specs)
    return [f / STATUS_FILE for f in folders if (f / STATUS_FILE).is_file()]


def apply_status(tasks: list[Task], records: dict[str, Record]) -> tuple[list[Task], list[StatusWarning]]:
    """Attach the recorded status to each task; an id no task has is a warning (a typo, or a task removed)."""
    known = {t.id for t in tasks}
    warnings = [StatusWarning(_("no task has the id '{id}'; check it against `ttbgen tasks`").format(id=key), r.mark)
                for key, r in records.items() if key not in known]
    out = [with_status(t, r.status, r.done, r.note) if (r := records.get(t.id)) else t for t in tasks]
    return out, warnings


def judged(task: Task) -> Task:
    """Tell on time from late for a task recorded done with a date; "Hoàn thành" without one counts as on time."""
    deadline = task.deadline.date if task.deadline else None
    if task.status not in (DONE, DONE_ON_TIME, DONE_LATE):
        return task
    if not (task.done and deadline):
        return replace(task, status=DONE_ON_TIME if task.status == DONE else task.status)
    late = (dt.date.fromisoformat(task.done) - deadline).days
    return replace(task, status=DONE_LATE if late > 0 else DONE_ON_TIME,
                   flag="done-late" if late > 0 else "", days=max(late, 0))


def follow_up(task: Task, as_of: dt.date | None, within: int = DUE_SOON_DAYS) -> Task:
    """Mark a task on a day: overdue, due within `within` days, or done late."""
    task = judged(task)
    deadline = task.deadline.date if task.deadline else None
    if as_of is None or deadline is None or task.status not in (NOT_STARTED, IN_PROGRESS):
        return task
    if as_of > deadline:
        return replace(task, flag="overdue", days=(as_of - deadline).days)
    if (deadline - as_of).days <= within:
        return replace(task, flag="due-soon", days=(deadline - as_of).days)
    return task
