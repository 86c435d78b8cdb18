"""The command line in Vietnamese (issue 16): --lang, TTBGEN_LANG, the locale; help, errors and reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from paths import ROOT

from ttbgen.cli import main
from ttbgen.cli.localize import lang_in
from ttbgen.i18n import language

SPEC = ROOT / "specs" / "example.yaml"
NO_LOCALE = {"LANGUAGE": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": None}


def run(*args: str, **env: str | None) -> Result:
    """Invoke the CLI with extra environment variables (stdout and stderr apart)."""
    return CliRunner().invoke(main, list(args), env={"TTBGEN_LANG": "en", **env}, prog_name="ttbgen",
                              catch_exceptions=False)


def wrong_date_spec(folder: Path) -> Path:
    """Write the example spec with the meeting date written the way clerks write it by hand."""
    text = SPEC.read_text(encoding="utf-8")
    assert "  date: 2026-03-02\n" in text
    spec = folder / "hop.yaml"
    spec.write_text(text.replace("  date: 2026-03-02\n", "  date: 31/01/2024\n"), encoding="utf-8")
    return spec


def located(result: Result, spec: Path) -> str:
    """Return the error line, checking that it starts with the machine-readable file:line:col prefix."""
    line = result.stderr.strip()
    lineno = spec.read_text(encoding="utf-8").splitlines().index("  date: 31/01/2024") + 1
    assert line.startswith(f"{spec}:{lineno}:9: meeting.date: "), line
    return line


def test_build_wrong_date_in_vietnamese(tmp_path: Path) -> None:
    spec = wrong_date_spec(tmp_path)
    result = run("build", str(spec), "-o", str(tmp_path / "out"), TTBGEN_LANG="vi")
    assert result.exit_code == 2
    line = located(result, spec)
    assert "ngày phải viết dạng 2024-01-31" in line and "không phải '31/01/2024'" in line
    assert not (tmp_path / "out").exists()


def test_build_wrong_date_in_english_by_default(tmp_path: Path) -> None:
    spec = wrong_date_spec(tmp_path)
    result = run("build", str(spec), "-o", str(tmp_path / "out"), TTBGEN_LANG=None, **NO_LOCALE)
    assert "expected a date like 2024-01-31" in located(result, spec)


def test_vietnamese_locale_gets_vietnamese(tmp_path: Path) -> None:
    spec = wrong_date_spec(tmp_path)
    result = run("build", str(spec), "-o", str(tmp_path / "out"), TTBGEN_LANG=None, **{**NO_LOCALE,
                                                                                     "LANG": "vi_VN.UTF-8"})
    assert "ngày phải viết dạng 2024-01-31" in located(result, spec)


def test_lang_option_overrides_the_environment(tmp_path: Path) -> None:
    spec = wrong_date_spec(tmp_path)
    english = run("--lang", "en", "build", str(spec), TTBGEN_LANG="vi", LANG="vi_VN.UTF-8")
    assert "expected a date like 2024-01-31" in english.stderr
    vietnamese = run("--lang=vi", "build", str(spec), TTBGEN_LANG="en")
    assert "ngày phải viết dạng 2024-01-31" in vietnamese.stderr
    assert language() == "en"  # the choice ends with the invocation


def test_help_in_vietnamese() -> None:
    result = run("--help", TTBGEN_LANG="vi")
    assert result.exit_code == 0
    out = result.output
    assert out.startswith("Cách dùng: ttbgen [OPTIONS] COMMAND [ARGS]...")
    assert "Soạn Thông báo kết luận cuộc họp" in out
    assert "Tùy chọn:" in out and "Lệnh:" in out and "Hiện hướng dẫn này rồi thoát." in out
    for command in ("build", "check", "dump", "schema", "new", "templates", "pdf", "preview"):
        assert f"  {command} " in out


def test_help_follows_the_language_of_each_invocation() -> None:
    """Help texts are made at import time; each run shows them in its own language, in any order of options."""
    assert "Hiện hướng dẫn này rồi thoát." in run("--help", "--lang", "vi").output  # --help comes first
    assert "Thư mục lưu văn bản." in run("--lang", "vi", "build", "--help").output
    english = run("build", "--help").output
    assert "Folder for the documents." in english and "Usage:" in english and "Show this message and exit." in english
    assert "Thư mục lưu văn bản." in run("build", "--help", TTBGEN_LANG="vi").output


def test_click_errors_in_vietnamese() -> None:
    result = run("buld", TTBGEN_LANG="vi")
    assert result.exit_code == 2
    assert "Lỗi: Không có lệnh 'buld'." in result.stderr
    assert "Gõ 'ttbgen --help' để xem hướng dẫn." in result.stderr
    missing = run("build", TTBGEN_LANG="vi")
    assert "Thiếu tham số 'SPECS...'." in missing.stderr


def test_bad_lang_value_is_refused() -> None:
    result = run("--lang", "fr", "--help")
    assert result.exit_code == 2
    assert "'fr' is not one of 'en', 'vi'" in result.stderr


def test_check_report_in_vietnamese(tmp_path: Path) -> None:
    """The checker's findings and summary line: the place stays file:¶N, the words are Vietnamese."""
    built = run("build", str(SPEC), "-o", str(tmp_path), "--no-check")
    assert built.exit_code == 0, built.stderr
    result = run("check", str(tmp_path / "example.docx"), TTBGEN_LANG="vi")
    assert result.exit_code == 0
    assert result.output.strip() == "đã kiểm tra 1 tệp: 0 lỗi, 0 cảnh báo, 0 thông tin, 0 mục chưa kiểm tra được"


