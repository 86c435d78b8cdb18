"""The spec schema as plain typed data: what a secretary writes, after loading and validation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import field
from typing import Any

from ttbgen.errors import Mark
from ttbgen.records import record
from ttbgen.vn import PartialDate as PartialDate  # the model's date type; lives in vn, which formats it
from ttbgen.vn import letter, roman


@record
class Person:
    """A chair or attendee: name (may be omitted) and title."""

    title: str
    name: str = ""
    honorific: str = "đồng chí"
    short_title: str = ""  # the title of the second mention ("… kết luận như sau:"); "" = title


@record
class Bullet:
    """A `-` bullet, with optional `+` sub-bullets."""

    text: str
    bullets: tuple[str, ...] = ()


@record
class Item:
    """A numbered point (a) or 2.1.) of a section: a task when it names a lead unit or a deadline."""

    text: str = ""
    heading: str = ""
    lead: tuple[str, ...] = ()
    support: tuple[str, ...] = ()
    due: PartialDate | None = None
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[Bullet, ...] = ()
    id: str = ""  # a task's id in the register (docs/tasks.md); empty: derived from the notice and the lead


@record
class Section:
    """A part of the content: a heading (numbered when present), paragraphs, bullets and points."""

    heading: str = ""
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[Bullet, ...] = ()
    items: tuple[Item, ...] = ()
    numbering: str = "letters"
    after: tuple[str, ...] = ()


@record
class Meeting:
    """The meeting the notice concludes."""

    date: dt.date
    name: str
    chair: Person
    place: str = ""
    time: str = ""
    attendees: tuple[str, ...] = ()
    attendees_text: str = ""
    heard: tuple[str, ...] = ()
    kind: str = "hop"  # one of MEETING_KINDS: the wording of the derived opening
    visited: tuple[str, ...] = ()  # kiem-tra: the places inspected ("Sau khi kiểm tra thực tế tại …")


# Kinds of meeting (họp, hội nghị, làm việc, kiểm tra, giao ban); compose/derive.py words each opening.
MEETING_KINDS = ("hop", "hoi-nghi", "lam-viec", "kiem-tra", "giao-ban")
# The same kinds as a clerk may type them, in Vietnamese.
KIND_SPELLINGS = {"họp": "hop", "hội nghị": "hoi-nghi", "làm việc": "lam-viec", "kiểm tra": "kiem-tra",
                  "giao ban": "giao-ban"}


@record
class Recipient:
    """A line of the Nơi nhận block, or a group label with its `+` sub-lines."""

    text: str
    children: tuple[str, ...] = ()


@record
class Archive:
    """The `Lưu: VT, …` line: archive units, and the recipient group it is nested under, if any."""

    units: str
    under: str = ""


@record
class Signer:
    """The signature block: authority chain (TM./KT./TL./TUQ./Q. lines), title and name."""

    title: str
    name: str
    authority: tuple[str, ...] = ()


@record
class Office:
    """An office profile: who issues the notice."""

    key: str
    display_name: str
    agency: tuple[str, ...]
    place: str
    symbol: str
    issuer_name: str
    supervising: tuple[str, ...] = ()
    signer: Signer | None = None
    recipients: tuple[Recipient, ...] = ()
    archive: Archive | None = None
    closing: str = ""
    drafting_units: dict[str, str] = field(default_factory=dict, compare=False)
    house_style: dict[str, Any] = field(default_factory=dict, compare=False)
    marks: dict[str, Mark] = field(default_factory=dict, compare=False, repr=False)  # key path → place


@record
class TemplateRef:
    """A template a spec renders through, with an optional version pin and where the spec names it."""

    name: str
    version: str = ""
    path: str = "template"


@record
class Invitation:
    """What only the invitation (Giấy mời) needs: who is invited, and what they should prepare."""

    invitees: tuple[str, ...] = ()
    paragraphs: tuple[str, ...] = ()
    closing: str = ""
    number: str = ""
    date: PartialDate | None = None


@record
class Notice:
    """A fully loaded and validated meeting-conclusion notice."""

    source: str
    office: Office
    date: PartialDate
    meeting: Meeting
    signer: Signer
    recipients: tuple[Recipient, ...]
    archive: Archive
    number: str = ""
    symbol: str = ""
    title: str = ""
    opening: tuple[str, ...] = ()
    assessment: Section | None = None
    tasks: Section | None = None
    proposals: Section | None = None
    sections: tuple[Section, ...] = ()
    order: tuple[str, ...] = ("assessment", "tasks", "proposals", "sections")
    headings: str = "arabic"  # section numbers: arabic (1., 2.) or roman (I., II., in capitals)
    closing: str | None = None
    templates: tuple[TemplateRef, ...] = (TemplateRef("thong-bao-ket-luan"),)
    invitation: Invitation = Invitation()
    content: tuple[Node, ...] = ()  # schema 2: the content tree; empty when the old parts are used
    schema: int = 2  # the spec schema version (`schema:`; specs without it read as the current one)
    marks: dict[str, Mark] = field(default_factory=dict, compare=False, repr=False)  # key path → place
    notes: tuple[Any, ...] = field(default=(), compare=False, repr=False)  # clerk.py's warnings (SpecWarning)


# --- The content tree (schema 2) -----------------------------------------------------------------------

# Number styles of a node's label (docs/decree30.md §3 Headings): Mục `I.`, khoản `1.` (nested `2.1.`),
# điểm `a)` … `đ)`, bullets `-` and `+` (practice), or none (a plain paragraph).
NUMBER_STYLES = ("decimal", "roman", "letters", "dash", "plus", "none")
EMPHASES = ("bold", "italic", "plain")


@record
class Node:
    """One node of the content tree: label style, heading, text, paragraphs, children; a task if it has
    a lead, support or due. `number` is always resolved (the loader applies the defaults)."""

    number: str = "none"
    heading: str = ""
    run_in: bool = True  # heading before the text in one paragraph; False: the heading is its own paragraph
    emphasis: str = "plain"  # of a run-in or nested heading: bold, italic or plain
    text: str = ""
    paragraphs: tuple[str, ...] = ()
    children: tuple[Node, ...] = ()
    lead: tuple[str, ...] = ()
    support: tuple[str, ...] = ()
    due: PartialDate | None = None
    id: str = ""
    path: str = field(default="", compare=False)  # the key path in the spec, for located messages

    @property
    def is_task(self) -> bool:
        """Tell whether the node assigns work: it names a lead or supporting unit, or a deadline."""
        return bool(self.lead or self.support or self.due is not None)


@record
class Task:
    """A task node as data for the task register: its computed number path and what it assigns."""

    number: str  # e.g. "2.3.b", "I.1.a", "1.-2" (second `-` bullet of point 1); see docs/spec.md
    lead: tuple[str, ...]
    support: tuple[str, ...]
    due: PartialDate | None
    id: str
    text: str  # the node's own wording as printed: "Heading: text"
    heading: str = ""
    paragraphs: tuple[str, ...] = ()
    path: str = ""  # the key path in the spec


def _bullet_node(bullet: Bullet, path: str) -> Node:
    """Convert an old-form `-` bullet (with `+` sub-bullets) to nodes."""
    subs = tuple(Node("plus", text=t, path=f"{path}.bullets[{j}]") for j, t in enumerate(bullet.bullets))
    return Node("dash", text=bullet.text, children=subs, path=path)


def _item_node(item: Item, style: str, path: str) -> Node:
    """Convert an old-form point to a node."""
    bullets = tuple(_bullet_node(b, f"{path}.bullets[{i}]") for i, b in enumerate(item.bullets))
    return Node(style, heading=item.heading, text=item.text, paragraphs=item.paragraphs, children=bullets,
                lead=item.lead, support=item.support, due=item.due, id=item.id, path=path)


def section_node(section: Section, roman_headings: bool, path: str) -> Node:
    """Convert an old-form section: a numbered own-line heading when it has one, then its parts in order."""
    style = ("roman" if roman_headings else "decimal") if section.heading else "none"
    children = (
        *(_bullet_node(b, f"{path}.bullets[{i}]") for i, b in enumerate(section.bullets)),
        *(_item_node(it, section.numbering, f"{path}.items[{i}]") for i, it in enumerate(section.items)),
        *(Node("none", text=p, path=f"{path}.after[{i}]") for i, p in enumerate(section.after)),
    )
    return Node(style, heading=section.heading, run_in=False, paragraphs=section.paragraphs,
                children=children, path=path)


# The last old-form notice converted, and its tree: the lint and compose ask for the same notice's tree three
# times (issue 15). Keyed by identity; a Notice is frozen, and so are the nodes, so the tree cannot go stale.
_LAST_TREE: dict[str, tuple[Notice, tuple[Node, ...]]] = {}


def content_tree(notice: Notice) -> tuple[Node, ...]:
    """Return the notice's content as one tree: `content` as written, or the old parts converted."""
    if notice.content:
        return notice.content
    last = _LAST_TREE.get("tree")
    if last is not None and last[0] is notice:
        return last[1]
    tree = _converted_tree(notice)
    _LAST_TREE["tree"] = (notice, tree)
    return tree


