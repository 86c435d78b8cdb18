"""Sign-ready PDF: PDF/A-2b with embedded fonts and the notice's properties, and the signature and seal areas,
for a commune's own office from `ttbgen new-office` to PDF (issue 16), in a folder with Vietnamese letters
and spaces in its name."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from ttbgen.cli import main

needs_office = pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdffonts") is None,
                                  reason="LibreOffice and poppler-utils are not installed (.ci/run installs them)")


def run(*args: str) -> str:
    """Run ttbgen, expect success, return its output."""
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def pdfa_identification(pdf: Path) -> tuple[str, str]:
    """Return (part, conformance) of the PDF/A identification in the XMP metadata (element or attribute form)."""
    data = pdf.read_bytes().decode("latin-1")
    found = {}
    for key in ("part", "conformance"):
        match = re.search(rf"pdfaid:{key}(?:>|=\")([^<\"]+)", data)
        found[key] = match.group(1) if match else ""
    return found["part"], found["conformance"]


def fonts(pdf: Path) -> list[tuple[str, str]]:
    """Return (font name, embedded yes/no) for each font, from pdffonts."""
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    return [(line.split()[0], line.split()[-5]) for line in out.splitlines()[2:] if line.strip()]


def info(pdf: Path) -> dict[str, str]:
    """Return the document properties pdfinfo reads."""
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, _s, v in (line.partition(":") for line in out.splitlines())}


@pytest.fixture(scope="module")
def commune(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A commune's folder: its own office profile from new-office, a spec from new, built to PDF/A."""
    import os

    folder = tmp_path_factory.mktemp("x") / "Văn bản xã Hòa Bình"
    folder.mkdir()
    old = Path.cwd()
    os.chdir(folder)
    try:
        run("new-office", "ubnd-xa-hoa-binh")
        profile = Path("offices/ubnd-xa-hoa-binh.yaml")
        profile.write_text(profile.read_text(encoding="utf-8").replace("TÂN THANH", "HÒA BÌNH")
                           .replace("Tân Thanh", "Hòa Bình"), encoding="utf-8")
        run("new", "--office", "ubnd-xa-hoa-binh", "họp giao ban.yaml")
        if shutil.which("soffice"):
            run("build", "họp giao ban.yaml", "--pdf-a")
        else:
            run("build", "họp giao ban.yaml")
    finally:
        os.chdir(old)
    return folder


def test_a_commune_notice_from_new_office_builds_and_checks_clean(commune: Path) -> None:
    docx = commune / "out" / "họp giao ban.docx"
    report = run("check", str(docx))
    assert "0 error(s), 0 warning(s)" in report
    text = run("dump", str(docx))
    assert "XÃ HÒA BÌNH" in text and "Hòa Bình, ngày" in text
    assert "Phó Chủ tịch UBND xã" in text and "tỉnh" not in text and "các sở" not in text


@needs_office
def test_pdf_a_is_identified_and_embeds_every_font(commune: Path) -> None:
    pdf = commune / "out" / "họp giao ban.pdf"
    assert pdfa_identification(pdf) == ("2", "B")
    found = fonts(pdf)
    assert found and all(embedded == "yes" for _name, embedded in found), found


@needs_office
def test_pdf_properties_carry_the_title_number_and_date(commune: Path) -> None:
    props = info(commune / "out" / "họp giao ban.pdf")
    assert props["Title"].startswith("Kết luận của đồng chí")
    assert "Số: /TB-UBND" in props["Subject"] and "Hòa Bình, ngày" in props["Subject"]
    assert props["Author"] == "UBND xã Hòa Bình"


@needs_office
def test_a_plain_pdf_is_not_pdf_a(commune: Path, tmp_path: Path) -> None:
    run("pdf", str(commune / "out" / "họp giao ban.docx"), "-o", str(tmp_path))
    assert pdfa_identification(tmp_path / "họp giao ban.pdf") == ("", "")


