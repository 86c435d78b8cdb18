"""Generate templates/thong-bao-ket-luan/template.docx, the docxtpl template of a Thông báo kết luận.

The .docx is written part by part with zipfile (fixed member order, fixed timestamps), so the same
script always gives the same bytes. Only the parts a notice needs are written (no numbering, no
python-docx default template: pitfalls.md "python-docx"; the one theme is a stub whose fonts are Times
New Roman). Every name a template tag uses comes from ttbgen.compose.context.NoticeContext (design.md §5).

Run: python tools/make_template.py [--output PATH]
"""

from __future__ import annotations

import argparse
import io
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO / "templates" / "thong-bao-ket-luan" / "template.docx"
# Every shipped template shares this Decree 30 layout (Mẫu 1.4); they differ in their manifest (document
# type, how the body is derived), and each is its own file so that an office can restyle one in Word.
TEMPLATE_NAMES = ("thong-bao-ket-luan", "giay-moi", "thong-bao", "bao-cao-nhiem-vu")

# --- Geometry (twips; 1 mm = 56.7 twips) -------------------------------------------------------

# docs/decree30.md §1: A4 portrait; margins top/bottom 20 mm, left 30 mm, right 15 mm (S8 values, in range).
PAGE_W, PAGE_H = 11906, 16838
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 1134, 1134, 1701, 851
HEADER_DISTANCE = 567  # 10 mm: the page number sits in the top margin (docs/decree30.md §4)
TEXT_W = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT  # 9354 = 16.5 cm

# docs/decree30.md §2.3: header table ≈ 6.75–7.5 cm | 9.75–10.3 cm. The right column must hold the Quốc hiệu
# at 13 pt bold on one line (≈ 9.6 cm by ttbgen.compose.textwidth), so 10.2 cm; the table is wider than the text
# area and is pulled 2.5 mm into each margin, as Mẫu 1.4 pulls its table left (tblInd −199).
HEADER_LEFT_W = 3856  # 6.8 cm
HEADER_RIGHT_W = 5783  # 10.2 cm
HEADER_IND = -(HEADER_LEFT_W + HEADER_RIGHT_W - TEXT_W) // 2  # −143

# docs/decree30.md §2.3: signature table, Nơi nhận ≈ 5.3 cm (Mẫu 1.4); 6 cm keeps 11 pt lines from wrapping.
SIGN_LEFT_W = 3402  # 6.0 cm
SIGN_RIGHT_W = TEXT_W - SIGN_LEFT_W  # 5952 = 10.5 cm

# Half-points (docs/decree30.md §1 "Unit conversions").
SZ_11, SZ_12, SZ_13, SZ_14 = 22, 24, 26, 28

FIXED_DATE = (1980, 1, 1, 0, 0, 0)

# --- Namespaces and XML helpers ---------------------------------------------------------------

NS_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT_BASE = "application/vnd.openxmlformats-officedocument"
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
W_ROOT_NS = f'xmlns:w="{NS_W}" xmlns:r="{NS_R}"'


def _attr(value: str | int) -> str:
    """Escape a value for a double-quoted XML attribute."""
    return escape(str(value), {'"': "&quot;"})


def _run(text: str, rstyle: str | None = None) -> str:
    """One run holding one text node (a docxtpl tag must stay inside one w:t: pitfalls.md)."""
    rpr = f'<w:rPr><w:rStyle w:val="{rstyle}"/></w:rPr>' if rstyle else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _para(style: str, runs: Sequence[str] = (), ppr_extra: str = "") -> str:
    """A paragraph with a named style; ppr_extra must follow w:pStyle in ECMA-376 order."""
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{ppr_extra}</w:pPr>{"".join(runs)}</w:p>'


def _text_para(style: str, text: str) -> str:
    """A paragraph with one run of text (usually one {{ tag }})."""
    return _para(style, [_run(text)])


def _tag_para(tag: str) -> str:
    """A paragraph holding only a docxtpl {%p … %} tag; docxtpl drops the whole paragraph."""
    return f"<w:p>{_run(tag)}</w:p>"


