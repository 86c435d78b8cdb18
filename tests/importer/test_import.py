"""`ttbgen import`: the CLI, the YAML writer, notes, offices, deadlines, OCR copies, `--from`."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from paths import EXAMPLES, ROOT

from ttbgen.cli import main
from ttbgen.importer.body import due_of
from ttbgen.importer.notes import Notes
from ttbgen.importer.yamlout import plain_data, plain_ok, read_back, to_yaml
from ttbgen.spec.load import load_spec
from ttbgen.spec.office import load_office
from ttbgen.vn import PartialDate

LANG_SON = EXAMPLES / "lang-son-2022-08-mtqg.txt"


def built_example(tmp_path: Path) -> Path:
    """Build specs/example.yaml into tmp_path."""
    from ttbgen.build.pipeline import Builder

    return Builder(tmp_path / "built").build(ROOT / "specs" / "example.yaml")[0].output


def test_import_writes_a_spec_that_loads(tmp_path: Path) -> None:
    docx = built_example(tmp_path)
    result = CliRunner().invoke(main, ["import", str(docx), "-o", str(tmp_path / "specs")])
    assert result.exit_code == 0, result.output
    spec = tmp_path / "specs" / "example.yaml"
    assert f"wrote {spec}" in result.output
    notice = load_spec(spec, load_office)
    assert notice.office.key == "ubnd-lang-son" and notice.meeting.chair.name == "Nguyễn Văn Bình"
    text = spec.read_text("utf-8")
    assert "\ntitle:" not in text and "\nopening:" not in text  # derived wording equal to the original: not repeated
    assert "[" not in text.split("content:")[1]  # block lists, never [...] for prose


def test_import_never_overwrites(tmp_path: Path) -> None:
    docx = built_example(tmp_path)
    (tmp_path / "example.yaml").write_text("keep", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(docx), "-o", str(tmp_path)])
    assert result.exit_code == 2 and "already exists" in result.output
    assert (tmp_path / "example.yaml").read_text("utf-8") == "keep"


def test_unknown_header_writes_the_implied_profile(tmp_path: Path) -> None:
    text = LANG_SON.read_text("utf-8").replace("TỈNH LẠNG SƠN", "TỈNH CAO BẰNG").replace("Lạng Sơn, ngày",
                                                                                       "Cao Bằng, ngày")
    source = tmp_path / "cao-bang.txt"
    source.write_text(text, encoding="utf-8")
    profile = tmp_path / "out" / "offices" / "cao-bang-profile.yaml"
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(tmp_path / "out"),
                                       "--office-profile", str(profile)])
    assert result.exit_code == 0, result.output
    assert "no office profile" in result.output  # said on stderr (CliRunner mixes the streams)
    office = load_office("cao-bang-profile", tmp_path / "out")
    assert office.agency == ("ỦY BAN NHÂN DÂN", "TỈNH CAO BẰNG") and office.place == "Cao Bằng"
    assert office.symbol == "UBND" and office.signer is not None and office.signer.name == "Vũ Quang Khánh"
    assert load_spec(tmp_path / "out" / "cao-bang.yaml", load_office).office.key == "cao-bang-profile"


def test_what_cannot_be_read_is_said_in_the_spec_and_on_stderr(tmp_path: Path) -> None:
    lines = LANG_SON.read_text("utf-8").splitlines()
    cut = lines.index("Nơi nhận:")
    source = tmp_path / "no-recipients.txt"
    source.write_text("\n".join(lines[:cut] + lines[cut + 6:]), encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    spec = (tmp_path / "no-recipients.yaml").read_text("utf-8")
    note = "# import: the recipients list (Nơi nhận) was not found; the office's is used"
    line = spec.splitlines().index(note) + 1
    assert f"no-recipients.yaml:{line}: the recipients list (Nơi nhận) was not found" in result.output


def test_a_copy_without_diacritics_is_named_as_such(tmp_path: Path) -> None:
    plain = "".join(c for c in unicodedata.normalize("NFD", LANG_SON.read_text("utf-8"))
                    if not unicodedata.combining(c)).replace("đ", "d").replace("Đ", "D")
    source = tmp_path / "ocr.txt"
    source.write_text(plain, encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(tmp_path), "--office", "ubnd-lang-son"])
    assert result.exit_code == 0, result.output
    assert "no Vietnamese diacritics" in result.output
    assert "OCR" in (tmp_path / "ocr.yaml").read_text("utf-8")


def test_without_a_header_the_office_named_in_the_text_is_taken_and_said(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["import", str(EXAMPLES / "mai-son-2024-01-mtqg.txt"), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "the header was not found; the office is UBND tỉnh Mai Sơn" in result.output
    assert load_spec(tmp_path / "mai-son-2024-01-mtqg.yaml", load_office).office.key == "ubnd-mai-son"


def test_no_header_and_no_office_named_is_a_clear_error(tmp_path: Path) -> None:
    source = tmp_path / "x.txt"
    source.write_text((EXAMPLES / "mai-son-2024-01-mtqg.txt").read_text("utf-8").replace("Mai Sơn", "Hà Giang"),
                      encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "--office" in result.output
    assert not (tmp_path / "out").exists()


def test_from_starts_a_new_notice(tmp_path: Path) -> None:
    new = tmp_path / "new.yaml"
    result = CliRunner().invoke(main, ["import", "--from", str(LANG_SON), str(new)])
    assert result.exit_code == 0, result.output
    notice = load_spec(new, load_office)
    assert notice.number == "" and notice.date.day is None
    assert notice.signer.name == "Vũ Quang Khánh" and notice.recipients[0].text == "Thường trực HĐND tỉnh"
    assert notice.meeting.name == "…" and "opening" not in new.read_text("utf-8")
    assert [n.heading for n in notice.content] == ["Nhận định chung", "Nhiệm vụ thời gian tới"]


def test_from_needs_two_files(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["import", "--from", str(LANG_SON)])
    assert result.exit_code == 2 and "two files" in result.output


def test_deadline_phrases() -> None:
    meeting = dt.date(2024, 1, 10)
    assert due_of("xong trong tháng 01/2024; xong trước ngày 15/02/2024", meeting) == PartialDate(2024, 2, 15)
    assert due_of("hoàn thành trong tháng 8/2024", meeting) == PartialDate(2024, 8)
    assert due_of("Nghị quyết số 01/2022/NQ-HĐND ngày 06/4/2022", meeting) is None  # a date alone is no deadline
    assert due_of("hoàn thành trong Quý II/2026", meeting) == PartialDate(2026, 6, 30)
    assert due_of("báo cáo hằng tháng", meeting) is None
    assert due_of("trước ngày 20/12/2023", meeting) is None  # before the meeting: a reference, not a deadline


def test_yaml_writer_quotes_only_where_yaml_needs_it() -> None:
    assert plain_ok("Sở Tài chính") and plain_ok("045") and plain_ok("2024-01")
    for text in ("Các sở: Tài chính", "a #b", "~", "", "- x", "[x]", " x", "null", "'x"):
        assert not plain_ok(text), text
    notes = Notes()
    notes.add("recipients", "the recipients list was not found")
    text = to_yaml({"office": "x", "recipients": ["a"]}, notes)
    assert "# import: the recipients list was not found\nrecipients:\n  - a\n" in text


TEXTS = st.text(st.characters(blacklist_categories=["Cs"]), max_size=200)


@given(st.dictionaries(st.text("abc_", min_size=1, max_size=5), st.one_of(TEXTS, st.lists(TEXTS, max_size=3)),
                       min_size=1, max_size=4))
def test_yaml_writer_reads_back_what_it_wrote(data: dict[str, object]) -> None:
    assert read_back(to_yaml(data)) == plain_data(data)


def test_tab_separated_header_and_footer_are_read_as_columns(tmp_path: Path) -> None:
    lines = LANG_SON.read_text("utf-8").splitlines()
    header = ["ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "TỈNH LẠNG SƠN\tĐộc lập - Tự do - Hạnh phúc",
              "Số: /TB-UBND\tLạng Sơn, ngày tháng 8 năm 2022"]
    label = lines.index("Nơi nhận:")
    footer = ["Nơi nhận:\tTL. CHỦ TỊCH", "- Thường trực HĐND tỉnh;\tKT. CHÁNH VĂN PHÒNG",
              "- Lưu: VT, KT (VAT).\tPHÓ CHÁNH VĂN PHÒNG", "\tVũ Quang Khánh"]
    source = tmp_path / "tabs.txt"
    source.write_text("\n".join(header + lines[6:label] + footer), encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    notice = load_spec(tmp_path / "tabs.yaml", load_office)
    assert notice.office.key == "ubnd-lang-son" and notice.date == PartialDate(2022, 8)
    assert [r.text for r in notice.recipients] == ["Thường trực HĐND tỉnh"] and notice.archive.units == "VT, KT (VAT)"
    assert notice.signer.authority == ("TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG")
    assert notice.signer.name == "Vũ Quang Khánh"


NOTICES = Path(__file__).parent / "notices"


def test_a_notice_of_another_office_reads_into_structure(tmp_path: Path) -> None:
    """A Văn phòng notice typed by hand: a working session, the chair named by title, Roman sections, tasks
    with leads, support and deadlines of every kind, `–` bullets kept as written, its office implied."""
    from roundtrip import round_trip

    match, spec = round_trip(NOTICES / "lam-viec-so-y-te.txt", tmp_path)
    assert (match.missing, match.extra) == ([], [])
    office = load_office("van-phong-ubnd-quang-tri", tmp_path)
    assert office.supervising == ("UBND TỈNH QUẢNG TRỊ",) and office.agency == ("VĂN PHÒNG",)
    notice = load_spec(spec, load_office)
    m = notice.meeting
    assert (m.kind, m.date, m.place, m.chair.title, m.chair.name) == (
        "lam-viec", dt.date(2026, 3, 12), "tại trụ sở UBND tỉnh", "Chủ tịch UBND tỉnh", "")
    from ttbgen.spec.model import iter_tasks

    tasks = {t.number: t for t in iter_tasks(notice)}
    assert tasks["II.1"].lead == ("Sở Y tế",)
    assert tasks["II.1.a"].due == PartialDate(2026, 4, 30) and tasks["II.1.b"].due == PartialDate(2026, 6, 30)
    assert (tasks["II.2"].lead, tasks["II.2"].support, tasks["II.2"].due) == (
        ("Sở Nội vụ",), ("Sở Y tế",), PartialDate(2026, 6))
    assert tasks["II.3"].lead == ("Bảo hiểm xã hội tỉnh",) and tasks["II.4"].lead == ("Văn phòng UBND tỉnh",)
    assert "kept as written" in spec.read_text("utf-8")  # the – bullets, said


def test_the_before_and_after_of_the_docs_is_what_import_writes(tmp_path: Path) -> None:
    import re

    doc = (ROOT / "docs" / "import.md").read_text("utf-8")
    shown = re.search(r"same \d+ paragraphs:\n\n```yaml\n(.*?)```", doc, re.S)
    assert shown is not None
    result = CliRunner().invoke(main, ["import", str(ROOT / "docs" / "import-example.txt"), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    written = (tmp_path / "import-example.yaml").read_text("utf-8")
    assert written.split("\n", 2)[2] == shown.group(1)  # the two header comment lines name the file


@pytest.mark.parametrize("source", sorted(NOTICES.glob("*.txt")), ids=lambda p: p.stem)
def test_hand_typed_notices_round_trip_with_their_tasks(source: Path, tmp_path: Path) -> None:
    """Notices of other offices and levels typed by hand (a Sở's inspection, a commune's giao ban, …)."""
    from roundtrip import round_trip

    from ttbgen.spec.model import iter_tasks

    match, spec = round_trip(source, tmp_path)
    assert (match.missing, match.extra) == ([], [])
    notice = load_spec(spec, load_office)
    tasks = list(iter_tasks(notice))
    phrases = re.compile(r"trước ngày|trong tháng|trong quý")
    dated = [line for line in source.read_text("utf-8").splitlines() if phrases.search(line)]
    assert len([t for t in tasks if t.due is not None]) == len(dated)
    assert all(unit in " ".join([t.text, *t.paragraphs]) for t in tasks for unit in t.lead)
    assert notice.meeting.date.year == 2026 and notice.meeting.chair.title


def test_another_place_is_another_office_and_never_shadows_a_profile(tmp_path: Path) -> None:
    source = tmp_path / "cao-loc.txt"
    source.write_text(LANG_SON.read_text("utf-8").replace("Lạng Sơn, ngày", "Cao Lộc, ngày"), encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    notice = load_spec(tmp_path / "cao-loc.yaml", load_office)
    assert notice.office.key == "ubnd-lang-son-2" and notice.office.place == "Cao Lộc"
    assert load_office("ubnd-lang-son", tmp_path).place == "Lạng Sơn"


def test_from_a_notice_of_an_office_without_a_profile_writes_the_profile_too(tmp_path: Path) -> None:
    source = tmp_path / "cao-bang.txt"
    source.write_text(LANG_SON.read_text("utf-8").replace("LẠNG SƠN", "CAO BẰNG").replace("Lạng Sơn, ngày",
                                                                                         "Cao Bằng, ngày"),
                      encoding="utf-8")
    new = tmp_path / "next" / "next.yaml"
    new.parent.mkdir()
    result = CliRunner().invoke(main, ["import", "--from", str(source), str(new)])
    assert result.exit_code == 0, result.output
    assert "office profile" in result.output
    notice = load_spec(new, load_office)
    assert notice.office.place == "Cao Bằng" and notice.signer.name == "Vũ Quang Khánh"
    assert notice.content[0].paragraphs == ("…",)


def test_unusable_files_are_refused_with_a_message(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("Thông báo".encode("utf-16-le"))
    (tmp_path / "junk.docx").write_bytes(b"not a zip")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    for name, says in (("empty.txt", "no text"), ("latin1.txt", "UTF-8"), ("junk.docx", "not a .docx"),
                       ("old.doc", "save it as .docx")):
        result = CliRunner().invoke(main, ["import", str(tmp_path / name), "-o", str(tmp_path / "out"),
                                           "--office", "ubnd-lang-son"])
        assert result.exit_code == 2 and says in result.output, (name, result.output)
    assert not (tmp_path / "out").exists()
