"""Read a notice to check's Document model: a .docx through check's reader, a text PDF through poppler's
`pdftotext` (bounded), plain text one paragraph per line."""

from __future__ import annotations

import re
from pathlib import Path

from ttbgen.check.docmodel import Cell, Document, Para, Run
from ttbgen.errors import TtbgenError
from ttbgen.i18n import _
from ttbgen.vn import collapse, nfc

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
MAX_PDF_BYTES = 20_000_000  # a few pages of text; a scan of a hundred pages is not a notice
MAX_TEXT_BYTES = 2_000_000  # a notice is a few pages; anything larger is not one (docs/limits.md)
PDF_TIMEOUT = 60  # seconds for pdftotext on one file
PDF_COLUMN_GAP = 24.0  # pt: words further apart than this on one line stand in different columns (the header)


class NoticeImportError(TtbgenError):
    """A file that cannot be imported: unreadable, of an unknown kind, or without what a spec needs."""


def read_notice(path: Path) -> Document:
    """Read a .docx, .pdf or text file into the checker's Document model."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        from ttbgen.check.reader import read_document

        return read_document(path)
    if suffix == ".pdf":
        return pdf_document(path)
    if suffix in (".doc", ".odt", ".rtf", ".wpd"):
        raise NoticeImportError(_("{file}: open it in Word or LibreOffice and save it as .docx, then import the "
                                  ".docx").format(file=path))
    return text_document(path, read_text(path))


def read_text(path: Path) -> str:
    """Read a plain-text notice (UTF-8, BOM allowed), refusing what cannot be one."""
    try:
        data = path.read_bytes()[: MAX_TEXT_BYTES + 1]
    except OSError as exc:
        raise NoticeImportError(_("{file}: cannot read the file: {reason}").format(file=path, reason=exc.strerror)) \
            from None
    if len(data) > MAX_TEXT_BYTES:
        raise NoticeImportError(_("{file}: larger than {limit} bytes; a notice is a few pages").format(
            file=path, limit=MAX_TEXT_BYTES))
    if data[:4] == b"PK\x03\x04":
        raise NoticeImportError(_("{file}: this is a Word (.docx) file; give it the .docx extension").format(file=path))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise NoticeImportError(_("{file}: not UTF-8 text; save it as UTF-8 (or import the .docx or .pdf)").format(
            file=path)) from None


def text_document(name: Path, text: str, cells: list[Cell | None] | None = None) -> Document:
    """Make a Document of text lines, one paragraph each, with neutral formatting; lines holding tabs (a
    two-column header or footer copied from Word) are read as the columns of a table."""
    # control characters (a form feed between pages, a stray \x0b) cannot stand in a spec or a .docx
    lines = [nfc(_CONTROL.sub(" ", line)) for line in text.splitlines()]
    if cells is None:
        lines, cells = columns(lines)
    paras = [synthetic(i, collapse(line), cells[i - 1]) for i, line in enumerate(lines, start=1)]
    return Document(str(name), [p for p in paras if p.text], [])


def columns(lines: list[str]) -> tuple[list[str], list[Cell | None]]:
    """Read runs of tab-separated lines as tables: each column's lines in turn, with their cells."""
    out: list[str] = []
    cells: list[Cell | None] = []
    block: list[list[str]] = []
    table = 0
    tabbed = [i for i, line in enumerate(lines) if "\t" in line.strip("\t ") or line.startswith("\t")]
    for i, line in enumerate([*lines, ""]):
        parts = [p.strip() for p in line.split("\t")]
        # a line without a tab between two tabbed lines is a row with the second column empty
        inside = block and any(i < t <= i + 2 for t in tabbed)
        if len([p for p in parts if p]) > 1 or (block and "\t" in line) or inside:
            block.append(parts)
            continue
        if block:
            table += 1
            for column in range(max(len(b) for b in block)):
                texts = [b[column] for b in block if column < len(b) and b[column]]
                out += texts
                cells += [Cell(table, 1, column + 1, 0, frozenset(), (table, 1, column + 1))] * len(texts)
            block = []
        out.append(line)
        cells.append(None)
    return out[:-1], cells[:-1]


def synthetic(n: int, text: str, cell: Cell | None = None) -> Para:
    """Make a paragraph of plain text: left-aligned, upright, no indents."""
    run = Run(text, 14.0, False, False, False, "", "", "", "auto")
    return Para(n=n, part="body", style="", raw=text, text=text, runs=[run] if text else [], align="left",
                ind_left=0, ind_right=0, first_line=0, before=0, after=0, line=240, line_rule="auto",
                contextual=False, borders=frozenset(), drawn=[], fields=[], width=9355, cell=cell)


def pdf_document(path: Path) -> Document:
    """Read a text PDF: words with their boxes, grouped into lines, columns and paragraphs."""
    from ttbgen.importer.pdftext import pdf_paragraphs

    try:
        size = path.stat().st_size
    except OSError as exc:
        raise NoticeImportError(_("{file}: cannot read the file: {reason}").format(file=path, reason=exc.strerror)) \
            from None
    if size > MAX_PDF_BYTES:
        raise NoticeImportError(_("{file}: larger than {limit} bytes; a notice is a few pages").format(
            file=path, limit=MAX_PDF_BYTES))

    texts, cells = pdf_paragraphs(path)
    if not texts:
        raise NoticeImportError(_("{file}: the PDF has no text (a scan of paper?); run OCR on it first, or import "
                                  "the .docx").format(file=path))
    return text_document(path, "\n".join(texts), cells)
