"""`ttbgen new`: a commented starter spec for an office, which builds as it is."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ttbgen.files import write_new
from ttbgen.i18n import N_, _
from ttbgen.records import record
from ttbgen.spec.model import Office
from ttbgen.vn import short_date

# Translated as a whole (N_ now, _() where used): a Vietnamese clerk gets the comments in Vietnamese.
_STARTER = N_("""\
# A new meeting notice for {office_name}. Replace the example text, then run:
#     ttbgen build {file}
# `ttbgen schema` prints every key with its meaning (a JSON Schema your editor can use).
# Write prose lists one item a line ("- …"): inside [ ] every comma starts a new item, and after a
# space, # starts a comment that is not printed; put a text with " #" or ": " in quotes.

office: {office}
template: {template}
number: ~                       # blank until the notice is registered (Số:      /{type}-{symbol})
date: {year}-{month:02d}                  # issue date; a draft may leave the day open (2026-03)

meeting:
  date: {today}
  time: 14 giờ 00               # used by the invitation (giay-moi)
  name: cuộc họp nghe báo cáo tình hình thực hiện nhiệm vụ
  place: tại trụ sở {issuer}
  chair: {{name: Nguyễn Văn A, title: {chair}}}
  attendees:                    # a list, or one sentence used as written
{attendees}
  heard:
    - báo cáo của các cơ quan, đơn vị
    - ý kiến của các đại biểu dự họp

assessment:
  heading: Đánh giá chung
  paragraphs:
    - Các cơ quan, đơn vị đã tích cực triển khai nhiệm vụ được giao và đạt nhiều kết quả.

tasks:
  heading: Nhiệm vụ trong thời gian tới
  items:                        # a) b) c) …
    # lead: the unit responsible; the text does not name it, so it is printed before the text as
    # "a) {lead}: Chủ trì …" (write `heading: ""` to leave it out).
    - lead: {lead}
      due: {due}
      text: Chủ trì, phối hợp với các cơ quan liên quan tham mưu {advises}; hoàn thành trước ngày {due_text}.

recipients:                     # one line each; "Group: [lines]" nests one level
{recipients}
# archive: VT, TH               # the Lưu line; omitted → the office's default ({archive})
# signer: omitted → the office's default signer ({signer})
""")


@record
class Voice:
    """How a starter spec talks for one level of government: who chairs, who attends, who leads a task."""

    chair: str
    attendees: tuple[str, ...]
    lead: str
    advises: str
    recipients: str


_COMMUNE_LEVELS = ("XÃ", "PHƯỜNG", "ĐẶC KHU")  # the commune level since 1 July 2025 (docs/decree30.md §10)


def voice(office: Office) -> Voice:
    """Return the voice of an office, read from its last agency line: a commune, a ward, a special zone, a Sở, a
    centrally-run city or a province (the default)."""
    last = office.agency[-1] if office.agency else ""
    level = next((word for word in _COMMUNE_LEVELS if last.startswith(word + " ")), "")
    if level:
        unit = f"UBND {level.lower()}"
        lead = "Phòng Kinh tế, Hạ tầng và Đô thị" if level == "PHƯỜNG" else "Phòng Kinh tế"
        return Voice(f"Phó Chủ tịch {unit}", (f"lãnh đạo các phòng chuyên môn thuộc {unit}",
                     f"lãnh đạo Văn phòng HĐND và {unit}"), lead, unit, f"Chủ tịch, các PCT {unit}")
    if last.startswith("SỞ "):
        return Voice("Phó Giám đốc Sở", ("lãnh đạo các phòng, đơn vị thuộc Sở",), "Văn phòng Sở",
                     "Giám đốc Sở", "Giám đốc, các Phó Giám đốc Sở")
    # Since 2025 a "thành phố" in the header is one of the six centrally-run cities, a province's peer.
    unit = "UBND thành phố" if last.startswith("THÀNH PHỐ ") else "UBND tỉnh"
    return Voice(f"Phó Chủ tịch {unit}", ("lãnh đạo các sở, ngành liên quan", f"lãnh đạo Văn phòng {unit}"),
                 "Sở Tài chính", unit, f"Chủ tịch, các PCT {unit}")


def command_arg(text: str) -> str:
    """Return a file name as it is typed in a command: in double quotes when it holds a space (bash, PowerShell
    and cmd all read "họp giao ban.yaml" as one argument)."""
    return f'"{text}"' if any(c.isspace() for c in text) else text


def starter_spec(office: Office, template: str, file: str, today: dt.date) -> str:
    """Return the text of a starter spec for an office."""
    due = today + dt.timedelta(days=30)
    talk = voice(office)
    # The task's lead unit is among the recipients, so the starter raises no semantic warning.
    lines = [r.text for r in office.recipients if not r.children] or [talk.recipients]
    lines += [] if talk.lead in lines else [talk.lead]
    signer = office.signer
    return _(_STARTER).format(
        chair=talk.chair, attendees="\n".join(f"    - {a}" for a in talk.attendees), lead=talk.lead,
        advises=talk.advises,
        office_name=office.display_name, file=command_arg(file), office=office.key, template=template,
        type="GM" if template == "giay-moi" else "TB", symbol=office.symbol, year=today.year, month=today.month,
        today=today.isoformat(), issuer=office.issuer_name.replace("Ủy ban nhân dân", "UBND"),
        due=due.isoformat(), due_text=short_date(due),
        recipients="\n".join(f'  - "{line}"' for line in lines),
        archive=f"Lưu: {office.archive.units}" if office.archive else "Lưu: VT",
        signer=" / ".join([*signer.authority, signer.title, signer.name]) if signer else _("none: add one"),
    )


def write_starter(path: Path, text: str) -> None:
    """Write a new spec, never over an existing file (its folder must exist, as before)."""
    write_new(path, text.encode("utf-8"), _("{path} already exists; choose another name"), make_folder=False)
