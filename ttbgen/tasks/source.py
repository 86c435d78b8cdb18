"""Where the register reads a notice's tasks: the one function to switch when the spec model changes.

Issue 11 turns the content into one recursive tree with `iter_tasks(notice)` in ttbgen.spec.model; until it
lands, `task_nodes` walks today's model (sections of points) and yields the same kind of record.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ttbgen.spec.model import Item, Notice, PartialDate, Section
from ttbgen.vn import letter, roman


@dataclass(frozen=True)
class TaskNode:
    """One task of a notice: every point that names a lead unit or a deadline."""

    number: str  # its number in the notice, "2.a", "2.1", "II.3"
    lead: tuple[str, ...]
    support: tuple[str, ...]
    due: PartialDate | None
    id: str  # the spec's explicit `id:`, or ""
    text: str  # all its words: heading, text, paragraphs, bullets
    path: str  # its key path in the spec, for located messages


def _words(item: Item) -> str:
    """Return a point's words in reading order, bullets marked with "- " and "+ "; a run-in heading that only
    names the lead unit is left out (the lead column says it)."""
    heading = "" if item.heading in item.lead else item.heading
    parts = [heading + (":" if heading and item.text else ""), item.text, *item.paragraphs]
    for bullet in item.bullets:
        parts += [f"- {bullet.text}", *(f"+ {sub}" for sub in bullet.bullets)]
    return " ".join(p for p in parts if p)


def _sections(notice: Notice) -> Iterator[tuple[str, str, Section]]:
    """Yield (number, key path, section) in document order, numbered as compose numbers the headings."""
    parts: dict[str, list[tuple[str, Section]]] = {
        "assessment": [("assessment", notice.assessment)] if notice.assessment else [],
        "tasks": [("tasks", notice.tasks)] if notice.tasks else [],
        "proposals": [("proposals", notice.proposals)] if notice.proposals else [],
        "sections": [(f"sections[{i}]", s) for i, s in enumerate(notice.sections)],
    }
    counter = 0
    for name in notice.order:
        for path, section in parts[name]:
            counter += bool(section.heading)
            shown = (roman(counter) if notice.headings == "roman" else str(counter)) if section.heading else ""
            yield shown, path, section


def task_nodes(notice: Notice) -> Iterator[TaskNode]:
    """Yield every task of a notice (a point with a lead or a due) with its number path; proposals are not tasks."""
    for number, path, section in _sections(notice):
        if path in ("assessment", "proposals"):
            continue
        for i, item in enumerate(section.items):
            if not (item.lead or item.due):
                continue
            label = str(i + 1) if section.numbering == "decimal" else letter(i)
            yield TaskNode(f"{number}.{label}" if number else label, item.lead, item.support, item.due, item.id,
                           _words(item), f"{path}.items[{i}]")
