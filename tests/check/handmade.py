"""A notice made the way clerks make them in Word: sizes and fonts inherited from Normal, docDefaults and
the theme; direct formatting and a character style on split runs; a borderless header table sized by
its grid only; rules as DrawingML lines (with a VML fallback), a VML line and a drawn line anchored in
an empty paragraph; the PAGE field as a simple field inside a content control; titlePg."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from d30notice import BODY, CONTENT_TYPES, NS, PKG_RELS, RECIPIENTS, REL, pack

from ttbgen.compose.textwidth import text_width_twips

STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"
 w:eastAsiaTheme="minorHAnsi" w:cstheme="minorBidi"/><w:sz w:val="26"/><w:szCs w:val="26"/>
 <w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="259"
 w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:pPr>
 <w:spacing w:before="0" w:after="120" w:line="288" w:lineRule="auto"/><w:ind w:firstLine="567"/>
 <w:jc w:val="both"/></w:pPr><w:rPr><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Trungtam"><w:name w:val="Trung tam"/><w:basedOn w:val="Normal"/><w:pPr>
 <w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr></w:style>
<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/><w:bCs/></w:rPr></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/></w:style>
</w:styles>"""

THEME = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office"><a:themeElements>
<a:fontScheme name="Office"><a:majorFont><a:latin typeface="Times New Roman"/><a:ea typeface=""/>
<a:cs typeface="Times New Roman"/></a:majorFont><a:minorFont><a:latin typeface="Times New Roman"/>
<a:ea typeface=""/><a:cs typeface="Times New Roman"/></a:minorFont></a:fontScheme></a:themeElements></a:theme>"""


def r(text: str, props: str = "") -> str:
    """A run with optional direct properties."""
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def p(content: str, style: str = "Trungtam", props: str = "") -> str:
    """A paragraph in a style."""
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{props}</w:pPr>{content}</w:p>'


def dml_line(length: int, fallback: bool) -> str:
    """A DrawingML line shape anchored in a run, optionally wrapped with a VML fallback."""
    cx = length * 635
    drawing = (f'<w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" '
               f'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
               f'<wp:positionH relativeFrom="column"><wp:align>center</wp:align></wp:positionH>'
               f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
               f'<wp:extent cx="{cx}" cy="0"/><wp:wrapNone/><wp:docPr id="1" name="Line 1"/><a:graphic>'
               f'<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
               f'<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="0"/></a:xfrm>'
               f'<a:prstGeom prst="line"><a:avLst/></a:prstGeom></wps:spPr><wps:bodyPr/></wps:wsp>'
               f"</a:graphicData></a:graphic></wp:anchor></w:drawing>")
    if not fallback:
        return f"<w:r>{drawing}</w:r>"
    vml = f'<w:pict><v:line from="0,0" to="{length / 20 * 0.5}pt,0" strokeweight=".5pt"/></w:pict>'
    return (f'<w:r><mc:AlternateContent><mc:Choice Requires="wps">{drawing}</mc:Choice>'
            f"<mc:Fallback>{vml}</mc:Fallback></mc:AlternateContent></w:r>")


def vml_line(length: int) -> str:
    """A VML line in a run (Word 2007 style)."""
    return f'<w:r><w:pict><v:line from="10pt,14pt" to="{10 + length / 20}pt,14pt" strokeweight=".5pt"/></w:pict></w:r>'


def document() -> str:
    """word/document.xml of the hand-made notice."""
    agency_w = text_width_twips("ỦY BAN NHÂN DÂN", 13, bold=True)
    motto_w = text_width_twips("Độc lập - Tự do - Hạnh phúc", 14, bold=True)
    title = "Kết luận của Phó Chủ tịch UBND tỉnh tại cuộc họp nghe báo cáo tiến độ các dự án trọng điểm"
    title_w = min(text_width_twips(title, 14, bold=True), 9071)
    left = (p(r("ỦY BAN NHÂN DÂN", '<w:rStyle w:val="Strong"/><w:sz w:val="26"/>'))
            + p(r("TỈNH ", "<w:b/><w:sz w:val=\"26\"/>") + r("LẠNG SƠN", "<w:b/><w:sz w:val=\"26\"/>"))
            + p(dml_line(round(agency_w * 0.4), fallback=True))
            + p(r("Số: ", '<w:sz w:val="26"/>') + r("05/TB-UBND", '<w:sz w:val="26"/>')))
    right = (p(r("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", '<w:b/><w:sz w:val="26"/>'))
             + p(r("Độc lập - Tự do - Hạnh phúc", "<w:b/>")) + p(vml_line(motto_w))
             + p(r("Lạng Sơn, ngày 05 tháng 02 năm 2024", "<w:i/>")))
    header = ('<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblLook w:val="04A0"/></w:tblPr>'
              '<w:tblGrid><w:gridCol w:w="3828"/><w:gridCol w:w="5811"/></w:tblGrid>'
              f"<w:tr><w:tc>{left}</w:tc><w:tc>{right}</w:tc></w:tr></w:tbl>")
    head = (p(r("THÔNG BÁO", "<w:b/>"), props='<w:spacing w:before="240"/>') + p(r(title, "<w:b/>"))
            + p(dml_line(round(title_w * 0.4), fallback=False)))
    body = "".join(p(r(t, "<w:b/>" if t[:1].isdigit() and len(t) < 60 else ""), style="Normal") for t in BODY)
    items = "".join(p(r(t, '<w:sz w:val="22"/>'), props='<w:jc w:val="left"/>') for t in RECIPIENTS)
    sig_left = p(r("Nơi nhận:", '<w:b/><w:i/><w:sz w:val="24"/>'), props='<w:jc w:val="left"/>') + items
    sig_right = "".join(p(r(t, "<w:b/>")) for t in ("TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"))
    sig_right += p("") * 3 + p(r("Vũ Quang Khánh", "<w:b/>"))
    sign = ('<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="3969"/>'
            f'<w:gridCol w:w="5670"/></w:tblGrid><w:tr><w:tc>{sig_left}</w:tc><w:tc>{sig_right}</w:tc></w:tr></w:tbl>')
    sect = ('<w:sectPr><w:headerReference w:type="default" r:id="rIdH1"/><w:pgSz w:w="11906" w:h="16838"/>'
            '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701" w:header="720" w:footer="720" '
            'w:gutter="0"/><w:titlePg/></w:sectPr>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {NS}><w:body>'
            f"{header}{head}{body}{p('', style='Normal')}{sign}{sect}</w:body></w:document>")


HEADER = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr {NS}><w:sdt><w:sdtPr><w:docPartObj>'
          '<w:docPartGallery w:val="Page Numbers (Top of Page)"/><w:docPartUnique/></w:docPartObj></w:sdtPr>'
          '<w:sdtContent><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:fldSimple w:instr=" PAGE   \\* MERGEFORMAT ">'
          '<w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:t>2</w:t></w:r></w:fldSimple></w:p></w:sdtContent></w:sdt></w:hdr>')


def build(path: Path) -> Path:
    """Write the hand-made notice."""
    rels = (f'<Relationship Id="rIdS" Type="{REL}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rIdT" Type="{REL}/theme" Target="theme/theme1.xml"/>'
            f'<Relationship Id="rIdH1" Type="{REL}/header" Target="header1.xml"/>')
    files: dict[str, str | bytes] = {
        "[Content_Types].xml": CONTENT_TYPES.format(overrides=""), "_rels/.rels": PKG_RELS,
        "word/document.xml": document(), "word/styles.xml": STYLES, "word/theme/theme1.xml": THEME,
        "word/header1.xml": HEADER,
        "word/_rels/document.xml.rels": ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
                                         f'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}'
                                         "</Relationships>"),
    }
    path.write_bytes(pack(files))
    return path
