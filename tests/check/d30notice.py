"""A generator of Decree 30 notices as raw OOXML, for the checker's tests and benchmarks.

`build()` makes a full, correct notice laid out as ttbgen's template is (ttbgen/context.py): a
borderless header table (agency lines, rule, number | Quốc hiệu, Tiêu ngữ, rule, date), THÔNG BÁO,
trích yếu and rule, body paragraphs, a borderless signature table (Nơi nhận | authority, title, name),
rules as empty paragraphs with a border and side indents, a centred PAGE field in the header and
titlePg. Keyword arguments make the variants that fail one rule each.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from ttbgen.compose.textwidth import text_width_twips

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (
    f'xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'
)
TNR = "Times New Roman"
BODY = [
    ("Ngày 05/02/2024, tại trụ sở UBND tỉnh, đồng chí Nguyễn Văn A, Phó Chủ tịch UBND tỉnh đã chủ trì cuộc họp "
     "nghe báo cáo tiến độ các dự án trọng điểm. Tham dự cuộc họp có lãnh đạo các sở: Tài chính, Xây dựng; "
     "lãnh đạo Văn phòng UBND tỉnh."),
    "Sau khi nghe Sở Tài chính báo cáo và ý kiến của các đại biểu dự họp, đồng chí Phó Chủ tịch UBND tỉnh kết "
    "luận như sau:",
    "1. Đánh giá chung",
    "Đánh giá cao sự chủ động của các sở, ngành trong triển khai các dự án; tuy nhiên, tiến độ giải ngân còn chậm.",
    "2. Nhiệm vụ thời gian tới",
    "a) Sở Tài chính: Chủ trì, phối hợp với các cơ quan liên quan tham mưu phân bổ vốn; hoàn thành trước ngày "
    "15/3/2024.",
    "b) UBND các xã, phường: Khẩn trương hoàn thành công tác giải phóng mặt bằng; báo cáo UBND tỉnh trước ngày "
    "30/3/2024.",
    "Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị liên quan biết, thực hiện./.",
]
RECIPIENTS = [
    "- Chủ tịch, các PCT UBND tỉnh;",
    "- Các sở: Tài chính, Xây dựng;",
    "- UBND các xã, phường;",
    "- CVP, các PCVP UBND tỉnh;",
    "- Lưu: VT, KT.",
]


@dataclass
class Notice:
    """The texts, formats and page setup of a generated notice; defaults pass every rule."""

    supervising: list[str] = field(default_factory=list)
    agency: list[str] = field(default_factory=lambda: ["ỦY BAN NHÂN DÂN", "TỈNH LẠNG SƠN"])
    number: str = "Số: 05/TB-UBND"
    national: str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    motto: str = "Độc lập - Tự do - Hạnh phúc"
    date: str = "Lạng Sơn, ngày 05 tháng 02 năm 2024"
    doc_type: str = "THÔNG BÁO"
    title: str = "Kết luận của Phó Chủ tịch UBND tỉnh tại cuộc họp nghe báo cáo tiến độ các dự án trọng điểm"
    body: list[str] = field(default_factory=lambda: list(BODY))
    recipients_label: str = "Nơi nhận:"
    recipients: list[str] = field(default_factory=lambda: list(RECIPIENTS))
    authority: list[str] = field(default_factory=lambda: ["TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG"])
    signer_title: str = "PHÓ CHÁNH VĂN PHÒNG"
    name: str = "Vũ Quang Khánh"
    # per component (quoc_hieu, tieu_ngu, co_quan_chu_quan, co_quan_ban_hanh, so_ky_hieu, dia_danh_ngay,
    # ten_loai, trich_yeu, body, heading, noi_nhan_label, noi_nhan_item, quyen_han, chuc_vu, ho_ten):
    # paragraph overrides (size, bold, italic, jc, font, color, first, before, after, line, line_rule, fonts)
    fmt: dict[str, dict[str, Any]] = field(default_factory=dict)
    page: tuple[int, int] = (11906, 16838)
    orient: str = ""
    margins: tuple[int, int, int, int] = (1134, 1134, 1701, 1134)  # top, bottom, left, right
    rules: dict[str, float | None] = field(default_factory=lambda: {"agency": 0.4, "motto": 1.0, "title": 0.4})
    page_field: str = "header"  # header, footer, none
    title_pg: bool = True
    page_align: str = "center"
    header_rows: int = 1  # 2: number and date in a second header row
    subject: str = ""  # a công văn's "V/v …" under the number (use with doc_type="" and title="")
    kinh_gui: str = ""  # "Kính gửi: …" between the trích yếu and the content
    appendix: list[str] = field(default_factory=list)  # an appendix after the signature: heading, then text
    appendix_restart: bool = True  # the appendix's section restarts the page numbers at 1
    extra_rels: list[str] = field(default_factory=list)  # more relationships of word/document.xml
    page_instr: str = " PAGE "  # the header's field instruction


HEADER_LEFT, HEADER_RIGHT = 3828, 5811
SIGN_LEFT, SIGN_RIGHT = 3969, 5670
CELL_MARGINS = 216


def _defaults(n: Notice, comp: str) -> dict[str, Any]:
    """Return the Decree 30 format of a component, with the notice's overrides applied."""
    base: dict[str, dict[str, Any]] = {
        "co_quan_chu_quan": {"size": 13}, "co_quan_ban_hanh": {"size": 13, "bold": True},
        "so_ky_hieu": {"size": 13}, "quoc_hieu": {"size": 13, "bold": True}, "tieu_ngu": {"size": 14, "bold": True},
        "dia_danh_ngay": {"size": 14, "italic": True}, "ten_loai": {"size": 14, "bold": True, "before": 240},
        "trich_yeu_cong_van": {"size": 13, "before": 120}, "kinh_gui": {"size": 14, "before": 240, "after": 240},
        "phu_luc": {"size": 14, "bold": True},
        "trich_yeu": {"size": 14, "bold": True},
        "body": {"size": 14, "jc": "both", "first": 567, "after": 120, "line": 276},
        "heading": {"size": 14, "bold": True, "jc": "both", "first": 567, "after": 120, "line": 276},
        "noi_nhan_label": {"size": 12, "bold": True, "italic": True, "jc": "left"},
        "noi_nhan_item": {"size": 11, "jc": "left"}, "quyen_han": {"size": 14, "bold": True},
        "chuc_vu": {"size": 14, "bold": True}, "ho_ten": {"size": 14, "bold": True, "before": 1200},
    }
    return {"jc": "center", **base[comp], **n.fmt.get(comp, {})}


