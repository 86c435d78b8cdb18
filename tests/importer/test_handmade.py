"""Notices typed by hand in Word (tests/check/d30notice.py lays them out as clerks do), written the many ways
Vietnamese offices write them: import → build gives the same text, and the tasks carry the leads and deadlines
the text states. The grammar below is the general case of the genre, not any one notice."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Any

import d30notice
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from roundtrip import compare

from ttbgen.build.pipeline import Builder
from ttbgen.check.dump import paragraph_texts
from ttbgen.importer.api import import_files
from ttbgen.spec.load import load_spec
from ttbgen.spec.model import iter_tasks
from ttbgen.spec.office import load_office
from ttbgen.vn import short_date

EXAMPLES_N = int(os.environ.get("TTBGEN_IMPORT_EXAMPLES", "200")) // 4

PROVINCES = ["LẠNG SƠN", "QUẢNG TRỊ", "LÂM ĐỒNG", "NGHỆ AN", "CAO BẰNG"]
UNITS = ["Sở Tài chính", "Sở Xây dựng", "Sở Y tế", "Sở Khoa học và Công nghệ", "Sở Nội vụ", "Công an tỉnh",
         "UBND các xã, phường", "Ban Quản lý các khu công nghiệp", "Văn phòng UBND tỉnh", "Sở Giáo dục và Đào tạo"]
VERBS = ["chủ trì, phối hợp với các cơ quan liên quan rà soát", "khẩn trương hoàn thiện", "tham mưu UBND tỉnh ban hành",
         "tổ chức kiểm tra", "tập trung chỉ đạo triển khai"]
OBJECTS = ["kế hoạch chuyển đổi số", "hồ sơ dự án", "danh mục đầu tư công năm 2026", "phương án giải phóng mặt bằng",
           "báo cáo đánh giá kết quả thực hiện"]
TOPICS = ["Về công tác chỉ đạo, điều hành", "Về giải ngân vốn đầu tư công", "Về cải cách hành chính",
          "Về công tác an sinh xã hội"]
MEETINGS = [("hop", "cuộc họp nghe báo cáo tiến độ các dự án trọng điểm"),
            ("hoi-nghi", "Hội nghị tổng kết công tác năm 2025"),
            ("lam-viec", "buổi làm việc với Sở Y tế về công tác khám, chữa bệnh")]
CHAIRS = [("đồng chí Nguyễn Văn Bình, Phó Chủ tịch UBND tỉnh", "Nguyễn Văn Bình"),
          ("đồng chí Hồ Thị Lan - Tỉnh ủy viên, Chủ tịch UBND tỉnh", "Hồ Thị Lan"), ("Chủ tịch UBND tỉnh", "")]
DAY = dt.date(2026, 3, 2)


@st.composite
def deadline(draw: st.DrawFn) -> str:
    """A deadline phrase after the meeting, or none."""
    days = draw(st.integers(1, 200))
    due = DAY + dt.timedelta(days=days)
    return draw(st.sampled_from(["", f"; hoàn thành trước ngày {short_date(due)}",
                                 f", xong trong tháng {due.month}/{due.year}",
                                 f"; báo cáo UBND tỉnh trước ngày {short_date(due)}"]))


@st.composite
def task(draw: st.DrawFn) -> tuple[str, str]:
    """A task's wording without its label, and the unit it names."""
    unit = draw(st.sampled_from(UNITS))
    act = f"{draw(st.sampled_from(VERBS))} {draw(st.sampled_from(OBJECTS))}{draw(deadline())}."
    form = draw(st.sampled_from(["run-in", "giao", "subject"]))
    if form == "run-in":
        return f"{unit}: {act[0].upper()}{act[1:]}", unit
    if form == "giao":
        return f"Giao {unit} {act}", unit
    return f"{unit} {act}", unit


