"""The spec schema as plain typed data: what a secretary writes, after loading and validation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ttbgen.errors import Mark
from ttbgen.vn import PartialDate as PartialDate  # the model's date type; lives in vn, which formats it


@dataclass(frozen=True)
class Person:
    """A chair or attendee: name (may be omitted) and title."""

    title: str
    name: str = ""
    honorific: str = "đồng chí"


@dataclass(frozen=True)
class Bullet:
    """A `-` bullet, with optional `+` sub-bullets."""

    text: str
    bullets: tuple[str, ...] = ()


@dataclass(frozen=True)
class Item:
    """A numbered point (a) or 2.1.) of a section: a task when it names a lead unit or a deadline."""

    text: str = ""
    heading: str = ""
    lead: tuple[str, ...] = ()
    support: tuple[str, ...] = ()
    due: PartialDate | None = None
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[Bullet, ...] = ()


@dataclass(frozen=True)
class Section:
    """A part of the content: a heading (numbered when present), paragraphs, bullets and points."""

    heading: str = ""
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[Bullet, ...] = ()
    items: tuple[Item, ...] = ()
    numbering: str = "letters"
    after: tuple[str, ...] = ()


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class Recipient:
    """A line of the Nơi nhận block, or a group label with its `+` sub-lines."""

    text: str
    children: tuple[str, ...] = ()


@dataclass(frozen=True)
class Archive:
    """The `Lưu: VT, …` line: archive units, and the recipient group it is nested under, if any."""

    units: str
    under: str = ""


@dataclass(frozen=True)
class Signer:
    """The signature block: authority chain (TM./KT./TL./TUQ./Q. lines), title and name."""

    title: str
    name: str
    authority: tuple[str, ...] = ()


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class TemplateRef:
    """A template a spec renders through, with an optional version pin and where the spec names it."""

    name: str
    version: str = ""
    path: str = "template"


@dataclass(frozen=True)
class Invitation:
    """What only the invitation (Giấy mời) needs: who is invited, and what they should prepare."""

    invitees: tuple[str, ...] = ()
    paragraphs: tuple[str, ...] = ()
    closing: str = ""
    number: str = ""
    date: PartialDate | None = None


@dataclass(frozen=True)
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
    marks: dict[str, Mark] = field(default_factory=dict, compare=False, repr=False)  # key path → place