def run(text: str, size: float = 14, bold: bool = False, italic: bool = False, font: str = TNR,
        color: str | None = None, fonts: dict[str, str] | None = None, **_ignored: Any) -> str:
    """Return a w:r with direct formatting in every font slot."""
    slots = {"ascii": font, "hAnsi": font, "cs": font, "eastAsia": font, **(fonts or {})}
    rfonts = "".join(f' w:{k}="{escape(v)}"' for k, v in slots.items())
    rpr = f"<w:rFonts{rfonts}/>" + ("<w:b/><w:bCs/>" if bold else "") + ("<w:i/><w:iCs/>" if italic else "")
    rpr += f'<w:color w:val="{color}"/>' if color else ""
    half = round(size * 2)
    rpr += f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'
    return f'<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def ppr(jc: str = "left", first: int | None = None, before: int = 0, after: int = 0, line: int = 240,
        line_rule: str = "auto", ind: tuple[int, int] | None = None, border: str = "", **_ignored: Any) -> str:
    """Return a w:pPr in ECMA-376 child order."""
    out = f'<w:pBdr><w:{border} w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr>' if border else ""
    out += f'<w:spacing w:before="{before}" w:after="{after}" w:line="{line}" w:lineRule="{line_rule}"/>'
    left, right = ind or (0, 0)
    first_attr = f' w:firstLine="{first}"' if first is not None and first >= 0 else (
        f' w:hanging="{-first}"' if first is not None else "")
    out += f'<w:ind w:left="{left}" w:right="{right}"{first_attr}/>'
    return f'<w:pPr>{out}<w:jc w:val="{jc}"/></w:pPr>'


def para(text: str, fmt: dict[str, Any]) -> str:
    """Return a paragraph of one run."""
    return f"<w:p>{ppr(**fmt)}{run(text, **fmt) if text else ''}</w:p>"


