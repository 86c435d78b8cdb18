"""Issue 13, item 6: the checker's cost is bounded within the zip limits (paragraphs, XML elements), and a
refused document never reaches LibreOffice."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile import members, run, run_process, write_package


def padded(doc: Path, target: Path, part: str, paragraphs: str) -> Path:
    """A document whose part starts with many extra paragraphs (they compress to almost nothing)."""
    parts = members(doc)
    text = parts[part].decode()
    opening = "<w:body>" if part == "word/document.xml" else "<w:hdr"
    at = text.index(opening)
    at = text.index(">", at) + 1
    parts[part] = (text[:at] + paragraphs + text[at:]).encode()
    return write_package(target, parts)


def varied(count: int) -> str:
    """Empty paragraphs with varied revision ids, so that the part does not compress like a zip bomb."""
    return "".join(f'<w:p w:rsidR="{(n * 2654435761) % 4294967296:08X}"/>' for n in range(count))


@pytest.mark.parametrize(("paragraphs", "limit"), [
    (lambda: "<w:p/>" * 30_000, "paragraphs; the checker reads at most 20000 (limit MAX_PARAGRAPHS)"),
    (lambda: varied(1_000_000), "more than 1000000 XML elements (limit MAX_ELEMENTS)"),
    (lambda: "<w:p/>" * 5_000_000, "compression ratio"),  # the zip limits refuse it first
])
def test_a_document_with_a_million_empty_paragraphs(tmp_path: Path, built: dict[str, Path],
                                                    paragraphs: Callable[[], str], limit: str) -> None:
    doc = padded(built["example"], tmp_path / "many.docx", "word/document.xml", paragraphs())
    outcome = run_process("check", doc, cwd=tmp_path, memory=1024 * 1024 * 1024)
    outcome.assert_refused(2, "word/document.xml", limit)


def test_a_header_with_too_many_paragraphs(tmp_path: Path, built: dict[str, Path]) -> None:
    doc = padded(built["example"], tmp_path / "hdr.docx", "word/header1.xml", "<w:p/>" * 30_000)
    run("check", doc).assert_refused(2, "word/header1.xml has 30001 paragraphs", "MAX_PARAGRAPHS")


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_check_render_does_not_hand_a_refused_document_to_libreoffice(tmp_path: Path, built: dict[str, Path]) -> None:
    doc = padded(built["example"], tmp_path / "many.docx", "word/document.xml", varied(1_000_000))
    outcome = run("check", "--render", doc)
    outcome.assert_refused(2, "MAX_ELEMENTS")
    assert outcome.seconds < 30  # LibreOffice took 140 s on it before it was killed; generous bound


def test_a_long_but_real_document_is_still_checked(tmp_path: Path, built: dict[str, Path]) -> None:
    """A 3,000-paragraph document is far larger than any notice and still within every limit."""
    para = ('<w:p><w:pPr><w:jc w:val="both"/></w:pPr><w:r><w:t>Nội dung kết luận của cuộc họp.</w:t></w:r>'
            "</w:p>")
    doc = padded(built["example"], tmp_path / "long.docx", "word/document.xml", para * 3_000)
    outcome = run("check", doc)
    assert outcome.code in (0, 1) and "MAX_" not in outcome.output, outcome.output
    outcome.assert_refused(outcome.code)
