"""The follow-up report: a Decree 30 "Báo cáo kết quả thực hiện nhiệm vụ", grouped by lead unit and status.

It is laid out like any ttbgen document (docs/decree30.md §2: Mẫu 1.4 with the type BÁO CÁO, code BC, §7.1) and
rendered through the shipped template `bao-cao-nhiem-vu`, found on the same search path as the notice
templates, so an office restyles it the same way.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from pathlib import Path

from ttbgen import __version__
from ttbgen.compose.context import Block, NoticeContext
from ttbgen.compose.derive import MOTTO, NATIONAL, RECIPIENTS_LABEL, Geometry, block, end_blocks, recipient_lines, rules
from ttbgen.errors import TtbgenError
from ttbgen.i18n import _
from ttbgen.render.engine import CompiledTemplate, DocumentInfo
from ttbgen.render.templates import custom_property_parts, find_template, load_manifest
from ttbgen.spec.model import Archive, Office, PartialDate, Recipient, Signer
from ttbgen.tasks.register import STATUSES, Task
from ttbgen.vn import date_line, letter, number_line, short_date

TEMPLATE = "bao-cao-nhiem-vu"
CONTENT_HASH = "ttbgen.content-sha256"
DEFAULT_RECIPIENTS = (Recipient("Chủ tịch, các PCT UBND tỉnh"),)


def _count(n: int) -> str:
    """Write a count as reports do: two digits below 10 (05 nhiệm vụ)."""
    return f"{n:02d}"


def _office(tasks: list[Task]) -> Office:
    """Return the one office whose notices assigned the tasks; a report speaks for one office."""
    offices = {t.notice.office: t.notice.profile for t in tasks}
    if len(offices) != 1:
        raise TtbgenError(_("a report covers the notices of one office, but these specs come from {n} ({keys}); "
                            "report them one office at a time").format(n=len(offices), keys=", ".join(offices)))
    office = next(iter(offices.values()))
    assert office is not None  # every register row is made with its office profile
    return office


def _notices(tasks: list[Task]) -> str:
    """Name the notices the tasks come from: "Thông báo số 15/TB-UBND ngày 09/3/2026", joined."""
    names = dict.fromkeys(f"Thông báo số {t.notice.reference}" + _issued(t.notice.date) for t in tasks)
    return ", ".join(names)


def _issued(date: str) -> str:
    """Return " ngày 09/3/2026" for a full issue date, "" for a draft's open one."""
    return f" ngày {short_date(dt.date.fromisoformat(date))}" if len(date) == 10 else ""


def summary_blocks(tasks: list[Task]) -> list[Block]:
    """Section 1: how many tasks, by status, and how many are overdue."""
    counts = Counter(t.status for t in tasks)
    parts = "; ".join(f"{word.lower()}: {_count(counts[word])}" for word in STATUSES if counts[word])
    overdue = sum(t.flag == "overdue" for t in tasks)
    return [block("heading", "Tổng hợp chung", "1. "),
            block("paragraph", f"Tổng số nhiệm vụ được giao: {_count(len(tasks))}; trong đó {parts}. "
                               f"Số nhiệm vụ quá hạn chưa hoàn thành: {_count(overdue)}.")]


def task_line(task: Task) -> str:
    """Describe one task in the report: its place in the notice, its words, its deadline and follow-up."""
    deadline = f"thời hạn: {task.deadline.label}" if task.deadline else "không ghi thời hạn"
    late = f"; {task.followup.lower()}" if task.followup else ""
    done = f"; hoàn thành ngày {short_date(dt.date.fromisoformat(task.done))}" if task.done else ""
    return f"Mục {task.number} Thông báo số {task.notice.reference}: {task.text.rstrip('.;:')} ({deadline}{done}{late})"


def listed(lines: list[str]) -> list[str]:
    """Punctuate the lines of a list as Vietnamese documents do: each ends with ";", the last with "."."""
    return [line + (";" if i < len(lines) - 1 else ".") for i, line in enumerate(lines)]


def unit_blocks(index: int, unit: str, tasks: list[Task]) -> list[Block]:
    """A lead unit's point: how many tasks, then its tasks under each status."""
    counts = Counter(t.status for t in tasks)
    parts = ", ".join(f"{word.lower()} {_count(counts[word])}" for word in STATUSES if counts[word])
    out = [block("point", f"{_count(len(tasks))} nhiệm vụ ({parts}).", f"{letter(index)}) ", f"{unit}: ")]
    for word in STATUSES:
        group = [t for t in tasks if t.status == word]
        if group:
            out.append(block("bullet", f"{word}:", "- "))
            out += [block("subbullet", line, "+ ") for line in listed([task_line(t) for t in group])]
    return out


