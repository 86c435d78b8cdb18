"""YAML spec → Notice: every field converts itself from its node, so every error says where."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml

from ttbgen.errors import Mark, SpecError
from ttbgen.i18n import _, language
from ttbgen.spec.clerk import bad_character, raise_all, read_tree, run_in_heading, values_are_clean
from ttbgen.spec.expansion import check_expansion
from ttbgen.spec.model import (
    EMPHASES,
    KIND_SPELLINGS,
    MEETING_KINDS,
    NUMBER_STYLES,
    Archive,
    Bullet,
    Invitation,
    Item,
    Meeting,
    Node,
    Notice,
    Office,
    PartialDate,
    Person,
    Recipient,
    Section,
    Signer,
    TemplateRef,
)
from ttbgen.spec.nodes import Reader, Source, compose, read_source
from ttbgen.spec.schema import SCHEMA, SCHEMA_VERSION, Field, newer_keys
from ttbgen.vn import collapse, nfc

T = TypeVar("T")
Entries = dict[str, tuple[yaml.Node, yaml.Node]]

_PDATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_AUTHORITY = re.compile(r"^(TM|KT|TL|TUQ|Q)\. \S")
_PARTY_STYLE = re.compile(r"^(T/M|K/T|T/L|TU/Q)\b")
MAX_ITEMS = 500  # points, bullets or paragraphs in one list (docs/spec.md, Limits)
MAX_TEXT = 20_000  # characters in one text field
MIN_YEAR, MAX_YEAR = 1945, 2199  # dates a notice can carry (the state's founding; far past any deadline)


class Fields:
    """The entries of one mapping node, with typed getters that locate their errors."""

    def __init__(self, reader: Reader, node: yaml.Node, path: str, schema: str) -> None:
        self.reader = reader
        self.node = node
        self.path = path
        allowed, required = schema_keys(schema)
        self.entries, wrong_keys = reader.mapping_entries(node, path, allowed, functools.partial(key_home, schema))
        reader.errors += wrong_keys  # reported with the rest; the mapping's other keys are still read
        missing: list[SpecError] = []  # every missing or empty required key, in one run
        for key, spec in required:
            if key not in self.entries:
                missing.append(reader.error(_("missing required key '{key}': {doc}").format(key=key, doc=_(spec.doc)),
                                            node, path))
            elif is_blank(reader, self.entries[key][1]):
                missing.append(reader.error(_("'{key}' is required but empty: {doc}").format(key=key, doc=_(spec.doc)),
                                            self.entries[key][0], self.sub(key)))
        raise_all(missing)

    def sub(self, key: str) -> str:
        """Return the key path of a child."""
        return f"{self.path}.{key}" if self.path else key

    def has(self, key: str) -> bool:
        """Tell whether a key is present (even when its value is blank)."""
        return key in self.entries

    def get(self, key: str, convert: Callable[[Reader, yaml.Node, str], T], default: T) -> T:
        """Convert a key's value, or return the default when the key is absent or blank."""
        if key not in self.entries:
            return default
        value = self.entries[key][1]
        if self.reader.is_null(value):
            return default
        try:
            return convert(self.reader, value, self.sub(key))
        except SpecError as exc:  # keep reading: the spec's other mistakes are reported in the same run
            self.reader.errors.append(exc)
            return default


def is_blank(reader: Reader, node: yaml.Node) -> bool:
    """Tell whether a value is left empty: nothing, ~, or a text of only spaces."""
    return reader.is_null(node) or (isinstance(node, yaml.ScalarNode) and not node.value.strip())


@functools.cache
def schema_keys(schema: str) -> tuple[list[str], tuple[tuple[str, Field], ...]]:
    """Return a mapping's allowed keys and its required ones with their specs, in schema order (once each)."""
    fields = SCHEMA[schema]
    return list(fields), tuple((key, spec) for key, spec in fields.items() if spec.required)


def key_home(schema: str, key: str) -> str:
    """Say where a key unknown in a mapping goes, in the language in effect ("" when nowhere or anywhere)."""
    return key_homes(schema, language()).get(key, "")


