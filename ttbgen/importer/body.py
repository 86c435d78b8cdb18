"""Read the content (ô 6) into the content tree: labels → number styles, nesting by the Decree 30 ladder
(Mục I. → khoản 1. → 2.1. → điểm a) → `-` → `+`, docs/decree30.md §3), run-in heads, leads and deadlines."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import field

from ttbgen.i18n import _
from ttbgen.importer.notes import Notes
from ttbgen.importer.parts import Line
from ttbgen.records import record
from ttbgen.spec.deadlines import Deadline, find_deadlines
from ttbgen.spec.load import MAX_YEAR, MIN_YEAR
from ttbgen.vn import PartialDate, letter, roman

_ROMAN = re.compile(r"^(?P<label>[IVXL]+\.)\s+(?P<rest>\S.*)$")
_DECIMAL = re.compile(r"^(?P<label>\d{1,2}\.(?:\d{1,2}\.?)*)\s*(?P<rest>\S.*)$")
_LETTER = re.compile(r"^(?P<label>[a-zđ]{1,2}\))\s*(?P<rest>\S.*)$")
_BULLET = re.compile(r"^(?P<label>[-–—•+])\s*(?P<rest>\S.*)$")
_RANK = {"roman": 0, "letters": 20, "dash": 21, "plus": 22}
# A run-in heading: a short head, `: `, then the text (`Sở Y tế: Chủ trì …`, `Về nguồn vốn: …`).
_RUN_IN = re.compile(r"^(?P<head>[^:;]{2,160}?):\s+(?P<text>\S.*)$")
_TOPIC = re.compile(r"^(?:Về|Đối với|Việc|Công tác|Kiến nghị|Đề xuất|Nhiệm vụ|Giải pháp|Kết quả|Hạn chế|Tồn tại|"
                    r"Nguyên nhân|Điều chỉnh|Tình hình|Chỉ tiêu|Thời gian|Nội dung|Mục tiêu)\b")
_UNIT = (r"(?:[Cc]ác\s+)?(?:Sở|Ban|UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Văn phòng|Công an|Bộ Chỉ huy|Bộ đội|"
         r"Kho bạc|Cục|Chi cục|Trung tâm|Thanh tra|Đài|Báo|Tỉnh đoàn|Hội|Liên đoàn|Liên minh|Bảo hiểm|Ngân hàng|"
         r"Nhà đầu tư|Công ty|Tập đoàn|Phòng|Viện|Trường|Quỹ|Hội đồng|Đoàn|Mặt trận|Chủ đầu tư|Chủ tịch|"
         r"Thủ trưởng|Giám đốc|thành viên|cơ quan|đơn vị|địa phương|sở|huyện|xã|phường|Công chức|Bộ phận|Trạm|"
         r"Chi nhánh|Tổng công ty|Hợp tác xã|Trưởng|Cảng vụ|Bộ Chỉ huy|Ban Chỉ huy)\b")
_STOP = (r"chủ trì|phối hợp|có trách nhiệm|tham mưu|khẩn trương|tập trung|chủ động|thực hiện|tổ chức|hướng dẫn|"
         r"rà soát|xây dựng|hoàn thành|hoàn thiện|nghiên cứu|đẩy nhanh|tiếp tục|theo dõi|báo cáo|triển khai|kiểm tra|"
         r"đôn đốc|quan tâm|bám sát|cung cấp|nâng cao|thẩm định|trình|lập|cập nhật|xác định|đề xuất|sớm|kịp thời|"
         r"tăng cường|ban hành|bố trí|giải quyết|xem xét|hỗ trợ|làm việc|căn cứ|là|để|trong|trước|với|cần|phải|"
         r"được|khi|theo|thường xuyên|nghiêm túc|quyết liệt|chỉ đạo|khắc phục|đảm bảo|bảo đảm|phát huy|"
         r"huy động|giao|nộp|gửi|điều chỉnh|chịu trách nhiệm|ghi nhận|đánh giá|nhất trí|đồng ý|cam kết|sớm|đã|đang|"
         r"sẽ|chưa|vẫn|còn|cũng|luôn")
_UNIT_PHRASE = re.compile(rf"^(?P<unit>{_UNIT}(?:(?!\s(?:{_STOP})\b)(?:\s[^\s,;:.()]+|,\s(?=(?:thành phố|phường|"
                          rf"đặc khu|thị xã|ban|ngành|đoàn thể|huyện|xã)\b)[^\s,;:.()]+)){{0,12}})")
# `Các Sở: Tài chính, Nội vụ …` introduces a list of units, it is no run-in head.
_LIST_INTRO = re.compile(r"\b[Cc]ác\s+(?:sở|Sở|Bộ|bộ|xã|phường|huyện|ban|ngành|đơn vị|cơ quan)$")
_LIST_LEAD = re.compile(rf"^[Cc]ác\s+(?P<kind>sở|Sở|Bộ|bộ|xã|phường|huyện)\s*:\s*(?P<list>.+?)\s+(?:{_STOP})\b")
_ASSIGN = re.compile(r"^(?:Giao(?:\s+cho)?|Yêu cầu|Đề nghị|Chỉ đạo)\s+")
_FINAL = (".", ";", "!", "?", "…")


@record(frozen=False)
class Entry:
    """A node being read: the label as printed, its style and depth, and what follows the label."""

    style: str
    label: str
    rest: str
    line: Line
    depth: int = 0  # components of a decimal label (2.1. → 2)
    heading: str = ""
    text: str = ""
    run_in: bool | None = None
    emphasis: str = "plain"
    paragraphs: list[str] = field(default_factory=list)
    children: list[Entry] = field(default_factory=list)
    lead: str | list[str] = ""
    support: list[str] = field(default_factory=list)
    due: PartialDate | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def rank(self) -> int:
        """Return the entry's place on the ladder: Mục, khoản, 2.1., điểm, `-`, `+`."""
        return self.depth if self.style == "decimal" else _RANK.get(self.style, 99)


