"""The deadlines as a calendar (icalendar): one all-day event per dated task, updated in place on re-export.

Each event's UID is the task id, so a calendar that imports the file again updates the event instead of
adding a second one; when the file written to already holds events, those of other tasks are kept and an
event whose deadline or words changed gets the next SEQUENCE (RFC 5545 §3.8.7.4).
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from ttbgen.tasks.register import Task

UID_DOMAIN = "ttbgen"
PRODID = "-//ttbgen//Nhiem vu//VI"
_SUMMARY_WORDS = 16  # of the task's text, after the lead


def uid(task: Task) -> str:
    """Return the calendar UID of a task: its id, which stays the same when the text is edited."""
    return f"{task.id}@{UID_DOMAIN}"


def summary(task: Task) -> str:
    """Return "lead: task", the task's text cut at a word."""
    words = task.text.split()
    text = " ".join(words[:_SUMMARY_WORDS]) + (" …" if len(words) > _SUMMARY_WORDS else "")
    return f"{task.lead_text}: {text}" if task.lead else text


def description(task: Task) -> str:
    """Return the notice, the task's number and its full text."""
    n = task.notice
    return (f"Thông báo số {n.reference} ({n.date}): {n.title}\nMục {task.number}: {task.text}\n"
            f"Thời hạn: {task.deadline.label if task.deadline else ''}\nTình trạng: {task.status}\nMã: {task.id}")


def stamp() -> dt.datetime:
    """Return DTSTAMP: SOURCE_DATE_EPOCH when set (reproducible files), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return dt.datetime.now(tz=dt.UTC).replace(microsecond=0)


def event(task: Task, day: dt.date, sequence: int) -> Any:
    """Build the all-day event of a task's deadline."""
    from icalendar import Event

    entry = Event()
    entry.add("uid", uid(task))
    entry.add("dtstamp", stamp())
    entry.add("dtstart", day)
    entry.add("dtend", day + dt.timedelta(days=1))
    entry.add("summary", summary(task))
    entry.add("description", description(task))
    entry.add("sequence", sequence)
    entry.add("categories", [task.status])
    return entry


def _same(old: Any, new: Any) -> bool:
    """Tell whether an event's date and words are unchanged."""
    return all(str(old.get(k)) == str(new.get(k)) for k in ("summary", "description", "categories")) and \
        old.decoded("dtstart") == new.decoded("dtstart")


def updated(prior: Any, task: Task, day: dt.date) -> Any:
    """Return a task's event: the one already in the file when nothing changed, else the next version of it."""
    if prior is None:
        return event(task, day, 0)
    entry = event(task, day, int(prior.get("sequence", 0)))
    return prior if _same(prior, entry) else event(task, day, int(prior.get("sequence", 0)) + 1)


def to_ics(tasks: list[Task], existing: bytes | None = None) -> bytes:
    """Return the calendar of the dated tasks, merged into an existing calendar file's events."""
    from icalendar import Calendar

    old = {str(e["uid"]): e for e in Calendar.from_ical(existing).walk("VEVENT")} if existing else {}
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Nhiệm vụ được giao")
    fresh = {}
    for task in tasks:
        if task.deadline is not None and task.deadline.date is not None:
            fresh[uid(task)] = updated(old.get(uid(task)), task, task.deadline.date)
    for key, entry in old.items():
        calendar.add_component(fresh.pop(key, entry))
    for entry in fresh.values():
        calendar.add_component(entry)
    return bytes(calendar.to_ical())