def test_check_findings_in_vietnamese(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    result = run("check", str(bad), TTBGEN_LANG="vi")
    assert result.exit_code == 2
    assert f"{bad}: không phải tệp .docx (không phải tệp nén zip)" in result.stderr


@pytest.mark.parametrize(("args", "expected"), [
    (["--lang", "vi", "build"], "vi"), (["--lang=en", "-h"], "en"), (["build", "--lang", "vi"], None),
    (["--lang"], None), (["--lang", "fr"], None), ([], None), (["--version", "--lang", "vi"], "vi"),
])
def test_lang_is_read_before_the_command_name(args: list[str], expected: str | None) -> None:
    assert lang_in(args) == expected


OFFICES = sorted(p.stem for p in (ROOT / "templates" / "offices").glob("*.yaml"))


@pytest.mark.parametrize("office", OFFICES)
def test_vietnamese_starter_and_profile_hold_the_same_data(office: str) -> None:
    """The generated files are translated as a whole: only the comments may change, never a value."""
    import datetime as dt

    import yaml

    from ttbgen.i18n import set_language
    from ttbgen.spec.office import load_office
    from ttbgen.spec.office_profile import profile_text
    from ttbgen.spec.starter import starter_spec

    profile = load_office(office)
    texts = {}
    for lang in ("en", "vi"):
        previous = set_language(lang)
        try:
            texts[lang] = (starter_spec(profile, "thong-bao-ket-luan", "họp giao ban.yaml", dt.date(2026, 3, 2)),
                           profile_text(profile, "ubnd-xa-moi"))
        finally:
            set_language(previous)
    for english, vietnamese in zip(texts["en"], texts["vi"], strict=True):
        assert vietnamese != english
        assert yaml.safe_load(vietnamese) == yaml.safe_load(english)
        assert vietnamese.startswith(("# Thông báo kết luận cuộc họp mới", "# Hồ sơ cơ quan"))


def test_new_office_then_new_then_build_in_vietnamese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A clerk's first session in Vietnamese: their office, a notice for it, built and checked clean."""
    monkeypatch.chdir(tmp_path)
    made = run("new-office", "ubnd-xa-hoa-binh", TTBGEN_LANG="vi")
    assert made.exit_code == 0, made.stderr
    assert made.output.startswith("đã ghi offices/ubnd-xa-hoa-binh.yaml; hãy sửa thành thông tin của cơ quan mình")
    assert "# tên cơ quan" in (tmp_path / "offices" / "ubnd-xa-hoa-binh.yaml").read_text(encoding="utf-8")
    new = run("new", "--office", "ubnd-xa-hoa-binh", "họp giao ban.yaml", TTBGEN_LANG="vi")
    assert new.output.strip() == 'đã ghi họp giao ban.yaml; tạo văn bản bằng lệnh: ttbgen build "họp giao ban.yaml"'
    assert "# lead: đơn vị chủ trì" in (tmp_path / "họp giao ban.yaml").read_text(encoding="utf-8")
    built = run("build", "họp giao ban.yaml", TTBGEN_LANG="vi")
    assert built.exit_code == 0, built.stderr
    assert built.output.splitlines() == [
        "đã ghi out/họp giao ban.docx",
        "đã kiểm tra 1 tệp: 0 lỗi, 0 cảnh báo, 0 thông tin, 0 mục chưa kiểm tra được",
        "đã tạo 1 văn bản từ 1 tệp khai báo: 0 cảnh báo"]
    assert built.stderr == ""


def test_templates_show_in_vietnamese() -> None:
    shown = run("templates", "show", "ubnd-xa-tan-thanh", TTBGEN_LANG="vi").output.splitlines()
    assert shown[0] == "cơ quan: ubnd-xa-tan-thanh"
    assert "dòng số, ký hiệu: Số:      /TB-UBND" in shown
    listed = run("templates", "list", TTBGEN_LANG="vi").output
    assert "\nmẫu      thong-bao-ket-luan " in "\n" + listed and "\ncơ quan  ubnd-xa-tan-thanh " in "\n" + listed


def test_help_texts_are_english_again_after_a_vietnamese_run() -> None:
    """Commands are loaded lazily and translated when loaded; after the run nothing keeps a translation."""
    from ttbgen.cli import COMMANDS
    from ttbgen.cli.build import build

    assert "Thư mục lưu văn bản." in run("--lang", "vi", "build", "--help").output
    assert build.help == COMMANDS["build"][2]
    assert next(p for p in build.params if p.name == "outdir").help == "Folder for the documents."
    listed = run("--help", TTBGEN_LANG="vi").output
    assert "  tasks       Liệt kê các nhiệm vụ" in listed