def classify(line: Line) -> Entry:
    """Read a paragraph's label: roman, decimal, letters, dash, plus, or none."""
    text = line.text
    for style, pattern in (("roman", _ROMAN), ("decimal", _DECIMAL), ("letters", _LETTER), ("dash", _BULLET)):
        match = pattern.match(text)
        if match:
            label = match["label"]
            if style == "dash" and label == "+":
                style = "plus"
            depth = len([p for p in label.split(".") if p]) if style == "decimal" else 0
            return Entry(style, label, match["rest"], line, depth)
    return Entry("none", "", text, line)


def punctuation_only(text: str) -> bool:
    """Tell whether a paragraph holds no words (a line of dots): a spec writes it as a node, not a list item."""
    return not text.strip(" ;:.,…\u00a0-_")


def build_tree(lines: list[Line]) -> list[Entry]:
    """Nest the paragraphs by their labels; an unlabelled paragraph follows the node before it."""
    top: list[Entry] = []
    stack: list[Entry] = []
    for line in lines:
        entry = classify(line)
        if entry.style == "none":
            entry.text = entry.rest
            holder = stack[-1] if stack else None
            if holder is None:
                top.append(entry)
            elif not holder.children and not punctuation_only(entry.rest):
                holder.paragraphs.append(entry.rest)
            else:
                holder.children.append(entry)
            continue
        while stack and stack[-1].rank >= entry.rank:
            stack.pop()
        (stack[-1].children if stack else top).append(entry)
        stack.append(entry)
    return top


def expected_label(style: str, ordinal: int, stem: str) -> str:
    """Return the label ttbgen prints for a style and ordinal (compose.derive.label)."""
    labels = {"decimal": f"{stem}{ordinal}.", "roman": f"{roman(ordinal)}.", "letters": f"{letter(ordinal - 1)})",
              "dash": "-", "plus": "+"}
    return labels.get(style, "")


