"""Semantic warnings on a valid spec: things that parse but are probably wrong (--strict makes them errors)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ttbgen.errors import Mark, SpecError
from ttbgen.i18n import _
from ttbgen.model import Notice, Section


@dataclass(frozen=True)
class SpecWarning:
    """A located warning about a spec."""

    message: str
    mark: Mark | None
    path: str
    rule: str

    def render(self) -> str:
        """Return `file:line:col: key.path: warning: message [rule]`."""
        where = [str(self.mark)] if self.mark else []
        return ": ".join([*where, *([self.path] if self.path else []), _("warning"), self.message]) + f" [{self.rule}]"

    def as_error(self) -> SpecError:
        """Return the warning as an error, for --strict."""
        return SpecError(f"{self.message} [{self.rule}]", self.mark, self.path)


def warn(notice: Notice, path: str, rule: str, message: str) -> SpecWarning:
    """Make a warning located at a key path of the spec (or its nearest located parent)."""
    probe = path
    while probe and probe not in notice.marks:
        probe = probe.rpartition(".")[0] if "." in probe else ""
    return SpecWarning(message, notice.marks.get(probe), path, rule)


def task_sections(notice: Notice) -> Iterator[tuple[str, Section]]:
    """Yield the sections that hold points, with their key paths."""
    if notice.tasks:
        yield "tasks", notice.tasks
    for i, section in enumerate(notice.sections):
        yield f"sections[{i}]", section


def deadline_before_meeting(notice: Notice) -> Iterator[SpecWarning]:
    """A task due before the meeting that assigned it is a typo in the date."""
    for path, section in task_sections(notice):
        for i, item in enumerate(section.items):
            due = item.due
            if due is None:
                continue
            last_day = (due.year, due.month or 12, due.day or 31)
            meeting = notice.meeting.date
            if last_day < (meeting.year, meeting.month, meeting.day):
                yield warn(notice, f"{path}.items[{i}].due", "deadline-before-meeting",
                           _("the deadline {due} is before the meeting ({meeting})").format(
                               due=due, meeting=meeting.isoformat()))


CHECKS: list[Callable[[Notice], Iterator[SpecWarning]]] = [deadline_before_meeting]


def warnings_for(notice: Notice) -> list[SpecWarning]:
    """Run every semantic check on a notice."""
    return [w for check in CHECKS for w in check(notice)]
