"""Issue 13, low: inputs that raised tracebacks now give located messages (or are simply read)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hostile import SPEC, hostile_template, members, run, snapshot, write_package

NUMBERS = ["inf", "-inf", "nan", "1e400", "-1e400", "99999999999999999999999"]
ATTRIBUTES = [r'(<w:sz w:val=")\d+(")', r'(<w:pgSz w:w=")\d+(")', r'(<w:pgMar w:top=")\d+(")',
              r'( w:after=")\d+(")', r'( w:firstLine=")\d+(")', r'(<w:tcW w:w=")\d+(")', r'( w:line=")\d+(")',
              r'(<w:gridCol w:w=")\d+(")']


def with_number(doc: Path, target: Path, pattern: str, number: str) -> Path | None:
    """Put a non-finite or huge number into the first numeric attribute matching `pattern`, in any XML part."""
    parts = members(doc)
    for name, data in parts.items():
        text = data.decode("utf-8", "replace")
        if name.endswith(".xml") and re.search(pattern, text):
            parts[name] = re.sub(pattern, lambda m: m.group(1) + number + m.group(2), text, count=1).encode()
            return write_package(target, parts)
    return None


@pytest.mark.parametrize("number", NUMBERS)
@pytest.mark.parametrize("pattern", ATTRIBUTES)
def test_non_finite_numbers_in_attributes(tmp_path: Path, built: dict[str, Path], pattern: str, number: str) -> None:
    doc = with_number(built["example"], tmp_path / "n.docx", pattern, number)
    if doc is None:
        pytest.skip("the example has no such attribute")
    for command in ("check", "dump"):
        outcome = run(command, doc)
        assert outcome.code in (0, 1), outcome.output
        outcome.assert_refused(outcome.code)


CUSTOM = {
    "malformed": b"<Properties><property",
    "dtd": b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY e SYSTEM "file:///etc/passwd">]><Properties>&e;</Properties>',
    "encrypted": bytes(range(256)) * 4,
    "utf16": '<?xml version="1.0" encoding="UTF-16"?><Properties/>'.encode("utf-16"),
}


@pytest.mark.parametrize("case", sorted(CUSTOM))
def test_a_bad_custom_properties_part(in_tmp: Path, case: str) -> None:
    (in_tmp / "a.yaml").write_text(SPEC, encoding="utf-8")
    run("build", "a.yaml", "--no-check").assert_refused(0)
    doc = in_tmp / "out" / "a.docx"
    parts = members(doc)
    parts["docProps/custom.xml"] = CUSTOM[case]
    write_package(doc, parts)
    outcome = run("dump", doc)
    assert "Traceback" not in outcome.output and outcome.exception is None
    outcome = run("build", "a.yaml", "--no-check")  # not ttbgen's properties: counts as edited
    outcome.assert_refused(2, "the document was changed after ttbgen wrote it")
    outcome = run("build", "a.yaml", "--no-check", "--force")
    outcome.assert_refused(0, "wrote out/a.docx (backup: out/a.bak-1.docx)")


def utf16_document(parts: dict[str, bytes]) -> None:
    """document.xml saved as UTF-16."""
    text = parts["word/document.xml"].decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')
    parts["word/document.xml"] = text.encode("utf-16")


def no_content_types(parts: dict[str, bytes]) -> None:
    """A package without [Content_Types].xml."""
    del parts["[Content_Types].xml"]


@pytest.mark.parametrize(("edit", "message"), [
    (utf16_document, "word/document.xml: the part is UTF-16; open the template in Word and save it again"),
    (no_content_types, "[Content_Types].xml: a template needs this part"),
])
def test_a_broken_template_package(in_tmp: Path, edit: object, message: str) -> None:
    hostile_template(in_tmp, edit)  # type: ignore[arg-type]
    (in_tmp / "a.yaml").write_text(SPEC, encoding="utf-8")
    before = snapshot(in_tmp)
    outcome = run("build", "a.yaml")
    outcome.assert_refused(2, message)
    assert snapshot(in_tmp) == before
    outcome = run("templates", "check", in_tmp / "thong-bao-ket-luan")
    outcome.assert_refused(1, message)


MANIFESTS = {
    "content-list": ("content: [1, 2]\n", "content must be one of"),
    "content-mapping": ("content: {a: 1}\n", "content must be one of"),
    "geometry-text": ("geometry: wide\n", "geometry must be a mapping"),
    "geometry-value": ("geometry: {text_width: abc}\n", "geometry.text_width must be a number"),
    "geometry-bool": ("geometry: {text_width: yes}\n", "geometry.text_width must be a number"),
    "geometry-huge": ("geometry: {text_width: 1e400}\n", "geometry.text_width must be a number"),
    "version-list": ("version: [1, 2]\n", "version must be a short text"),
    "name-mapping": ("name: {a: 1}\n", "name must be a short text"),
    "nested": ("description: " + "[" * 200 + "]" * 200 + "\n", "nested more than"),
    "not-a-mapping": ("- a\n- b\n", "the manifest must be a mapping"),
    "tag": ("name: !!python/object/apply:os.system [echo hi]\n", "cannot read the manifest"),
}


@pytest.mark.parametrize("case", sorted(MANIFESTS))
def test_mistyped_manifest_values(in_tmp: Path, case: str) -> None:
    text, message = MANIFESTS[case]
    folder = hostile_template(in_tmp, lambda parts: None)
    (folder / "template.yaml").write_text(text, encoding="utf-8")
    (in_tmp / "a.yaml").write_text(SPEC, encoding="utf-8")
    outcome = run("build", "a.yaml")
    outcome.assert_refused(2, "template.yaml", message)
    assert not (in_tmp / "out").exists()
    outcome = run("templates", "check", folder)
    outcome.assert_refused(1, message)
