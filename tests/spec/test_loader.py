"""The spec loader: strings stay strings, and every mistake is located at file:line:col with its key path."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from ttbgen.errors import SpecError
from ttbgen.spec.load import load_spec
from ttbgen.spec.model import Notice
from ttbgen.spec.office import load_office

BASE = """\
office: ubnd-lang-son
date: 2024-02-05
meeting:
  date: 2024-02-01
  name: cuộc họp nghe báo cáo tiến độ
  chair: {name: Nguyễn Văn A, title: Phó Chủ tịch UBND tỉnh}
"""


def load(tmp_path: Path, text: str, name: str = "x.yaml") -> Notice:
    """Write a spec and load it."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_spec(path, load_office, display=name)


def error(tmp_path: Path, text: str) -> str:
    """Load a spec that must fail and return its message."""
    with pytest.raises(SpecError) as info:
        load(tmp_path, text)
    return info.value.render()


def test_minimal_spec_loads(tmp_path: Path) -> None:
    notice = load(tmp_path, BASE)
    assert notice.meeting.chair.name == "Nguyễn Văn A"
    assert notice.signer.title == "CHÁNH VĂN PHÒNG"  # the office's default signer


def test_wrong_type(tmp_path: Path) -> None:
    assert error(tmp_path, BASE + "tasks: [a, b]\n") == (
        "x.yaml:7:8: tasks: expected a mapping (key: value lines), got a list")


def test_bad_date(tmp_path: Path) -> None:
    text = BASE.replace("date: 2024-02-01", "date: 01/02/2024")
    assert error(tmp_path, text) == (
        "x.yaml:4:9: meeting.date: expected a date like 2024-01-31 (or 2024-01 / 2024 for a draft), got '01/02/2024'")


def test_date_not_in_calendar(tmp_path: Path) -> None:
    text = BASE.replace("date: 2024-02-01", "date: 2024-02-30")
    assert error(tmp_path, text) == (
        "x.yaml:4:9: meeting.date: '2024-02-30' is not a date in the calendar (month 2 has no day 30)")


def test_unknown_key_with_suggestion(tmp_path: Path) -> None:
    assert error(tmp_path, BASE + "sigener: {title: a, name: b}\n") == (
        "x.yaml:7:1: sigener: unknown key 'sigener'; did you mean 'signer'?")
    assert error(tmp_path, BASE.replace("  name: cuộc", "  nam: cuộc")) == (
        "x.yaml:5:3: meeting.nam: unknown key 'nam'; did you mean 'name'?")


def test_duplicate_key(tmp_path: Path) -> None:
    assert error(tmp_path, BASE + "date: 2024-03-01\n") == (
        "x.yaml:7:1: date: duplicate key 'date' (first defined at line 2)")


def test_yaml_syntax_error(tmp_path: Path) -> None:
    assert error(tmp_path, BASE + "title: [unclosed\n") == (
        "x.yaml:7:8: YAML syntax error: the '[' opened here is never closed: end the list with ']' on this line, "
        "or write it as lines starting with '- ' (check the indentation and the quotes on this line)")


def test_tab_indentation(tmp_path: Path) -> None:
    message = error(tmp_path, BASE + "signer:\n\ttitle: x\n")
    assert message.startswith("x.yaml:8:1: YAML syntax error: ")
    assert message.endswith("(indent with spaces, not tabs)")


def test_missing_required(tmp_path: Path) -> None:
    assert error(tmp_path, "office: ubnd-lang-son\ndate: 2024\n") == (
        "x.yaml:1:1: missing required key 'meeting': The meeting the notice concludes.")


def test_unknown_office(tmp_path: Path) -> None:
    assert error(tmp_path, BASE.replace("ubnd-lang-son", "ubnd-lang-so")) == (
        "x.yaml:1:9: office: unknown office 'ubnd-lang-so'; did you mean 'ubnd-lang-son'? (a new office of your "
        "own: ttbgen new-office ubnd-lang-so)")
    message = error(tmp_path, BASE.replace("ubnd-lang-son", "tinh-khac"))
    assert message.startswith("x.yaml:1:9: office: unknown office 'tinh-khac'; known offices: ")
    assert "ubnd-lang-son" in message


def test_yaml_surprises_stay_text(tmp_path: Path) -> None:
    notice = load(tmp_path, BASE.replace("cuộc họp nghe báo cáo tiến độ", "045") + (
        "title: no\nclosing: '1:30'\nassessment: {paragraphs: [045, no, 1:30, yes, 0x1F, 1e3, .inf]}\n"))
    assert notice.meeting.name == "045"
    assert notice.title == "no"
    assert notice.closing == "1:30"
    assert notice.assessment is not None
    assert notice.assessment.paragraphs == ("045", "no", "1:30", "yes", "0x1F", "1e3", ".inf")


