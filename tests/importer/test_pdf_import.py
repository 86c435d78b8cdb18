"""A text PDF imports like its .docx: notices ttbgen built, printed to PDF by LibreOffice, rebuild the same text
(two-column header and footer, wrapped trích yếu, paragraphs across pages, words broken at a hyphen)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from paths import SPECS
from roundtrip import compare

from ttbgen.build.pipeline import Builder
from ttbgen.check.dump import paragraph_texts
from ttbgen.importer.api import import_files

needs_office = pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                                  reason="LibreOffice and poppler are not installed")


@needs_office
def test_pdfs_of_built_notices_rebuild_their_text(tmp_path: Path) -> None:
    from ttbgen.office.pdf import convert_to_pdf

    names = ["lang-son-2022-08-mtqg", "mai-son-2024-01-mtqg", "tong-ket-2024-12"]
    docxs = [Builder(tmp_path / "built").build(SPECS / f"{name}.yaml")[0].output for name in names]
    for docx, pdf in zip(docxs, convert_to_pdf(docxs, tmp_path / "pdf"), strict=True):
        written = import_files([pdf], tmp_path / "specs")[0]
        rebuilt = Builder(tmp_path / "rebuilt").build(written.spec)[0].output
        match = compare(paragraph_texts(docx), paragraph_texts(rebuilt))
        assert (match.missing, match.extra) == ([], []), docx.name