# Rule lengths as Word shows the raw template (a clerk editing it sees sensible rules): the agency rule
# 2 cm, the motto rule the width of the Tiêu ngữ at 14 pt bold (6.05 cm), the title rule 1/3 of the line.
RULE_PLACEHOLDERS = {
    "agency": (1361, 1361),
    "motto": (1178, 1177),
    "title": (3118, 3118),
}


def _rule_ind(rule: str) -> str:
    """w:ind of a rule paragraph: a placeholder for Word, the context geometry for docxtpl.

    Jinja in an attribute (w:left="{{ … }}") makes the raw template schema-invalid (openxml-audit
    reports it) and Word may refuse to open it. So the live element is hidden from XML in comments and
    shown to Jinja, while a placeholder is shown to XML and hidden from Jinja in a {# #} comment
    spanning the XML comments:

        XML sees:   <!--{#-->  <w:ind placeholder/>  <!--#}{{…}}<w:ind live/>{{…}}-->
        Jinja sees: <!--  {#…#}  -->  <w:ind live/>  <!--  -->

    The two expressions print "-->" and "<!--" (built from pieces, since "--" may not occur in an XML
    comment). The rendered part holds two empty comments and the live w:ind. A template saved by Word
    loses the comments and keeps the placeholder: still valid, rules of default length.
    """
    left, right = RULE_PLACEHOLDERS[rule]
    close, reopen = "{{ ('-' ~ '-' ~ '>')|safe }}", "{{ ('<!' ~ '-' ~ '-')|safe }}"
    live = f'<w:ind w:left="{{{{ rules.{rule}.left }}}}" w:right="{{{{ rules.{rule}.right }}}}"/>'
    placeholder = f'<w:ind w:left="{left}" w:right="{right}"/>'
    return f"<!--{{#-->{placeholder}<!--#}}{close}{live}{reopen}-->"


def _rule_para(rule: str) -> str:
    """An empty paragraph whose bottom border (style TTBRule) draws a rule of context-given length."""
    return _para("TTBRule", (), _rule_ind(rule))


# --- Styles (docs/decree30.md §2.2 and §12 size_profile_14) -----------------------------------------


def _rpr(size: int, bold: bool = False, italic: bool = False) -> str:
    """Run properties in ECMA-376 order: b, bCs, i, iCs, sz, szCs."""
    b = "<w:b/><w:bCs/>" if bold else ""
    i = "<w:i/><w:iCs/>" if italic else ""
    return f'<w:rPr>{b}{i}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'


def _ppr(
    jc: str,
    before: int = 0,
    after: int = 0,
    line: str = 'w:line="240" w:lineRule="auto"',
    ind: str = '<w:ind w:left="0" w:right="0" w:firstLine="0"/>',
    keep_next: bool = False,
    extra: str = "",
) -> str:
    """Paragraph properties in ECMA-376 order: keepNext, pBdr (extra), spacing, ind, jc."""
    keep = "<w:keepNext/>" if keep_next else ""
    spacing = f'<w:spacing w:before="{before}" w:after="{after}" {line}/>'
    return f'<w:pPr>{keep}{extra}{spacing}{ind}<w:jc w:val="{jc}"/></w:pPr>'


def _pstyle(style_id: str, name: str, ppr: str, rpr: str, based_on: str = "Normal") -> str:
    """A custom paragraph style; Normal is the next style so Enter gives plain text."""
    return (
        f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{style_id}">'
        f'<w:name w:val="{_attr(name)}"/><w:basedOn w:val="{based_on}"/><w:next w:val="Normal"/>'
        f"<w:qFormat/>{ppr}{rpr}</w:style>"
    )


def _header_style(style_id: str, name: str, size: int, bold: bool = False, italic: bool = False) -> str:
    """A header-table line: centred, single spacing, 0 before/after, kept with what follows."""
    return _pstyle(style_id, name, _ppr("center", keep_next=True), _rpr(size, bold, italic))


# The empty paragraph that carries a rule (docs/decree30.md §2.2 "Rule under it"; §2.3 "How the rules are
# drawn": a paragraph border plus side indents). An exact 5 pt line puts the rule just under the
# descenders of the text above; 5 pt after keeps the next line clear of it.
_RULE_BORDER = '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="0" w:color="000000"/></w:pBdr>'
_RULE_STYLE = _pstyle(
    "TTBRule",
    "TTB Rule",
    _ppr("center", after=100, line='w:line="100" w:lineRule="exact"', keep_next=True, extra=_RULE_BORDER),
    '<w:rPr><w:sz w:val="4"/><w:szCs w:val="4"/></w:rPr>',
)