def rule_para(width: int, length: int | None) -> str:
    """Return an empty paragraph drawing a centred rule of a given length as a top border."""
    if length is None:
        return para("", {"size": 6})
    side = max((width - length) // 2, 0)
    return f'<w:p>{ppr(jc="center", ind=(side, side), border="top")}</w:p>'


def rule_length(n: Notice, key: str, texts: list[str], fmt: dict[str, Any], width: int) -> int | None:
    """Return the length of a rule as a share of its text line (None: no rule)."""
    share = n.rules.get(key)
    if share is None:
        return None
    line = max(text_width_twips(t, fmt["size"], fmt.get("bold", False), fmt.get("italic", False)) for t in texts)
    return round(min(line, width) * share)


def _cell(width: int, content: str) -> str:
    """Return a borderless table cell of a width."""
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{content}</w:tc>'


def _table(widths: tuple[int, int], *rows: tuple[str, str]) -> str:
    """Return a borderless two-column table."""
    borders = "".join(f'<w:{s} w:val="nil"/>' for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
    grid = "".join(f'<w:gridCol w:w="{w_}"/>' for w_ in widths)
    return (f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblInd w:w="-176" w:type="dxa"/>'
            f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid>"
            + "".join(f"<w:tr>{_cell(widths[0], left)}{_cell(widths[1], right)}</w:tr>" for left, right in rows)
            + "</w:tbl>")


def header_table(n: Notice) -> str:
    """Return the header table: ô 2 and ô 3 on the left, ô 1 and ô 4 on the right."""
    lw, rw = HEADER_LEFT - CELL_MARGINS, HEADER_RIGHT - CELL_MARGINS
    sup, ag = _defaults(n, "co_quan_chu_quan"), _defaults(n, "co_quan_ban_hanh")
    left = "".join(para(t, sup) for t in n.supervising) + "".join(para(t, ag) for t in n.agency)
    left += rule_para(lw, rule_length(n, "agency", n.agency, ag, lw))
    subject = para(n.subject, _defaults(n, "trich_yeu_cong_van")) if n.subject else ""
    tn = _defaults(n, "tieu_ngu")
    right = para(n.national, _defaults(n, "quoc_hieu")) + para(n.motto, tn)
    right += rule_para(rw, rule_length(n, "motto", [n.motto], tn, rw))
    number, date = para(n.number, _defaults(n, "so_ky_hieu")), para(n.date, _defaults(n, "dia_danh_ngay"))
    if n.header_rows == 2:  # ttbgen's template: Số and the date in a row of their own, level with each other
        return _table((HEADER_LEFT, HEADER_RIGHT), (left, right), (number + subject, date))
    return _table((HEADER_LEFT, HEADER_RIGHT), (left + number + subject, right + date))


def title_block(n: Notice, width: int) -> str:
    """Return THÔNG BÁO, the trích yếu and its rule (none for a công văn), then any Kính gửi."""
    ty = _defaults(n, "trich_yeu")
    out = ""
    if n.doc_type or n.title:
        out = para(n.doc_type, _defaults(n, "ten_loai")) + para(n.title, ty)
        out += rule_para(width, rule_length(n, "title", [n.title], ty, width))
    return out + (para(n.kinh_gui, _defaults(n, "kinh_gui")) if n.kinh_gui else "")


def body(n: Notice) -> str:
    """Return the content paragraphs; "1. …" lines are bold headings."""
    out = []
    for text in n.body:
        heading = text[:1].isdigit() or re.match(r"^[IVX]+\. ", text)
        kind = "heading" if heading and len(text) < 60 else "body"
        out.append(para(text, _defaults(n, kind)))
    return "".join(out)


def signature_table(n: Notice) -> str:
    """Return the Nơi nhận and signature table."""
    left = para(n.recipients_label, _defaults(n, "noi_nhan_label"))
    left += "".join(para(t, _defaults(n, "noi_nhan_item")) for t in n.recipients)
    right = "".join(para(t, _defaults(n, "quyen_han")) for t in n.authority)
    right += para(n.signer_title, _defaults(n, "chuc_vu")) + para(n.name, _defaults(n, "ho_ten"))
    return _table((SIGN_LEFT, SIGN_RIGHT), (left, right))


def appendix(n: Notice) -> str:
    """Return the end of the main section and an appendix in a section of its own."""
    if not n.appendix:
        return ""
    heading, *text = n.appendix
    return (f"<w:p><w:pPr>{sect_pr(n, restart=False)}</w:pPr></w:p>" + para(heading, _defaults(n, "phu_luc"))
            + "".join(para(t, _defaults(n, "body")) for t in text))


def sect_pr(n: Notice, restart: bool | None = None) -> str:
    """Return the section properties: A4, margins, headers, titlePg."""
    top, bottom, left, right = n.margins
    refs = ""
    if n.page_field != "none":
        kind = "header" if n.page_field == "header" else "footer"
        refs = f'<w:{kind}Reference w:type="default" r:id="rIdH1"/><w:{kind}Reference w:type="first" r:id="rIdH2"/>'
    orient = f' w:orient="{n.orient}"' if n.orient else ""
    restart = (bool(n.appendix) and n.appendix_restart) if restart is None else restart
    numbering = '<w:pgNumType w:start="1"/>' if restart else ""
    return (f'<w:sectPr>{refs}<w:pgSz w:w="{n.page[0]}" w:h="{n.page[1]}"{orient}/>'
            f'<w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" w:header="567" '
            f'w:footer="567" w:gutter="0"/>{numbering}'
            f'{"<w:titlePg/>" if n.title_pg else ""}</w:sectPr>')


def document_xml(n: Notice) -> str:
    """Return word/document.xml."""
    width = n.page[0] - n.margins[2] - n.margins[3]
    content = header_table(n) + title_block(n, width) + body(n) + signature_table(n) + appendix(n)
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {NS}><w:body>{content}'
            f"{sect_pr(n)}</w:body></w:document>")


def page_part(n: Notice, first: bool) -> str:
    """Return a header/footer part: a centred complex PAGE field, or an empty first-page part."""
    kind = "hdr" if n.page_field == "header" else "ftr"
    content = '<w:p><w:pPr><w:jc w:val="center"/></w:pPr></w:p>'
    if not first:
        rpr = f'<w:rPr><w:rFonts w:ascii="{TNR}" w:hAnsi="{TNR}" w:cs="{TNR}"/><w:sz w:val="28"/></w:rPr>'
        content = (f'<w:p><w:pPr><w:jc w:val="{n.page_align}"/></w:pPr>'
                   f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
                   f'<w:r>{rpr}<w:instrText xml:space="preserve">{n.page_instr}</w:instrText></w:r>'
                   f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r><w:r>{rpr}<w:t>2</w:t></w:r>'
                   f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r></w:p>')
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:{kind} {NS}>{content}</w:{kind}>'


STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault>'
    f'<w:rPr><w:rFonts w:ascii="{TNR}" w:hAnsi="{TNR}" w:eastAsia="{TNR}" w:cs="{TNR}"/><w:sz w:val="28"/>'
    '<w:szCs w:val="28"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr/></w:pPrDefault>'
    '</w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
    "</w:style></w:styles>"
)
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    "{overrides}</Types>"
)
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/></Relationships>'
)


