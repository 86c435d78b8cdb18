"""PDF output and the rendered-page checks, with a real LibreOffice (installed by .ci/run)."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from notices import build_notice
from paths import ROOT, spec_files

from ttbgen.check.findings import Finding, Level
from ttbgen.cli import main

needs_office = pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                                  reason="LibreOffice and poppler-utils are not installed (.ci/run installs them)")
BROKEN = {
    "narrow": {"right_column_cm": 8.0},
    "numbered": {"number_on_page_1": True},
    "alone": {"signature_alone": True},
    "letter": {"page_size_mm": (215.9, 279.4)},
    "split": {"signature_gap": 40},
}


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Finding]]:
    """Build every spec and every broken notice, render them all in one LibreOffice call, check them."""
    from ttbgen.build.pipeline import build_all
    from ttbgen.check.rendered import check_rendered

    folder = tmp_path_factory.mktemp("rendered")
    docs = [b.output for b in build_all(spec_files(), folder / "specs")]
    docs.append(build_notice(folder / "good.docx"))
    docs += [build_notice(folder / f"{name}.docx", **changes) for name, changes in BROKEN.items()]  # type: ignore[arg-type]
    findings = check_rendered(docs)
    return {doc.stem: [f for f in findings if f.location.file == str(doc)] for doc in docs}


def errors(findings: list[Finding]) -> list[str]:
    """Return the error and not-evaluated findings as text lines."""
    return [f.text_line() for f in findings if f.level in (Level.ERROR, Level.NOT_EVALUATED)]


@needs_office
def test_every_spec_passes_the_rendered_checks(rendered: dict[str, list[Finding]]) -> None:
    specs = {name: found for name, found in rendered.items() if name.split(".")[0] in {p.stem for p in spec_files()}}
    assert len(specs) >= len(spec_files())
    for name, found in specs.items():
        assert errors(found) == [], name


@needs_office
def test_a_good_hand_made_notice_passes(rendered: dict[str, list[Finding]]) -> None:
    assert errors(rendered["good"]) == []


@needs_office
@pytest.mark.parametrize(("name", "rule", "message"), [
    ("narrow", "render-national-one-line", "the Quốc hiệu wraps onto two lines: its column is too narrow"),
    ("numbered", "render-page-numbers", "page 1 shows a page number; Decree 30 numbers pages from 2"),
    ("alone", "render-signature-not-alone", "the Nơi nhận and signature block stand alone on page 3, without body"),
    ("split", "render-signature-not-alone", "the signature block continues alone on page 3, without body text"),
    ("letter", "render-a4", "page 1 is 215.9 × 279.4 mm, not A4 (210 × 297 mm)"),
])
def test_broken_documents_fail_their_check(rendered: dict[str, list[Finding]], name: str, rule: str,
                                           message: str) -> None:
    found = [f for f in rendered[name] if f.rule == rule and f.level is Level.ERROR]
    assert found, errors(rendered[name])
    assert found[0].message.startswith(message)
    assert found[0].location.file.endswith(f"{name}.docx")


@needs_office
def test_text_check_sees_a_lost_word(tmp_path: Path) -> None:
    from ttbgen.check.reader import read_document
    from ttbgen.check.rendered import Rendered, check_text_matches, read_pages
    from ttbgen.office.pdf import convert_to_pdf

    doc = build_notice(tmp_path / "n.docx")
    pages = read_pages(convert_to_pdf([doc])[0])
    assert list(check_text_matches(Rendered(doc, read_document(doc), pages))) == []
    first = pages[0]
    dropped = [w for w in first.words if w.text != "NAM"]  # as if a font had no glyphs for a word
    broken = [replace(first, words=dropped), *pages[1:]]
    found = list(check_text_matches(Rendered(doc, read_document(doc), broken)))
    assert found and 'page 1: document "NAM", PDF ""' in found[0].message
    assert found[0].location.page == 1


@needs_office
def test_pdf_command_and_build_pdf(tmp_path: Path) -> None:
    runner = CliRunner()
    spec = ROOT / "specs" / "example.yaml"
    built = runner.invoke(main, ["build", str(spec), "-o", str(tmp_path), "--pdf", "--no-check"])
    assert built.exit_code == 0, built.output + built.stderr
    assert (tmp_path / "example.pdf").read_bytes().startswith(b"%PDF-")
    again = runner.invoke(main, ["pdf", str(tmp_path / "example.docx"), "-o", str(tmp_path / "pdf")])
    assert again.exit_code == 0, again.stderr
    assert (tmp_path / "pdf" / "example.pdf").exists()


@needs_office
def test_preview_writes_a_png_per_page(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["preview", str(ROOT / "specs" / "mai-son-2024-01-mtqg.yaml"), "-o",
                                       str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    pngs = sorted(tmp_path.glob("*.png"))
    assert len(pngs) >= 2
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in pngs)


@needs_office
def test_check_render_from_the_cli(tmp_path: Path) -> None:
    narrow = build_notice(tmp_path / "narrow.docx", right_column_cm=8.0)
    result = CliRunner().invoke(main, ["check", "--render", "--format", "github", str(narrow)])
    assert result.exit_code == 1
    assert "render-national-one-line" in result.output


def test_without_libreoffice_pdf_and_render_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TTBGEN_SOFFICE", str(tmp_path / "no-soffice-here"))
    runner = CliRunner()
    spec = ROOT / "specs" / "example.yaml"
    built = runner.invoke(main, ["build", str(spec), "-o", str(tmp_path / "out"), "--no-check"])
    assert built.exit_code == 0  # the other commands work
    doc = tmp_path / "out" / "example.docx"
    for args in (["pdf", str(doc)], ["check", "--render", str(doc)],
                 ["build", str(spec), "-o", str(tmp_path / "out2"), "--pdf", "--no-check"]):
        result = runner.invoke(main, args)
        assert result.exit_code == 2, args
        assert "is not an executable program" in result.stderr and "libreoffice-writer-nogui" in result.stderr
        assert "Traceback" not in result.stderr


def test_documents_with_the_same_name_are_rendered_in_separate_batches(tmp_path: Path) -> None:
    from ttbgen.check.rendered import batches

    a, b, c = tmp_path / "x" / "n.docx", tmp_path / "y" / "n.docx", tmp_path / "x" / "m.docx"
    assert batches([a, b, c]) == [[a, c], [b]]


def fake_soffice(folder: Path, body: str) -> Path:
    """Write a stand-in for soffice: a shell script with the given body."""
    script = folder / "fake-soffice"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(0o755)
    return script


@pytest.mark.parametrize(("body", "message"), [
    ("exit 0", "LibreOffice could not convert"),  # what soffice does when it cannot load a file
    ("echo boom >&2; exit 3", "LibreOffice failed (exit 3): boom"),
])
def test_a_failed_conversion_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str,
                                              message: str) -> None:
    from ttbgen.office.pdf import PdfError, convert_to_pdf

    monkeypatch.setenv("TTBGEN_SOFFICE", str(fake_soffice(tmp_path, body)))
    doc = build_notice(tmp_path / "n.docx")
    with pytest.raises(PdfError, match=re.escape(message)):
        convert_to_pdf([doc], tmp_path / "pdf")
    assert not (tmp_path / "pdf" / "n.pdf").exists()


def _gone(pid: int) -> bool:
    """Tell whether a process has ended (a zombie waiting for its parent counts as ended)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1].startswith("Z")
    except (FileNotFoundError, IndexError):
        return True


