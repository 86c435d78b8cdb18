"""The one adapter between the importer and check's component detection (docs/decree30.md §2.1–2.2).

Everything the importer knows about where the header, title, body, Nơi nhận and signature are comes through
`notice_parts`; when the checker's detection changes, only this module follows it.
"""

from __future__ import annotations

from dataclasses import field

from ttbgen.check import components as comp
from ttbgen.check.docmodel import Document, Para
from ttbgen.records import record
from ttbgen.vn import collapse, nfc


@record
class Line:
    """One body paragraph as the importer reads it: its text and whether all of it, or its start, is bold."""

    text: str
    bold: bool = False  # every visible run is bold
    marks: str = ""  # per visible (non-space) character: b bold, i italic, B both, . upright
    heading_style: bool = False  # a paragraph style named like a heading (ttbgen's TTBHeading, Word's Heading N)


@record(frozen=False)
class Parts:
    """The components of a notice as text, in reading order; an empty field means not found."""

    supervising: list[str] = field(default_factory=list)
    agency: list[str] = field(default_factory=list)
    number: str = ""
    date: str = ""
    doc_type: str = ""
    title: str = ""
    body: list[Line] = field(default_factory=list)
    has_recipients: bool = False
    recipients: list[str] = field(default_factory=list)
    authority: list[str] = field(default_factory=list)
    signer_title: str = ""
    signer_name: str = ""
    header_found: bool = False
    trailing: int = 0  # paragraphs after the signature and Nơi nhận (an appendix?), not imported
    title_lines: int = 0  # paragraphs the trích yếu was typed on
    table_lines: int = 0  # body paragraphs that stand in a table of the content (imported as paragraphs)


def _texts(paras: list[Para]) -> list[str]:
    """Return the collapsed, NFC texts of paragraphs, blank ones left out."""
    return [t for t in (collapse(nfc(p.text)) for p in paras) if t]


def _line(para: Para) -> Line:
    """Read one body paragraph with the formatting the importer uses."""
    runs = para.text_runs()
    style = para.style.lower()
    marks = "".join(_mark(r.bold, r.italic) * len("".join(nfc(r.shown()).split())) for r in runs)
    return Line(collapse(nfc(para.text)), bold=bool(runs) and all(r.bold for r in runs), marks=marks,
                heading_style="heading" in style)


def _mark(bold: bool, italic: bool) -> str:
    """Return the emphasis mark of a character."""
    return "B" if bold and italic else "b" if bold else "i" if italic else "."


# Tables inside the content: a component of their own once the checker tells them apart (issue 12); until then
# their paragraphs are body paragraphs. Either way the importer keeps them, in reading order, as paragraphs.
_TABLES = getattr(comp, "BODY_TABLE", "")


def body_paras(doc: Document, found: comp.Components) -> list[Para]:
    """Return the content's paragraphs in reading order, those of tables in the content included."""
    wanted = {id(p) for p in [*found[comp.BODY], *(found[_TABLES] if _TABLES else [])]}
    return [p for p in doc.paras if id(p) in wanted]


def notice_parts(doc: Document) -> Parts:
    """Find the components of a notice (made by ttbgen, by hand in Word, or read from text)."""
    found = comp.find_components(doc)
    first = found[comp.TEN_LOAI][:1]
    parts = Parts(
        supervising=_texts(found[comp.CHU_QUAN]), agency=_texts(found[comp.BAN_HANH]),
        number=" ".join(_texts(found[comp.SO_KY_HIEU])), date=" ".join(_texts(found[comp.DIA_DANH_NGAY])),
        doc_type=" ".join(_texts(first)), title=" ".join(_texts(found[comp.TRICH_YEU])),
        body=[_line(p) for p in body_paras(doc, found) if collapse(p.text)],
        has_recipients=bool(found[comp.NOI_NHAN_LABEL]), recipients=_texts(found[comp.NOI_NHAN_ITEM]),
        authority=_texts(found[comp.QUYEN_HAN]), signer_title=" ".join(_texts(found[comp.CHUC_VU])),
        signer_name=" ".join(_texts(found[comp.HO_TEN])),
    )
    parts.header_found = bool(parts.agency or parts.number or parts.date)
    parts.title_lines = len(_texts(found[comp.TRICH_YEU]))
    parts.table_lines = sum(1 for p in body_paras(doc, found) if p.cell is not None and collapse(p.text))
    # the footer's components may be pieces of a paragraph (a signature typed with line breaks): find them by text
    footer = [t for name in (comp.NOI_NHAN_LABEL, comp.NOI_NHAN_ITEM, comp.QUYEN_HAN, comp.CHUC_VU, comp.HO_TEN)
              for t in _texts(found[name])]
    last = max((i for i, p in enumerate(doc.paras) if any(t in collapse(nfc(p.text)) for t in footer)),
               default=len(doc.paras))
    parts.trailing = sum(1 for p in doc.paras[last + 1:] if collapse(p.text))
    return parts