@functools.cache
def key_homes(schema: str, lang: str) -> dict[str, str]:
    """Map each key that is unknown in a mapping but known in another to where it goes, for hints (in lang)."""
    refs: dict[str, list[str]] = {}
    for name, fields in SCHEMA.items():
        for key, spec in fields.items():
            target = spec.kind.removeprefix("list:").removeprefix("map:")
            if target in SCHEMA and target != name:
                refs.setdefault(target, []).append(key)
    homes: dict[str, list[str]] = {}
    for name, fields in SCHEMA.items():
        under = [_("under '{key}'").format(key=k) for k in refs.get(name, [])]
        places = [_("at the top level")] if name == "notice" else under
        for key in fields:
            if key not in SCHEMA[schema] and name != "office":
                homes.setdefault(key, []).extend(p for p in places if p not in homes.get(key, []))
    return {key: _(" or ").join(places) for key, places in homes.items() if 0 < len(places) <= 2}


def text(reader: Reader, node: yaml.Node, path: str) -> str:
    """Convert one line of text: NFC, white space collapsed (a YAML fold must not become a line break)."""
    value = collapse(reader.scalar(node, path))
    if len(value) > MAX_TEXT:
        raise reader.error(_("the text is {n} characters long; the limit is {limit}").format(
            n=len(value), limit=MAX_TEXT), node, path)
    if not reader.clean_text and bad_character(value):
        raise reader.error(_("the text contains a control character ({code}); remove it").format(
            code=bad_character(value)), node, path)
    return value


def texts(reader: Reader, node: yaml.Node, path: str) -> tuple[str, ...]:
    """Convert one text or a list of texts."""
    if isinstance(node, yaml.ScalarNode):
        return (text(reader, node, path),)
    items = reader.sequence(node, path)
    limit(reader, node, path, items)
    return tuple(text(reader, item, f"{path}[{i}]") for i, item in enumerate(items))


def units(reader: Reader, node: yaml.Node, path: str) -> tuple[str, ...]:
    """Convert one unit name or a list of them (a task's lead or supporting units); none may be empty."""
    names = texts(reader, node, path)
    for i, name in enumerate(names):
        if not name:
            where = node.value[i] if isinstance(node, yaml.SequenceNode) else node
            raise reader.error(_("a unit name is empty; write the unit, or remove the line"), where,
                               f"{path}[{i}]" if isinstance(node, yaml.SequenceNode) else path)
    return names


def limit(reader: Reader, node: yaml.Node, path: str, items: list[yaml.Node]) -> None:
    """Refuse lists longer than any real notice needs."""
    if len(items) > MAX_ITEMS:
        raise reader.error(_("the list has {n} entries; the limit is {limit}").format(
            n=len(items), limit=MAX_ITEMS), node, path)


def listed(convert: Callable[[Reader, yaml.Node, str], T]) -> Callable[[Reader, yaml.Node, str], tuple[T, ...]]:
    """Make a converter of a list of values from a converter of one."""

    def convert_list(reader: Reader, node: yaml.Node, path: str) -> tuple[T, ...]:
        items = reader.sequence(node, path)
        limit(reader, node, path, items)
        return tuple(convert(reader, item, f"{path}[{i}]") for i, item in enumerate(items))

    return convert_list


def partial_date(reader: Reader, node: yaml.Node, path: str) -> PartialDate:
    """Convert 2024-02-05, 2024-02 or 2024 to a PartialDate, validating the calendar."""
    value = reader.scalar(node, path).strip()
    match = _PDATE.match(value)
    if not match:
        raise reader.error(_("expected a date like 2024-01-31 (or 2024-01 / 2024 for a draft), got '{value}'")
                           .format(value=value), node, path)
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if not MIN_YEAR <= year <= MAX_YEAR:  # 0000 or 9999 is a typo, and would crash date arithmetic later
        raise reader.error(_("the year {year} in '{value}' is not plausible for a notice; check the date").format(
            year=match[1], value=value), node, path)
    if month is not None and not 1 <= month <= 12:
        raise reader.error(_("month {month} does not exist in '{value}'").format(month=month, value=value),
                           node, path)
    if day is not None:
        calendar_date(reader, node, path, value, (year, month, day))
    return PartialDate(year, month, day)