def _body_ppr(keep_next: bool = False) -> str:
    """Body (docs/decree30.md §3): justified, first line 1 cm, 6 pt before (≥ 6 pt between), 1.15 lines."""
    return _ppr(
        "both",
        before=120,
        line='w:line="276" w:lineRule="auto"',
        ind='<w:ind w:left="0" w:right="0" w:firstLine="567"/>',
        keep_next=keep_next,
    )


# Nơi nhận lines (docs/decree30.md §6): "-" flush left; "+" sub-items indented 0.5 cm as in the published
# Mai Sơn notice (shared/examples). A wrapped line hangs under the text, not under the "- " / "+ ": the
# hanging indent is the width of "- " (128 twips) and "+ " (179 twips) at 11 pt in Times New Roman
# (advance widths 333 + 250 and 564 + 250 per 1000 em, Liberation Serif).
_RECIPIENT_PPR = _ppr("left", ind='<w:ind w:left="128" w:right="0" w:hanging="128"/>')
_RECIPIENT2_PPR = _ppr("left", ind='<w:ind w:left="463" w:right="0" w:hanging="179"/>')

PARAGRAPH_STYLES: tuple[str, ...] = (
    # ô 2, 3 (docs/decree30.md §2.2): supervising 13 upright not bold; issuing 13 bold; Số 13 upright.
    _header_style("TTBSupervising", "TTB Supervising Agency", SZ_13),
    _header_style("TTBAgency", "TTB Issuing Agency", SZ_13, bold=True),
    _header_style("TTBNumber", "TTB Number", SZ_13),
    # ô 1, 4: Quốc hiệu 13 bold, Tiêu ngữ 14 bold, place and date 14 italic (size footnote, §1).
    _header_style("TTBNational", "TTB National Title", SZ_13, bold=True),
    _header_style("TTBMotto", "TTB Motto", SZ_14, bold=True),
    _header_style("TTBDate", "TTB Place Date", SZ_14, italic=True),
    _RULE_STYLE,
    # ô 5a: THÔNG BÁO and the trích yếu, 14 bold centred; 18 pt between the header and the type.
    _pstyle("TTBDocType", "TTB Document Type", _ppr("center", before=360, keep_next=True), _rpr(SZ_14, True)),
    _pstyle("TTBTitle", "TTB Title", _ppr("center", keep_next=True), _rpr(SZ_14, True)),
    # ô 6: body and "1. Nhận định chung" headings (§3 Headings: bold, same indent, justified).
    _pstyle("TTBBody", "TTB Body", _body_ppr(), _rpr(SZ_14)),
    _pstyle("TTBHeading", "TTB Heading", _body_ppr(keep_next=True), _rpr(SZ_14, True), based_on="TTBBody"),
    # ô 9b (§6): label 12 bold italic; items 11 upright, flush left, no spacing.
    _pstyle("TTBRecipientsLabel", "TTB Recipients Label", _ppr("left", keep_next=True),
            _rpr(SZ_12, True, True)),
    _pstyle("TTBRecipient", "TTB Recipient", _RECIPIENT_PPR, _rpr(SZ_11)),
    _pstyle("TTBRecipient2", "TTB Recipient Level 2", _RECIPIENT2_PPR, _rpr(SZ_11), based_on="TTBRecipient"),
    # ô 7a, 7b (§5): authority and title 14 bold centred; the name 72 pt below for the signature.
    _pstyle("TTBAuthority", "TTB Authority", _ppr("center", keep_next=True), _rpr(SZ_14, True)),
    _pstyle("TTBSignerTitle", "TTB Signer Title", _ppr("center", keep_next=True), _rpr(SZ_14, True),
            based_on="TTBAuthority"),
    _pstyle("TTBSignerName", "TTB Signer Name", _ppr("center", before=1440), _rpr(SZ_14, True)),
    # Page number (§4): 14 pt upright, centred in the header.
    _pstyle("TTBPageNumber", "TTB Page Number", _ppr("center"), _rpr(SZ_14)),
)

