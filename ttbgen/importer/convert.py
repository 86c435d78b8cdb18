"""A notice → the spec that rebuilds it: read the parts, structure them, then compose the spec with ttbgen's
own wording and keep free text only where the derived wording would differ from the original."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import field, replace
from pathlib import Path
from typing import Any

from ttbgen.compose.derive import body_blocks, derived_opening, derived_title
from ttbgen.i18n import _
from ttbgen.importer.body import Entry, punctuation_only, read_content
from ttbgen.importer.header import read_date, read_number, read_recipients, read_signer
from ttbgen.importer.meeting import Chair, MeetingText, opening_length, read_meeting
from ttbgen.importer.notes import Notes
from ttbgen.importer.offices import implied_profile, match_office, office_key, office_names, office_of
from ttbgen.importer.parts import Line, Parts, notice_parts
from ttbgen.importer.sources import NoticeImportError, read_notice
from ttbgen.importer.yamlout import plain_data, read_back, to_yaml
from ttbgen.records import record
from ttbgen.spec.clerk import run_in_heading
from ttbgen.spec.load import CHILD_STYLE
from ttbgen.spec.model import Notice, Office
from ttbgen.spec.nodes import Source
from ttbgen.vn import PartialDate, collapse

VIETNAMESE_MARKS = set("ăâđêôơưĂÂĐÊÔƠƯ")
OCR_RATIO = 0.02  # Vietnamese prose has ~25% letters with a mark; a copy without them has none


@record(frozen=False)
class Imported:
    """One imported notice: the spec (as data and as YAML), its notes, and the office it names."""

    source: Path
    spec: dict[str, Any]
    notes: Notes
    office: Office
    profile: dict[str, Any] | None = None  # the office profile the header implies, when none matched
    text: str = ""
    mismatches: list[tuple[str, str]] = field(default_factory=list)  # (original, rebuilt) paragraphs
    ocr: bool = False


def without_marks(text: str) -> bool:
    """Tell whether a long text has (almost) no Vietnamese diacritics: an OCR or ASCII copy."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 200:
        return False
    marked = sum(1 for c in letters if c in VIETNAMESE_MARKS or unicodedata.decomposition(c).count(" ") >= 1)
    return marked / len(letters) < OCR_RATIO


def strip_end_mark(text: str) -> tuple[str, bool]:
    """Remove the `./.` that closes the content (ttbgen attaches it again); tell whether it was there."""
    if text.endswith("./."):
        return text[:-2], True
    if text.endswith("/."):
        return text[:-2], True
    return text, False


def find_office(parts: Parts, office_name: str | None, spec_dir: Path, notes: Notes,
                signer: dict[str, Any] | None, place: str, symbol: str) -> tuple[Office, dict[str, Any] | None]:
    """Return the office: named, matched on the search path, or implied by the header."""
    from ttbgen.spec.office import load_office

    if office_name:
        return load_office(office_name, spec_dir), None
    matched = match_office(parts.agency, parts.supervising, spec_dir, place)
    if matched is not None:
        return matched, None
    if not parts.agency:
        return office_named_in(parts, spec_dir, notes), None
    profile = implied_profile(parts.agency, parts.supervising, place, symbol, signer)
    key = office_key(profile)
    taken = office_names(spec_dir)
    if key in taken:  # a profile of that name that does not fit this header: never shadow it
        key = next(f"{key}-{n}" for n in range(2, 1000) if f"{key}-{n}" not in taken)
    notes.add("office", _("no office profile on the search path has this header; the profile it implies is "
                          "written as {key}.yaml").format(key=key))
    return office_of(profile, key), profile


def office_named_in(parts: Parts, spec_dir: Path, notes: Notes) -> Office:
    """Without a header (a notice published from its title on), take the one office profile whose name the
    trích yếu or the opening writes (`… UBND tỉnh Mai Sơn …`), and say so; else ask for --office."""
    from ttbgen.importer.offices import match_named

    text = " ".join([parts.title, *(line.text for line in parts.body[:3])])
    office = match_named(text, spec_dir)
    if office is None:
        raise NoticeImportError(_("the issuing agency (the header) was not found; name the office with "
                                  "--office NAME"))
    notes.add("office", _("the header was not found; the office is {name}, named in the text: check it").format(
        name=office.display_name))
    return office


