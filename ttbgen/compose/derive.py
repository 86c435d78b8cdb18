"""Notice → NoticeContext: derive the boilerplate, number the content, punctuate the lists."""

from __future__ import annotations

from dataclasses import replace

from ttbgen.compose.context import Block, BlockKind, NoticeContext, RecipientLine, RuleGeometry, Rules
from ttbgen.compose.textwidth import text_width_twips
from ttbgen.errors import Mark, SpecError
from ttbgen.i18n import _
from ttbgen.records import record
from ttbgen.spec.model import Archive, Node, Notice, PartialDate, Person, Recipient, content_tree, ordinals
from ttbgen.vn import date_line, end_content, letter, number_line, roman, short_date

NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"  # Quốc hiệu (docs/decree30.md §2.2, ô 1)
MOTTO = "Độc lập - Tự do - Hạnh phúc"  # Tiêu ngữ, hyphen-minus with spaces (§2.2, §8)
RECIPIENTS_LABEL = "Nơi nhận:"  # ô 9b (§6)


@record
class Geometry:
    """Template geometry in twips that the rule lengths depend on (from the template manifest)."""

    left_column: int = 3855  # header table, agency column
    right_column: int = 5783  # header table, Quốc hiệu column
    text_width: int = 9355  # A4 minus 30 mm and 15 mm margins
    cell_margin: int = 108  # default left/right cell margin of a table cell
    agency_pt: float = 13
    motto_pt: float = 14
    title_pt: float = 14


def chair_reference(chair: Person) -> str:
    """Name the chair as a notice does: `đồng chí Hồ Tiến Thiệu, Chủ tịch UBND tỉnh` or the title alone."""
    if not chair.name:
        return chair.title
    return f"{chair.honorific} {chair.name}, {chair.title}".strip()


def derived_title(notice: Notice) -> str:
    """Derive the trích yếu (docs/decree30.md §11): `Kết luận của <chair> tại <meeting>`."""
    return f"Kết luận của {chair_reference(notice.meeting.chair)} tại {notice.meeting.name}"


def sentence(text: str) -> str:
    """End a sentence with a full stop unless it already has final punctuation."""
    return text if text.endswith((".", "!", "?", ":", "…")) else text + "."


# Per meeting kind: the attendees' label and what was heard when the spec does not say (model.MEETING_KINDS).
_KIND_WORDS = {
    "hop": ("Tham dự cuộc họp có", "báo cáo và ý kiến của các đại biểu dự họp"),
    "hoi-nghi": ("Tham dự Hội nghị có", "báo cáo và ý kiến phát biểu của các đại biểu dự Hội nghị"),
    "lam-viec": ("Tham dự buổi làm việc có", "báo cáo và ý kiến của các đại biểu dự buổi làm việc"),
    "kiem-tra": ("Tham gia Đoàn kiểm tra có", "báo cáo của các đơn vị và ý kiến của các thành viên Đoàn"),
    "giao-ban": ("Tham dự giao ban có", "báo cáo và ý kiến của các thành viên dự giao ban"),
}


def second_reference(chair: Person) -> str:
    """Name the chair at the second mention, with the short title when the spec gives one."""
    return chair_reference(replace(chair, title=chair.short_title or chair.title))


def activity(notice: Notice) -> str:
    """Return what the chair chaired: the meeting's name; an inspection reads `đã chủ trì kiểm tra …`."""
    name = notice.meeting.name
    if notice.meeting.kind == "kiem-tra":
        for word in ("buổi ", "đợt ", "cuộc "):
            name = name.removeprefix(word)
    return name


def derived_opening(notice: Notice) -> tuple[str, ...]:
    """Derive the opening (§11): date, place, chair, meeting, attendees; then what was heard."""
    m = notice.meeting
    label, default_heard = _KIND_WORDS[m.kind]
    place = f"{m.place}, " if m.place else ""
    first = f"Ngày {short_date(m.date)}, {place}{chair_reference(m.chair)} đã chủ trì {activity(notice)}."
    if m.attendees:
        first += f" {label}: {'; '.join(m.attendees)}."
    elif m.attendees_text:
        first += " " + sentence(m.attendees_text)
    heard = "; ".join(m.heard) if m.heard else default_heard
    if m.kind == "kiem-tra":
        where = f" tại {', '.join(m.visited)}" if m.visited else ""
        return first, (f"Sau khi kiểm tra thực tế{where}, Đoàn đã họp nghe {heard}. "
                       f"{capitalise(second_reference(m.chair))} kết luận như sau:")
    return first, f"Sau khi nghe {heard}, {second_reference(m.chair)} kết luận như sau:"


def block(kind: BlockKind, text: str, number: str = "", lead: str = "", emphasis: str = "",
          keep: bool = False) -> Block:
    """Make a body block."""
    return {"kind": kind, "number": number, "lead": lead, "text": text, "emphasis": emphasis, "keep": keep}


_KINDS: dict[str, BlockKind] = {"dash": "bullet", "plus": "subbullet"}