def fix_labels(nodes: list[Entry], stem: str, notes_for: Notes, path: str) -> None:
    """Keep a node's style only where ttbgen would print the same label; otherwise keep the text as written."""
    seen: dict[str, int] = {}
    for i, node in enumerate(nodes):
        if node.style != "none":
            want = expected_label(node.style, seen.get(node.style, 0) + 1, stem)
            if f"{want} {node.rest}" != node.line.text:  # ttbgen prints the label and one space
                node.notes.append(_("labelled '{label}' in the original where ttbgen would number it '{want}'; "
                                    "kept as written").format(label=node.label, want=want))
                node.style, node.text, node.label = "none", node.line.text, ""
        if node.style != "none":
            seen[node.style] = seen.get(node.style, 0) + 1
        child_stem = node.label if node.style == "decimal" else ""
        fix_labels(node.children, child_stem, notes_for, f"{path}[{i}].items")


_CONTINUE = (r"(?:\s[^\s,;:.()]+|,\s(?=(?:thành phố|phường|đặc khu|thị xã|ban|ngành|đoàn thể|huyện|xã)\b)"
             r"[^\s,;:.()]+)")
# A unit that acts: the shortest unit phrase followed by a verb of assignment, a colon or the end.
_NOT_ACTING = {"ghi nhận", "đánh giá", "nhất trí", "đồng ý", "cam kết", "là", "để", "trong", "trước", "với", "khi",
               "theo", "được", "căn cứ", "đã", "đang", "sẽ", "chưa", "vẫn", "còn", "cũng", "luôn"}
_ACT = "|".join(v for v in _STOP.split("|") if v not in _NOT_ACTING)
_ACTING = re.compile(rf"^(?P<unit>{_UNIT}(?:(?!\s(?:{_STOP})\b){_CONTINUE}){{0,12}}?)(?=\s*(?::|$)|\s(?:{_ACT})\b)")


_VAGUE = re.compile(r"^[Cc]ác\s+(?:cơ quan|đơn vị|địa phương|cấp|ngành)$")


def unit_of(text: str, acting: bool = False) -> str:
    """Return the unit a text names first (`Sở Tài chính chủ trì …` → Sở Tài chính), or "".

    With `acting`, only a unit that acts: followed by a verb of assignment, a colon or nothing.
    """
    match = (_ACTING if acting else _UNIT_PHRASE).match(text)
    if not match:
        return ""
    unit = match["unit"].strip()
    return unit if len(unit.split()) >= 2 and not _VAGUE.match(unit) else ""  # "các cơ quan" names no one


def listed_units(text: str) -> list[str]:
    """Return the units of `Các Sở: Tài chính, Nội vụ, Ban Dân tộc tỉnh chủ trì …`, each with its kind."""
    match = _LIST_LEAD.match(text)
    if not match:
        return []
    kind = match["kind"].capitalize()
    return [u if unit_of(u) else f"{kind} {u}" for u in (x.strip() for x in match["list"].split(", ")) if u]


def lead_of(entry: Entry) -> str | list[str]:
    """Return the lead unit(s) a node names: its run-in head, a listed group, or the unit its text assigns."""
    head = entry.heading.rstrip(": ")
    if head and not _TOPIC.match(head) and unit_of(head) and len(head.split()) <= 16:
        return head
    for text in (entry.heading, entry.text, *entry.paragraphs[:1]):
        units = listed_units(_ASSIGN.sub("", text, count=1))
        if units:
            return units if len(units) > 1 else units[0]
        body = _ASSIGN.sub("", text, count=1) if text else ""
        unit = unit_of(body, acting=body == text) if body else ""
        if unit:
            return unit
    return ""


_SUPPORT = re.compile(r"\bphối hợp(?:\s+(?:với|cùng))?\s+")
# A supporting unit: the shortest unit phrase that ends at punctuation, `và`, or a verb.
_NAMED = re.compile(rf"^(?P<unit>{_UNIT}(?:(?!\s(?:{_STOP})\b){_CONTINUE}){{0,12}}?)"
                    rf"(?=\s*(?:[,;.:)]|$)|\s(?:{_STOP})\b)")


