"""`ttbgen new`: a commented starter spec for an office, which builds as it is."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ttbgen.errors import OutputError
from ttbgen.i18n import _
from ttbgen.spec.model import Office
from ttbgen.vn import short_date

_STARTER = """\
# A new meeting notice for {office_name}. Replace the example text, then run:
#     ttbgen build {file}
# Every key is explained in docs/spec.md; `ttbgen schema` prints the JSON Schema for your editor.

office: {office}
template: {template}
number: ~                       # blank until the notice is registered (Số:      /{type}-{symbol})
date: {year}-{month:02d}                  # issue date; a draft may leave the day open (2026-03)

meeting:
  date: {today}
  time: 14 giờ 00               # used by the invitation (giay-moi)
  name: cuộc họp nghe báo cáo tình hình thực hiện nhiệm vụ
  place: tại trụ sở {issuer}
  chair: {{name: Nguyễn Văn A, title: Phó Chủ tịch UBND tỉnh}}
  attendees:                    # a list, or one sentence used as written
    - lãnh đạo các sở, ngành liên quan
    - lãnh đạo Văn phòng UBND tỉnh
  heard: [báo cáo của các cơ quan, đơn vị, ý kiến của các đại biểu dự họp]

assessment:
  heading: Đánh giá chung
  paragraphs:
    - Các cơ quan, đơn vị đã tích cực triển khai nhiệm vụ được giao và đạt nhiều kết quả.

tasks:
  heading: Nhiệm vụ trong thời gian tới
  items:                        # a) b) c) …
    - heading: Sở Tài chính     # printed before the text: "a) Sở Tài chính: …"
      lead: Sở Tài chính        # the unit responsible
      due: {due}
      text: Chủ trì, phối hợp với các cơ quan liên quan tham mưu UBND tỉnh; hoàn thành trước ngày {due_text}.

recipients:                     # one line each; "Group: [lines]" nests one level
{recipients}
# archive: VT, TH               # the Lưu line; omitted → the office's default ({archive})
# signer: omitted → the office's default signer ({signer})
"""


def starter_spec(office: Office, template: str, file: str, today: dt.date) -> str:
    """Return the text of a starter spec for an office."""
    due = today + dt.timedelta(days=30)
    # The task's lead unit is among the recipients, so the starter raises no semantic warning.
    lines = [r.text for r in office.recipients if not r.children] or ["Chủ tịch, các PCT UBND tỉnh"]
    lines += [] if "Sở Tài chính" in lines else ["Sở Tài chính"]
    signer = office.signer
    return _STARTER.format(
        office_name=office.display_name, file=file, office=office.key, template=template,
        type="GM" if template == "giay-moi" else "TB", symbol=office.symbol, year=today.year, month=today.month,
        today=today.isoformat(), issuer=office.issuer_name.replace("Ủy ban nhân dân", "UBND"),
        due=due.isoformat(), due_text=short_date(due),
        recipients="\n".join(f'  - "{line}"' for line in lines),
        archive=f"Lưu: {office.archive.units}" if office.archive else "Lưu: VT",
        signer=" / ".join([*signer.authority, signer.title, signer.name]) if signer else _("none: add one"),
    )


def write_starter(path: Path, text: str) -> None:
    """Write a new spec, never over an existing file."""
    try:
        with path.open("x", encoding="utf-8") as fh:
            fh.write(text)
    except FileExistsError:
        raise OutputError(_("{path} already exists; choose another name").format(path=path)) from None
    except OSError as exc:
        raise OutputError(_("{path}: cannot write: {reason}").format(path=path, reason=exc.strerror)) from None