class Converter:
    """Turns the parts of one notice into a spec."""

    def __init__(self, parts: Parts, notes: Notes) -> None:
        self.parts = parts
        self.notes = notes

    def split_body(self) -> tuple[list[str], list[Line], str | None]:
        """Return (opening paragraphs, content lines, closing sentence or None when there is none)."""
        lines = list(self.parts.body)
        if not lines:
            self.notes.add("content", _("the content of the notice was not found"))
            return [], [], ""
        last, marked = strip_end_mark(lines[-1].text)
        if not marked:
            self.notes.add("content", _("the content does not end with ./. (docs/decree30.md §11); ttbgen adds it"))
        lines[-1] = replace(lines[-1], text=last)
        count = opening_length([line.text for line in lines])
        if count == 0:
            self.notes.add("opening", _("the opening paragraph (Ngày …, … chủ trì …) was not found; the first "
                                        "paragraph is kept as the opening"))
            count = 1 if len(lines) > 1 and _unlabelled(lines[0].text) else 0
        opening, content = [line.text for line in lines[:count]], lines[count:]
        closing: str | None = ""
        if len(content) > 1 and _unlabelled(content[-1].text):
            closing, content = content[-1].text, content[:-1]
        return opening, content, closing


def _unlabelled(text: str) -> bool:
    """Tell whether a paragraph starts without a label (1., a), -, +, I.)."""
    return not re.match(r"^(?:[IVXL]+\.|\d{1,2}(?:\.\d{1,2})*\.?\s|[a-zđ]{1,2}\)|[-–—•+])", text)


# --- content tree → spec nodes --------------------------------------------------------------------------

def node_value(entry: Entry, default: str, top: bool, roman_headings: bool, notes: Notes, path: str) -> Any:
    """Return a node as a person writes it: a text alone, or a mapping with only the keys that differ."""
    if top:
        default = ("roman" if roman_headings else "decimal") if entry.heading else "none"
    out: dict[str, Any] = {}
    if entry.style != default:
        out["number"] = entry.style
    if entry.heading:
        out["heading"] = entry.heading
    if entry.run_in is not None and entry.run_in != (not top):
        out["run_in"] = "true" if entry.run_in else "false"
    if entry.emphasis != "plain" and entry.heading and not top:
        out["emphasis"] = entry.emphasis
    if entry.text:
        out["text"] = entry.text
    if entry.lead:
        out["lead"] = entry.lead
        leads = tuple(entry.lead) if isinstance(entry.lead, list) else (entry.lead,)
        if not entry.heading and run_in_heading(leads, entry.text, tuple(entry.paragraphs)):
            out["heading"] = ""  # the lead is read from words the loader does not count as naming it: print none
    if entry.support:
        out["support"] = entry.support if len(entry.support) > 1 else entry.support[0]
    if entry.due is not None:
        out["due"] = str(entry.due)
    if entry.paragraphs:
        out["paragraphs"] = list(entry.paragraphs)
    for note in entry.notes:
        notes.add(path, note)
    if entry.children:
        out.update(children_value(entry, roman_headings, notes, path))
    # a text alone is a list item, unless it has no words (the loader refuses `- ....` as a forgotten item)
    return out["text"] if list(out) == ["text"] and not punctuation_only(out["text"]) else out


def children_value(entry: Entry, roman_headings: bool, notes: Notes, path: str) -> dict[str, Any]:
    """Return `items` (and `numbering` when most children take a style other than the default one)."""
    child_default = CHILD_STYLE[entry.style]
    styles = [c.style for c in entry.children if c.style != "none"]
    common = max(sorted(set(styles)), key=styles.count) if styles else child_default
    out: dict[str, Any] = {}
    if common != child_default:
        out["numbering"] = common
        child_default = common
    out["items"] = [node_value(c, child_default, False, roman_headings, notes, f"{path}.items[{i}]")
                    for i, c in enumerate(entry.children)]
    return out


def content_value(tree: list[Entry], notes: Notes) -> tuple[list[Any], bool]:
    """Return the `content:` list and whether its top-level sections are Roman (`headings: roman`)."""
    roman_headings = any(e.style == "roman" for e in tree)
    return [node_value(e, "none", True, roman_headings, notes, f"content[{i}]") for i, e in enumerate(tree)], \
        roman_headings


# --- the meeting ----------------------------------------------------------------------------------------