def support_of(entry: Entry) -> list[str]:
    """Return the named units a task's text says support it: `phối hợp với Sở Tài chính` (not `các cơ quan`)."""
    out: list[str] = []
    for text in (entry.text, *entry.paragraphs[:1]):
        for match in _SUPPORT.finditer(text or ""):
            named = _NAMED.match(text[match.end():])
            unit = named["unit"] if named and len(named["unit"].split()) >= 2 else ""
            if unit and unit[0].isupper() and not unit.startswith("Các ") and unit not in out:
                out.append(unit)
    return [u for u in out if u != entry.lead]


def emphasis_of(line: Line, label: str, head: str) -> str:
    """Return how a run-in head is set off from its text: bold, italic, or plain (as the text)."""
    start = len("".join(label.split()))
    size = len("".join(head.split()))
    marks, rest = line.marks[start:start + size], line.marks[start + size + 1:]
    if not marks or len(line.marks) != len("".join(line.text.split())):
        return "plain"  # formatting the reader could not align with the text
    if set(marks) <= {"b", "B"} and not (rest and set(rest) <= {"b", "B"}):
        return "bold"
    if set(marks) <= {"i", "B"} and not (rest and set(rest) <= {"i", "B"}):
        return "italic"
    return "plain"


def split_heading(entry: Entry, top: bool) -> None:
    """Split a labelled paragraph into heading and text: a heading-only line, a run-in head, or text."""
    rest = entry.rest
    has_more = bool(entry.children or entry.paragraphs)
    if entry.style == "roman" and rest != rest.upper():
        entry.text = rest
        entry.notes.append(_("the Mục title is not in capitals (docs/decree30.md §3); kept as written, as text"))
        return
    if has_more and len(rest) <= 200 and not rest.endswith(_FINAL):
        entry.heading = rest
        entry.emphasis = "plain" if top else emphasis_of(entry.line, entry.label, rest)
        return
    match = _RUN_IN.match(rest)
    head = match["head"] if match else ""
    if match and not _LIST_INTRO.search(head) and (
            _TOPIC.match(head) or unit_of(head) == head or match["text"][0].islower()):
        entry.heading, entry.text = head, match["text"]
        entry.run_in = True if top else None
        entry.emphasis = emphasis_of(entry.line, entry.label, head)
        return
    entry.text = rest


def as_due(deadline: Deadline) -> PartialDate:
    """Return a dated deadline as a spec's `due`: a day, a month (within it), or a year."""
    assert deadline.date is not None
    if deadline.precision == "month":
        return PartialDate(deadline.date.year, deadline.date.month)
    if deadline.precision == "year":
        return PartialDate(deadline.date.year)
    return PartialDate(deadline.date.year, deadline.date.month, deadline.date.day)


def due_of(text: str, issued: dt.date | None, after: dt.date | None = None) -> PartialDate | None:
    """Return the latest deadline a text states (spec.deadlines reads the phrases; `issued` dates a phrase
    without a year), not before the meeting (`after`): an earlier date is a reference, not a deadline."""
    after = after or issued
    dated = [d for d in find_deadlines(text, issued) if d.date is not None and (after is None or d.date >= after)
             and MIN_YEAR <= d.date.year <= MAX_YEAR]  # a typed 2206 for 2026 is no deadline a spec can hold
    return as_due(max(dated, key=lambda d: d.date or dt.date.min)) if dated else None


def finish(nodes: list[Entry], top: bool, issued: dt.date | None, meeting: dt.date | None) -> None:
    """Split headings, find leads and deadlines, in every node of the tree."""
    for node in nodes:
        if node.style != "none":
            split_heading(node, top)
        node.lead = lead_of(node)
        node.support = support_of(node) if node.lead else []
        node.due = due_of(" ".join([node.heading, node.text, *node.paragraphs]), issued, meeting)
        if node.due is not None and node.due.month is None and not node.lead:
            node.due = None  # "trong năm 2026" with no one to do it is a general aim, not a task's deadline
        finish(node.children, False, issued, meeting)


def read_content(lines: list[Line], issued: dt.date | None, meeting: dt.date | None, notes: Notes) -> list[Entry]:
    """Read the content paragraphs (without the opening and the closing) into a tree."""
    tree = build_tree(lines)
    fix_labels(tree, "", notes, "content")
    finish(tree, True, issued or meeting, meeting)
    return tree
