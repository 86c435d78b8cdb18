"""The task register: one row per task of one or many notices, with a stable id and a resolved deadline."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import field, replace
from pathlib import Path

from ttbgen.compose.derive import derived_title
from ttbgen.errors import Mark, SpecError, TtbgenError
from ttbgen.i18n import _
from ttbgen.records import record
from ttbgen.spec.deadlines import Deadline, binding, find_deadlines, from_due, issued_on
from ttbgen.spec.lint import fold
from ttbgen.spec.load import load_spec
from ttbgen.spec.model import Notice, Office, Signer
from ttbgen.spec.office import load_office
from ttbgen.tasks.source import TaskNode, task_nodes

# The status words of the e-office task modules (TDNV, theo dõi nhiệm vụ), in the order a report lists them.
NOT_STARTED, IN_PROGRESS, DONE_ON_TIME, DONE_LATE, POSTPONED = (
    "Chưa thực hiện", "Đang thực hiện", "Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Tạm hoãn")
STATUSES = (NOT_STARTED, IN_PROGRESS, DONE_ON_TIME, DONE_LATE, POSTPONED)
SLUG_WORDS = 40  # the lead's part of a default id is cut at a word, at most this many characters


@record
class NoticeInfo:
    """What a register row says about the notice that assigned the task."""

    number: str  # "15", or "" while the draft is unnumbered
    symbol: str  # "TB-UBND"
    date: str  # the issue date as the spec gives it: 2026-03-09, or 2026-03 for a draft
    title: str  # the trích yếu
    spec: str  # the spec file, as shown to the user
    office: str  # the office profile's key
    profile: Office | None = field(default=None, compare=False)  # for the report's header and Nơi nhận
    signer: Signer | None = field(default=None, compare=False)

    @property
    def reference(self) -> str:
        """Return "15/TB-UBND", or "…/TB-UBND" while unnumbered."""
        return f"{int(self.number):02d}/{self.symbol}" if self.number.isdigit() else f"…/{self.symbol}"


@record
class Task:
    """One row of the register."""

    id: str
    notice: NoticeInfo
    number: str  # in the notice: "2.a"
    lead: tuple[str, ...]
    support: tuple[str, ...]
    text: str
    deadline: Deadline | None
    deadline_source: str  # "due" (the spec's due), "text" (read from the words) or ""
    status: str = NOT_STARTED
    done: str = ""  # ISO date the follow-up clerk recorded the task done
    note: str = ""
    flag: str = ""  # follow-up: "overdue" or "due-soon" (with --as-of), "done-late"
    days: int = 0  # how many days overdue, left, or late
    mark: Mark | None = None  # where the task is in its spec

    @property
    def lead_text(self) -> str:
        """Return the lead units as one line."""
        return "; ".join(self.lead)

    @property
    def followup(self) -> str:
        """Return the follow-up flag in the register's words: "Quá hạn 5 ngày", "Còn 3 ngày", …"""
        return FLAG_WORDS[self.flag].format(n=self.days) if self.flag else ""


# Register text (document words, like the status words), not messages: they are not translated.
FLAG_WORDS = {"overdue": "Quá hạn {n} ngày", "due-soon": "Sắp đến hạn (còn {n} ngày)",
              "done-late": "Hoàn thành chậm {n} ngày"}


def slug(words: str) -> str:
    """Return words folded to ASCII a-z0-9 joined by "-", cut at a word boundary after SLUG_WORDS characters."""
    out = ""
    for word in fold(words).split():
        if out and len(out) + 1 + len(word) > SLUG_WORDS:
            break
        out = f"{out}-{word}" if out else word
    return out or "nhiem-vu"


def notice_key(notice: Notice) -> str:
    """Return the notice's identity in default ids: its office and the day of the meeting it concludes."""
    return f"{notice.office.key}-{notice.meeting.date:%Y%m%d}"


