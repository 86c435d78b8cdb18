"""NoticeContext: the one documented type a template sees (the template API; see docs/template.md).

Every string is final document text (NFC, numbered, punctuated): templates only lay it out, so the
same spec gives the same words whatever template renders it. Changing these types is a breaking
change for shared templates: record it in CHANGELOG.md.
"""

from __future__ import annotations

from typing import Literal, TypedDict

BlockKind = Literal["heading", "paragraph", "point", "bullet", "subbullet"]


class Block(TypedDict):
    """One body paragraph, in reading order."""

    kind: BlockKind  # heading: "1. Nhận định chung" (bold); the rest are body paragraphs
    number: str  # "1. ", "a) ", "2.1. ", "- ", "+ " or "" (the label with its trailing space)
    lead: str  # run-in heading with its separator, e.g. "Sở Y tế: ", or ""
    text: str  # the rest of the paragraph; the last content paragraph ends with "./."
    emphasis: str  # of the run-in heading (`lead`): "bold", "italic" or "" (upright, as the body)
    keep: bool  # keep with the next paragraph: a heading-only point ("1.2. Hạn chế, khó khăn:")


class RuleGeometry(TypedDict):
    """A horizontal rule drawn as a paragraph border: side indents in twips that give its length."""

    left: int  # twips from the left edge of its column or text area
    right: int  # twips from the right edge
    length: int  # the rule's length in twips (column width minus both indents)


class Rules(TypedDict):
    """The rules under the issuing agency, the Tiêu ngữ and the trích yếu (docs/decree30.md §2.2)."""

    agency: RuleGeometry
    motto: RuleGeometry
    title: RuleGeometry


class RecipientLine(TypedDict):
    """One line of the Nơi nhận block: level 1 starts with "- ", level 2 with "+ "."""

    level: int
    text: str  # with its prefix and final ";" / ":" / "." already in place


class SignerContext(TypedDict):
    """The signature block lines, upper-cased where Decree 30 wants capitals (§5)."""

    authority: list[str]  # "TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", …
    title: str  # "PHÓ CHÁNH VĂN PHÒNG"
    name: str  # "Vũ Quang Khánh"


class NoticeContext(TypedDict):
    """Everything a notice template may use; no other name is defined."""

    supervising: list[str]  # supervising agency lines (ô 2, upright, not bold); may be empty
    agency: list[str]  # issuing agency lines (ô 2, bold)
    number_line: str  # "Số: 05/TB-UBND" or "Số:      /TB-UBND" (ô 3)
    national: str  # "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (ô 1)
    motto: str  # "Độc lập - Tự do - Hạnh phúc" (ô 1)
    date_line: str  # "Lạng Sơn, ngày 05 tháng 02 năm 2024" (ô 4)
    doc_type: str  # "THÔNG BÁO" (ô 5a)
    title: str  # the trích yếu (ô 5a)
    body: list[Block]  # the content (ô 6)
    recipients_label: str  # "Nơi nhận:" (ô 9b)
    recipients: list[RecipientLine]  # the Nơi nhận lines, "- Lưu: VT, …." last (ô 9b)
    signer: SignerContext  # ô 7a, 7b
    rules: Rules  # rule geometry for the header and title