def label(node: Node, ordinal: int, parent: str) -> tuple[str, str]:
    """Return a node's label (`2.1. `, `I. `, `a) `, `- `) and its decimal stem for decimal children.

    Decimal points under a decimal node carry its number (`2.1.`, practice, docs/decree30.md §3); anywhere
    else they restart at `1.` (under a Roman Mục: khoản 1., 2.).
    """
    if node.number == "decimal":
        stem = f"{parent}{ordinal}."
        return f"{stem} ", stem
    labels = {"roman": f"{roman(ordinal)}. ", "letters": f"{letter(ordinal - 1)}) ", "dash": "- ", "plus": "+ "}
    return labels.get(node.number, ""), ""


def own_blocks(node: Node, number: str, top: bool) -> list[Block]:
    """Lay out a node's own paragraph(s): label, heading (run-in or own line) and text."""
    emphasis = "" if node.emphasis == "plain" else node.emphasis
    kind: BlockKind = _KINDS.get(node.number, "paragraph" if node.number == "none" and not node.heading else "point")
    heading = node.heading.upper() if node.number == "roman" else node.heading
    if heading and not node.run_in:
        own = (block("heading", heading, number) if top
               else block("point", "", number, heading, emphasis, keep=True))
        return [own] + ([block("paragraph", node.text)] if node.text else [])
    if heading:
        lead = heading + (": " if node.text else "")
        return [block(kind, node.text, number, lead, emphasis, keep=not node.text)]
    return [block(kind, node.text, number)] if node.text else []


def node_blocks(nodes: tuple[Node, ...], parent: str, top: bool) -> list[Block]:
    """Lay out sibling nodes and their descendants; numbers come from the tree (model.ordinals)."""
    out: list[Block] = []
    for node, ordinal in zip(nodes, ordinals(nodes), strict=True):
        number, stem = label(node, ordinal, parent)
        out += own_blocks(node, number, top)
        out += [block("paragraph", p) for p in node.paragraphs]
        out += node_blocks(node.children, stem, False)
    return out


def body_blocks(notice: Notice) -> list[Block]:
    """Lay out the whole content (ô 6), ending with `./.` (docs/decree30.md §11)."""
    out = [block("paragraph", p) for p in (notice.opening or derived_opening(notice))]
    out += node_blocks(content_tree(notice), "", True)
    closing = notice.office.closing if notice.closing is None else notice.closing
    if closing:
        out.append(block("paragraph", closing))
    return end_blocks(out)


def end_blocks(blocks: list[Block]) -> list[Block]:
    """Attach `./.` to the last paragraph of the content."""
    last = blocks[-1]
    if last["text"]:
        last["text"] = end_content(last["text"])
    else:
        last["lead"] = end_content(last["lead"].rstrip(": "))
    return blocks


def recipient_lines(recipients: tuple[Recipient, ...], archive: Archive) -> list[RecipientLine]:
    """Punctuate the Nơi nhận block (docs/decree30.md §6): `- X;`, `- Group:`, `+ Y;`, `- Lưu: VT, ….`"""
    lines: list[RecipientLine] = []
    for r in recipients:
        if r.children or r.text == archive.under:
            lines.append({"level": 1, "text": f"- {r.text}:"})
            lines += [{"level": 2, "text": f"+ {c};"} for c in r.children]
        else:
            lines.append({"level": 1, "text": f"- {r.text};"})
    return [*lines, archive_line(archive)]


def archive_line(archive: Archive) -> RecipientLine:
    """Return the final `Lưu:` line, nested under its group when the spec asks for it."""
    # The loader has checked that `under` names the last group (spec.check_archive).
    if not archive.under:
        return {"level": 1, "text": f"- Lưu: {archive.units}."}
    return {"level": 2, "text": f"+ Lưu: {archive.units}."}


def centred(column: int, length: int, margin: int) -> RuleGeometry:
    """Centre a rule of a given length in a column (twips)."""
    room = max(column - 2 * margin, length)
    side = (room - length) // 2
    return {"left": side, "right": room - length - side, "length": length}


def rules(ctx_agency: list[str], title: str, geo: Geometry) -> Rules:
    """Compute rule lengths (docs/decree30.md §2.2): agency and trích yếu 1/3–1/2 of the line, Tiêu ngữ its width."""
    agency_width = max(text_width_twips(a, geo.agency_pt, bold=True) for a in ctx_agency)
    title_width = min(text_width_twips(title, geo.title_pt, bold=True), geo.text_width)
    motto_width = text_width_twips(MOTTO, geo.motto_pt, bold=True)
    return {
        "agency": centred(geo.left_column, round(agency_width * 0.42), geo.cell_margin),
        "motto": centred(geo.right_column, motto_width, geo.cell_margin),
        "title": centred(geo.text_width, round(title_width * 0.4), 0),
    }


WEEKDAYS = ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"]  # Phụ lục II: thứ Hai