# Times New Roman in every slot, no *Theme attributes (pitfalls.md "python-docx"); black (§1).
_FONTS = '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" ' \
    'w:cs="Times New Roman"/>'
_DOC_DEFAULTS = (
    "<w:docDefaults><w:rPrDefault><w:rPr>"
    f'{_FONTS}<w:color w:val="000000"/><w:sz w:val="{SZ_14}"/><w:szCs w:val="{SZ_14}"/>'
    '<w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/>'
    "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
    '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
    "</w:pPr></w:pPrDefault></w:docDefaults>"
)
_BASE_STYLES = (
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
    "<w:pPr><w:widowControl/></w:pPr></w:style>"
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
    '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/>'
    "</w:style>"
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
    '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
    '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
)
# Run-in heading ("Sở Y tế: "): upright like the body by default (§3: a khoản without a title is
# upright); a named style so an office can make it bold or italic in Word without touching the layout.
# A spec asks for a bold or italic head (`emphasis:`, published practice): TTB Lead Bold / TTB Lead Italic.
_LEAD_STYLE = (
    '<w:style w:type="character" w:customStyle="1" w:styleId="TTBLead"><w:name w:val="TTB Lead"/>'
    '<w:basedOn w:val="DefaultParagraphFont"/><w:qFormat/></w:style>'
    '<w:style w:type="character" w:customStyle="1" w:styleId="TTBLeadBold"><w:name w:val="TTB Lead Bold"/>'
    '<w:basedOn w:val="TTBLead"/><w:qFormat/><w:rPr><w:b/><w:bCs/></w:rPr></w:style>'
    '<w:style w:type="character" w:customStyle="1" w:styleId="TTBLeadItalic"><w:name w:val="TTB Lead Italic"/>'
    '<w:basedOn w:val="TTBLead"/><w:qFormat/><w:rPr><w:i/><w:iCs/></w:rPr></w:style>'
)


def styles_xml() -> str:
    """word/styles.xml: defaults, the three base styles and the TTB styles."""
    return (
        f"{XML_DECL}<w:styles {W_ROOT_NS}>{_DOC_DEFAULTS}{_BASE_STYLES}"
        f"{''.join(PARAGRAPH_STYLES)}{_LEAD_STYLE}</w:styles>"
    )


# --- Document body ------------------------------------------------------------------------------