def test_special_characters_and_nfd_become_nfc(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", "Sở Tài chính & Cộng sự <X> \"quote\" 'q'")
    notice = load(tmp_path, BASE + f"title: '{nfd.replace(chr(39), chr(39) * 2)}'\n")
    assert notice.title == "Sở Tài chính & Cộng sự <X> \"quote\" 'q'"
    assert unicodedata.is_normalized("NFC", notice.title)


def test_document_number(tmp_path: Path) -> None:
    assert load(tmp_path, BASE + "number: 5\n").number == "5"
    assert load(tmp_path, BASE + "number: ~\n").number == ""
    assert error(tmp_path, BASE + "number: 045\n") == (
        "x.yaml:7:9: number: '045': Decree 30 pads only numbers below 10; write 45")
    assert error(tmp_path, BASE + "number: 5a\n") == (
        "x.yaml:7:9: number: expected a document number like 5 or 123 (or ~ for a draft), got '5a'")


def test_party_style_authority_is_refused(tmp_path: Path) -> None:
    text = BASE + "signer: {authority: [T/L. CHỦ TỊCH], title: Chánh Văn phòng, name: B}\n"
    assert error(tmp_path, text) == (
        "x.yaml:7:22: signer.authority[0]: 'T/L. CHỦ TỊCH': administrative documents write TM. KT. TL. TUQ. Q. "
        "(with a dot), not T/M, K/T, T/L")


def test_signer_lines_are_upper_cased(tmp_path: Path) -> None:
    notice = load(tmp_path, BASE + "signer: {authority: tl. chủ tịch, title: Phó Chánh Văn phòng, name: Vũ B}\n")
    assert notice.signer.authority == ("TL. CHỦ TỊCH",)
    assert notice.signer.title == "PHÓ CHÁNH VĂN PHÒNG"


def test_aliases_and_python_tags_are_refused(tmp_path: Path) -> None:
    assert error(tmp_path, BASE + "title: &t abc\nclosing: *t\n") == (
        "x.yaml:7:8: anchors and aliases (&, *) are not supported; write the value out")
    assert error(tmp_path, BASE + "title: !!python/object:os.system x\n") == (
        "x.yaml:7:8: title: the tag !!python/object:os.system is not allowed in a spec; remove it")


def test_archive_under_must_be_last_group(tmp_path: Path) -> None:
    text = BASE + ("recipients: [{Văn phòng UBND tỉnh: [TH]}, Sở Y tế]\n"
                   "archive: {units: VT, under: Văn phòng UBND tỉnh}\n")
    assert error(tmp_path, text) == (
        "x.yaml:8:10: archive.under: archive.under must name the last recipient group, so that the Lưu line "
        "comes last (docs/decree30.md §6); 'Văn phòng UBND tỉnh' is not it; move that group to the end of the "
        "recipients")


def test_empty_and_non_utf8_files(tmp_path: Path) -> None:
    assert error(tmp_path, "") == "x.yaml:1:1: the spec is empty; write one with `ttbgen new FILE --office NAME`"
    path = tmp_path / "x.yaml"
    path.write_bytes(BASE.replace("Nguyễn", "Nguy\u1ec5n").encode("utf-8").replace("ễ".encode(), b"\xde"))
    with pytest.raises(SpecError) as info:
        load_spec(path, load_office, display="x.yaml")
    assert info.value.render().startswith("x.yaml:6:")
    assert "not UTF-8" in info.value.render()


def test_utf16_with_bom_loads(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(BASE.encode("utf-16"))
    assert load_spec(path, load_office).meeting.chair.name == "Nguyễn Văn A"


def test_colon_inside_text_explains_quoting(tmp_path: Path) -> None:
    text = BASE + "recipients:\n  - Các sở: Tài chính, Nội vụ\n"
    assert error(tmp_path, text) == (
        "x.yaml:8:5: recipients[0]: a ': ' inside a recipient line starts a group in YAML; put the whole line "
        "in quotes, or give the group a list: 'Văn phòng UBND tỉnh: [LĐVP, TH]'")
    text = BASE + "title:\n  Kết luận: họp\n"
    assert error(tmp_path, text) == (
        "x.yaml:8:3: title: expected a text, got a mapping: a ': ' inside a text starts a key in YAML; "
        "put the whole text in quotes")


def test_empty_lead_unit_is_refused(tmp_path: Path) -> None:
    text = BASE + "tasks: {items: [{lead: '', text: Chủ trì.}]}\n"
    assert error(tmp_path, text) == (
        "x.yaml:7:24: tasks.items[0].lead: a unit name is empty; write the unit, or remove the line")