def test_a_hung_libreoffice_is_killed_with_its_children(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from ttbgen.office import pdf
    from ttbgen.office.pdf import PdfError, convert_to_pdf

    # Like soffice, the script starts a child (soffice.bin) and waits for it.
    pids = tmp_path / "pids"
    script = fake_soffice(tmp_path, f"sleep 300 & echo $! > {pids}; wait")
    monkeypatch.setenv("TTBGEN_SOFFICE", str(script))
    monkeypatch.setattr(pdf, "BASE_TIMEOUT", 1)
    monkeypatch.setattr(pdf, "PER_DOCUMENT", 0)
    with pytest.raises(PdfError, match="did not finish converting 1 document"):
        convert_to_pdf([build_notice(tmp_path / "n.docx")], tmp_path)
    child = int(pids.read_text())
    deadline = time.monotonic() + 5
    while not _gone(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(child)


def test_a_file_that_is_not_a_docx_is_refused_before_libreoffice(tmp_path: Path) -> None:
    from ttbgen.office.pdf import PdfError, convert_to_pdf

    # LibreOffice would happily turn it into a PDF of its bytes, read as plain text.
    (tmp_path / "n.docx").write_text("not a zip")
    with pytest.raises(PdfError, match=r"n.docx: not a .docx \(not a zip archive\)"):
        convert_to_pdf([tmp_path / "n.docx"], tmp_path)


@needs_office
def test_libreoffice_exits_0_on_a_file_it_cannot_load_and_ttbgen_sees_it(tmp_path: Path) -> None:
    import zipfile

    from ttbgen.office.pdf import PdfError, convert_to_pdf

    hollow = tmp_path / "hollow.docx"
    with zipfile.ZipFile(hollow, "w") as archive:
        archive.writestr("hello.txt", "no word/document.xml here")
    # Refused before LibreOffice sees it: LibreOffice would load other formats by their content (issue 13).
    cannot_load = r"hollow\.docx: not a Word document \(no word/document.xml"
    with pytest.raises(PdfError, match=cannot_load):
        convert_to_pdf([hollow], tmp_path / "pdf")
