"""Messages a clerk can act on: the wrong kind of file for a command, the batch summary, nothing half-written."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from click.testing import CliRunner, Result
from paths import SPECS

from ttbgen.cli import main


def run(*args: str) -> Result:
    """Invoke the CLI and return its result (stdout and stderr apart)."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_build_given_a_docx_points_to_check(in_tmp: Path) -> None:
    (in_tmp / "notice.docx").write_bytes(b"PK\x03\x04")
    result = run("build", "notice.docx")
    assert result.exit_code == 2
    assert result.stderr == ("notice.docx: this is a Word document; `ttbgen build` takes a spec (.yaml). To check a "
                             "document, run: ttbgen check notice.docx\n")
    assert not (in_tmp / "out").exists()


def test_pdf_given_a_spec_says_to_build_first(in_tmp: Path) -> None:
    shutil.copy(SPECS / "example.yaml", in_tmp / "spec.yaml")
    result = run("pdf", "spec.yaml")
    assert result.exit_code == 2
    assert result.stderr == ("spec.yaml: this is a spec, not a document; build it first with: ttbgen build spec.yaml "
                             "(the .docx goes to out/; ttbgen build --pdf makes the PDF too)\n")


def test_a_doc_file_is_told_to_be_saved_as_docx(in_tmp: Path) -> None:
    (in_tmp / "cu.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    expected = ("cu.doc: an old Word 97-2003 document (.doc), not a .docx; open it in Word and save it as .docx "
                "(File › Save As › Word Document), then use the .docx")
    for command in ("check", "pdf"):
        result = run(command, "cu.doc")
        assert result.exit_code == 2
        assert expected in result.stderr, command
    built = run("build", "cu.doc")
    assert built.exit_code == 2
    assert "save it as .docx" in built.stderr


def test_check_given_a_spec_says_to_build_first(in_tmp: Path) -> None:
    shutil.copy(SPECS / "example.yaml", in_tmp / "spec.yaml")
    result = run("check", "spec.yaml")
    assert result.exit_code == 2
    assert "spec.yaml: this is a spec, not a document; build it first with: ttbgen build spec.yaml" in result.stderr


def test_one_summary_for_the_batch_with_spec_warnings(in_tmp: Path) -> None:
    text = (SPECS / "example.yaml").read_text(encoding="utf-8")
    (in_tmp / "a.yaml").write_text(text, encoding="utf-8")
    (in_tmp / "b.yaml").write_text(text.replace("trực tuyến toàn trình đạt 61,2%", "trực tuyến toàn trình đạt 61.2%"),
                                   encoding="utf-8")
    (in_tmp / "vp.yaml").write_text(text.replace("office: ubnd-lang-son ", "office: vp-ubnd-lang-son"),
                                    encoding="utf-8")
    result = run("build", "a.yaml", "b.yaml", "vp.yaml", "-o", "out")
    assert result.exit_code == 0, result.output
    assert result.output.count("file(s) checked") == 1
    assert "3 file(s) checked" in result.output
    assert result.output.rstrip("\n").endswith("built 3 document(s) from 3 spec(s): 1 spec warning(s)")


def test_a_failed_batch_reports_every_error_and_says_nothing_was_written(in_tmp: Path) -> None:
    text = (SPECS / "example.yaml").read_text(encoding="utf-8")
    (in_tmp / "a.yaml").write_text(text.replace("date: 2026-03 ", "date: 03/2026"), encoding="utf-8")
    (in_tmp / "b.yaml").write_text(text, encoding="utf-8")
    (in_tmp / "c.yaml").write_text(text.replace("  date: 2026-03-02", "  date: 2026-02-30")
                                   .replace("archive: VT, KGVX", "archive: KGVX"), encoding="utf-8")
    result = run("build", "a.yaml", "b.yaml", "c.yaml", "-o", "out")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == ["a.yaml", "c.yaml", "c.yaml"]
    assert lines[-1] == "3 error(s); nothing was written: fix them and build again"
    assert not os.path.exists("out")


def test_a_symlink_loop_in_a_spec_folder_is_named(in_tmp: Path) -> None:
    (in_tmp / "specs").mkdir()
    shutil.copy(SPECS / "example.yaml", in_tmp / "specs" / "example.yaml")
    os.symlink("loop.yaml", in_tmp / "specs" / "loop.yaml")
    result = run("build", "specs")
    assert result.exit_code == 2
    assert result.stderr == ("specs/loop.yaml: a link (shortcut) that leads nowhere or to itself; remove it, or point "
                             "it at a spec\n")
    assert not (in_tmp / "out").exists()