def chair_value(chair: Chair | None, notes: Notes) -> dict[str, Any]:
    """Return the chair mapping."""
    if chair is None or not chair.title:
        notes.add("meeting.chair", _("the chair was not found in the trích yếu or the opening; write it here"))
        return {"title": "…"}
    out: dict[str, Any] = {}
    if chair.name:
        out["name"] = chair.name
        if chair.honorific != "đồng chí":
            out["honorific"] = chair.honorific
    out["title"] = chair.title
    return out


def meeting_variants(m: MeetingText, base: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the readings of attendees and what was heard to try against the original opening."""
    rest, second = m.rest, m.second
    attendees: list[Any] = [None]
    listed = re.match(r"^Tham (?:dự|gia) [^:]{1,60}? có: (?P<who>.+)\.$", rest)
    if listed:
        attendees.insert(0, listed["who"].split("; "))
    if rest:
        attendees.append(rest)
    heard = _heard(second, m)
    variants = []
    for who in attendees:
        for what in heard:
            variant = dict(base)
            if who is not None:
                variant["attendees"] = who
            variant.update(what)
            variants.append(variant)
    return variants


def _heard(second: str, m: MeetingText) -> list[dict[str, Any]]:
    """Return readings of the second opening paragraph: what was heard, the places visited, a short title."""
    out: list[dict[str, Any]] = []
    check = re.match(r"^Sau khi kiểm tra thực tế(?: tại (?P<visited>.+?))?, Đoàn đã họp nghe (?P<heard>.+?)\. "
                     r"(?P<ref>.+) kết luận như sau:$", second)
    if check:
        extra: dict[str, Any] = {"heard": check["heard"].split("; ")}
        if check["visited"]:
            extra["visited"] = check["visited"].split(", ")
        chair = m.chair
        if chair is not None and chair.name and check["ref"].lower().startswith(
                f"{chair.honorific} {chair.name}, ".lower()):
            short = check["ref"][len(chair.honorific) + len(chair.name) + 3:]
            if short != chair.title:
                out.append({**extra, "short_title": short})
        out.append(extra)
    plain = re.match(r"^Sau khi nghe (?P<rest>.+) kết luận như sau:$", second)
    if plain and m.chair is not None:
        out += _heard_before(plain["rest"], m.chair)
    out.append({})
    return out


def _heard_before(rest: str, chair: Chair) -> list[dict[str, Any]]:
    """Split `<heard>, <chair at the second mention>` at the last mention of the chair."""
    who = f"{chair.honorific} {chair.name}".strip() if chair.name else chair.title
    at = rest.rfind(f", {who}")
    if at <= 0:
        return []
    heard = {"heard": rest[:at].split("; ")}
    after = rest[at + 2 + len(who):]
    if chair.name and after.startswith(", ") and after[2:] != chair.title:
        return [{**heard, "short_title": after[2:]}, heard]
    return [heard]


def apply_variant(variant: dict[str, Any]) -> dict[str, Any]:
    """Move a reading's short title into the chair mapping."""
    out = dict(variant)
    short = out.pop("short_title", None)
    if short:
        out["chair"] = {**out["chair"], "short_title": short}
    return out


def meeting_base(m: MeetingText, issued: PartialDate | None, title: str, notes: Notes) -> dict[str, Any]:
    """Return the meeting mapping's fixed part: kind, date, name, place, chair."""
    out: dict[str, Any] = {}
    if m.kind != "hop":
        out["kind"] = m.kind
    date = m.date
    if date is None:
        notes.add("meeting.date", _("the meeting date was not found; the issue date is written, check it"))
        full = issued.as_date() if issued else None
        out["date"] = str(full or f"{issued.year if issued else 2000}-{(issued.month or 1) if issued else 1:02d}-01")
    else:
        out["date"] = date.isoformat()
    if not m.name:
        notes.add("meeting.name", _("the meeting's name was not found; the trích yếu is written, check it"))
    out["name"] = m.name or title or "…"
    if m.place:
        out["place"] = m.place
    out["chair"] = chair_value(m.chair, notes)
    return out


def assemble(parts: Parts, office: Office, notes: Notes, meeting: MeetingText, number: str, symbol: str,
             issued: PartialDate | None, content: list[Any], roman_headings: bool,
             closing: str | None, implied: bool) -> dict[str, Any]:
    """Put the spec together in the order a person writes it."""
    spec: dict[str, Any] = {"office": office.key, "number": number or None}
    if symbol and symbol != f"TB-{office.symbol}":
        spec["symbol"] = symbol
    if issued is None:
        notes.add("date", _("the issue date was not found; the meeting's month is written, check it"))
    spec["date"] = str(issued) if issued else (meeting.date.strftime("%Y-%m") if meeting.date else "2000")
    spec["meeting"] = meeting_base(meeting, issued, parts.title, notes)
    if roman_headings:
        spec["headings"] = "roman"
    spec["content"] = content or ["…"]
    if closing is not None and closing != office.closing:
        spec["closing"] = closing
    recipients, archive = read_recipients(parts.recipients, parts.has_recipients, notes)
    if recipients:
        spec["recipients"] = recipients
    if archive is not None:
        spec["archive"] = archive
    signer = read_signer(parts.authority, parts.signer_title, parts.signer_name, notes)
    if signer is None and office.signer is None:
        notes.add("signer", _("the office has no default signer either: write the signer here"))
        signer = {"title": "…", "name": "…"}
    # An implied profile is written once for a batch: each notice of it names its own signer.
    if signer and (implied or office.signer is None or signer != _signer_value(office)):
        spec["signer"] = signer
    return spec


def _signer_value(office: Office) -> dict[str, Any]:
    """Return the office's default signer as a spec mapping, to leave an equal one out."""
    s = office.signer
    assert s is not None
    out: dict[str, Any] = {"authority": list(s.authority)} if s.authority else {}
    return {**out, "title": s.title, "name": s.name}


def load(spec: dict[str, Any], office: Office, name: str) -> Notice:
    """Load a spec with ttbgen's loader, the office resolved to the one the importer chose."""
    from ttbgen.spec.load import parse_spec

    return parse_spec(Source(name, to_yaml(spec)), lambda _name: office)


def with_order(spec: dict[str, Any], key: str, value: Any, before: str) -> dict[str, Any]:
    """Return the spec with a key added just before another (free text beside what it replaces)."""
    out: dict[str, Any] = {}
    for k, v in spec.items():
        if k == before:
            out[key] = value
        out[k] = v
    if key not in out:
        out[key] = value
    return out


def settle_opening(spec: dict[str, Any], m: MeetingText, office: Office, name: str,
                   notes: Notes) -> dict[str, Any]:
    """Choose the reading of the meeting whose derived opening is the original; else keep the original text."""
    variants = meeting_variants(m, spec["meeting"])
    for variant in variants:
        trial = {**spec, "meeting": apply_variant(variant)}
        if m.opening and list(derived_opening(load(trial, office, name))) == m.opening:
            return trial
    spec = {**spec, "meeting": apply_variant(variants[0])}
    if m.opening:
        spec = with_order(spec, "opening", m.opening if len(m.opening) > 1 else m.opening[0], "content")
    return spec


def settle_title(spec: dict[str, Any], title: str, office: Office, name: str, notes: Notes) -> dict[str, Any]:
    """Keep the trích yếu as written where the derived one (Kết luận của <chair> tại <meeting>) differs."""
    if not title:
        notes.add("title", _("the trích yếu was not found; it is derived"))
        return spec
    if derived_title(load(spec, office, name)) == title:
        return spec
    return with_order(spec, "title", title, "meeting")


def rebuilt_body(notice: Notice) -> list[str]:
    """Return the body paragraphs ttbgen composes for a notice, as printed (deadlines its text leaves unsaid
    written in, as the shipped templates do)."""
    from ttbgen.compose.deadlines import printed_deadlines

    return [collapse(f"{b['number']}{b['lead']}{b['text']}") for b in body_blocks(printed_deadlines(notice))]


def compare_body(original: list[str], rebuilt: list[str]) -> list[tuple[str, str]]:
    """Return the paragraph pairs that differ (original, rebuilt), aligned in order."""
    from difflib import SequenceMatcher

    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, original, rebuilt, autojunk=False).get_opcodes():
        if tag != "equal":
            a, b = original[i1:i2], rebuilt[j1:j2]
            out += [(a[k] if k < len(a) else "", b[k] if k < len(b) else "") for k in range(max(len(a), len(b)))]
    return out