def calendar_date(reader: Reader, node: yaml.Node, path: str, value: str,
                  parts: tuple[int, int | None, int | None]) -> dt.date:
    """Return a real calendar date, or a located error for 2024-02-30."""
    year, month, day = parts
    assert month is not None and day is not None
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise reader.error(_("'{value}' is not a date in the calendar (month {month} has no day {day})")
                           .format(value=value, month=month, day=day), node, path) from None


def full_date(reader: Reader, node: yaml.Node, path: str) -> dt.date:
    """Convert a full ISO date 2024-01-31."""
    pdate = partial_date(reader, node, path)
    full = pdate.as_date()
    if full is None:
        raise reader.error(_("expected a full date like 2024-01-31, got '{value}'").format(value=pdate),
                           node, path)
    return full


def number(reader: Reader, node: yaml.Node, path: str) -> str:
    """Convert a document number: digits, at most 4 (Decree 30 numbers restart each year)."""
    value = reader.scalar(node, path).strip()
    if not (value.isascii() and value.isdigit()) or len(value) > 4 or int(value) == 0:
        raise reader.error(_("expected a document number like 5 or 123 (or ~ for a draft), got '{value}'")
                           .format(value=value), node, path)
    if value.startswith("0") and int(value) >= 10:
        raise reader.error(_("'{value}': Decree 30 pads only numbers below 10; write {fixed}").format(
            value=value, fixed=int(value)), node, path)
    return value


_VERSION = re.compile(r"^\d+(\.\d+){0,2}$")


def template_ref(reader: Reader, node: yaml.Node, path: str) -> TemplateRef:
    """Convert `NAME` or `{name, version}` to a TemplateRef."""
    if isinstance(node, yaml.ScalarNode):
        return TemplateRef(text(reader, node, path), "", path)
    f = Fields(reader, node, path, "template")
    version = f.get("version", text, "")
    if not _VERSION.match(version):
        raise reader.error(_("expected a version like 1, 1.2 or 1.2.3, got '{value}'").format(value=version),
                           f.entries["version"][1], f.sub("version"))
    return TemplateRef(f.get("name", text, ""), version, path)


def template_refs(reader: Reader, node: yaml.Node, path: str) -> tuple[TemplateRef, ...]:
    """Convert one template reference or a list of them, each named once."""
    refs = listed(template_ref)(reader, node, path) if isinstance(node, yaml.SequenceNode) else (
        template_ref(reader, node, path),)
    names = [r.name for r in refs]
    for i, ref in enumerate(refs):
        if ref.name in names[:i]:
            raise reader.error(_("template '{name}' is named twice").format(name=ref.name), node, ref.path)
    if not refs:
        raise reader.error(_("name at least one template"), node, path)
    return refs


def invitation(reader: Reader, node: yaml.Node, path: str) -> Invitation:
    """Convert the invitation block."""
    f = Fields(reader, node, path, "invitation")
    return Invitation(invitees=f.get("invitees", texts, ()), paragraphs=f.get("paragraphs", texts, ()),
                      closing=f.get("closing", text, ""), number=f.get("number", number, ""),
                      date=f.get("date", partial_date, None))


def drafter(reader: Reader, node: yaml.Node, path: str) -> tuple[str, str]:
    """Convert `drafter: KT` or `drafter: {unit: KT, initials: VAT}` to (unit, initials)."""
    if isinstance(node, yaml.ScalarNode):
        return text(reader, node, path), ""
    f = Fields(reader, node, path, "drafter")
    return f.get("unit", text, ""), f.get("initials", text, "")


def codes(reader: Reader, node: yaml.Node, path: str) -> dict[str, str]:
    """Convert a mapping of codes to names (drafting units)."""
    reader.visit(node, path)
    if not isinstance(node, yaml.MappingNode):
        raise reader.error(_("expected a mapping of code: name, e.g. 'KT: Phòng Kinh tế'"), node, path)
    out: dict[str, str] = {}
    for key_node, value_node in node.value:
        key = text(reader, key_node, path)
        if key in out:
            raise reader.error(_("duplicate code '{key}'").format(key=key), key_node, f"{path}.{key}")
        out[key] = text(reader, value_node, f"{path}.{key}")
    return out