_NO_BORDERS = (
    "<w:tblBorders>"
    + "".join(f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    + "</w:tblBorders>"
)


def _tbl_pr(width: int, ind: int, top_mar: int = 0) -> str:
    """Borderless fixed-layout table; zero side margins so text aligns with the column edges."""
    return (
        f'<w:tblPr><w:tblW w:w="{width}" w:type="dxa"/><w:tblInd w:w="{ind}" w:type="dxa"/>'
        f'{_NO_BORDERS}<w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:top w:w="{top_mar}" w:type="dxa"/><w:left w:w="0" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
        'w:noHBand="0" w:noVBand="0"/></w:tblPr>'
    )


def _cell(width: int, paragraphs: Sequence[str]) -> str:
    """A table cell of fixed width."""
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{"".join(paragraphs)}</w:tc>'


def _row(cells: Sequence[str]) -> str:
    """A table row that never splits across pages."""
    return f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{''.join(cells)}</w:tr>"


def _table(widths: tuple[int, int], ind: int, rows: Sequence[str], top_mar: int = 0) -> str:
    """A borderless two-column table."""
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return f"<w:tbl>{_tbl_pr(sum(widths), ind, top_mar)}<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


def _loop(header: str, body: Sequence[str]) -> list[str]:
    """Paragraphs repeated by a docxtpl {%p for … %} loop."""
    return [_tag_para(f"{{%p {header} %}}"), *body, _tag_para("{%p endfor %}")]


def header_table() -> str:
    """ô 1–4 (docs/decree30.md §2.1, §2.3): agency | Quốc hiệu, then Số | date on a second row.

    Số and the date share row 2, so they stay level however many agency lines row 1 has.
    """
    agency = [
        *_loop("for s in supervising", [_text_para("TTBSupervising", "{{ s }}")]),
        *_loop("for a in agency", [_text_para("TTBAgency", "{{ a }}")]),
        _rule_para("agency"),
    ]
    national = [
        _text_para("TTBNational", "{{ national }}"),
        _text_para("TTBMotto", "{{ motto }}"),
        _rule_para("motto"),
    ]
    rows = [
        _row([_cell(HEADER_LEFT_W, agency), _cell(HEADER_RIGHT_W, national)]),
        _row([
            _cell(HEADER_LEFT_W, [_text_para("TTBNumber", "{{ number_line }}")]),
            _cell(HEADER_RIGHT_W, [_text_para("TTBDate", "{{ date_line }}")]),
        ]),
    ]
    return _table((HEADER_LEFT_W, HEADER_RIGHT_W), HEADER_IND, rows)


def _body_para(keep_next: bool) -> str:
    """A body paragraph: number, run-in lead (TTB Lead, or its bold/italic variant), text."""
    runs = [
        _run("{{ b.number }}"),
        _run("{%r if b.emphasis == 'bold' %}"), _run("{{ b.lead }}", "TTBLeadBold"),
        _run("{%r elif b.emphasis == 'italic' %}"), _run("{{ b.lead }}", "TTBLeadItalic"),
        _run("{%r else %}"), _run("{{ b.lead }}", "TTBLead"), _run("{%r endif %}"),
        _run("{{ b.text }}"),
    ]
    return _para("TTBBody", runs, "<w:keepNext/>" if keep_next else "")


def body_loop() -> list[str]:
    """ô 6: one paragraph per Block; the last one is kept with the signature (docs/decree30.md §11), and a
    heading-only point (`keep`) with the paragraph after it, so it never ends a page alone."""
    return _loop("for b in body", [
        _tag_para("{%p if b.kind == 'heading' %}"),
        _text_para("TTBHeading", "{{ b.number }}{{ b.lead }}{{ b.text }}"),
        _tag_para("{%p elif loop.last or b.keep %}"),
        _body_para(keep_next=True),
        _tag_para("{%p else %}"),
        _body_para(keep_next=False),
        _tag_para("{%p endif %}"),
    ])


def signature_table() -> str:
    """ô 9b | ô 7 (docs/decree30.md §2.1, §5, §6): the label level with the first authority line."""
    recipients = [
        _text_para("TTBRecipientsLabel", "{{ recipients_label }}"),
        *_loop("for r in recipients", [
            _tag_para("{%p if r.level == 2 %}"),
            _text_para("TTBRecipient2", "{{ r.text }}"),
            _tag_para("{%p else %}"),
            _text_para("TTBRecipient", "{{ r.text }}"),
            _tag_para("{%p endif %}"),
        ]),
    ]
    signer = [
        *_loop("for a in signer.authority", [_text_para("TTBAuthority", "{{ a }}")]),
        _text_para("TTBSignerTitle", "{{ signer.title }}"),
        _text_para("TTBSignerName", "{{ signer.name }}"),
    ]
    # 12 pt above the row separates it from the body without an empty paragraph.
    row = _row([_cell(SIGN_LEFT_W, recipients), _cell(SIGN_RIGHT_W, signer)])
    return _table((SIGN_LEFT_W, SIGN_RIGHT_W), 0, [row], top_mar=240)


def sect_pr() -> str:
    """A4 portrait, Decree 30 margins; page numbers from page 2 (titlePg, empty first header)."""
    return (
        '<w:sectPr><w:headerReference w:type="default" r:id="rId4"/>'
        '<w:headerReference w:type="first" r:id="rId5"/>'
        f'<w:pgSz w:w="{PAGE_W}" w:h="{PAGE_H}"/>'
        f'<w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN_RIGHT}" w:bottom="{MARGIN_BOTTOM}" '
        f'w:left="{MARGIN_LEFT}" w:header="{HEADER_DISTANCE}" w:footer="{HEADER_DISTANCE}" w:gutter="0"/>'
        '<w:cols w:space="720"/><w:titlePg/></w:sectPr>'
    )


def document_xml() -> str:
    """word/document.xml: header table, type and trích yếu, body loop, signature table."""
    parts = [
        header_table(),
        _text_para("TTBDocType", "{{ doc_type }}"),
        _text_para("TTBTitle", "{{ title }}"),
        _rule_para("title"),
        *body_loop(),
        signature_table(),
        sect_pr(),
    ]
    return f"{XML_DECL}<w:document {W_ROOT_NS}><w:body>{''.join(parts)}</w:body></w:document>"


# --- Other parts ---------------------------------------------------------------------------------


def header_xml(with_page_number: bool) -> str:
    """word/header1.xml (PAGE field, centred) or word/header2.xml (empty, for page 1)."""
    if not with_page_number:
        return f'{XML_DECL}<w:hdr {W_ROOT_NS}>{_para("TTBPageNumber")}</w:hdr>'
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t>2</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    return f'{XML_DECL}<w:hdr {W_ROOT_NS}>{_para("TTBPageNumber", [field])}</w:hdr>'


def settings_xml() -> str:
    """word/settings.xml: Word 2013+ layout, Vietnamese decimal comma."""
    return (
        f"{XML_DECL}<w:settings {W_ROOT_NS}>"
        '<w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/>'
        '<w:characterSpacingControl w:val="doNotCompress"/>'
        '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word"'
        ' w:val="15"/></w:compat>'
        '<w:decimalSymbol w:val=","/><w:listSeparator w:val=";"/></w:settings>'
    )


def font_table_xml() -> str:
    """word/fontTable.xml: Times New Roman only (docs/decree30.md §1 Font)."""
    return (
        f"{XML_DECL}<w:fonts {W_ROOT_NS}>"
        '<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/>'
        '<w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/>'
        '<w:sig w:usb0="E0002EFF" w:usb1="C000785B" w:usb2="00000009" w:usb3="00000000" '
        'w:csb0="000001FF" w:csb1="00000000"/></w:font></w:fonts>'
    )


def _theme_fill_list(tag: str) -> str:
    """Three plain fills: the minimum a fmtScheme list must hold."""
    fill = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    return f"<a:{tag}>{fill * 3}</a:{tag}>"


def theme_xml() -> str:
    """word/theme/theme1.xml: a minimal theme whose fonts are Times New Roman.

    Word documents normally carry a theme and openxml-audit (strict, its default) requires the
    relationship. No run or default uses theme fonts (no *Theme attributes, pitfalls.md), and even if
    one did, it would resolve to Times New Roman (docs/decree30.md §1 Font), so no Calibri/Cambria can leak.
    """
    colours = (
        '<a:dk1><a:srgbClr val="000000"/></a:dk1><a:lt1><a:srgbClr val="FFFFFF"/></a:lt1>'
        '<a:dk2><a:srgbClr val="000000"/></a:dk2><a:lt2><a:srgbClr val="FFFFFF"/></a:lt2>'
        + "".join(f'<a:accent{i}><a:srgbClr val="000000"/></a:accent{i}>' for i in range(1, 7))
        + '<a:hlink><a:srgbClr val="0000FF"/></a:hlink><a:folHlink><a:srgbClr val="800080"/></a:folHlink>'
    )
    font = '<a:latin typeface="Times New Roman"/><a:ea typeface="Times New Roman"/>' \
        '<a:cs typeface="Times New Roman"/>'
    line = '<a:ln w="6350"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>'
    effect = "<a:effectStyle><a:effectLst/></a:effectStyle>"
    fmt = (
        f'<a:fmtScheme name="ttbgen">{_theme_fill_list("fillStyleLst")}'
        f"<a:lnStyleLst>{line * 3}</a:lnStyleLst><a:effectStyleLst>{effect * 3}</a:effectStyleLst>"
        f'{_theme_fill_list("bgFillStyleLst")}</a:fmtScheme>'
    )
    return (
        f'{XML_DECL}<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="ttbgen">'
        f'<a:themeElements><a:clrScheme name="ttbgen">{colours}</a:clrScheme>'
        f'<a:fontScheme name="ttbgen"><a:majorFont>{font}</a:majorFont><a:minorFont>{font}</a:minorFont>'
        f"</a:fontScheme>{fmt}</a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"
    )


def content_types_xml() -> str:
    """[Content_Types].xml for the parts written here."""
    wml = f"{CT_BASE}.wordprocessingml"
    overrides = (
        ("/word/document.xml", f"{wml}.document.main+xml"),
        ("/word/styles.xml", f"{wml}.styles+xml"),
        ("/word/settings.xml", f"{wml}.settings+xml"),
        ("/word/fontTable.xml", f"{wml}.fontTable+xml"),
        ("/word/header1.xml", f"{wml}.header+xml"),
        ("/word/header2.xml", f"{wml}.header+xml"),
        ("/word/theme/theme1.xml", f"{CT_BASE}.theme+xml"),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        ("/docProps/app.xml", f"{CT_BASE}.extended-properties+xml"),
    )
    body = "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in overrides)
    return (
        f'{XML_DECL}<Types xmlns="{NS_CT}">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>{body}</Types>'
    )


def _rels(items: Sequence[tuple[str, str, str]]) -> str:
    """A relationships part from (id, type, target) triples."""
    body = "".join(f'<Relationship Id="{i}" Type="{t}" Target="{g}"/>' for i, t, g in items)
    return f'{XML_DECL}<Relationships xmlns="{NS_PKG_REL}">{body}</Relationships>'


def package_rels_xml() -> str:
    """_rels/.rels: the main document and the two property parts."""
    return _rels((
        ("rId1", f"{REL_BASE}/officeDocument", "word/document.xml"),
        ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
         "docProps/core.xml"),
        ("rId3", f"{REL_BASE}/extended-properties", "docProps/app.xml"),
    ))