def what_it_is(parts: Parts, notes: Notes) -> bool:
    """Say what kind of document was read and what of it is left out; tell whether it is an OCR copy."""
    ocr = without_marks(" ".join([parts.title, *(line.text for line in parts.body)]))
    if ocr:
        notes.add("", _("the text has almost no Vietnamese diacritics: it looks like an OCR or unaccented copy; "
                        "check every text against the original"))
    if not parts.doc_type:
        notes.add("", _("the document type line (THÔNG BÁO) was not found; the content may be incomplete"))
    elif not parts.doc_type.upper().startswith("THÔNG BÁO"):
        notes.add("", _("this is a {kind}, not a Thông báo; it is imported as a notice").format(
            kind=parts.doc_type))
    elif parts.doc_type.upper() != "THÔNG BÁO":
        notes.add("", _("the type line '{line}' is printed 'THÔNG BÁO' (docs/decree30.md §7.1)").format(
            line=parts.doc_type))
    if parts.title_lines > 1:
        notes.add("title", _("the trích yếu was typed on {n} paragraphs; ttbgen prints it as one").format(
            n=parts.title_lines))
    if parts.table_lines:
        notes.add("content", _("a table in the content is imported as paragraphs, one a cell ({n} in all)")
                  .format(n=parts.table_lines))
    if parts.trailing:
        notes.add("", _("{n} paragraph(s) after the signature (an appendix?) are not imported").format(
            n=parts.trailing))
    return ocr