def plain_data(reader: Reader, node: yaml.Node, path: str) -> Any:
    """Convert a free-form block (a house style) to data: numbers where a scalar is a number."""
    reader.visit(node, path)
    if isinstance(node, yaml.MappingNode):
        return {text(reader, k, path): plain_data(reader, v, f"{path}.{k.value}") for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [plain_data(reader, item, f"{path}[{i}]") for i, item in enumerate(node.value)]
    value = nfc(node.value)
    try:
        return float(value) if "." in value else int(value)
    except ValueError:
        return value


def person(reader: Reader, node: yaml.Node, path: str) -> Person:
    """Convert the chair."""
    f = Fields(reader, node, path, "chair")
    return Person(title=f.get("title", text, ""), name=f.get("name", text, ""),
                  honorific=f.get("honorific", text, "đồng chí"), short_title=f.get("short_title", text, ""))


def meeting_kind(reader: Reader, node: yaml.Node, path: str) -> str:
    """Convert a meeting kind: hop, hoi-nghi, …, or the same in Vietnamese (họp, hội nghị, …)."""
    value = reader.scalar(node, path).strip()
    kind = KIND_SPELLINGS.get(value, value)
    if kind not in MEETING_KINDS:
        raise reader.error(_("expected one of {words}, got '{value}'").format(
            words=", ".join(MEETING_KINDS), value=value), node, path)
    return kind


def meeting(reader: Reader, node: yaml.Node, path: str) -> Meeting:
    """Convert the meeting."""
    f = Fields(reader, node, path, "meeting")
    attendees = f.entries.get("attendees", (node, node))[1]
    as_text = "attendees" in f.entries and isinstance(attendees, yaml.ScalarNode)
    return Meeting(
        date=f.get("date", full_date, dt.date(1, 1, 1)),
        name=f.get("name", text, ""),
        chair=f.get("chair", person, Person(title="")),
        place=f.get("place", text, ""), time=f.get("time", text, ""),
        attendees=() if as_text else f.get("attendees", texts, ()),
        attendees_text=f.get("attendees", text, "") if as_text else "",
        heard=f.get("heard", texts, ()),
        kind=f.get("kind", meeting_kind, "hop"), visited=f.get("visited", texts, ()),
    )


def bullet(reader: Reader, node: yaml.Node, path: str) -> Bullet:
    """Convert a bullet: a text, or {text, bullets} with `+` sub-bullets."""
    if isinstance(node, yaml.ScalarNode):
        return Bullet(text(reader, node, path))
    entries = reader.mapping(node, path, ["text", "bullets"])
    if "text" not in entries:
        raise reader.error(_("missing required key 'text': the bullet's text"), node, path)
    sub = entries.get("bullets")
    return Bullet(text(reader, entries["text"][1], f"{path}.text"),
                  texts(reader, sub[1], f"{path}.bullets") if sub else ())


def item(reader: Reader, node: yaml.Node, path: str) -> Item:
    """Convert a point (task)."""
    if isinstance(node, yaml.ScalarNode):
        return Item(text=text(reader, node, path))
    f = Fields(reader, node, path, "item")
    result = Item(
        text=f.get("text", text, ""), heading=f.get("heading", text, ""), lead=f.get("lead", units, ()),
        support=f.get("support", units, ()), due=f.get("due", partial_date, None),
        paragraphs=f.get("paragraphs", texts, ()), bullets=f.get("bullets", listed(bullet), ()),
        id=f.get("id", task_id, ""),
    )
    if not f.has("heading") and (result.text or result.paragraphs or result.bullets):
        # A lead the text does not name becomes the run-in heading; an explicit heading (even "") wins.
        result = dataclasses.replace(result, heading=run_in_heading(result.lead, result.text, result.paragraphs))
    if not (result.text or result.heading or result.paragraphs or result.bullets):
        raise reader.error(_("the point is empty: give it a text, a heading, paragraphs or bullets"), node, path)
    return result


def choice(*words: str) -> Callable[[Reader, yaml.Node, str], str]:
    """Make a converter that accepts one of a few words."""

    def convert(reader: Reader, node: yaml.Node, path: str) -> str:
        value = reader.scalar(node, path).strip()
        if value not in words:
            raise reader.error(_("expected one of {words}, got '{value}'").format(
                words=", ".join(words), value=value), node, path)
        return value

    return convert


def numbering(reader: Reader, node: yaml.Node, path: str) -> str:
    """Convert a numbering style."""
    value = reader.scalar(node, path).strip()
    if value not in ("letters", "decimal"):
        raise reader.error(_("expected 'letters' (a, b, c) or 'decimal' (2.1., 2.2.), got '{value}'")
                           .format(value=value), node, path)
    return value


def section(reader: Reader, node: yaml.Node, path: str) -> Section:
    """Convert a section (assessment, tasks or a free section)."""
    f = Fields(reader, node, path, "section")
    return Section(
        heading=f.get("heading", text, ""), paragraphs=f.get("paragraphs", texts, ()),
        bullets=f.get("bullets", listed(bullet), ()), items=f.get("items", listed(item), ()),
        numbering=f.get("numbering", numbering, "letters"), after=f.get("after", texts, ()),
    )


def proposal(reader: Reader, node: yaml.Node, path: str) -> Item:
    """Convert a response to a proposal into a point: `Đối với đề xuất của X về Y: response`."""
    f = Fields(reader, node, path, "proposal")
    by, what = f.get("by", text, ""), f.get("proposal", text, "")
    derived = "Đối với đề xuất" + (f" của {by}" if by else "") + (f" về {what}" if what else "")
    heading = f.get("heading", text, derived if (by or what) else "")
    return Item(text=f.get("response", text, ""), heading=heading, lead=(by,) if by else ())


def proposals(reader: Reader, node: yaml.Node, path: str) -> Section:
    """Convert the responses-to-proposals section."""
    f = Fields(reader, node, path, "proposals")
    return Section(
        heading=f.get("heading", text, "Về các đề xuất, kiến nghị"), paragraphs=f.get("paragraphs", texts, ()),
        items=f.get("items", listed(proposal), ()), numbering=f.get("numbering", numbering, "letters"),
        after=f.get("after", texts, ()),
    )


def recipient(reader: Reader, node: yaml.Node, path: str) -> Recipient:
    """Convert a recipient line, or a one-key mapping `Group: [lines]`."""
    if isinstance(node, yaml.ScalarNode):
        return Recipient(strip_end(text(reader, node, path)))
    reader.visit(node, path)
    if not isinstance(node, yaml.MappingNode) or len(node.value) != 1:
        raise reader.error(_("expected a recipient line, or one group line with its list: "
                             "'Văn phòng UBND tỉnh: [LĐVP, TH]'"), node, path)
    key_node, value_node = node.value[0]
    if not isinstance(value_node, yaml.SequenceNode):
        raise reader.error(_("a ': ' inside a recipient line starts a group in YAML; put the whole line in "
                             "quotes, or give the group a list: 'Văn phòng UBND tỉnh: [LĐVP, TH]'"), node, path)
    label = strip_end(text(reader, key_node, path))
    return Recipient(label, tuple(strip_end(t) for t in texts(reader, value_node, f"{path}.{label}")))


def strip_end(line: str) -> str:
    """Drop the end punctuation a clerk may type; ttbgen adds the right one (docs/decree30.md §6)."""
    return line.rstrip(" ;:.")


def archive(reader: Reader, node: yaml.Node, path: str) -> Archive:
    """Convert the Lưu line: "VT, KT" or {units, under}."""
    if isinstance(node, yaml.ScalarNode):
        return Archive(archive_units(reader, node, path))
    f = Fields(reader, node, path, "archive")
    units_node = f.entries["units"][1]
    return Archive(archive_units(reader, units_node, f.sub("units")), f.get("under", strip_text, ""))


def strip_text(reader: Reader, node: yaml.Node, path: str) -> str:
    """Convert text and drop its end punctuation."""
    return strip_end(text(reader, node, path))


def archive_units(reader: Reader, node: yaml.Node, path: str) -> str:
    """Convert the archive units; they start with VT, the clerical office (docs/decree30.md §6)."""
    units = strip_end(text(reader, node, path))
    units = units.removeprefix("Lưu:").strip()
    if not units.startswith("VT"):
        raise reader.error(_("the Lưu line starts with VT (văn thư), e.g. 'VT, KT'; got '{units}'").format(
            units=units), node, path)
    return units


def authority_line(reader: Reader, node: yaml.Node, path: str) -> str:
    """Convert an authority line, checking its prefix (docs/decree30.md §5)."""
    line = text(reader, node, path).upper()
    if _PARTY_STYLE.match(line):
        raise reader.error(_("'{line}': administrative documents write TM. KT. TL. TUQ. Q. (with a dot), "
                             "not T/M, K/T, T/L").format(line=line), node, path)
    if not _AUTHORITY.match(line):
        raise reader.error(_("'{line}': an authority line starts with TM., KT., TL., TUQ. or Q. and a space")
                           .format(line=line), node, path)
    return line


def signer(reader: Reader, node: yaml.Node, path: str) -> Signer:
    """Convert the signer."""
    f = Fields(reader, node, path, "signer")
    authority_node = f.entries.get("authority")
    lines: tuple[str, ...] = ()
    if authority_node and not reader.is_null(authority_node[1]):
        value = authority_node[1]
        items = [value] if isinstance(value, yaml.ScalarNode) else reader.sequence(value, f.sub("authority"))
        lines = tuple(authority_line(reader, n, f"{f.sub('authority')}[{i}]") for i, n in enumerate(items))
    # Fields has refused a blank name or title (required keys).
    return Signer(title=f.get("title", text, "").upper(), name=f.get("name", text, ""), authority=lines)


# --- The content tree (schema 2) ---------------------------------------------------------------------

# The label style a child takes when neither it (`number`) nor its parent (`numbering`) names one:
# one level down the Decree 30 ladder Mục I. → khoản 1. → điểm a) → `-` → `+` (docs/decree30.md §3).
CHILD_STYLE = {"roman": "decimal", "decimal": "letters", "letters": "dash", "dash": "plus", "plus": "plus",
               "none": "letters"}
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def boolean(reader: Reader, node: yaml.Node, path: str) -> bool:
    """Convert true or false."""
    return choice("true", "false")(reader, node, path) == "true"


def task_id(reader: Reader, node: yaml.Node, path: str) -> str:
    """Convert a stable task id: letters, digits, `.`, `_` and `-`."""
    value = text(reader, node, path)
    if not _ID.match(value):
        raise reader.error(_("a task id uses letters, digits, '.', '_' and '-' only, e.g. ubnd-2024-t3; got "
                             "'{value}'").format(value=value), node, path)
    return value


def tree(default: str, top: bool) -> Callable[[Reader, yaml.Node, str], Node]:
    """Make the converter of a content node whose label style defaults to `default`."""

    def convert(reader: Reader, node: yaml.Node, path: str) -> Node:
        return content_node(reader, node, path, default, top)

    return convert


def content_node(reader: Reader, node: yaml.Node, path: str, default: str, top: bool) -> Node:
    """Convert a node of the content tree; at the top level only a node with a heading is numbered."""
    if isinstance(node, yaml.ScalarNode):
        return Node("none" if top else default, text=text(reader, node, path), path=path)
    f = Fields(reader, node, path, "node")
    heading = f.get("heading", text, "")
    style = f.get("number", choice(*NUMBER_STYLES), default if heading or not top else "none")
    child_style = f.get("numbering", choice(*NUMBER_STYLES), CHILD_STYLE[style])
    no_children: tuple[Node, ...] = ()
    children = f.get("items", listed(tree(child_style, False)), no_children)
    result = Node(
        style, heading=heading, run_in=f.get("run_in", boolean, not top),
        emphasis=f.get("emphasis", choice(*EMPHASES), "plain"), text=f.get("text", text, ""),
        paragraphs=f.get("paragraphs", texts, ()), children=children, lead=f.get("lead", units, ()),
        support=f.get("support", units, ()), due=f.get("due", partial_date, None), id=f.get("id", task_id, ""),
        path=path,
    )
    if not (result.text or result.heading or result.paragraphs or result.children):
        raise reader.error(_("the node is empty: give it a text, a heading, paragraphs or items"), node, path)
    derived = "" if f.has("heading") else run_in_heading(result.lead, result.text, result.paragraphs)
    if derived and (result.text or result.paragraphs):  # the lead the text does not name, run in (issue 10)
        result = dataclasses.replace(result, heading=derived, run_in=f.get("run_in", boolean, True))
    return result


def check_ids(f: Fields, nodes: tuple[Node, ...], seen: dict[str, str]) -> None:
    """Refuse a task id used twice: the register follows a task by its id."""
    for n in nodes:
        if n.id in seen:
            raise SpecError(_("task id '{id}' is already used at {other}; give each task its own id").format(
                id=n.id, other=seen[n.id]), f.reader.marks.get(f"{n.path}.id"), f"{n.path}.id")
        if n.id:
            seen[n.id] = n.path
        check_ids(f, n.children, seen)


def content(f: Fields) -> tuple[Node, ...]:
    """Convert `content:`, which replaces the old parts (assessment, tasks, proposals, sections, order)."""
    if not f.has("content"):
        return ()
    old = [key for key in (*PARTS, "order") if f.has(key)]
    if old:
        raise f.reader.error(_("'content' holds the whole content; move '{key}' into it, or drop 'content'")
                             .format(key=old[0]), f.entries[old[0]][0], old[0])
    # `headings` is converted (and checked) with the other top-level keys; read it here without a second visit.
    roman_headings = f.has("headings") and getattr(f.entries["headings"][1], "value", "") == "roman"
    top = "roman" if roman_headings else "decimal"
    none: tuple[Node, ...] = ()
    nodes = f.get("content", listed(tree(top, True)), none)
    check_ids(f, nodes, {})
    return nodes


@functools.cache
def newer_key_paths(version: int) -> tuple[str, ...]:
    """Return schema.newer_keys for a version, computed once."""
    return tuple(newer_keys(version))


def schema_version(f: Fields) -> int:
    """Return the spec's `schema:` version, refusing a key its version does not have."""
    version = int(f.get("schema", choice("1", "2"), str(SCHEMA_VERSION)))
    for path in newer_key_paths(version):
        if path in f.reader.marks:
            raise SpecError(_("'{key}' needs schema: 2 (this spec says schema: {version}); change the "
                              "version or remove the key").format(key=path.rpartition(".")[2], version=version),
                            f.reader.marks[path], path)
    return version


PARTS = ("assessment", "tasks", "proposals", "sections")


def order(reader: Reader, node: yaml.Node, path: str) -> tuple[str, ...]:
    """Convert the order of the content parts."""
    names = texts(reader, node, path)
    for i, name in enumerate(names):
        if name not in PARTS:
            item_node = node.value[i] if isinstance(node, yaml.SequenceNode) else node
            raise reader.error(_("unknown part '{name}'; the parts are {parts}").format(
                name=name, parts=", ".join(PARTS)), item_node, f"{path}[{i}]")
    return names



def load_spec(path: Path, offices: Callable[[str, Path], Office], display: str | None = None) -> Notice:
    """Load and validate a spec file; `offices` resolves an office name near the spec."""
    source = read_source(path, display)
    return parse_spec(source, lambda name: offices(name, path.parent))


def parse_spec(source: Source, office_of: Callable[[str], Office]) -> Notice:
    """Parse spec text to a Notice, reporting every mistake found in one run (in file order)."""
    root = compose(source)
    reader = Reader(source.name)
    reader.clean_text = values_are_clean(source.text)
    if root is None:
        raise SpecError(_("the spec is empty; write one with `ttbgen new FILE --office NAME`"),
                        Mark(source.name, 1, 1), "")
    check_expansion(root, source.name, MAX_ITEMS)  # nested lists multiply; bound the whole tree (issue 13)
    found = read_tree(source.name, source.text, root)
    reader.errors += found.errors
    try:
        notice = read_notice(reader, root, office_of)
    except SpecError as exc:
        reader.errors.append(exc)
    raise_all(reader.errors)
    return dataclasses.replace(notice, notes=tuple(found.warnings))


def read_notice(reader: Reader, root: yaml.Node, office_of: Callable[[str], Office]) -> Notice:
    """Read the top-level mapping and the office it names into a Notice."""
    f = Fields(reader, root, "", "notice")
    office_node = f.entries["office"][1]
    try:
        office = office_of(text(reader, office_node, "office"))
    except SpecError as exc:
        if exc.mark is not None:
            raise
        raise reader.error(exc.message, office_node, "office") from None
    return build_notice(f, office)


def build_notice(f: Fields, office: Office) -> Notice:
    """Assemble the Notice from the top-level fields and the office defaults."""
    office_signer = office.signer
    if "signer" not in f.entries and office_signer is None:
        raise f.reader.error(_("no signer: add 'signer:' to the spec or a default signer to office '{office}'")
                             .format(office=office.key), f.node, "")
    recipients = f.get("recipients", listed(recipient), office.recipients)
    archived = f.get("archive", archive, None) or drafted_archive(f, office)
    check_archive(f, recipients, archived)
    default_templates = (TemplateRef("thong-bao-ket-luan"),)
    return Notice(
        source=f.reader.source, office=office, date=f.get("date", partial_date, PartialDate(1)),
        meeting=f.get("meeting", meeting, None),  # type: ignore[arg-type]  # required key
        signer=f.get("signer", signer, office_signer),  # type: ignore[arg-type]  # checked above
        recipients=recipients, archive=archived,
        number=f.get("number", number, ""), symbol=f.get("symbol", text, ""), title=f.get("title", text, ""),
        opening=f.get("opening", texts, ()), assessment=f.get("assessment", section, None),
        tasks=f.get("tasks", section, None), proposals=f.get("proposals", proposals, None),
        sections=f.get("sections", listed(section), ()), order=f.get("order", order, PARTS),
        headings=f.get("headings", choice("arabic", "roman"), "arabic"),
        closing=closing(f), templates=f.get("template", template_refs, default_templates),
        invitation=f.get("invitation", invitation, Invitation()), content=content(f),
        schema=schema_version(f), marks=f.reader.marks,
    )


def drafted_archive(f: Fields, office: Office) -> Archive:
    """Derive the Lưu line from `drafter:` (VT, KT (VAT)), else take the office's default."""
    if not f.has("drafter"):
        return office.archive or Archive("VT")
    unit, initials = f.get("drafter", drafter, ("", ""))
    if office.drafting_units and unit not in office.drafting_units:
        import difflib  # only for a mistake: not imported by a build of good specs (issue 15)

        close = difflib.get_close_matches(unit, list(office.drafting_units), n=1)
        hint = _("; did you mean '{close}'?").format(close=close[0]) if close else ""
        node = f.entries["drafter"][1]
        raise f.reader.error(_("'{unit}' is not a drafting unit of {office} ({known}){hint}").format(
            unit=unit, office=office.display_name, known=", ".join(office.drafting_units), hint=hint),
            node, "drafter")
    return Archive(f"VT, {unit}" + (f" ({initials})" if initials else ""))


def check_archive(f: Fields, recipients: tuple[Recipient, ...], archived: Archive) -> None:
    """Check that `archive.under` names the last recipient group, so the Lưu line stays last (§6)."""
    if not archived.under or (recipients and recipients[-1].text == archived.under):
        return
    import difflib  # only for a mistake: not imported by a build of good specs (issue 15)

    groups = [r.text for r in recipients if r.children]
    close = difflib.get_close_matches(archived.under, groups, n=1)
    if archived.under in [r.text for r in recipients]:
        hint = _("; move that group to the end of the recipients")
    else:
        hint = _("; did you mean '{close}'?").format(close=close[0]) if close else ""
    node = f.entries["archive"][1] if "archive" in f.entries else f.node
    raise f.reader.error(_("archive.under must name the last recipient group, so that the Lưu line comes "
                           "last (docs/decree30.md §6); '{under}' is not it{hint}").format(
                               under=archived.under, hint=hint), node, "archive.under")


def closing(f: Fields) -> str | None:
    """Return the closing sentence: None when omitted (derived), "" when the spec asks for none."""
    if not f.has("closing"):
        return None
    node = f.entries["closing"][1]
    if f.reader.is_null(node) or (isinstance(node, yaml.ScalarNode) and node.value == ""):
        return ""
    return text(f.reader, node, "closing")