def _converted_tree(notice: Notice) -> tuple[Node, ...]:
    """Convert the old parts (assessment, tasks, proposals, sections, in `order`) to a content tree."""
    parts: dict[str, list[tuple[str, Section]]] = {
        "assessment": [("assessment", notice.assessment)] if notice.assessment else [],
        "tasks": [("tasks", notice.tasks)] if notice.tasks else [],
        "proposals": [("proposals", notice.proposals)] if notice.proposals else [],
        "sections": [(f"sections[{i}]", s) for i, s in enumerate(notice.sections)],
    }
    roman_headings = notice.headings == "roman"
    return tuple(section_node(s, roman_headings, path) for name in notice.order for path, s in parts[name])


def ordinals(nodes: tuple[Node, ...]) -> list[int]:
    """Return each node's 1-based ordinal among the siblings before it that share its number style."""
    seen: dict[str, int] = {}
    out = []
    for node in nodes:
        seen[node.number] = seen.get(node.number, 0) + 1
        out.append(seen[node.number])
    return out


def number_part(style: str, ordinal: int) -> str:
    """Return a node's part of a number path: `3`, `II`, `b`, `-2`, `+1`, or `` for an unnumbered node."""
    parts = {"decimal": str(ordinal), "roman": roman(ordinal), "letters": letter(ordinal - 1),
             "dash": f"-{ordinal}", "plus": f"+{ordinal}"}
    return parts.get(style, "")


def _walk_tasks(nodes: tuple[Node, ...], prefix: tuple[str, ...]) -> Iterator[Task]:
    """Yield the tasks of a list of sibling nodes and their descendants."""
    for position, (node, ordinal) in enumerate(zip(nodes, ordinals(nodes), strict=True), start=1):
        part = number_part(node.number, ordinal)
        path = (*prefix, part) if part else prefix
        if node.is_task:
            own = path if part else (*prefix, f"#{position}")  # an unnumbered task: its place among siblings
            yield Task(".".join(own), node.lead, node.support, node.due, node.id, printed_text(node),
                       node.heading, node.paragraphs, node.path)
        yield from _walk_tasks(node.children, path)


def printed_text(node: Node) -> str:
    """Return a node's own wording as printed: `Heading: text`, the heading alone, or the text alone."""
    if node.heading and node.text:
        return f"{node.heading}: {node.text}"
    return node.heading or node.text


def iter_tasks(notice: Notice) -> Iterator[Task]:
    """Yield every task node of the notice, in document order, with its computed number path.

    Works on both spec forms (the old sections are converted by content_tree); see docs/spec.md, Tasks.
    """
    yield from _walk_tasks(content_tree(notice), ())