def default_ids(notice: Notice, nodes: list[TaskNode]) -> list[str]:
    """Give each task an id: the spec's `id:`, else notice key + first lead unit + the task's rank among the
    notice's tasks of that lead (docs/tasks.md explains when such an id changes)."""
    seen: Counter[str] = Counter()
    ids = []
    for node in nodes:
        lead = slug(node.lead[0]) if node.lead else "nhiem-vu"
        seen[lead] += 1
        ids.append(node.id or f"{notice_key(notice)}-{lead}-{seen[lead]}")
    return ids


def resolve_deadline(node: TaskNode, notice: Notice) -> tuple[Deadline | None, str]:
    """Return a task's deadline and where it came from: its `due`, else the deadline its text states."""
    found = find_deadlines(node.text, issued_on(notice))
    if node.due is not None:
        given = from_due(node.due)
        agreeing = [d for d in found if d.dated and d.agrees(given)]
        return (replace(given, phrase=agreeing[-1].phrase) if agreeing else given), "due"
    stated = binding(found)
    return stated, "text" if stated else ""


def notice_info(notice: Notice) -> NoticeInfo:
    """Return the notice columns of a register row."""
    return NoticeInfo(notice.number, notice.symbol or f"TB-{notice.office.symbol}", str(notice.date),
                      notice.title or derived_title(notice), notice.source, notice.office.key, notice.office,
                      notice.signer)


def notice_tasks(notice: Notice) -> list[Task]:
    """Return the register rows of one notice, in document order."""
    nodes = list(task_nodes(notice))
    info = notice_info(notice)
    rows = []
    for node, task_id in zip(nodes, default_ids(notice, nodes), strict=True):
        deadline, source = resolve_deadline(node, notice)
        rows.append(Task(task_id, info, node.number, node.lead, node.support, node.text, deadline, source,
                         mark=notice.marks.get(node.path)))
    return rows


def spec_files(paths: list[Path]) -> list[Path]:
    """Expand folders into the spec files they hold (*.yaml, *.yml, sorted, no hidden files, no status file)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and not p.name.startswith(".")
                          and not is_status_file(p))
        elif path.exists():
            out.append(path)
        else:
            raise SpecError(_("{path}: no such file or folder").format(path=path))
    if not out:
        raise SpecError(_("no spec files (*.yaml) in {paths}").format(paths=", ".join(map(str, paths))))
    return out


def is_status_file(path: Path) -> bool:
    """Tell whether a YAML file is a follow-up status file rather than a spec."""
    return re.fullmatch(r"tasks-status(\..*)?\.ya?ml", path.name) is not None


def load_tasks(paths: list[Path]) -> list[Task]:
    """Read every spec and return all their tasks; every spec error is reported, and a duplicate id is one."""
    rows: list[Task] = []
    errors: list[TtbgenError] = []
    for spec in spec_files(paths):
        try:
            rows += notice_tasks(load_spec(spec, load_office, display=str(spec)))
        except TtbgenError as exc:
            errors.append(exc)
    errors += duplicate_ids(rows)
    if errors:
        raise TtbgenError("\n".join(e.render() for e in errors))
    return rows


def duplicate_ids(rows: list[Task]) -> list[TtbgenError]:
    """Report two tasks with the same id (two notices of one office from one meeting day, or one `id:` twice)."""
    first: dict[str, Task] = {}
    errors: list[TtbgenError] = []
    for row in rows:
        if row.id in first:
            errors.append(SpecError(_("task id '{id}' is used twice (first by task {number} of {spec}); give one "
                                      "of them its own 'id:'").format(id=row.id, number=first[row.id].number,
                                                                     spec=first[row.id].notice.spec),
                                    row.mark, "id"))
        first.setdefault(row.id, row)
    return errors


def with_status(task: Task, status: str, done: str = "", note: str = "") -> Task:
    """Return a task with its follow-up record."""
    return replace(task, status=status, done=done, note=note)
