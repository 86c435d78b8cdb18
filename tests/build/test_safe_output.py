"""Safe output: atomic writes, all-or-nothing batches, edited documents kept, names that stay in the folder."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from ttbgen import files
from ttbgen.build import pipeline as build
from ttbgen.build.pipeline import BatchError, build_all, output_name
from ttbgen.errors import OutputError

SPEC = """\
office: ubnd-lang-son
date: 2026-03-10
meeting:
  date: 2026-03-02
  name: cuộc họp nghe báo cáo tiến độ chuyển đổi số
  chair: {name: Nguyễn Văn Bình, title: Phó Chủ tịch UBND tỉnh}
assessment: {paragraphs: [Các cơ quan đã tích cực triển khai nhiệm vụ.]}
"""


def write_spec(folder: Path, name: str, text: str = SPEC) -> Path:
    """Write a spec file."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    """Return every file of a folder with its bytes."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.exists() else {}


def edit_in_word(path: Path) -> None:
    """Change word/document.xml inside a .docx, as saving it from Word would."""
    with zipfile.ZipFile(path) as zf:
        parts = {info: zf.read(info) for info in zf.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in parts.items():
            if info.filename == "word/document.xml":
                data = data.replace("tích cực".encode(), "rất tích cực".encode())
            zf.writestr(info, data)


def test_atomic_write_leaves_no_temporary_file(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_spec(in_tmp, "a.yaml")

    def fail(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", fail)
    with pytest.raises(OutputError) as info:
        build_all([Path("a.yaml")], Path("out"))
    assert info.value.render() == "out/a.docx: cannot write: No space left on device"
    assert snapshot(in_tmp / "out") == {}


def test_failed_write_keeps_the_previous_document(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_spec(in_tmp, "a.yaml")
    build_all([Path("a.yaml")], Path("out"))
    before = snapshot(in_tmp / "out")
    write_spec(in_tmp, "a.yaml", SPEC.replace("tích cực", "chủ động"))
    monkeypatch.setattr(files.os, "replace", lambda src, dst: (_ for _ in ()).throw(OSError(5, "I/O error")))
    with pytest.raises(OutputError):
        build_all([Path("a.yaml")], Path("out"))
    assert snapshot(in_tmp / "out") == before


def test_batch_with_a_bad_spec_writes_nothing(in_tmp: Path) -> None:
    for name in ("a.yaml", "b.yaml"):
        write_spec(in_tmp, name)
    build_all([Path("a.yaml"), Path("b.yaml")], Path("out"))
    before = snapshot(in_tmp / "out")
    write_spec(in_tmp, "a.yaml", SPEC.replace("tích cực", "chủ động"))
    write_spec(in_tmp, "b.yaml", SPEC.replace("tích cực", "khẩn trương"))
    write_spec(in_tmp, "c.yaml", SPEC.replace("date: 2026-03-02", "date: 2026-02-30"))
    with pytest.raises(BatchError) as info:
        build_all([Path("a.yaml"), Path("b.yaml"), Path("c.yaml")], Path("out"))
    assert info.value.render() == (
        "c.yaml:4:9: meeting.date: '2026-02-30' is not a date in the calendar (month 2 has no day 30)")
    assert snapshot(in_tmp / "out") == before
    assert sorted(before) == ["a.docx", "b.docx"]


def test_batch_reports_every_bad_spec(in_tmp: Path) -> None:
    write_spec(in_tmp, "a.yaml", SPEC.replace("office: ubnd-lang-son", "office:"))
    write_spec(in_tmp, "b.yaml", SPEC + "sigener: x\n")
    with pytest.raises(BatchError) as info:
        build_all([in_tmp], Path("out"))
    assert info.value.render().splitlines() == [
        "a.yaml:1:1: office: 'office' is required but empty: Office profile name, e.g. ubnd-lang-son "
        "(`ttbgen templates list` shows them).",
        "b.yaml:8:1: sigener: unknown key 'sigener'; did you mean 'signer'?",
    ]
    assert not (in_tmp / "out").exists()


def test_rebuild_unchanged_is_a_no_op(in_tmp: Path) -> None:
    write_spec(in_tmp, "a.yaml")
    assert build_all([Path("a.yaml")], Path("out"))[0].written
    assert not build_all([Path("a.yaml")], Path("out"))[0].written


def test_edited_document_is_not_overwritten(in_tmp: Path) -> None:
    write_spec(in_tmp, "a.yaml")
    build_all([Path("a.yaml")], Path("out"))
    edit_in_word(in_tmp / "out" / "a.docx")
    edited = (in_tmp / "out" / "a.docx").read_bytes()
    write_spec(in_tmp, "a.yaml", SPEC.replace("tích cực", "chủ động"))
    with pytest.raises(BatchError) as info:
        build_all([Path("a.yaml")], Path("out"))
    assert info.value.render() == (
        "out/a.docx: the document was changed after ttbgen wrote it (edited in Word?); not overwriting it. "
        "Rename it, or rebuild with --force (a backup is kept)")
    assert snapshot(in_tmp / "out") == {"a.docx": edited}


def test_force_keeps_a_backup(in_tmp: Path) -> None:
    write_spec(in_tmp, "a.yaml")
    build_all([Path("a.yaml")], Path("out"))
    edit_in_word(in_tmp / "out" / "a.docx")
    edited = (in_tmp / "out" / "a.docx").read_bytes()
    built = build_all([Path("a.yaml")], Path("out"), force=True)[0]
    assert built.written and built.backup == Path("out/a.bak-1.docx")
    assert (in_tmp / "out" / "a.bak-1.docx").read_bytes() == edited
    assert (in_tmp / "out" / "a.docx").read_bytes() != edited
    assert not build.edited_since_built(in_tmp / "out" / "a.docx")


def test_a_foreign_file_is_not_overwritten(in_tmp: Path) -> None:
    write_spec(in_tmp, "a.yaml")
    (in_tmp / "out").mkdir()
    (in_tmp / "out" / "a.docx").write_bytes(b"not a ttbgen document")
    with pytest.raises(BatchError):
        build_all([Path("a.yaml")], Path("out"))
    assert (in_tmp / "out" / "a.docx").read_bytes() == b"not a ttbgen document"


@pytest.mark.parametrize(("stem", "name"), [
    ("..", "notice.docx"), ("...", "notice.docx"), (".hidden", "hidden.docx"), ("a\nb\x07c", "a_b_c.docx"),
    ("x:y", "x_y.docx"), ("CON", "_CON.docx"), ("nul.draft", "_nul.draft.docx"), ("05|TB-UBND", "05_TB-UBND.docx"),
    ("thông báo 05", "thông báo 05.docx"),
])
def test_output_names_are_plain(stem: str, name: str) -> None:
    assert output_name(Path(f"/specs/{stem}.yaml")) == name
    with_template = output_name(Path(f"/specs/{stem}.yaml"), "mau-2", 1)
    assert with_template.endswith("mau-2.docx") and "/" not in with_template and not with_template.startswith(".")


@pytest.mark.parametrize("spec_name", ["..yaml", "...yaml", "a\tb.yaml", "x\\..\\y.yaml", " .yaml"])
def test_odd_spec_names_stay_in_the_output_folder(in_tmp: Path, spec_name: str) -> None:
    write_spec(in_tmp, spec_name)
    out = in_tmp / "deep" / "out"
    built = build_all([Path(spec_name)], out)[0]
    assert built.output.resolve().parent == out.resolve()
    assert [p.name for p in out.iterdir()] == [built.output.name]
    assert sorted(p.name for p in (in_tmp / "deep").iterdir()) == ["out"]


def test_spec_in_a_parent_folder(in_tmp: Path) -> None:
    (in_tmp / "work").mkdir()
    write_spec(in_tmp, "x.yaml")
    os.chdir(in_tmp / "work")
    built = build_all([Path("../x.yaml")], Path("out"))[0]
    assert built.output == Path("out/x.docx")
    assert (in_tmp / "work" / "out" / "x.docx").exists()
    assert not (in_tmp / "x.docx").exists()


def test_output_folder_that_is_a_file(in_tmp: Path) -> None:
    write_spec(in_tmp, "a.yaml")
    Path("out").write_text("a file", encoding="utf-8")
    with pytest.raises(OutputError) as info:
        build_all([Path("a.yaml")], Path("out"))
    assert info.value.render() == "out: the output folder is a file; choose another folder with -o"


def test_output_folder_below_a_file(in_tmp: Path) -> None:
    write_spec(in_tmp, "a.yaml")
    Path("file").write_text("a file", encoding="utf-8")
    with pytest.raises(OutputError) as info:
        build_all([Path("a.yaml")], Path("file/out"))
    assert info.value.render() == "file/out/a.docx: cannot write: Not a directory"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can write anywhere")
def test_read_only_output_folder(in_tmp: Path) -> None:
    write_spec(in_tmp, "a.yaml")
    Path("out").mkdir()
    Path("out").chmod(0o500)
    try:
        with pytest.raises(OutputError) as info:
            build_all([Path("a.yaml")], Path("out"))
    finally:
        Path("out").chmod(0o700)
    assert info.value.render() == "out/a.docx: cannot write: Permission denied"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_new_files_get_the_usual_permissions(in_tmp: Path) -> None:
    """A new file (a starter spec, an office profile, an imported spec) is readable by colleagues like any file
    the user makes, not 0600 like its temporary file; an existing one is refused with the caller's message."""
    old = os.umask(0o022)
    try:
        files.write_new(in_tmp / "sub" / "new.yaml", b"x: 1\n")
        with pytest.raises(OutputError, match=r"taken: .*new\.yaml"):
            files.write_new(in_tmp / "sub" / "new.yaml", b"y", exists="taken: {path}")
        with pytest.raises(OutputError, match="cannot write"):
            files.write_new(in_tmp / "missing" / "new.yaml", b"y", make_folder=False)
    finally:
        os.umask(old)
    assert (in_tmp / "sub" / "new.yaml").stat().st_mode & 0o777 == 0o644
    assert (in_tmp / "sub" / "new.yaml").read_bytes() == b"x: 1\n" and not (in_tmp / "missing").exists()
