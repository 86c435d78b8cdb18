"""Semantic warnings on a valid spec: things that parse but are probably wrong (--strict makes them errors)."""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Callable, Iterator

from ttbgen.errors import Mark, SpecError
from ttbgen.i18n import _
from ttbgen.records import record
from ttbgen.spec.model import Bullet, Item, Node, Notice, PartialDate, Section, content_tree, iter_tasks
from ttbgen.vn import decimal

# Districts (huyện, quận, thị xã) ended and 34 provinces began on this day (docs/decree30.md §10).
REORGANISED = dt.date(2025, 7, 1)


@record
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


def parent_path(path: str) -> str:
    """Return the key path one level up: `a.b[2]` → `a.b`, `a.b` → `a`, `a` → ``."""
    if path.endswith("]"):
        return path[: path.rindex("[")]
    return path.rpartition(".")[0]


def warn(notice: Notice, path: str, rule: str, message: str) -> SpecWarning:
    """Make a warning located at a key path of the spec (or its nearest located parent)."""
    probe = path
    while probe and probe not in notice.marks:
        probe = parent_path(probe)
    return SpecWarning(message, notice.marks.get(probe), path, rule)


def indexed(notice: Notice, path: str, i: int) -> str:
    """Return `path[i]` when the spec wrote a list there, else `path` (one value written alone)."""
    return f"{path}[{i}]" if f"{path}[{i}]" in notice.marks else path


def task_sections(notice: Notice) -> Iterator[tuple[str, Section]]:
    """Yield the sections that hold points, with their key paths."""
    if notice.tasks:
        yield "tasks", notice.tasks
    for i, section in enumerate(notice.sections):
        yield f"sections[{i}]", section


def deadlines(notice: Notice) -> Iterator[tuple[str, PartialDate]]:
    """Yield each task's deadline with its key path."""
    for path, section in task_sections(notice):
        for i, item in enumerate(section.items):
            if item.due is not None:
                yield f"{path}.items[{i}].due", item.due
    if notice.content:  # schema 2: tasks anywhere in the tree
        yield from ((f"{t.path}.due", t.due) for t in iter_tasks(notice) if t.due is not None)


def task_leads(notice: Notice) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Yield each task's lead units with the key path of its `lead`."""
    for path, section in task_sections(notice):
        yield from ((f"{path}.items[{i}].lead", item.lead) for i, item in enumerate(section.items))
    if notice.content:
        yield from ((f"{t.path}.lead", t.lead) for t in iter_tasks(notice))


def first_day(date: PartialDate) -> dt.date:
    """Return the first day a partial date can mean (2024-02 → 2024-02-01)."""
    return dt.date(date.year, date.month or 1, date.day or 1)


