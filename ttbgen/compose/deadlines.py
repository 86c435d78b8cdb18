"""Print a task's deadline in the notice when its text does not already state it, so that what is tracked
(`due`, the register) is what the units read. A template chooses with `print_due` in its manifest:
missing (the default), always, or never."""

from __future__ import annotations

from dataclasses import replace

from ttbgen.spec.deadlines import find_deadlines, from_due
from ttbgen.spec.lint import issued_on, item_words
from ttbgen.spec.model import Bullet, Item, Notice, Section

PRINT_DUE = ("missing", "always", "never")


def due_sentence(item: Item) -> str:
    """Return the words that state a task's deadline: "thời hạn hoàn thành: trước ngày 31/3/2026"."""
    assert item.due is not None
    return f"thời hạn hoàn thành: {from_due(item.due).wording()}"


def with_deadline(item: Item) -> Item:
    """Add the deadline to a point: after its text when it has only a text, else as its last line."""
    words = due_sentence(item)
    if item.bullets:
        return replace(item, bullets=(*item.bullets, Bullet(words[0].upper() + words[1:] + ".")))
    if item.paragraphs or not item.text:
        return replace(item, paragraphs=(*item.paragraphs, words[0].upper() + words[1:] + "."))
    text = item.text.rstrip()
    return replace(item, text=f"{text.rstrip('.;:')}; {words}" + ("." if text.endswith(".") else ""))


def needs_deadline(notice: Notice, item: Item, mode: str) -> bool:
    """Tell whether a point's deadline must be printed: it has a due, and its words state none (or always)."""
    if item.due is None or mode == "never":
        return False
    return mode == "always" or not any(d.dated for d in find_deadlines(item_words(item), issued_on(notice)))


def printed_deadlines(notice: Notice, mode: str = "missing") -> Notice:
    """Return the notice with the deadlines its task texts leave unsaid written into them."""

    def section(s: Section | None) -> Section | None:
        if s is None:
            return None
        return replace(s, items=tuple(with_deadline(i) if needs_deadline(notice, i, mode) else i for i in s.items))

    return replace(notice, tasks=section(notice.tasks),
                   sections=tuple(s for s in map(section, notice.sections) if s is not None))