def required(notice: Notice, value: str, path: str, why: str) -> str:
    """Return a value a document type needs, or a located error saying what to add."""
    if value:
        return value
    # Point at the nearest part of the spec that exists, else at the `template:` that asked for this document.
    probes = [path.rpartition(".")[0], path.partition(".")[0], "template"]
    mark = next((notice.marks[p] for p in probes if p in notice.marks), Mark(notice.source, 1, 1))
    raise SpecError(_("{path} is needed for {why}").format(path=path, why=why), mark, path)


def invitation_blocks(notice: Notice) -> list[Block]:
    """Lay out a Giấy mời: who is invited, to what, when and where (docs/decree30.md §7.1, GM)."""
    m, inv = notice.meeting, notice.invitation
    invitees = inv.invitees or m.attendees or ((m.attendees_text,) if m.attendees_text else ())
    if not invitees:
        required(notice, "", "invitation.invitees", _("a Giấy mời (who is invited)"))
    time = required(notice, m.time, "meeting.time", _("a Giấy mời (e.g. 14 giờ 00)"))
    place = required(notice, m.place, "meeting.place", _("a Giấy mời (e.g. tại trụ sở UBND tỉnh)"))
    out = [block("paragraph", f"{notice.office.issuer_name} trân trọng kính mời:")]
    last = len(invitees) - 1
    out += [block("bullet", capitalise(who) + (";" if i < last else "."), "- ") for i, who in enumerate(invitees)]
    out.append(block("paragraph", f"Dự {m.name} do {chair_reference(m.chair)} chủ trì."))
    out.append(block("paragraph", f"Thời gian: {time}, {WEEKDAYS[m.date.weekday()]}, ngày {short_date(m.date)}."))
    out.append(block("paragraph", f"Địa điểm: {place.removeprefix('tại ')}."))
    out += [block("paragraph", p) for p in inv.paragraphs]
    out.append(block("paragraph", inv.closing or "Rất mong các đồng chí tham dự đúng thời gian."))
    return end_blocks(out)


def capitalise(text: str) -> str:
    """Capitalise the first letter of a line (docs/decree30.md §8, item 1: a line after "- " starts with a capital)."""
    return text[:1].upper() + text[1:]


def issue(notice: Notice, content: str) -> tuple[str, PartialDate]:
    """Return the number and issue date of the document: an invitation has its own, before the meeting."""
    if content != "invitation":
        return notice.number, notice.date
    meeting = notice.meeting.date
    return notice.invitation.number, notice.invitation.date or PartialDate(meeting.year, meeting.month)


def announcement_opening(notice: Notice) -> tuple[str, ...]:
    """Derive the opening of a general Thông báo: the meeting, then what the issuer announces."""
    m = notice.meeting
    return (f"Ngày {short_date(m.date)}, {chair_reference(m.chair)} đã chủ trì {m.name}. "
            f"{notice.office.issuer_name} thông báo như sau:",)


def content_blocks(notice: Notice, content: str) -> list[Block]:
    """Lay out the body for the template's kind of document."""
    if content == "invitation":
        return invitation_blocks(notice)
    if content == "announcement" and not notice.opening:
        return body_blocks(replace(notice, opening=announcement_opening(notice)))
    return body_blocks(notice)


def content_title(notice: Notice, content: str) -> str:
    """Return the trích yếu for the kind of document."""
    if content == "invitation":
        return f"Dự {notice.meeting.name}"
    if content == "announcement":
        return notice.title or f"Về {notice.meeting.name}"
    return notice.title or derived_title(notice)


def content_recipients(notice: Notice, content: str) -> tuple[Recipient, ...]:
    """Return the recipients; an invitation names its invitees in the body, so it starts with Như trên (§6)."""
    if content == "invitation" and all(r.text != "Như trên" for r in notice.recipients):
        return (Recipient("Như trên"), *notice.recipients)
    return notice.recipients


def build_context(notice: Notice, geo: Geometry | None = None, doc_type: str = "THÔNG BÁO",
                  type_code: str = "TB", content: str = "conclusion", print_due: str = "missing") -> NoticeContext:
    """Build the template context of a notice, for a template of the given document type and content."""
    from ttbgen.compose.deadlines import printed_deadlines

    notice = printed_deadlines(notice, print_due)
    office = notice.office
    title = content_title(notice, content)
    number, date = issue(notice, content)
    symbol = notice.symbol if notice.symbol and type_code == "TB" else f"{type_code}-{office.symbol}"
    return {
        "supervising": list(office.supervising), "agency": list(office.agency),
        "number_line": number_line(number, symbol), "national": NATIONAL, "motto": MOTTO,
        "date_line": date_line(office.place, date), "doc_type": doc_type, "title": title,
        "body": content_blocks(notice, content), "recipients_label": RECIPIENTS_LABEL,
        "recipients": recipient_lines(content_recipients(notice, content), notice.archive),
        "signer": {"authority": list(notice.signer.authority), "title": notice.signer.title,
                   "name": notice.signer.name},
        "rules": rules(list(office.agency), title, geo or Geometry()),
    }