def document_rels_xml() -> str:
    """word/_rels/document.xml.rels; rId4/rId5 are the headers named in sectPr."""
    return _rels((
        ("rId1", f"{REL_BASE}/styles", "styles.xml"),
        ("rId2", f"{REL_BASE}/settings", "settings.xml"),
        ("rId3", f"{REL_BASE}/fontTable", "fontTable.xml"),
        ("rId4", f"{REL_BASE}/header", "header1.xml"),
        ("rId5", f"{REL_BASE}/header", "header2.xml"),
        ("rId6", f"{REL_BASE}/theme", "theme/theme1.xml"),
    ))


def core_xml() -> str:
    """docProps/core.xml: title and creator left empty; ttbgen fills them at render time."""
    return (
        f"{XML_DECL}<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        "<dc:title></dc:title><dc:creator></dc:creator><cp:revision>1</cp:revision></cp:coreProperties>"
    )


def app_xml(name: str = "thong-bao-ket-luan") -> str:
    """docProps/app.xml: the template's name and the producing application."""
    return (
        f'{XML_DECL}<Properties xmlns="{REL_BASE.rsplit("/", 1)[0]}/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Template>{name}</Template><Application>ttbgen</Application>"
        "<DocSecurity>0</DocSecurity></Properties>"
    )