def by_unit(tasks: list[Task]) -> dict[str, list[Task]]:
    """Group tasks by lead unit, in order of first appearance; a task led jointly counts under each lead."""
    groups: dict[str, list[Task]] = {}
    for task in tasks:
        for unit in task.lead or ("Nhiệm vụ chưa giao đơn vị chủ trì",):
            groups.setdefault(unit, []).append(task)
    return groups


def overdue_blocks(tasks: list[Task], as_of: dt.date) -> list[Block]:
    """Section 3: the tasks overdue on the report's day, the ones to chase."""
    late = [t for t in tasks if t.flag == "overdue"]
    out = [block("heading", f"Nhiệm vụ quá hạn chưa hoàn thành (đến ngày {short_date(as_of)})", "3. ")]
    if not late:
        return [*out, block("paragraph", "Không có nhiệm vụ quá hạn.")]
    lines = listed([f"{t.lead_text or 'Chưa giao đơn vị chủ trì'}: {task_line(t)}" for t in late])
    return out + [block("bullet", line, "- ") for line in lines]


def body(tasks: list[Task], office: Office, as_of: dt.date) -> list[Block]:
    """Lay out the report's content (ô 6), ending with `./.`."""
    opening = (f"Thực hiện nhiệm vụ theo dõi, đôn đốc việc thực hiện các nhiệm vụ được giao tại {_notices(tasks)}, "
               f"{office.issuer_name} báo cáo kết quả thực hiện đến ngày {short_date(as_of)} như sau:")
    out = [block("paragraph", opening), *summary_blocks(tasks),
           block("heading", "Kết quả thực hiện theo đơn vị chủ trì", "2. ")]
    for index, (unit, group) in enumerate(by_unit(tasks).items()):
        out += unit_blocks(index, unit, group)
    out += overdue_blocks(tasks, as_of)
    out.append(block("paragraph", f"Trên đây là báo cáo kết quả thực hiện nhiệm vụ được giao của "
                                  f"{office.issuer_name}."))
    return end_blocks(out)


def title(tasks: list[Task]) -> str:
    """Return the trích yếu: the results of the tasks of one notice, or of several."""
    notices = {t.notice.reference for t in tasks}
    if len(notices) == 1:
        return f"Kết quả thực hiện nhiệm vụ được giao tại {_notices(tasks)}"
    return "Kết quả thực hiện nhiệm vụ được giao tại các thông báo kết luận"


def signer_of(tasks: list[Task], office: Office) -> Signer:
    """Return who signs the report: the office's default signer, else the first notice's."""
    signer = office.signer or tasks[0].notice.signer
    assert signer is not None
    return signer


def report_context(tasks: list[Task], as_of: dt.date, doc_type: str, code: str, geo: Geometry) -> NoticeContext:
    """Build the template context of the report: the same NoticeContext a notice template sees."""
    office = _office(tasks)
    signer = signer_of(tasks, office)
    heading = title(tasks)
    archive = office.archive or Archive("VT")
    return {
        "supervising": list(office.supervising), "agency": list(office.agency),
        "number_line": number_line("", f"{code}-{office.symbol}"), "national": NATIONAL, "motto": MOTTO,
        "date_line": date_line(office.place, PartialDate(as_of.year, as_of.month, as_of.day)), "doc_type": doc_type,
        "title": heading, "body": body(tasks, office, as_of), "recipients_label": RECIPIENTS_LABEL,
        "recipients": recipient_lines(office.recipients or DEFAULT_RECIPIENTS, archive),
        "signer": {"authority": list(signer.authority), "title": signer.title, "name": signer.name},
        "rules": rules(list(office.agency), heading, geo),
    }


def render_report(tasks: list[Task], as_of: dt.date, spec_dir: Path | None, template: str = TEMPLATE) -> bytes:
    """Render the report .docx through the `bao-cao-nhiem-vu` template (or another) found near the specs."""
    if not tasks:
        raise TtbgenError(_("there are no tasks to report on: no point of these specs names a lead or a due"))
    folder = find_template(template, spec_dir)
    manifest = load_manifest(folder)
    context = report_context(tasks, as_of, manifest.doc_type_name, manifest.doc_type, manifest.geometry)
    info = DocumentInfo(title=context["title"], creator=_office(tasks).display_name, subject=manifest.subject,
                        created=dt.datetime(as_of.year, as_of.month, as_of.day, tzinfo=dt.UTC), keywords=manifest.name)

    def stamp(template: dict[str, bytes], rendered: dict[str, bytes]) -> dict[str, bytes]:
        content = hashlib.sha256(rendered["word/document.xml"]).hexdigest()
        return custom_property_parts(template, {"ttbgen.version": __version__, "ttbgen.template": manifest.name,
                                                "ttbgen.template-version": manifest.version,
                                                "ttbgen.template-sha256": manifest.sha256, CONTENT_HASH: content})

    return CompiledTemplate(folder / "template.docx").render(context, info, stamp)

