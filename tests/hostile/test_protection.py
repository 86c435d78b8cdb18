"""Issue 13, item 5 (and the full-disk and folder-as-output tracebacks): edit protection covers every part of
the package, and a signed document is never replaced without --overwrite-signed, even with --force."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from hostile import SPEC, leftovers, members, run, write_package

from ttbgen import files

EDITS = {
    "styles": ("word/styles.xml", lambda d: d.replace(b"Times New Roman", b"Arial")),
    "header": ("word/header1.xml",
               lambda d: d.replace(b"</w:hdr>", "<w:p><w:r><w:t>MẬT</w:t></w:r></w:p></w:hdr>".encode())),
    "core-properties": ("docProps/core.xml", lambda d: d.replace(b"</dc:title>", " (sửa)</dc:title>".encode())),
    "settings": ("word/settings.xml", lambda d: d.replace(b"<w:zoom", b"<w:trackRevisions/><w:zoom")),
    "new-part": ("customXml/item1.xml", lambda d: b"<root/>"),
}


def build_once(folder: Path) -> Path:
    """Build a.yaml into out/a.docx."""
    (folder / "a.yaml").write_text(SPEC, encoding="utf-8")
    outcome = run("build", "a.yaml", "--no-check")
    outcome.assert_refused(0, "wrote out/a.docx")
    return folder / "out" / "a.docx"


def edit(doc: Path, part: str, change: object) -> bytes:
    """Change one part of a document as saving from Word would, and return its new bytes."""
    parts = members(doc)
    parts[part] = change(parts.get(part, b""))  # type: ignore[operator]
    write_package(doc, parts)
    return doc.read_bytes()


@pytest.mark.parametrize("case", sorted(EDITS))
def test_an_edit_to_any_part_is_protected(in_tmp: Path, case: str) -> None:
    doc = build_once(in_tmp)
    edited = edit(doc, *EDITS[case])
    outcome = run("build", "a.yaml", "--no-check")
    outcome.assert_refused(2, "out/a.docx: the document was changed after ttbgen wrote it")
    assert doc.read_bytes() == edited
    outcome = run("build", "a.yaml", "--no-check", "--force")
    outcome.assert_refused(0, "wrote out/a.docx (backup: out/a.bak-1.docx)")
    assert (in_tmp / "out" / "a.bak-1.docx").read_bytes() == edited


def test_an_unchanged_document_is_rebuilt_without_force(in_tmp: Path) -> None:
    build_once(in_tmp)
    (in_tmp / "a.yaml").write_text(SPEC.replace("tích cực", "rất tích cực"), encoding="utf-8")
    outcome = run("build", "a.yaml", "--no-check")
    outcome.assert_refused(0, "wrote out/a.docx")
    assert "backup" not in outcome.output


def signed(doc: Path) -> bytes:
    """Add an XML digital signature to a document, as Word's Sign does."""
    parts = members(doc)
    parts["_xmlsignatures/origin.sigs"] = b""
    parts["_xmlsignatures/sig1.xml"] = b'<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"/>'
    write_package(doc, parts)
    return doc.read_bytes()


@pytest.mark.parametrize("flags", [(), ("--force",)])
def test_a_signed_document_is_never_replaced_without_overwrite_signed(in_tmp: Path, flags: tuple[str, ...]) -> None:
    doc = build_once(in_tmp)
    original = signed(doc)
    outcome = run("build", "a.yaml", "--no-check", *flags)
    outcome.assert_refused(2, "out/a.docx: the document is digitally signed; ttbgen never replaces a signed document, "
                              "even with --force", "--overwrite-signed")
    assert doc.read_bytes() == original
    assert sorted(p.name for p in doc.parent.iterdir()) == ["a.docx"]


def test_overwrite_signed_replaces_it_and_keeps_a_backup(in_tmp: Path) -> None:
    doc = build_once(in_tmp)
    original = signed(doc)
    outcome = run("build", "a.yaml", "--no-check", "--overwrite-signed")
    outcome.assert_refused(0, "wrote out/a.docx (backup: out/a.bak-1.docx)")
    assert (in_tmp / "out" / "a.bak-1.docx").read_bytes() == original


def test_full_disk_during_the_backup_leaves_no_truncated_backup(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = build_once(in_tmp)
    edited = edit(doc, *EDITS["styles"])

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full)
    outcome = run("build", "a.yaml", "--no-check", "--force")
    outcome.assert_refused(2, "out/a.bak-1.docx: cannot write: No space left on device")
    assert doc.read_bytes() == edited
    assert sorted(p.name for p in doc.parent.iterdir()) == ["a.docx"]
    assert leftovers(doc.parent) == []


def test_an_output_path_that_is_a_folder_is_a_message(in_tmp: Path) -> None:
    (in_tmp / "a.yaml").write_text(SPEC, encoding="utf-8")
    (in_tmp / "out" / "a.docx").mkdir(parents=True)
    outcome = run("build", "a.yaml", "--force")
    outcome.assert_refused(2, "out/a.docx: the existing document is not a regular file")
    assert (in_tmp / "out" / "a.docx").is_dir()