def parts(name: str = "thong-bao-ket-luan") -> list[tuple[str, str]]:
    """Every package part in a fixed order: content types and relationships first."""
    return [
        ("[Content_Types].xml", content_types_xml()),
        ("_rels/.rels", package_rels_xml()),
        ("word/document.xml", document_xml()),
        ("word/styles.xml", styles_xml()),
        ("word/settings.xml", settings_xml()),
        ("word/fontTable.xml", font_table_xml()),
        ("word/header1.xml", header_xml(with_page_number=True)),
        ("word/header2.xml", header_xml(with_page_number=False)),
        ("word/theme/theme1.xml", theme_xml()),
        ("word/_rels/document.xml.rels", document_rels_xml()),
        ("docProps/core.xml", core_xml()),
        ("docProps/app.xml", app_xml(name)),
    ]


def build_template_bytes(template: str = "thong-bao-ket-luan") -> bytes:
    """The template .docx as bytes, identical on every run (fixed dates, order and attributes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, xml in parts(template):
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0  # ZipInfo defaults to the host OS; fix it for identical bytes
            info.external_attr = 0o644 << 16
            archive.writestr(info, xml.encode("utf-8"), compresslevel=9)
    return buffer.getvalue()


def main(argv: Sequence[str] | None = None) -> int:
    """Write one template to --output, or every shipped template into templates/NAME/template.docx."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--output", type=Path, default=None, help="write one template here")
    parser.add_argument("--name", choices=TEMPLATE_NAMES, default="thong-bao-ket-luan")
    args = parser.parse_args(argv)
    targets = [(args.name, args.output)] if args.output else [
        (name, REPO / "templates" / name / "template.docx") for name in TEMPLATE_NAMES]
    for name, output in targets:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(build_template_bytes(name))
        print(output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
