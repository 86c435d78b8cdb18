"""The command line, through click's CliRunner: wiring, output, exit codes, nothing written on errors."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from paths import ROOT

from ttbgen.cli import main

SPEC = ROOT / "specs" / "example.yaml"


def run(*args: str) -> Result:
    """Invoke the CLI and return its result (stdout and stderr apart)."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_help_lists_every_command() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for command in ("build", "check", "dump", "schema", "new", "templates", "pdf", "preview"):
        assert command in result.output


def test_build_writes_checks_and_reports(tmp_path: Path) -> None:
    result = run("build", str(SPEC), "-o", str(tmp_path))
    assert result.exit_code == 0, result.output + result.stderr
    assert f"wrote {tmp_path / 'example.docx'}" in result.output
    assert "1 file(s) checked: 0 error(s)" in result.output
    again = run("build", str(SPEC), "-o", str(tmp_path))
    assert f"unchanged {tmp_path / 'example.docx'}" in again.output


def test_build_a_folder_and_a_second_template(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    shutil.copy(SPEC, specs / "a.yaml")
    result = run("build", str(specs), "-o", str(tmp_path / "out"), "--template", "thong-bao")
    assert result.exit_code == 0, result.output + result.stderr
    assert (tmp_path / "out" / "a.docx").exists()


def test_user_mistake_exits_2_without_traceback_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(SPEC.read_text(encoding="utf-8").replace("date: 2026-03-02", "date: 2026-02-30"),
                   encoding="utf-8")
    result = run("build", str(bad), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{bad}:10:9: meeting.date: '2026-02-30' is not a date in the calendar")
    assert not (tmp_path / "out").exists()


def test_missing_spec(tmp_path: Path) -> None:
    result = run("build", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert result.stderr == f"{tmp_path / 'nope.yaml'}: no such file or folder\n"


def test_refuses_to_overwrite_an_edited_document(tmp_path: Path) -> None:
    import zipfile

    assert run("build", str(SPEC), "-o", str(tmp_path)).exit_code == 0
    doc = tmp_path / "example.docx"
    with zipfile.ZipFile(doc) as zf:
        parts = [(i, zf.read(i)) for i in zf.infolist()]
    with zipfile.ZipFile(doc, "w") as zf:
        for info, data in parts:
            zf.writestr(info, data.replace("Đánh giá chung".encode(), "Đánh giá".encode()))
    edited = doc.read_bytes()
    result = run("build", str(SPEC), "-o", str(tmp_path), "--no-check")
    assert result.exit_code == 2
    assert "changed after ttbgen wrote it" in result.stderr
    assert doc.read_bytes() == edited
    forced = run("build", str(SPEC), "-o", str(tmp_path), "--no-check", "--force")
    assert forced.exit_code == 0
    assert (tmp_path / "example.bak-1.docx").read_bytes() == edited


def test_schema_prints_json_schema() -> None:
    schema = json.loads(run("schema").output)
    assert "meeting" in schema["properties"] and schema["additionalProperties"] is False
    office = json.loads(run("schema", "--office").output)
    assert "agency" in office["required"]


def test_dump(tmp_path: Path) -> None:
    run("build", str(SPEC), "-o", str(tmp_path), "--no-check")
    result = run("dump", str(tmp_path / "example.docx"))
    assert result.exit_code == 0
    assert "TTBDocType center 14 b | THÔNG BÁO" in result.output
    assert run("dump", str(tmp_path / "missing.docx")).exit_code == 2


def test_new_writes_a_starter_that_builds_and_passes_check(tmp_path: Path) -> None:
    target = tmp_path / "hop.yaml"
    result = run("new", "--office", "vp-ubnd-lang-son", str(target))
    assert result.exit_code == 0, result.stderr
    assert "office: vp-ubnd-lang-son" in target.read_text(encoding="utf-8")
    built = run("build", str(target), "-o", str(tmp_path / "out"), "--strict")
    assert built.exit_code == 0, built.output + built.stderr
    assert "0 error(s)" in built.output
    assert run("new", "--office", "vp-ubnd-lang-son", str(target)).exit_code == 2  # never overwrites


@pytest.mark.parametrize("template", ["giay-moi", "thong-bao"])
def test_new_for_other_templates(tmp_path: Path, template: str) -> None:
    target = tmp_path / "hop.yaml"
    assert run("new", "--office", "ubnd-lang-son", "--template", template, str(target)).exit_code == 0
    built = run("build", str(target), "-o", str(tmp_path / "out"))
    assert built.exit_code == 0, built.output + built.stderr


def test_new_with_unknown_office() -> None:
    result = run("new", "--office", "ubnd-ha-noi", "x.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith("unknown office 'ubnd-ha-noi'; known offices: ")
    assert "ubnd-mai-son" in result.stderr


def test_templates_commands() -> None:
    listing = run("templates", "list")
    assert listing.exit_code == 0
    assert "template thong-bao-ket-luan 1.1.0" in listing.output and "office   ubnd-mai-son" in listing.output
    shown = run("templates", "show", "giay-moi")
    assert "document type: GIẤY MỜI (GM)" in shown.output
    checked = run("templates", "check")
    assert checked.exit_code == 0, checked.output + checked.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (a device that is always full)")
@pytest.mark.parametrize("args", [["schema"], ["--help"], ["check", str(SPEC)]])
def test_a_full_disk_is_a_message_not_a_traceback(args: list[str]) -> None:
    """Output redirected to a full disk: one message saying so on stderr, exit code 2, no traceback."""
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "ttbgen", *args], stdout=full, stderr=subprocess.PIPE,
                              text=True, check=False, env={**os.environ, "TTBGEN_LANG": "en"})
    assert done.returncode == 2 and "Traceback" not in done.stderr and "Exception" not in done.stderr
    assert done.stderr.startswith("ttbgen: cannot write (No space left on device)")
