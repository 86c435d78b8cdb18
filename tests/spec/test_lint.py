"""Semantic warnings: each check warns at the right place with its exact message, and stays quiet otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest
from paths import SPECS

from ttbgen.build.pipeline import BatchError, build_all
from ttbgen.spec.lint import CHECKS, warnings_for
from ttbgen.spec.load import load_spec
from ttbgen.spec.office import load_office

BASE = """\
office: ubnd-lang-son
date: 2026-03-10
meeting:
  date: 2026-03-02
  name: cuộc họp nghe báo cáo tiến độ chuyển đổi số
  chair: {name: Nguyễn Văn Bình, title: Phó Chủ tịch UBND tỉnh}
tasks:
  heading: Nhiệm vụ thời gian tới
  items:
    - lead: Sở Tài chính
      text: Chủ trì tham mưu kế hoạch năm 2026.
      due: 2026-03-31
    - lead: [Sở Khoa học và Công nghệ, "UBND các xã, phường"]
      text: Kết nối dữ liệu.
recipients:
  - "Các sở: Tài chính, Khoa học và Công nghệ"
  - UBND các xã, phường
archive: VT, TH
"""


def warnings(tmp_path: Path, text: str) -> list[str]:
    """Load a spec and return its rendered warnings."""
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    return [w.render() for w in warnings_for(load_spec(path, load_office, display="x.yaml"))]


def edit(*pairs: tuple[str, str], text: str = BASE) -> str:
    """Replace text in the base spec, checking each piece is there."""
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def test_the_base_spec_has_no_warnings(tmp_path: Path) -> None:
    assert warnings(tmp_path, BASE) == []


def test_every_check_has_a_rule_id_and_a_docstring() -> None:
    for check in CHECKS:
        assert check.__doc__ and check.__doc__.count("\n") == 0, check.__name__
        assert check.__doc__.split(":")[0].replace("-", "").isalpha()


def test_deadline_before_meeting(tmp_path: Path) -> None:
    assert warnings(tmp_path, edit(("due: 2026-03-31", "due: 2026-02"))) == [
        "x.yaml:12:12: tasks.items[0].due: warning: the deadline 2026-02 is before the meeting (2026-03-02) "
        "[deadline-before-meeting]"]
    assert warnings(tmp_path, edit(("due: 2026-03-31", "due: 2026-03"))) == []  # within the meeting's month


def test_deadline_more_than_a_year_after(tmp_path: Path) -> None:
    assert warnings(tmp_path, edit(("due: 2026-03-31", "due: 2027-03-03"))) == [
        "x.yaml:12:12: tasks.items[0].due: warning: the deadline 2027-03-03 is more than a year after the meeting "
        "(2026-03-02); check the year [deadline-far]"]
    assert warnings(tmp_path, edit(("due: 2026-03-31", "due: 2027-03-02"))) == []
    assert warnings(tmp_path, edit(("due: 2026-03-31", "due: 2027-03"))) == []  # may mean 2027-03-01


def test_meeting_after_issue_date(tmp_path: Path) -> None:
    assert warnings(tmp_path, edit(("date: 2026-03-10", "date: 2026-03-01"))) == [
        "x.yaml:4:9: meeting.date: warning: the meeting (2026-03-02) is after the issue date (2026-03-01) "
        "[meeting-after-issue]"]
    assert warnings(tmp_path, edit(("date: 2026-03-10", "date: 2026-03"))) == []  # a draft: any day of March
    assert warnings(tmp_path, edit(("date: 2026-03-10", "date: 2026-02"), ("due: 2026-03-31", "due: 2026-04"))) == [
        "x.yaml:4:9: meeting.date: warning: the meeting (2026-03-02) is after the issue date (2026-02) "
        "[meeting-after-issue]"]


def test_lead_not_among_recipients(tmp_path: Path) -> None:
    text = edit(("[Sở Khoa học và Công nghệ, \"UBND các xã, phường\"]", "[Sở Khoa học và Công nghệ, Sở Y tế]"))
    assert warnings(tmp_path, text) == [
        "x.yaml:13:40: tasks.items[1].lead[1]: warning: 'Sở Y tế' leads a task but is not among the recipients "
        "(Nơi nhận) [lead-not-recipient]"]
    assert warnings(tmp_path, edit(("- lead: Sở Tài chính", "- lead: Sở Nội vụ"))) == [
        "x.yaml:10:13: tasks.items[0].lead: warning: 'Sở Nội vụ' leads a task but is not among the recipients "
        "(Nơi nhận) [lead-not-recipient]"]


def test_lead_covered_by_group_lines(tmp_path: Path) -> None:
    generic = edit(("- lead: Sở Tài chính", "- lead: Sở Nội vụ"),
                   ('  - "Các sở: Tài chính, Khoa học và Công nghệ"', "  - Các sở, ban, ngành tỉnh"))
    assert warnings(tmp_path, generic) == []
    as_attended = edit(("- lead: Sở Tài chính", "- lead: Sở Nội vụ"),
                       ("  - UBND các xã, phường\n", "  - UBND các xã, phường\n  - Như thành phần dự họp\n"))
    assert warnings(tmp_path, as_attended) == []
    assert warnings(tmp_path, edit(("- lead: Sở Tài chính", "- lead: Các sở, ngành liên quan"))) == []
    assert warnings(tmp_path, edit(("- lead: Sở Tài chính", "- lead: sở tài chính"))) == []


def test_district_units_after_july_2025(tmp_path: Path) -> None:
    text = edit(('"UBND các xã, phường"]', '"UBND các huyện, thành phố"]'),
                ("  - UBND các xã, phường\n", "  - UBND các xã, phường\n  - UBND huyện Cao Lộc\n"))
    assert warnings(tmp_path, text) == [
        "x.yaml:13:40: tasks.items[1].lead[1]: warning: 'UBND các huyện, thành phố' leads a task but is not among "
        "the recipients (Nơi nhận) [lead-not-recipient]",
        "x.yaml:13:40: tasks.items[1].lead[1]: warning: 'UBND các huyện': district-level units were abolished on "
        "1 July 2025 (docs/decree30.md §10); name the communes instead, e.g. 'UBND các xã, phường' "
        "[district-abolished]",
        "x.yaml:18:5: recipients[2]: warning: 'UBND huyện': district-level units were abolished on 1 July 2025 "
        "(docs/decree30.md §10); name the communes instead, e.g. 'UBND các xã, phường' [district-abolished]",
    ]


def test_district_words_in_text_and_units(tmp_path: Path) -> None:
    text = edit(("text: Kết nối dữ liệu.", "text: Phối hợp với Ủy ban nhân dân các huyện kết nối dữ liệu."),
                ("  - UBND các xã, phường\n", "  - UBND các xã, phường\n  - Huyện ủy Cao Lộc\n"))
    assert [w.split(": warning: ")[0] for w in warnings(tmp_path, text)] == [
        "x.yaml:14:13: tasks.items[1].text", "x.yaml:18:5: recipients[2]"]
    # Before 1 July 2025 districts existed; "huyện" in running text (history) is no unit.
    before = text.replace("date: 2026-03-10", "date: 2025-06-30").replace("date: 2026-03-02", "date: 2025-06-20")
    assert warnings(tmp_path, before.replace("due: 2026-03-31", "due: 2025-07-31")) == []
    history = edit(("text: Kết nối dữ liệu.", "text: Trước đây huyện Cao Lộc đã kết nối dữ liệu."))
    assert warnings(tmp_path, history) == []


def test_partial_issue_date_uses_the_meeting_date(tmp_path: Path) -> None:
    text = edit(("date: 2026-03-10", "date: 2025"), ("date: 2026-03-02", "date: 2025-06-20"),
                ("due: 2026-03-31", "due: 2025-07"), ("  - UBND các xã, phường\n", "  - UBND các huyện\n"),
                ('"UBND các xã, phường"]', "UBND các huyện]"))
    assert warnings(tmp_path, text) == []
    assert len(warnings(tmp_path, text.replace("date: 2025-06-20", "date: 2025-07-01"))) == 2


def office_profile(tmp_path: Path, province: str) -> None:
    """Write an office profile of a province next to the spec."""
    (tmp_path / "offices").mkdir(exist_ok=True)
    (tmp_path / "offices" / "ubnd-test.yaml").write_text(
        f"name: UBND tỉnh {province}\nagency: [ỦY BAN NHÂN DÂN, TỈNH {province.upper()}]\nplace: {province}\n"
        "symbol: UBND\nissuer_name: Ủy ban nhân dân tỉnh\nsigner: {title: CHÁNH VĂN PHÒNG, name: Lê Văn C}\n",
        encoding="utf-8")


def test_province_not_among_the_34(tmp_path: Path) -> None:
    office_profile(tmp_path, "Kon Tum")
    text = edit(("office: ubnd-lang-son", "office: ubnd-test"), ("  - UBND các xã, phường\n",
                                                                 "  - UBND các xã, phường\n  - UBND tỉnh Quảng Ngãi\n"))
    assert warnings(tmp_path, text) == [
        "x.yaml:1:9: office.name: warning: 'tỉnh Kon Tum' is not one of the 34 provinces and cities since "
        "1 July 2025 (docs/decree30.md §10) [province-not-current]",
        "x.yaml:1:9: office.agency[1]: warning: 'tỉnh KON TUM' is not one of the 34 provinces and cities since "
        "1 July 2025 (docs/decree30.md §10) [province-not-current]",
    ]
    assert warnings(tmp_path, text.replace("date: 2026-03-10", "date: 2025-06-30").replace(
        "date: 2026-03-02", "date: 2025-06-20").replace("due: 2026-03-31", "due: 2025-07-31")) == []


def test_current_provinces_and_stand_in_names(tmp_path: Path) -> None:
    office_profile(tmp_path, "Khánh Hoà")  # the new tone placement of Khánh Hòa: the same province
    text = edit(("office: ubnd-lang-son", "office: ubnd-test"),
                ("  - UBND các xã, phường\n", "  - UBND các xã, phường\n  - TT Tỉnh ủy (để b/c)\n"))
    assert warnings(tmp_path, text) == []
    mai_son = SPECS / "mai-son-2024-01-mtqg.yaml"
    rules = [w.rule for w in warnings_for(load_spec(mai_son, load_office))]
    assert "province-not-current" not in rules  # a stand-in name, dated 2024


def test_mixed_tone_marks(tmp_path: Path) -> None:
    text = edit(("text: Kết nối dữ liệu.", "text: Kết nối dữ liệu, hòa mạng; hoà giải; hòa hợp."))
    assert warnings(tmp_path, text) == [
        "x.yaml:14:13: tasks.items[1].text: warning: 'hoà' is spelled 'hòa' elsewhere in the notice (2×); "
        "place tone marks one way throughout [mixed-tone-marks]"]
    assert warnings(tmp_path, edit(("text: Kết nối dữ liệu.", "text: Hòa mạng, hòa hợp, quý, thủy lợi."))) == []


def test_mixed_tone_marks_against_the_office_header(tmp_path: Path) -> None:
    text = edit(("text: Kết nối dữ liệu.", "text: Báo cáo Uỷ ban nhân dân tỉnh."))
    assert warnings(tmp_path, text) == [
        "x.yaml:14:13: tasks.items[1].text: warning: 'Uỷ' is spelled 'ỦY' elsewhere in the notice (2×); "
        "place tone marks one way throughout [mixed-tone-marks]"]


def test_strict_makes_warnings_errors(in_tmp: Path) -> None:
    (in_tmp / "x.yaml").write_text(edit(("due: 2026-03-31", "due: 2026-02")), encoding="utf-8")
    assert build_all([Path("x.yaml")], in_tmp / "out")[0].warnings[0].rule == "deadline-before-meeting"
    with pytest.raises(BatchError) as info:
        build_all([Path("x.yaml")], in_tmp / "strict", strict=True)
    assert info.value.render() == ("x.yaml:12:12: tasks.items[0].due: the deadline 2026-02 is before the meeting "
                                   "(2026-03-02) [deadline-before-meeting]")
    assert not (in_tmp / "strict").exists()


def test_strict_via_the_cli(in_tmp: Path) -> None:
    cli = pytest.importorskip("ttbgen.cli", reason="the CLI imports modules other helpers are still writing")
    from click.testing import CliRunner

    (in_tmp / "x.yaml").write_text(edit(("due: 2026-03-31", "due: 2026-02")), encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["build", "x.yaml", "-o", "out", "--strict", "--no-check"])
    assert result.exit_code == 2, result.output
    assert result.stderr == ("x.yaml:12:12: tasks.items[0].due: the deadline 2026-02 is before the meeting "
                             "(2026-03-02) [deadline-before-meeting]\n"
                             "1 error(s); nothing was written: fix them and build again\n")
    assert not (in_tmp / "out").exists()


def test_decimal_point_in_a_percentage(tmp_path: Path) -> None:
    text = BASE + ("assessment: {paragraphs: ['Tỷ lệ hồ sơ trực tuyến đạt 61.25%, tăng 1.234 hồ sơ; "
                   "mục 2.1. không đổi.']}\n")
    spec = tmp_path / "x.yaml"
    spec.write_text(text, encoding="utf-8")
    notice = load_spec(spec, load_office, display="x.yaml")
    found = [w.render() for w in warnings_for(notice) if w.rule == "decimal-point"]
    assert found == ["x.yaml:19:27: assessment.paragraphs[0]: warning: '61.25%': Vietnamese writes a decimal comma, "
                     "61,25% [decimal-point]"]
    clean = BASE + "assessment: {paragraphs: ['Tỷ lệ đạt 61,2%; tăng 1.234 hồ sơ; Quyết định số 12.2024.']}\n"
    spec.write_text(clean, encoding="utf-8")
    assert not [w for w in warnings_for(load_spec(spec, load_office)) if w.rule == "decimal-point"]


def test_roman_section_numbers(tmp_path: Path) -> None:
    from ttbgen.compose.derive import body_blocks

    spec = tmp_path / "x.yaml"
    spec.write_text(BASE + "headings: roman\nassessment: {heading: Những kết quả đạt được, paragraphs: [Tốt.]}\n",
                    encoding="utf-8")
    blocks = body_blocks(load_spec(spec, load_office))
    heads = [(b["number"], b["text"]) for b in blocks if b["kind"] == "heading"]
    assert heads == [("I. ", "NHỮNG KẾT QUẢ ĐẠT ĐƯỢC"), ("II. ", "NHIỆM VỤ THỜI GIAN TỚI")]
    assert [b["number"] for b in blocks if b["kind"] == "point"] == ["a) ", "b) "]