def parts(n: Notice) -> dict[str, str]:
    """Return every part of the package."""
    out = {"word/document.xml": document_xml(n), "word/styles.xml": STYLES, "_rels/.rels": PKG_RELS}
    rels = [f'<Relationship Id="rIdS" Type="{REL}/styles" Target="styles.xml"/>', *n.extra_rels]
    overrides = ""
    if n.page_field != "none":
        kind = "header" if n.page_field == "header" else "footer"
        for rid, first in (("rIdH1", False), ("rIdH2", True)):
            target = f"{kind}{2 if first else 1}.xml"
            out[f"word/{target}"] = page_part(n, first)
            rels.append(f'<Relationship Id="{rid}" Type="{REL}/{kind}" Target="{target}"/>')
            overrides += (f'<Override PartName="/word/{target}" ContentType="application/vnd.openxmlformats-'
                          f'officedocument.wordprocessingml.{kind}+xml"/>')
    out["[Content_Types].xml"] = CONTENT_TYPES.format(overrides=overrides)
    out["word/_rels/document.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{"".join(rels)}'
        "</Relationships>")
    return out


def pack(files: dict[str, str | bytes]) -> bytes:
    """Zip parts into a package."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()


def build(path: Path, notice: Notice | None = None, **changes: Any) -> Path:
    """Write a notice to `path`; keyword arguments replace Notice fields (variants)."""
    n = replace(notice or Notice(), **changes)
    path.write_bytes(pack(dict(parts(n))))
    return path


def with_fmt(comp: str, **fmt: Any) -> dict[str, dict[str, Any]]:
    """Return a `fmt` mapping that overrides one component's format."""
    return {comp: fmt}