@record(frozen=False)
class Header:
    """What the header says: number, symbol, place and issue date."""

    number: str
    symbol: str
    place: str
    issued: PartialDate | None


def read_header(parts: Parts, notes: Notes) -> Header:
    """Read the number line and the place and date line."""
    number, symbol = read_number(parts.number, notes)
    place, issued = read_date(parts.date, notes)
    return Header(number, symbol, place, issued)


def build_spec(parts: Parts, office: Office, implied: bool, header: Header, notes: Notes,
               name: str) -> dict[str, Any]:
    """Turn the parts into a spec, with free text only where ttbgen's wording would differ."""
    converter = Converter(parts, notes)
    opening, lines, closing = converter.split_body()
    meeting = read_meeting(parts.title, opening)
    issued = header.issued
    tree = read_content(lines, issued.as_date() if issued else None, meeting.date, notes)
    content, roman_headings = content_value(tree, notes)
    spec = assemble(parts, office, notes, meeting, header.number, header.symbol, issued, content, roman_headings,
                    closing, implied)
    spec = settle_opening(spec, meeting, office, name, notes)
    return settle_title(spec, parts.title, office, name, notes)


def convert(path: Path, office_name: str | None = None, spec_dir: Path | None = None) -> Imported:
    """Import one notice file into a spec (not yet written)."""
    notes = Notes()
    doc = read_notice(path)
    if not any(p.text.strip() for p in doc.paras):
        raise NoticeImportError(_("{file}: there is no text to import").format(file=path))
    parts = notice_parts(doc)
    name = path.with_suffix(".yaml").name
    ocr = what_it_is(parts, notes)
    header = read_header(parts, notes)
    signer = read_signer(parts.authority, parts.signer_title, parts.signer_name, Notes())
    office, profile = find_office(parts, office_name, spec_dir or Path.cwd(), notes, signer, header.place,
                                  header.symbol)
    if header.place and office.place and collapse(header.place) != collapse(office.place):
        notes.add("date", _("the date line names '{place}', the office profile '{office}'").format(
            place=header.place, office=office.place))
    spec = build_spec(parts, office, profile is not None, header, notes, name)
    result = Imported(path, spec, notes, office, profile, ocr=ocr)
    result.mismatches = compare_body([line.text for line in parts.body], rebuilt_body(load(spec, office, name)))
    for before, after in result.mismatches:
        notes.add("content", _("the rebuilt text differs here: '{before}' → '{after}'").format(
            before=_short(before), after=_short(after)))
    result.text = render(result)
    return result


def _short(text: str) -> str:
    """Shorten a paragraph for a note."""
    return text if len(text) <= 70 else text[:67] + "…"


def render(result: Imported) -> str:
    """Write the spec's YAML and prove that it reads back as the data it was written from."""
    header = [_("Imported by `ttbgen import` from {file}.").format(file=result.source.name),
              _("Check the `# import:` notes, then build it: ttbgen build <this file>")]
    text = to_yaml(result.spec, result.notes, header)
    if read_back(text) != plain_data(result.spec):  # the writer's promise; a failure here is a bug
        raise AssertionError(f"the YAML written for {result.source} does not read back as written")
    return text
