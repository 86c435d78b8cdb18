"""Read the meeting from the trích yếu and the opening paragraphs (docs/decree30.md §11): date, place, chair and
title, kind, attendees, what was heard."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import field

from ttbgen.records import record
from ttbgen.spec.model import KIND_SPELLINGS

_HONORIFICS = ("đồng chí", "Đồng chí", "ông", "bà", "Ông", "Bà", "dong chi", "Dong chi")  # and unaccented
_SHORT_DATE = re.compile(r"ng[àa]y\s+(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})", re.IGNORECASE)
_LONG_DATE = re.compile(r"ng[àa]y\s+(\d{1,2})\s+th[áa]ng\s+(\d{1,2})\s+n[ăa]m\s+(\d{4})", re.IGNORECASE)
_TITLE = re.compile(r"^(?:[ÝY] ki[ếe]n )?[Kk][ếe]t lu[ậa]n c[ủu]a (?P<ref>.+?) (?:t[ạa]i|khi) (?P<name>.+)$")
_CLOSE_OPENING = re.compile(r"nh[ưu] sau\s*:\s*$|k[ếe]t lu[ậa]n\s*:\s*$", re.IGNORECASE)
_OPENS = re.compile(r"^(?:(?:S[áa]ng|Chi[ềe]u|T[ốo]i|V[àa]o|Trong)\s+)?ng[àa]y\s+\d", re.IGNORECASE)
# A person's name: two to six capitalised words (Nguyễn Văn Bình).
_NAME = re.compile(r"^((?:[A-ZÀ-ỸĐ][^\s,;:.\-–]*\s+){1,5}[A-ZÀ-ỸĐ][^\s,;:.\-–]*)(?P<sep>\s*,\s*|\s+[-–]\s+)")
# Meeting kinds by the first words of the meeting's name (model.MEETING_KINDS).
_KIND_WORDS = [("hội nghị", "hoi-nghi"), ("buổi làm việc", "lam-viec"), ("làm việc", "lam-viec"),
               ("buổi kiểm tra", "kiem-tra"), ("đợt kiểm tra", "kiem-tra"), ("kiểm tra", "kiem-tra"),
               ("cuộc họp giao ban", "giao-ban"), ("giao ban", "giao-ban"), ("họp giao ban", "giao-ban")]


@record(frozen=False)
class Chair:
    """The chair as the notice names them: honorific, name and title (any may be empty but the title)."""

    title: str
    name: str = ""
    honorific: str = ""
    separator: str = ", "  # between name and title as written (`, ` is what ttbgen prints)


@record(frozen=False)
class MeetingText:
    """What the trích yếu and opening say about the meeting."""

    date: dt.date | None = None
    name: str = ""
    chair: Chair | None = None
    place: str = ""
    kind: str = "hop"
    opening: list[str] = field(default_factory=list)
    rest: str = ""  # the first paragraph after the sentence naming the meeting (attendees)
    second: str = ""  # the paragraph saying what was heard


_LABELLED = re.compile(r"^(?:[IVXL]+\.|\d{1,2}\.|[a-zđ]\)|[-+–])\s")
_CONCLUDES = re.compile(r"(?:k[ếe]t lu[ậa]n|ch[ỉi] đ[ạa]o|th[ốo]ng nh[ấa]t)[^.;]*nh[ưu] sau\s*:\s*$", re.IGNORECASE)


def opening_length(body: list[str]) -> int:
    """Return how many leading body paragraphs are the opening: up to the one ending `… kết luận như sau:`
    (else `… như sau:`), among the first four and before the first numbered one."""
    head: list[str] = []
    for text in body[:4]:
        if _LABELLED.match(text):
            break
        head.append(text)
    for pattern in (_CONCLUDES, _CLOSE_OPENING):
        found = next((i for i, text in enumerate(head) if pattern.search(text)), None)
        if found is not None:
            return found + 1
    return 1 if body and _OPENS.match(body[0]) else 0


def _plausible(year: int, month: int, day: int) -> dt.date | None:
    """Return the date when it is one a spec may hold (spec.load's year range), else None."""
    from ttbgen.spec.load import MAX_YEAR, MIN_YEAR

    try:
        return dt.date(year, month, day) if MIN_YEAR <= year <= MAX_YEAR else None
    except ValueError:
        return None


def find_date(text: str) -> dt.date | None:
    """Return the first full date written `ngày 22/8/2022` or `ngày 22 tháng 8 năm 2022` in a text."""
    for pattern in (_SHORT_DATE, _LONG_DATE):
        match = pattern.search(text)
        date = _plausible(int(match[3]), int(match[2]), int(match[1])) if match else None
        if date is not None:
            return date
    return None


# Where a chair's title stops in running text: the verb of the meeting, or the end of the sentence.
_TITLE_END = re.compile(r"\s(?:tại|đã chủ trì|chủ trì|họp|làm việc|kiểm tra|kết luận|về)\s|\.(?:\s|$)")
# The meeting as a noun when the notice names it by its verb (… họp nghe …): cuộc họp nghe …
_NOUNS = {"họp": "cuộc họp", "làm việc": "buổi làm việc", "kiểm tra": "buổi kiểm tra"}


def last_date(text: str) -> dt.date | None:
    """Return the last full date a text writes `ngày 22/8/2022` or `ngày 22 tháng 8 năm 2022`."""
    found = [m for pattern in (_SHORT_DATE, _LONG_DATE) for m in pattern.finditer(text)]
    for match in sorted(found, key=lambda m: m.start(), reverse=True):
        date = _plausible(int(match[3]), int(match[2]), int(match[1]))
        if date is not None:
            return date
    return None


def read_chair(ref: str) -> Chair:
    """Split a chair reference: `đồng chí Hồ Tiến Thiệu, Chủ tịch UBND tỉnh` or a title alone."""
    honorific = next((h for h in _HONORIFICS if ref.startswith(h + " ")), "")
    rest = ref[len(honorific):].strip()
    match = _NAME.match(rest) if honorific else None
    if not match:
        return Chair(title=ref)
    return Chair(title=rest[match.end():].strip(), name=match.group(1).strip(), honorific=honorific.lower(),
                 separator=match.group("sep"))


def chair_in(text: str) -> tuple[Chair | None, str]:
    """Find `đồng chí <name> - <title>` in running text; return the chair and the text after the title."""
    at = min((i for i in (text.find(h + " ") for h in _HONORIFICS) if i >= 0), default=-1)
    if at < 0:
        return None, ""
    tail = text[at:]
    chair = read_chair(tail)
    if not chair.name:
        return None, ""
    title_at = tail.index(chair.title) if chair.title in tail else len(tail)
    end = _TITLE_END.search(tail, title_at)
    stop = end.start() if end else len(tail)
    chair.title = tail[title_at:stop].strip(" ,")
    return chair, tail[stop:].strip()


def noun_phrase(text: str) -> str:
    """Name a meeting given by its verb as a noun: `họp nghe …` → `cuộc họp nghe …`."""
    text = re.split(r"\.(?:\s|$)", text, maxsplit=1)[0].strip()
    for verb, noun in _NOUNS.items():
        if text.startswith(verb + " "):
            return noun + text[len(verb):]
    return text


def meeting_kind(name: str, opening: str) -> str:
    """Tell the kind of meeting from its name (Hội nghị …, buổi làm việc …) or the opening's verb."""
    folded = name.lower()
    for words, kind in _KIND_WORDS:
        if folded.startswith(words):
            return kind
    if re.search(r"đã chủ trì kiểm tra\b", opening):
        return "kiem-tra"
    return KIND_SPELLINGS.get(folded.split(" ")[0], "hop") if folded.startswith("họp ") else "hop"


def chaired_sentence(first: str) -> tuple[str, str, str]:
    """Split the first paragraph: (text before `chủ trì`, the meeting named after it, the rest)."""
    match = re.search(r"\s(?:[đd][ãa]\s+)?ch[ủu] tr[ìi]\s+", first)
    if not match:
        return first, "", ""
    head, tail = first[: match.start()], first[match.end():]
    end = re.search(r"\.(?:\s+(?=[A-ZÀ-ỸĐ])|$)", tail)
    if not end:
        return head, tail.rstrip("."), ""
    return head, tail[: end.start()], tail[end.end():].strip()


def place_in(head: str, chair: Chair | None) -> str:
    """Return the place between the date and the chair: `Ngày 06/3/2026, tại Phòng họp số 1, trụ sở …, đồng chí …`."""
    match = re.search(r"\d{4}\s*,\s*(?P<place>t[ạa]i .+)$", head)
    if not match or chair is None:
        return ""
    who = f"{chair.honorific} {chair.name}" if chair.name else chair.title
    at = match["place"].rfind(f", {who}") if who else -1
    return match["place"][:at] if at > 0 else ""


def read_meeting(title: str, opening: list[str]) -> MeetingText:
    """Read the meeting from the trích yếu and the opening paragraphs."""
    out = MeetingText(opening=opening)
    first = opening[0] if opening else ""
    head, named, out.rest = chaired_sentence(first)
    # the meeting's date is the one nearest before `chủ trì` (`Thực hiện Kế hoạch … ngày 01/3/2026, ngày 07/4/2026, …`)
    out.date = last_date(head) or find_date(first) or find_date(title)
    match = _TITLE.match(title)
    ref = match["ref"] if match else ""
    out.name = match["name"] if match else named
    out.chair = read_chair(ref) if ref else None
    if out.chair is None or not out.name:
        found, after = chair_in(first if first else title)
        out.chair = out.chair or found
        out.name = out.name or noun_phrase(after)
    out.place = place_in(head, out.chair)
    out.kind = meeting_kind(out.name, first)
    out.second = opening[1] if len(opening) > 1 else ""
    return out