@needs_office
def test_positions_give_the_signature_room_between_title_and_name(commune: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["pdf", "--pdf-a", "--positions", "-o", str(tmp_path / "có dấu cách"),
                                       str(commune / "out" / "họp giao ban.docx")])
    assert result.exit_code == 0, result.output
    [found] = json.loads(result.stdout)
    assert found["page"] == found["pages"] == 1 and found["origin"] == "bottom-left"
    assert found["signer"]["title"] == "TL. CHỦ TỊCH / CHÁNH VĂN PHÒNG"
    sig, seal = found["signature"], found["seal"]
    width, height = found["page_size"]
    # Right half of the page, above the bottom margin; about 2–4 cm of room for the signature (Phụ lục I).
    assert width / 2 - 20 < sig["x"] and sig["x"] + sig["width"] < width - 15 * 72 / 25.4
    assert 40 < sig["height"] < 150
    # The seal is as tall as the room and its right third overlaps the signature's left third.
    assert seal["y"] == sig["y"] and seal["height"] == sig["height"]
    assert sig["x"] < seal["x"] + seal["width"] <= sig["x"] + sig["width"] / 3 + 0.2
    # The name sits just below the room: pdftotext finds it there.
    name_top = height - sig["y"]
    assert found["signer"]["name"] and name_top > height / 2 - 300


def test_positions_without_a_recipients_block_is_a_clear_error() -> None:
    from ttbgen.office.pdf import PdfError
    from ttbgen.office.positions import Line, Page, signature_block

    page = Page(1, 595, 842, [Line("Một đoạn văn", 85, 100, 500, 118)])
    with pytest.raises(PdfError, match="Nơi nhận"):
        signature_block([page])


def test_the_signature_room_is_the_first_tall_gap_of_the_right_column() -> None:
    from ttbgen.office.positions import Line, Page, signature_block

    lines = [Line("Nơi nhận:", 85, 480, 136, 496), Line("- Lưu: VT.", 85, 500, 150, 512),
             Line("KT. CHỦ TỊCH", 356, 480, 452, 498), Line("PHÓ CHỦ TỊCH", 340, 498, 470, 516),
             Line("Trần Văn B", 352, 600, 455, 618), Line("Ghi chú dưới", 352, 640, 455, 650),
             Line("Trang cuối", 300, 800, 340, 812)]  # a footer further down than the room is tall
    page, above, name = signature_block([Page(2, 595, 842, []), Page(3, 595, 842, lines)])
    assert page.number == 3 and [ln.text for ln in above] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert name.text == "Trần Văn B"


def test_a_signature_block_without_room_is_a_clear_error() -> None:
    from ttbgen.office.pdf import PdfError
    from ttbgen.office.positions import Line, Page, signature_block

    lines = [Line("Nơi nhận:", 85, 480, 136, 496), Line("CHÁNH VĂN PHÒNG", 340, 480, 470, 498),
             Line("Trần Văn B", 352, 500, 455, 518)]
    with pytest.raises(PdfError, match="no room for the signature"):
        signature_block([Page(1, 595, 842, lines)])


@needs_office
def test_a_temporary_folder_with_vietnamese_letters_and_spaces(commune: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows puts the temporary folder (and so LibreOffice's private profile) under the user's name."""
    import tempfile

    from ttbgen.office.pdf import convert_to_pdf

    temp = tmp_path / "Nguyễn Văn A" / "AppData Local Temp"
    temp.mkdir(parents=True)
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    [pdf] = convert_to_pdf([commune / "out" / "họp giao ban.docx"], tmp_path / "Bản PDF", pdf_a=True)
    assert pdf.name == "họp giao ban.pdf" and pdfa_identification(pdf) == ("2", "B")


@needs_office
def test_positions_of_a_pdf_made_elsewhere_and_of_a_docx_in_the_order_given(commune: Path, tmp_path: Path) -> None:
    pdf = commune / "out" / "họp giao ban.pdf"
    docx = commune / "out" / "họp giao ban.docx"
    result = CliRunner().invoke(main, ["pdf", "--positions", "-o", str(tmp_path), str(pdf), str(docx)])
    assert result.exit_code == 0, result.output
    first, second = json.loads(result.stdout)
    assert first["file"] == str(pdf) and second["file"] == str(tmp_path / "họp giao ban.pdf")
    assert first["signature"] == second["signature"]


def test_a_pdf_without_positions_or_not_a_pdf_is_a_clear_error(tmp_path: Path) -> None:
    fake = tmp_path / "a.pdf"
    fake.write_text("not a pdf")
    runner = CliRunner()
    plain = runner.invoke(main, ["pdf", str(fake)])
    assert plain.exit_code == 2 and "is a PDF already" in plain.output
    if shutil.which("pdftotext"):
        measured = runner.invoke(main, ["pdf", "--positions", str(fake)])
        assert measured.exit_code == 2 and "pdftotext could not read it" in measured.output
    missing = runner.invoke(main, ["pdf", "--positions", str(tmp_path / "none.pdf")])
    assert missing.exit_code == 2 and "no such file" in missing.output and "Traceback" not in missing.output
