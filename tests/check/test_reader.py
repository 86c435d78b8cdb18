"""The reader and resolver on a notice made like a real Word file, and on python-docx output."""

from __future__ import annotations

from pathlib import Path

import handmade

from ttbgen.check import components as c
from ttbgen.check.api import check_document
from ttbgen.check.components import find_components
from ttbgen.check.findings import Level
from ttbgen.check.reader import read_document
from ttbgen.check.rules.rule_lines import rule_below


def test_handmade_notice_effective_formatting(tmp_path: Path) -> None:
    doc = read_document(handmade.build(tmp_path / "word.docx"))
    comps = find_components(doc)
    body = comps[c.BODY][0].runs[0]
    assert (body.size, body.ascii, body.h_ansi, body.cs) == (14.0, "Times New Roman", "Times New Roman",
                                                             "Times New Roman")  # Normal + theme fonts
    assert comps[c.BODY][0].align == "both" and comps[c.BODY][0].first_line == 567  # from Normal
    agency = comps[c.BAN_HANH][0].runs[0]
    assert (agency.size, agency.bold) == (13.0, True)  # direct size; bold from the Strong character style
    assert [r.text for r in comps[c.BAN_HANH][1].runs] == ["TỈNH ", "LẠNG SƠN"]
    assert comps[c.TIEU_NGU][0].runs[0].size == 14.0  # inherited from Normal through Trungtam
    assert comps[c.DIA_DANH_NGAY][0].runs[0].italic
    assert comps[c.HO_TEN][0].text == "Vũ Quang Khánh"
    assert comps[c.BAN_HANH][0].cell is not None and comps[c.BAN_HANH][0].cell.width == 3828 - 216  # grid width


def test_handmade_notice_rules_are_found(tmp_path: Path) -> None:
    doc = read_document(handmade.build(tmp_path / "word.docx"))
    comps = find_components(doc)
    for name in (c.BAN_HANH, c.TIEU_NGU, c.TRICH_YEU):
        assert rule_below(doc.paras, comps[name][-1]) is not None, name


def test_handmade_notice_passes(tmp_path: Path) -> None:
    findings = check_document(handmade.build(tmp_path / "word.docx"))
    assert [f.text_line() for f in findings if f.level is not Level.INFO] == []


def test_ascii_only_font_leaves_hansi_to_the_theme(tmp_path: Path) -> None:
    """A run naming only the ascii font leaves hAnsi to the theme (pitfalls.md): the checker sees it."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document()
    paragraph = document.add_paragraph()
    run = paragraph.add_run("Độc lập - Tự do - Hạnh phúc")
    run.font.name = "Times New Roman"
    run._r.rPr.rFonts.attrib.pop(qn("w:hAnsi"), None)  # what older python-docx and many tools write
    path = tmp_path / "pd.docx"
    document.save(str(path))
    para = read_document(path).paras[0]
    assert para.runs[0].ascii == "Times New Roman"
    assert para.runs[0].h_ansi != "Times New Roman"
    findings = [f for f in check_document(path) if f.rule == "font-family"]
    assert any("hAnsi font is" in f.message for f in findings)


def test_header_without_table(tmp_path: Path) -> None:
    """Header lines as plain paragraphs (no table) are still found."""
    from d30notice import Notice, pack, parts

    xml = parts(Notice())
    doc_xml = xml["word/document.xml"]
    # unwrap the header table: keep its paragraphs in reading order
    start, end = doc_xml.index("<w:tbl>"), doc_xml.index("</w:tbl>") + len("</w:tbl>")
    import re

    paras = "".join(re.findall(r"<w:p>.*?</w:p>", doc_xml[start:end]))
    xml["word/document.xml"] = doc_xml[:start] + paras + doc_xml[end:]
    path = tmp_path / "flat.docx"
    path.write_bytes(pack(dict(xml)))
    comps = find_components(read_document(path))
    assert [p.text for p in comps[c.BAN_HANH]] == ["ỦY BAN NHÂN DÂN", "TỈNH LẠNG SƠN"]
    assert comps[c.QUOC_HIEU] and comps[c.SO_KY_HIEU] and comps[c.DIA_DANH_NGAY]


def test_number_and_date_in_a_second_header_row(tmp_path: Path) -> None:
    """ttbgen's template puts Số and the date in their own row; the agency is the column above Số."""
    from d30notice import build

    path = build(tmp_path / "rows.docx", header_rows=2)
    comps = find_components(read_document(path))
    assert [p.text for p in comps[c.BAN_HANH]] == ["ỦY BAN NHÂN DÂN", "TỈNH LẠNG SƠN"]
    assert check_document(path) == []