def last_day(date: PartialDate) -> dt.date:
    """Return the last day a partial date can mean (2024-02 → 2024-02-29)."""
    if date.day is not None and date.month is not None:
        return dt.date(date.year, date.month, date.day)
    month = date.month or 12
    following = dt.date(date.year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def deadline_before_meeting(notice: Notice) -> Iterator[SpecWarning]:
    """deadline-before-meeting: a task due before the meeting that assigned it is a typo in the date."""
    meeting = notice.meeting.date
    for path, due in deadlines(notice):
        if last_day(due) < meeting:
            yield warn(notice, path, "deadline-before-meeting", _("the deadline {due} is before the meeting "
                                                                  "({meeting})").format(due=due,
                                                                                        meeting=meeting.isoformat()))


def deadline_far(notice: Notice) -> Iterator[SpecWarning]:
    """deadline-far: a task due more than a year after the meeting is probably a wrong year."""
    meeting = notice.meeting.date
    limit = meeting.replace(year=meeting.year + 1, day=28 if (meeting.month, meeting.day) == (2, 29) else meeting.day)
    for path, due in deadlines(notice):
        if first_day(due) > limit:
            yield warn(notice, path, "deadline-far", _("the deadline {due} is more than a year after the meeting "
                                                       "({meeting}); check the year").format(
                                                           due=due, meeting=meeting.isoformat()))


def meeting_after_issue(notice: Notice) -> Iterator[SpecWarning]:
    """meeting-after-issue: a notice concludes a meeting already held, so it cannot be issued before it."""
    meeting = notice.meeting.date
    if meeting > last_day(notice.date):
        yield warn(notice, "meeting.date", "meeting-after-issue", _("the meeting ({meeting}) is after the issue date "
                                                                    "({date})").format(meeting=meeting.isoformat(),
                                                                                       date=notice.date))


@functools.lru_cache(maxsize=8192)  # pure, and called on the same unit names for every notice (issue 15)
def fold(text: str) -> str:
    """Fold a unit name for loose comparison: lower case, no diacritics, UBND/HĐND written out the same way."""
    text = text.casefold().replace("ủy ban nhân dân", "ubnd").replace("uỷ ban nhân dân", "ubnd")
    text = text.replace("hội đồng nhân dân", "hđnd").replace("đ", "d")
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return " ".join(_WORD.findall(bare))


_WORD = re.compile(r"\w+")


# Kinds of unit a lead names before its own name: "Sở Tài chính" is listed as "Các sở: Tài chính, …".
_UNIT_KINDS = ("so", "ban", "cac so", "ubnd", "bo", "cuc", "chi cuc", "trung tam", "cong an", "bo chi huy")


# "các sở", "các sở, ban, ngành" (folded): a line that names every Sở (or every Ban).
_CAC_KIND = {kind: re.compile(rf"\bcac (\w+ )*{kind}\b") for kind in ("so", "ban")}


def covers(line: str, lead: str) -> bool:
    """Tell whether a recipient line names a lead unit: "Các sở: Tài chính, Nội vụ" names "Sở Tài chính", and
    "Các sở, ban, ngành" (no list after a colon) names every Sở and Ban."""
    line_f, lead_f = f" {fold(line)} ", fold(lead)
    if f" {lead_f} " in line_f:
        return True
    kind = lead_f.partition(" ")[0]
    if kind in _CAC_KIND and ":" not in line and _CAC_KIND[kind].search(line_f):
        return True
    for kind in _UNIT_KINDS:
        core = lead_f.removeprefix(kind + " ")
        if core != lead_f and len(core) >= 3 and f" {core} " in line_f:
            return True
    return False


def names_unit(text: str, unit: str) -> bool:
    """Tell whether a text names a unit itself ("Sở Y tế", or "Các Sở: Y tế, …"); "các sở" names no one."""
    text_f, unit_f = f" {fold(text)} ", fold(unit)
    if f" {unit_f} " in text_f:
        return True
    cores = (unit_f.removeprefix(kind + " ") for kind in _UNIT_KINDS)
    return any(core != unit_f and " " in core and f" {core} " in text_f for core in cores)  # "tỉnh" alone is no name


def recipient_lines(notice: Notice) -> list[str]:
    """Return every line of the Nơi nhận block, group labels and their sub-lines."""
    return [line for r in notice.recipients for line in (r.text, *r.children)]


def lead_not_recipient(notice: Notice) -> Iterator[SpecWarning]:
    """lead-not-recipient: a unit given a task must receive the notice (in Nơi nhận)."""
    lines = recipient_lines(notice)
    if any(fold(line).startswith("nhu ") for line in lines):  # "Như thành phần dự họp": not a list to check
        return
    for path, leads in task_leads(notice):
        for j, lead in enumerate(leads):
            if fold(lead) and not fold(lead).startswith("cac ") and not any(covers(line, lead) for line in lines):
                yield warn(notice, indexed(notice, path, j), "lead-not-recipient",
                           _("'{lead}' leads a task but is not among the recipients (Nơi nhận)").format(lead=lead))


def bullet_texts(path: str, bullets: tuple[Bullet, ...]) -> Iterator[tuple[str, str]]:
    """Yield the texts of bullets and their sub-bullets with key paths."""
    for i, b in enumerate(bullets):
        yield f"{path}[{i}]", b.text
        yield from ((f"{path}[{i}].bullets[{j}]", sub) for j, sub in enumerate(b.bullets))


def item_texts(path: str, item: Item) -> Iterator[tuple[str, str]]:
    """Yield the texts of a point with key paths (a heading that repeats the lead once, as the lead)."""
    if item.heading != ", ".join(item.lead):
        yield f"{path}.heading", item.heading
    yield f"{path}.text", item.text
    yield from ((f"{path}.lead[{j}]", lead) for j, lead in enumerate(item.lead))
    yield from ((f"{path}.support[{j}]", s) for j, s in enumerate(item.support))
    yield from ((f"{path}.paragraphs[{j}]", p) for j, p in enumerate(item.paragraphs))
    yield from bullet_texts(f"{path}.bullets", item.bullets)


def section_texts(path: str, section: Section) -> Iterator[tuple[str, str]]:
    """Yield the texts of a section with key paths."""
    yield f"{path}.heading", section.heading
    yield from ((f"{path}.paragraphs[{j}]", p) for j, p in enumerate(section.paragraphs))
    yield from bullet_texts(f"{path}.bullets", section.bullets)
    for i, item in enumerate(section.items):
        yield from item_texts(f"{path}.items[{i}]", item)
    yield from ((f"{path}.after[{j}]", p) for j, p in enumerate(section.after))


def node_texts(nodes: tuple[Node, ...]) -> Iterator[tuple[str, str]]:
    """Yield the texts of content-tree nodes (schema 2) with key paths, in document order."""
    for n in nodes:
        yield f"{n.path}.heading", n.heading
        yield f"{n.path}.text", n.text
        yield from ((f"{n.path}.lead[{j}]", lead) for j, lead in enumerate(n.lead))
        yield from ((f"{n.path}.support[{j}]", s) for j, s in enumerate(n.support))
        yield from ((f"{n.path}.paragraphs[{j}]", p) for j, p in enumerate(n.paragraphs))
        yield from node_texts(n.children)


def content_sections(notice: Notice) -> Iterator[tuple[str, Section]]:
    """Yield every content section with its key path."""
    parts = {"assessment": notice.assessment, "tasks": notice.tasks, "proposals": notice.proposals}
    yield from ((path, s) for path, s in parts.items() if s is not None)
    yield from ((f"sections[{i}]", s) for i, s in enumerate(notice.sections))


def recipient_texts(notice: Notice) -> Iterator[tuple[str, str]]:
    """Yield the recipient lines with key paths (the office's defaults when the spec has none)."""
    base = "recipients" if "recipients" in notice.marks else "office.recipients"
    for i, r in enumerate(notice.recipients):
        yield f"{base}[{i}]", r.text
        yield from ((f"{base}[{i}].{r.text}[{j}]", c) for j, c in enumerate(r.children))


def spec_texts(notice: Notice) -> Iterator[tuple[str, str]]:
    """Yield every text the spec puts in the notice, with its key path, in document order."""
    m = notice.meeting
    yield "title", notice.title
    yield from ((f"opening[{i}]", p) for i, p in enumerate(notice.opening))
    yield from (("meeting.name", m.name), ("meeting.place", m.place), ("meeting.attendees", m.attendees_text))
    yield from ((f"meeting.attendees[{i}]", a) for i, a in enumerate(m.attendees))
    yield from ((f"meeting.heard[{i}]", h) for i, h in enumerate(m.heard))
    yield from (("meeting.chair.title", m.chair.title), ("meeting.chair.name", m.chair.name))
    yield "meeting.chair.short_title", m.chair.short_title
    yield from ((f"meeting.visited[{i}]", v) for i, v in enumerate(m.visited))
    for path, section in content_sections(notice):
        yield from section_texts(path, section)
    yield from node_texts(notice.content)
    yield "closing", notice.closing or ""
    yield from recipient_texts(notice)


def office_texts(notice: Notice) -> Iterator[tuple[str, str]]:
    """Yield the office's texts that the notice prints (header, place, closing, signer)."""
    office = notice.office
    yield from ((f"office.supervising[{i}]", s) for i, s in enumerate(office.supervising))
    yield from ((f"office.agency[{i}]", a) for i, a in enumerate(office.agency))
    yield "office.place", office.place
    yield "office.closing", office.closing if notice.closing is None else ""
    signer = "signer" if "signer" in notice.marks else "office.signer"
    yield f"{signer}.title", notice.signer.title
    yield f"{signer}.name", notice.signer.name


def located_texts(notice: Notice) -> tuple[tuple[str, str], ...]:
    """Return every non-empty text of the notice with the key path it came from (list items indexed only
    when the spec wrote a list)."""
    last = _LAST_TEXTS.get("texts")
    if last is None or last[0] is not notice:  # two checks walk the same notice's texts (issue 15)
        last = notice, tuple((shown_path(notice, path), text)
                             for path, text in (*spec_texts(notice), *office_texts(notice)) if text)
        _LAST_TEXTS["texts"] = last
    return last[1]


# The last notice whose texts were listed, and its texts (a Notice is frozen: they cannot go stale).
_LAST_TEXTS: dict[str, tuple[Notice, tuple[tuple[str, str], ...]]] = {}


def shown_path(notice: Notice, path: str) -> str:
    """Drop a trailing `[0]` the spec did not write (a single value instead of a list)."""
    if path.endswith("[0]") and path not in notice.marks and path[:-3] in notice.marks:
        return path[:-3]
    return path


def reorganised(notice: Notice) -> bool:
    """Tell whether the notice dates from the 2025 reorganisation on (issue date, else the meeting's)."""
    return max(first_day(notice.date), notice.meeting.date) >= REORGANISED


# A district-level People's Committee, anywhere in a text: "UBND huyện X", "Ủy ban nhân dân các huyện".
_DISTRICT_UBND = re.compile(r"\b(?:UBND|(?:ủy|uỷ) ban nhân dân)\s+(?:các\s+)?(?:huyện|quận|thị xã)\b", re.IGNORECASE)
# Any district-level word, in lines that name units (recipients, leads, headings).
_DISTRICT_WORD = re.compile(r"\b(?:huyện|quận|thị xã)\b", re.IGNORECASE)
_UNIT_FIELDS = re.compile(r"(^(office\.)?recipients\[|\.lead(\[\d+\])?$|\.support(\[\d+\])?$|\.heading$)")


def district_names(notice: Notice) -> Iterator[SpecWarning]:
    """district-abolished: district-level units (huyện, quận, thị xã) ended on 1 July 2025 (docs/decree30.md §10)."""
    texts = located_texts(notice)
    # Both patterns need a district word: one search over all the texts (joined by line breaks, which no match
    # spans) spares a notice without one the two searches per text (issue 15).
    if not reorganised(notice) or not _DISTRICT_WORD.search("\n".join(text for _path, text in texts)):
        return
    for path, text in texts:
        match = _DISTRICT_UBND.search(text) or (_UNIT_FIELDS.search(path) and _DISTRICT_WORD.search(text))
        if match:
            yield warn(notice, path, "district-abolished", _("'{words}': district-level units were abolished on "
                                                             "1 July 2025 (docs/decree30.md §10); name the communes "
                                                             "instead, e.g. 'UBND các xã, phường'").format(
                                                                 words=match.group(0)))


@functools.cache
def current_provinces() -> dict[str, str]:
    """Map the folded name of each of the 34 provinces and cities of 1 July 2025 to its name.

    vietnam_provinces takes ~36 ms to import and build its table (issue 15): the 34 names are kept in the
    user cache, keyed by the installed package's files, and the package is imported only on a miss.
    """
    from ttbgen.spec.provinces import cached_table

    return cached_table(_province_table)


def _province_table() -> dict[str, str]:
    """Build the province table from vietnam_provinces."""
    from vietnam_provinces import Province

    names = [p.name.removeprefix("Thành phố ") for p in Province.iter_all()]
    return {fold(name): name for name in names}


# After "tỉnh": the text up to the next punctuation; its capitalised words are the province's name.
_AFTER_TINH = re.compile(r"\btỉnh\s+([^,;:.()/–-]*)", re.IGNORECASE)


def province_names(text: str) -> Iterator[str]:
    """Yield the names written after "tỉnh" ("UBND tỉnh Kon Tum", "TỈNH KON TUM"); "Tỉnh ủy" names none."""
    for match in _AFTER_TINH.finditer(text):
        words: list[str] = []
        for word in match.group(1).split():
            if not word[0].isupper():
                break
            words.append(word)
        if words and fold(words[0]) not in ("uy", "doan", "hoi"):
            yield " ".join(words)


def province_fields(notice: Notice) -> Iterator[tuple[str, str]]:
    """Yield the texts that name the issuing province: the office's name and header lines, and the recipients."""
    office = notice.office
    yield "office.name", office.display_name
    yield from ((f"office.supervising[{i}]", s) for i, s in enumerate(office.supervising))
    yield from ((f"office.agency[{i}]", a) for i, a in enumerate(office.agency))
    yield from recipient_texts(notice)


def province_not_current(notice: Notice) -> Iterator[SpecWarning]:
    """province-not-current: since 1 July 2025 a province is one of the 34 of NQ 202/2025/QH15 (docs/decree30.md)."""
    if not reorganised(notice):
        return
    known = current_provinces()
    for path, text in province_fields(notice):
        for name in province_names(text):
            if fold(name) not in known:
                yield warn(notice, shown_path(notice, path), "province-not-current",
                           _("'tỉnh {name}' is not one of the 34 provinces and cities since 1 July 2025 "
                             "(docs/decree30.md §10)").format(name=name))


# oa, oe, uy ending a word: old style marks the first vowel (hòa, khỏe, thủy), new style the second (hoà).
_OLD_STYLE = re.compile(r"(?:[òóỏõọ][ae]|[ùúủũụ]y)$")
_NEW_STYLE = re.compile(r"(?:o[àáảãạèéẻẽẹ]|u[ỳýỷỹỵ])$")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
# Either ending anywhere in a lower-cased text: a text without one holds no word tone_key accepts, so its words
# are not split and looked up at all (issue 15).
_TONE_CANDIDATE = re.compile(f"{_OLD_STYLE.pattern[:-1]}|{_NEW_STYLE.pattern[:-1]}")


@functools.lru_cache(maxsize=8192)  # pure, and called on every word of every notice (issue 15)
def tone_key(word: str) -> tuple[str, str] | None:
    """Return (the word without its tone placement, "old"/"new") for hòa/hoà-like words, else None."""
    lower = word.lower()
    match = _OLD_STYLE.search(lower) or _NEW_STYLE.search(lower)
    if match is None or lower[: match.start()].endswith("q"):  # "qu" is a consonant: quý has one spelling
        return None
    decomposed = unicodedata.normalize("NFD", lower)
    tone = "".join(c for c in decomposed if c in _TONES)
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    return f"{base}{tone}", "old" if _OLD_STYLE.search(lower) else "new"


def tone_spellings(notice: Notice) -> dict[str, dict[str, list[tuple[str, str]]]]:
    """Group the hòa/hoà-like words of a notice: word → style → [(spelling, key path)]."""
    seen: dict[str, dict[str, list[tuple[str, str]]]] = {}
    for path, text in located_texts(notice):
        if _TONE_CANDIDATE.search(text.lower()) is None:
            continue
        for word in _WORD.findall(text):
            key = tone_key(word)
            if key:
                seen.setdefault(key[0], {}).setdefault(key[1], []).append((word, path))
    return seen


def mixed_tone_marks(notice: Notice) -> Iterator[SpecWarning]:
    """mixed-tone-marks: one word spelled with both tone-mark placements (hòa and hoà) in one notice."""
    for styles in tone_spellings(notice).values():
        if len(styles) < 2:
            continue
        old, new = styles["old"], styles["new"]
        minority, majority = (new, old) if len(new) <= len(old) else (old, new)
        spelling, path = minority[0]
        yield warn(notice, path, "mixed-tone-marks", _("'{word}' is spelled '{other}' elsewhere in the notice "
                                                       "({n}×); place tone marks one way throughout").format(
                                                           word=spelling, other=majority[0][0], n=len(majority)))


# A percentage written with a decimal point, 61.2% (English style); Vietnamese writes 61,2%. Only before %,
# where the dot cannot be the thousands separator of Vietnamese (1.234) or a numbering (2.1.).
_POINT_PERCENT = re.compile(r"(?<![\d.,])(\d{1,3})\.(\d{1,2})\s?%")


def decimal_point(notice: Notice) -> Iterator[SpecWarning]:
    """decimal-point: a percentage with a decimal point (61.2%) instead of the Vietnamese comma (61,2%)."""
    for path, text in spec_texts(notice):
        for match in _POINT_PERCENT.finditer(text) if "%" in text else ():
            value = f"{match[1]}.{match[2]}"
            yield warn(notice, path, "decimal-point", _("'{found}': Vietnamese writes a decimal comma, {fixed}%")
                       .format(found=match[0], fixed=decimal(value, len(match[2]))))


def deadline_text_mismatch(notice: Notice) -> Iterator[SpecWarning]:
    """deadline-text-mismatch: the units read the text, so a `due` the text contradicts tracks the wrong day."""
    from ttbgen.spec.deadlines import disagreement, stated_deadlines

    for node, found in stated_deadlines(notice):
        stated = disagreement(node.due, found) if node.due else None
        if stated is not None:
            yield warn(notice, f"{node.path}.due", "deadline-text-mismatch", _(
                "due is {due} but the text says '{phrase}' ({date}); make them agree").format(
                    due=node.due, phrase=stated.phrase, date=stated.label))


def deadline_day_off(notice: Notice) -> Iterator[SpecWarning]:
    """deadline-day-off: a deadline on a Sunday, a public holiday or Tết cannot be met on the day."""
    from ttbgen.spec.workdays import day_off

    for path, due in deadlines(notice):
        day = due.as_date()
        reason = day_off(day) if day else ""
        if reason:
            yield warn(notice, path, "deadline-day-off", _("the deadline {due} is a day off ({reason}); "
                                                           "choose a working day").format(due=due, reason=reason))


def node_words(node: Node) -> str:
    """Return everything a node and its descendants print."""
    return " ".join((node.heading, node.text, *node.paragraphs, *(node_words(c) for c in node.children)))


def supported_nodes(nodes: tuple[Node, ...]) -> Iterator[Node]:
    """Yield every node of a content tree that names supporting units."""
    for node in nodes:
        if node.support:
            yield node
        yield from supported_nodes(node.children)


def task_data_not_shown(notice: Notice) -> Iterator[SpecWarning]:
    """support-not-shown: a supporting unit that the task's words never name is not printed at all."""
    for node in supported_nodes(content_tree(notice)):
        words = node_words(node)
        for j, unit in enumerate(node.support):
            if not names_unit(words, unit):
                yield warn(notice, indexed(notice, f"{node.path}.support", j), "support-not-shown",
                           _("'{unit}' supports this task, but the document prints only the task's words, which do "
                             "not name it; write it in the text (e.g. 'phối hợp với {unit}')").format(unit=unit))


def clerk_notes(notice: Notice) -> Iterator[SpecWarning]:
    """clerk: comment-in-text, comma-in-list and hand-numbering, found by spec/clerk.py in the file as typed."""
    yield from notice.notes


CHECKS: list[Callable[[Notice], Iterator[SpecWarning]]] = [
    deadline_before_meeting, deadline_far, meeting_after_issue, lead_not_recipient, district_names,
    province_not_current, mixed_tone_marks, decimal_point, deadline_text_mismatch, deadline_day_off,
    clerk_notes, task_data_not_shown,  # issue 10: what the file as typed would lose
]


def warnings_for(notice: Notice) -> list[SpecWarning]:
    """Run every semantic check on a notice."""
    return [w for check in CHECKS for w in check(notice)]