@st.composite
def sections(draw: st.DrawFn) -> list[str]:
    """Numbered sections (1. or I.) with points (a), 1.1.) and bullets, as the genre writes them."""
    roman = draw(st.booleans())
    out: list[str] = []
    for s, topic in enumerate(draw(st.lists(st.sampled_from(TOPICS), min_size=1, max_size=3, unique=True)), start=1):
        label = f"{d30notice_roman(s)}." if roman else f"{s}."
        out.append(f"{label} {topic.upper() if roman else topic}")
        if draw(st.booleans()):
            out.append("Các cơ quan, đơn vị đã tích cực triển khai nhiệm vụ được giao.")
        style = draw(st.sampled_from(["letters", "decimal", "dash"]))
        for p in range(1, draw(st.integers(1, 4)) + 1):
            text = draw(task())[0]
            point = {"letters": f"{'abcdđeg'[p - 1]})", "decimal": f"{s}.{p}." if not roman else f"{p}.",
                     "dash": "-"}[style]
            out.append(f"{point} {text}")
            if style != "dash" and draw(st.booleans()):
                out += [f"- {draw(st.sampled_from(VERBS)).capitalize()} {o}." for o in OBJECTS[:2]]
    return out


def d30notice_roman(n: int) -> str:
    """Return a small Roman numeral."""
    return ["I", "II", "III", "IV"][n - 1]


@st.composite
def notices(draw: st.DrawFn) -> dict[str, Any]:
    """A hand-made notice's parts for d30notice.build."""
    province = draw(st.sampled_from(PROVINCES))
    _kind, meeting = draw(st.sampled_from(MEETINGS))
    chair, _name = draw(st.sampled_from(CHAIRS))
    opening = f"Ngày {short_date(DAY)}, {chair} đã chủ trì {meeting}."
    if draw(st.booleans()):
        opening += " Tham dự có lãnh đạo các sở, ngành liên quan."
    second = f"Sau khi nghe báo cáo và ý kiến của các đại biểu, {chair} kết luận như sau:"
    body = [opening, second] if draw(st.booleans()) else [f"{opening} {second}"]
    body += draw(sections())
    closing = draw(st.sampled_from(["", "Ủy ban nhân dân tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện."]))
    body += [closing] if closing else []
    body[-1] = body[-1].rstrip(".") + "./."
    recipients = ["- Như trên;", "- Chủ tịch, các PCT UBND tỉnh;"]
    if draw(st.booleans()):
        recipients += ["- Văn phòng UBND tỉnh:", "+ LĐVP, TH;", "+ Lưu: VT, KT."]
    else:
        recipients += ["- Lưu: VT, TH."]
    number = draw(st.sampled_from(["Số: /TB-UBND", "Số: 125/TB-UBND", "Số: 07/TB-UBND"]))
    return {"agency": ["ỦY BAN NHÂN DÂN", f"TỈNH {province}"], "number": number,
            "date": f"{province.title()}, ngày 05 tháng 3 năm 2026",
            "title": f"Kết luận của {chair} tại {meeting}", "body": body, "recipients": recipients,
            "authority": draw(st.sampled_from([["TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG"], ["KT. CHỦ TỊCH"],
                                               ["TM. ỦY BAN NHÂN DÂN"]])),
            "signer_title": draw(st.sampled_from(["PHÓ CHÁNH VĂN PHÒNG", "PHÓ CHỦ TỊCH", "CHỦ TỊCH"])),
            "name": draw(st.sampled_from(["Vũ Quang Khánh", "Lê Thị Hoa"]))}


@given(notices())
@settings(max_examples=EXAMPLES_N, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_handmade_notices_rebuild_their_text_and_tasks(parts: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        docx = d30notice.build(folder / "notice.docx", **parts)
        written = import_files([docx], folder / "specs")[0]
        rebuilt = Builder(folder / "out").build(written.spec)[0].output
        match = compare(paragraph_texts(docx), paragraph_texts(rebuilt))
        assert (match.missing, match.extra) == ([], []), written.spec.read_text("utf-8")
        notice = load_spec(written.spec, load_office)
        assert [k for k, name in MEETINGS if parts["title"].endswith(name)] == [notice.meeting.kind]
        assert notice.meeting.date == DAY
        tasks = list(iter_tasks(notice))
        stated = [t for t in parts["body"] if "trước ngày" in t or "trong tháng" in t]
        assert len([t for t in tasks if t.due is not None]) >= len(stated)
        for line in parts["body"]:
            for unit in UNITS:
                if line.split(" ", 1)[-1].startswith((f"{unit}:", f"Giao {unit} ")):
                    assert any(unit in t.lead for t in tasks), (unit, line)
