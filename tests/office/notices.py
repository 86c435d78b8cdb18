"""Build small Decree 30 notices with python-docx for the rendered-page tests (and the benchmark).

`build_notice(path)` writes a notice that passes every rendered check; its keyword arguments break one
thing at a time, as the issue asks: a narrow header column, a page number on page 1, a signature block
pushed alone onto a page, a non-A4 page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
BODY = (
    "Ngày 22 tháng 8 năm 2022, Chủ tịch Ủy ban nhân dân tỉnh chủ trì cuộc họp về tiến độ thực hiện "
    "các chương trình mục tiêu quốc gia trên địa bàn tỉnh. Các sở, ban, ngành và Ủy ban nhân dân các "
    "huyện, thành phố tập trung chỉ đạo, đôn đốc, kiểm tra việc giải ngân vốn, bảo đảm đúng quy định "
    "và hoàn thành kế hoạch được giao trong năm."
)
RECIPIENTS = ["- Chủ tịch, các PCT UBND tỉnh;", "- Các sở, ban, ngành tỉnh;", "- Lưu: VT, KT."]
SIGNER = (["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"], "Vũ Quang Khánh")


def build_notice(
    path: Path,
    *,
    right_column_cm: float = 10.0,
    number_on_page_1: bool = False,
    signature_alone: bool = False,
    signature_gap: int = 3,
    paragraphs: int = 9,
    page_size_mm: tuple[float, float] = (210, 297),
) -> Path:
    """Write a two-page notice to `path`; each keyword breaks one rendered-page rule.

    `signature_gap` is the number of blank lines left for the signature: 40 makes the signature table's
    row taller than what is left of page 2, so LibreOffice splits it and the name falls alone on page 3.
    """
    doc = Document()
    _page_setup(doc, page_size_mm, different_first_page=not number_on_page_1)
    _default_font(doc)
    _header_table(doc, right_column_cm)
    _title(doc)
    for index in range(paragraphs):
        _body_paragraph(doc, f"{index + 1}. {BODY}")
    _body_paragraph(doc, "Văn phòng Ủy ban nhân dân tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.")
    if signature_alone:
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _signature_table(doc, signature_gap)
    doc.save(str(path))
    return path


def _page_setup(doc: Any, size_mm: tuple[float, float], different_first_page: bool) -> None:
    """A4 (or the given size) with Decree 30 margins and a centred PAGE field in the header."""
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(size_mm[0]), Mm(size_mm[1])
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    section.different_first_page_header_footer = different_first_page
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(header)


def _page_field(paragraph: Any) -> None:
    """Append a PAGE field (python-docx has no API for fields)."""
    run = paragraph.add_run()
    run.font.size = Pt(13)
    for kind in ("begin", None, "separate", "end"):
        if kind is None:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = " PAGE "
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)
        if kind == "separate":
            text = OxmlElement("w:t")
            text.text = "2"
            run._r.append(text)


def _default_font(doc: Any) -> None:
    """Times New Roman 14 pt in every rFonts slot of the Normal style."""
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    fonts = style.element.rPr.rFonts
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), "Times New Roman")
    style.paragraph_format.space_after = Pt(6)
    style.paragraph_format.line_spacing = 1.0


def _borderless(table: Any) -> None:
    """Remove the table borders the default "Normal Table" style does not add, to be explicit."""
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _cell_lines(cell: Any, lines: list[tuple[str, int, bool, bool]]) -> None:
    """Fill a cell with centred single-spaced lines of (text, size, bold, italic)."""
    for index, (text, size, bold, italic) in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(text)
        run.font.size, run.font.bold, run.font.italic = Pt(size), bold, italic


def _two_columns(doc: Any, left_cm: float, right_cm: float) -> Any:
    """A fixed-width borderless table of one row and two columns."""
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _borderless(table)
    for cell, width in zip(table.rows[0].cells, (left_cm, right_cm), strict=True):
        cell.width = Cm(width)
    for column, width in zip(table.columns, (left_cm, right_cm), strict=True):
        column.width = Cm(width)
    return table


def _header_table(doc: Any, right_cm: float) -> None:
    """The ô 1–4 header: agency and number on the left, Quốc hiệu, Tiêu ngữ and date on the right."""
    table = _two_columns(doc, 6.5, right_cm)
    left, right = table.rows[0].cells
    _cell_lines(left, [("UBND TỈNH LẠNG SƠN", 13, False, False), ("VĂN PHÒNG", 13, True, False),
                       ("", 13, False, False), ("Số: 12/TB-VP", 13, False, False)])
    _cell_lines(right, [(NATIONAL, 13, True, False), (MOTTO, 14, True, False), ("", 13, False, False),
                        ("Lạng Sơn, ngày 05 tháng 02 năm 2024", 14, False, True)])


def _title(doc: Any) -> None:
    """The ô 5a type and trích yếu, centred."""
    for text in ("THÔNG BÁO", "Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về chương trình mục tiêu"):
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).font.bold = True


def _body_paragraph(doc: Any, text: str) -> None:
    """A justified body paragraph with a 1 cm first-line indent."""
    paragraph = doc.add_paragraph(text)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Cm(1)


def _signature_table(doc: Any, gap: int) -> None:
    """The ô 9b / ô 7 signature table: Nơi nhận on the left, the signer on the right."""
    table = _two_columns(doc, 6.0, 10.0)
    left, right = table.rows[0].cells
    _cell_lines(left, [("Nơi nhận:", 12, True, True)] + [(line, 11, False, False) for line in RECIPIENTS])
    for paragraph in left.paragraphs:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    authority, name = SIGNER
    _cell_lines(right, [(line, 14, True, False) for line in [*authority, *[""] * gap, name]])
