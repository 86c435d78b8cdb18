"""Find the Decree 30 components (docs/decree30.md §2.1–2.2) in any notice: made by ttbgen or by hand,
header in a table or not."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import field, replace
from functools import lru_cache

from ttbgen.check.docmodel import Document, Para, Run
from ttbgen.i18n import N_, _
from ttbgen.records import record

# Component ids follow docs/decree30.md §12 (the rule-set keys).
QUOC_HIEU = "quoc_hieu"
TIEU_NGU = "tieu_ngu"
CHU_QUAN = "co_quan_chu_quan"
BAN_HANH = "co_quan_ban_hanh"
SO_KY_HIEU = "so_ky_hieu"
DIA_DANH_NGAY = "dia_danh_ngay"
TEN_LOAI = "ten_loai"
TRICH_YEU = "trich_yeu"
BODY = "body"
NOI_NHAN_LABEL = "noi_nhan_label"
NOI_NHAN_ITEM = "noi_nhan_item"
QUYEN_HAN = "quyen_han"  # ô 7a: authority lines (TL. CHỦ TỊCH, KT. …)
CHUC_VU = "chuc_vu"  # ô 7b: the signer's title
HO_TEN = "ho_ten"  # ô 7b: the signer's name
TRICH_YEU_CV = "trich_yeu_cong_van"  # ô 5b: a công văn's "V/v …" under the number line, 12–13 pt upright
KINH_GUI = "kinh_gui"  # ô 9a: "Kính gửi:" and its addressees (công văn, tờ trình, báo cáo …)
BODY_TABLE = "body_table"  # tables inside the content: data, not running text (ND30 I.2 allows them)
ALL = (QUOC_HIEU, TIEU_NGU, CHU_QUAN, BAN_HANH, SO_KY_HIEU, DIA_DANH_NGAY, TEN_LOAI, TRICH_YEU, BODY,
       NOI_NHAN_LABEL, NOI_NHAN_ITEM, QUYEN_HAN, CHUC_VU, HO_TEN)
REQUIRED = tuple(c for c in ALL if c not in (CHU_QUAN, QUYEN_HAN))  # a supervising agency is optional
CONG_VAN = "CV"  # văn bản không có tên loại (Mẫu 1.5): no type line, "V/v" trích yếu, no type code


def required(doc_type: str) -> tuple[str, ...]:
    """Return the components a document of a type must have (Mẫu 1.4 for types with a name, 1.5 công văn)."""
    if doc_type == CONG_VAN:
        return tuple(TRICH_YEU_CV if c == TRICH_YEU else c for c in REQUIRED if c != TEN_LOAI)
    return REQUIRED

# Document types and their codes, docs/decree30.md §7.1 (Phụ lục III Mục I). All of them are "văn bản có tên
# loại" laid out like Mẫu 1.4, so one checker serves them; the Thông báo is the one ttbgen is built for.
DOC_TYPES = {
    "THÔNG BÁO": "TB", "GIẤY MỜI": "GM", "QUYẾT ĐỊNH": "QĐ", "NGHỊ QUYẾT": "NQ", "CHỈ THỊ": "CT",
    "QUY CHẾ": "QC", "QUY ĐỊNH": "QyĐ", "THÔNG CÁO": "TC", "HƯỚNG DẪN": "HD", "CHƯƠNG TRÌNH": "CTr",
    "KẾ HOẠCH": "KH", "PHƯƠNG ÁN": "PA", "ĐỀ ÁN": "ĐA", "DỰ ÁN": "DA", "BÁO CÁO": "BC", "BIÊN BẢN": "BB",
    "TỜ TRÌNH": "TTr", "HỢP ĐỒNG": "HĐ", "CÔNG ĐIỆN": "CĐ", "BẢN GHI NHỚ": "BGN", "BẢN THỎA THUẬN": "BTT",
    "GIẤY ỦY QUYỀN": "GUQ", "GIẤY GIỚI THIỆU": "GGT", "GIẤY NGHỈ PHÉP": "GNP", "PHIẾU GỬI": "PG",
    "PHIẾU CHUYỂN": "PC", "PHIẾU BÁO": "PB",
}


def doc_type_of(text: str) -> tuple[str, str] | None:
    """Return the (name, code) of the document type a type line names, e.g. ("THÔNG BÁO", "TB")."""
    folded = loose(text)
    for key, (name, code) in _folded_types().items():
        if folded.startswith(key):
            return name, code
    return None


_FOLDED: dict[str, tuple[str, str]] = {}


def _folded_types() -> dict[str, tuple[str, str]]:
    """Return the type names folded for matching, computed once (loose() is the costly part)."""
    if not _FOLDED:
        _FOLDED.update({loose(name): (name, code) for name, code in DOC_TYPES.items()})
    return _FOLDED


_NUMBER = re.compile(r"^\s*s[ốoô]\s*[:.]?\s*(\S*\s*/|«)", re.IGNORECASE)  # « opens a template's merge field
_PREFIX = re.compile(r"^\s*(TM|KT|TL|TUQ|Q|T/M|K/T|T/L)\b", re.IGNORECASE)


@lru_cache(maxsize=4096)  # the same lines are folded by several finders and rules, and again in a batch
def loose(text: str) -> str:
    """Fold text for matching: no diacritics, đ → d, lower case, words separated by one space."""
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


def is_upper(text: str) -> bool:
    """Tell whether text has letters and none of them is lower case."""
    return any(c.isalpha() for c in text) and text == text.upper()


@record(frozen=False)
class Components:
    """The paragraphs of each component; an empty list means not found."""

    found: dict[str, list[Para]] = field(default_factory=dict)
    doc_type: str = ""  # type code of §7.1 (TB, QĐ, TTr …), CV for a công văn, "" when not recognised
    unsure: set[str] = field(default_factory=set)  # components not found, but perhaps there (a text box)
    _names: dict[int, str] = field(default_factory=dict, repr=False)  # ¶N → component, built on first use

    def __getitem__(self, name: str) -> list[Para]:
        return self.found.get(name, [])

    def name_of(self, para: Para) -> str:
        """Return the component a body paragraph belongs to ("" when none): the one holding this very piece
        of a shared paragraph, else the first found holding ¶N."""
        if para.piece:
            return next((name for name, found in self.all_paras() if found is para), "")
        if not self._names:
            for name, found in self.all_paras():
                if found.part == "body":
                    self._names.setdefault(found.n, name)
        return self._names.get(para.n, "") if para.part == "body" else ""

    def all_paras(self) -> Iterable[tuple[str, Para]]:
        """Yield (component, paragraph) pairs."""
        for name, paras in self.found.items():
            for para in paras:
                yield name, para


def find_components(doc: Document) -> Components:
    """Detect every component of a document in reading order, and its type (docs/decree30.md §7.1)."""
    paras = doc.paras
    comps = Components()
    type_at = _find_doc_type(paras)
    subject_at = _find_subject(paras, type_at)
    if subject_at is None and type_at is None:
        return _without_subject(paras, comps)
    head_end = _table_end(paras, subject_at) if subject_at is not None else type_at
    _header(paras[:head_end] if head_end is not None else paras, comps)
    if subject_at is not None:  # a công văn: "V/v …" under the number line, no type line (Mẫu 1.5)
        comps.doc_type = CONG_VAN
        comps.found[TEN_LOAI] = comps.found[TRICH_YEU] = []
        subject = _title(paras, subject_at, same_column=True)
        comps.found[TRICH_YEU_CV] = subject
        start = _kinh_gui(paras, max(head_end or 0, paras.index(subject[-1]) + 1), comps)
        _footer_and_body(paras, start, comps)
        return comps
    if type_at is not None:
        comps.found[TEN_LOAI] = [paras[type_at]]
        comps.doc_type = (doc_type_of(paras[type_at].text) or ("", ""))[1]
        title = _title(paras, type_at + 1)
    else:  # without a type line the body cannot be delimited: body rules say "not evaluated"
        header_end = max((paras.index(p) + 1 for _name, p in comps.all_paras()), default=0)
        _footer_and_body(paras, header_end, comps)
        comps.found[BODY] = []
        return comps
    comps.found[TRICH_YEU] = title
    start = paras.index(title[-1]) + 1 if title else (head_end or 0) + 1
    start = _kinh_gui(paras, start, comps)
    _footer_and_body(paras, start, comps)
    return comps


def _without_subject(paras: list[Para], comps: Components) -> Components:
    """A document with neither type line nor "V/v" line: a công văn when "Kính gửi" opens its content (its
    V/v then sits in a text box or shape the reader does not see: not evaluated, never "not found")."""
    at = next((i for i, p in enumerate(paras[:60]) if is_kinh_gui(p.text) and p.cell is None), None)
    if at is not None and any(_is_unknown_type(p) for p in paras[:at]):
        at = None  # a type line not in §7.1 (PHIẾU TRÌNH): a form, not a công văn
    if at is None:
        _header(paras, comps)
        comps.doc_type = _code_of_symbol(comps[SO_KY_HIEU])  # "/TB-UBND" without "THÔNG BÁO": a notice
        header_end = max((paras.index(p) + 1 for _name, p in comps.all_paras()), default=0)
        _footer_and_body(paras, header_end, comps)
        comps.found[BODY] = []
        return comps
    _header(paras[:at], comps)
    comps.doc_type = CONG_VAN
    comps.found[TEN_LOAI] = comps.found[TRICH_YEU] = comps.found[TRICH_YEU_CV] = []
    comps.unsure.add(TRICH_YEU_CV)
    _footer_and_body(paras, _kinh_gui(paras, at, comps), comps)
    return comps


def _code_of_symbol(number: list[Para]) -> str:
    """Return the §7.1 type code a number line's symbol carries ("Số: 05/TB-UBND" → TB), or ""."""
    match = re.search(r"/\s*([^\s/-]+)-", number[0].text) if number else None
    return match[1] if match and match[1] in DOC_TYPES.values() else ""


def _is_unknown_type(para: Para) -> bool:
    """Tell whether a line outside the header table looks like a type line: short, centred capitals."""
    text = para.text.strip()
    return para.cell is None and para.align == "center" and 0 < len(text) < 30 and is_upper(text)


def _table_end(paras: list[Para], at: int) -> int:
    """Return the index after the table that holds paragraph `at` (or after the paragraph itself)."""
    cell = paras[at].cell
    end = at + 1
    while cell is not None and end < len(paras) and paras[end].cell is not None \
            and paras[end].cell.table == cell.table:  # type: ignore[union-attr]
        end += 1
    return end


def _find_subject(paras: list[Para], type_at: int | None) -> int | None:
    """Return the index of a công văn's "V/v …" trích yếu: in the header, before any type line."""
    limit = min(len(paras), type_at if type_at is not None else 40)
    for i in range(limit):
        if _is_subject(paras[i].text):
            return i
    return None


def _is_subject(text: str) -> bool:
    """Tell whether a line opens a công văn's trích yếu ("V/v", "Về việc" under the number)."""
    return bool(re.match(r"^\s*V/v\b", text)) and len(text) < 300


def is_kinh_gui(text: str) -> bool:
    """Tell whether a line is the "Kính gửi:" line (ô 9a), wherever spaces place it."""
    return loose(text.strip()[:20]).startswith("kinh gui")


def _kinh_gui(paras: list[Para], start: int, comps: Components) -> int:
    """Find "Kính gửi:" and its addressee lines after the trích yếu; return where the content starts."""
    at = start
    while at < len(paras) and (paras[at].is_blank() or _is_rule_text(paras[at])):
        at += 1
    if at >= len(paras) or not is_kinh_gui(paras[at].text):
        comps.found[KINH_GUI] = []
        return start
    block = [paras[at]]
    for para in paras[at + 1:]:
        if para.is_blank() or not para.text.lstrip().startswith(("-", "+", "–", "•")):
            break
        block.append(para)
    comps.found[KINH_GUI] = block
    return paras.index(block[-1]) + 1


def _find_doc_type(paras: list[Para]) -> int | None:
    """Return the index of the document type line (THÔNG BÁO, GIẤY MỜI, …), centred or in capitals."""
    for i, para in enumerate(paras):
        if len(para.text) > 60:  # cheap guard: the type line is short; loose() is the costly part
            continue
        if len(loose(para.text)) <= 30 and doc_type_of(para.text) and (para.align == "center" or is_upper(para.text)):
            return i
    return None


_SPLIT = re.compile(r"\n|\t[\t ]*| {6,}")
_HOLDS = ("số:", "ngày", "tháng", "năm")  # a gap after these is a blank left for the number or the date


def segments(para: Para) -> list[Para]:
    """Split a paragraph into the pieces that print apart: lines after a break, text after a tab or a wide
    gap of spaces (a header laid out without a table). Each piece keeps only its own runs."""
    if len(para.text) > 300 or not _SPLIT.search(para.text.strip()):
        return [para]
    bounds, start = [], 0
    for gap in _SPLIT.finditer(para.text):
        left, right = para.text[start:gap.start()], para.text[gap.end():]
        if gap.group().startswith(" ") and (left.strip().lower().endswith(_HOLDS) or right[:1] in "/" or
                                             right.lower().startswith(("tháng", "năm"))):
            continue
        bounds.append((start, gap.start(), "line" if gap.group() == "\n" else "tab"))
        start = gap.end()
    bounds.append((start, len(para.text), ""))
    pieces = [_piece(para, a, b, kind) for (a, b, _k), kind in zip(bounds, _kinds(bounds), strict=True)]
    kept = [p for p in pieces if not p.is_blank()]
    return kept if len(kept) > 1 else [para]


def _kinds(bounds: list[tuple[int, int, str]]) -> list[str]:
    """Return each piece's kind: "tab" when any tab or gap splits the paragraph, else "line"."""
    kind = "tab" if any(k == "tab" for _a, _b, k in bounds) else "line"
    return [kind] * len(bounds)


def _piece(para: Para, start: int, end: int, kind: str) -> Para:
    """Return the part of a paragraph between two character offsets, with its runs cut to match."""
    runs: list[Run] = []
    at = 0
    for run in para.runs:
        shown = unicodedata.normalize("NFC", run.shown())
        lo, hi = max(start, at), min(end, at + len(shown))
        if lo < hi:
            runs.append(replace(run, text=shown[lo - at:hi - at], caps=False))
        at += len(shown)
    last = end >= len(para.text.rstrip())
    return replace(para, raw=para.text[start:end], text=para.text[start:end], runs=runs, piece=kind,
                   drawn=para.drawn if last else [], borders=para.borders if last else para.borders - {"bottom"})


def _header(header: list[Para], comps: Components) -> None:
    """Find ô 1–4 among the paragraphs before the document type (each printed piece of a paragraph on its
    own: Quốc hiệu and Tiêu ngữ split by a break, agency and Quốc hiệu on one tabbed line)."""
    lines = [piece for p in header if not p.is_blank() for piece in segments(p)]
    national = next((p for p in lines if loose(p.text).startswith("cong hoa xa hoi")), None)
    motto = next((p for p in lines if "doc lap" in loose(p.text) and "hanh phuc" in loose(p.text)), None)
    number = next((p for p in lines if _NUMBER.match(p.text)), None)
    date = next((p for p in lines if _is_date(p.text)), None)
    for name, para in ((QUOC_HIEU, national), (TIEU_NGU, motto), (SO_KY_HIEU, number), (DIA_DANH_NGAY, date)):
        comps.found[name] = [para] if para else []
    taken = {id(p) for p in (national, motto, number, date) if p is not None}
    agency = [p for p in _agency_candidates(lines, number, national) if id(p) not in taken and not _is_rule_text(p)]
    _split_agency(agency, comps)


def _is_date(text: str) -> bool:
    """Tell whether a line looks like the place and date line."""
    folded = loose(text)
    return "ngay" in folded.split() and "thang" in folded.split() and "nam" in folded.split()


def _agency_candidates(lines: list[Para], number: Para | None, national: Para | None) -> list[Para]:
    """Return the lines of ô 2: above the number line in its column (same cell or a row above), or beside
    the Quốc hiệu."""
    if number is not None and number.cell is not None:
        table, column = number.cell.table, number.cell.cell
        return [p for p in lines[: lines.index(number)]
                if p.cell is not None and (p.cell.table, p.cell.cell) == (table, column)]
    if number is None and national is not None and national.cell is not None:
        at = national.cell
        return [p for p in lines if p.cell is not None and (p.cell.table, p.cell.row) == (at.table, at.row)
                and p.cell.cell != at.cell]
    anchor = number or national
    return lines[: lines.index(anchor)] if anchor is not None else []


def _split_agency(lines: list[Para], comps: Components) -> None:
    """Split ô 2: leading lines that are not bold are the supervising agency when bold lines follow."""
    split = 0
    while split < len(lines) and not _all_bold(lines[split]):
        split += 1
    if split == len(lines):
        split = 0
    comps.found[CHU_QUAN] = lines[:split]
    comps.found[BAN_HANH] = lines[split:]


def _all_bold(para: Para) -> bool:
    """Tell whether every visible run of a paragraph is bold."""
    runs = para.text_runs()
    return bool(runs) and all(r.bold for r in runs)


def _is_rule_text(para: Para) -> bool:
    """Tell whether a paragraph is a typed rule (underscores only)."""
    text = para.text.strip()
    if not text or len(text) > 120 or text[0] not in "_-–":  # cheap guards: body paragraphs are long
        return False
    return set(text) <= {"_", "-", "–", " "} and text.count("_") + text.count("-") >= 3


def _title(paras: list[Para], start: int, same_column: bool = False) -> list[Para]:
    """Return the trích yếu: the first text after the type, and following centred lines up to a rule
    ("Kính gửi" is its own component; a công văn's V/v lines stay in their cell)."""
    title: list[Para] = []
    for para in paras[start:]:
        if para.is_blank() or _is_rule_text(para):
            if title:
                break
            continue
        if is_kinh_gui(para.text):
            break
        if title and (para.align != "center" or para.cell != title[0].cell):
            break
        if title and same_column and para.cell is None and len(para.text) > 90:
            break
        title.append(para)
        if "bottom" in para.borders or para.drawn:
            break
    return title


def _footer_and_body(paras: list[Para], start: int, comps: Components) -> None:
    """Find the Nơi nhận block and the signature, then the body between the title and them."""
    label_at = next((i for i in range(start, len(paras)) if _is_label(paras[i])), None)
    label = segments(paras[label_at])[0] if label_at is not None else None
    comps.found[NOI_NHAN_LABEL] = [label] if label else []
    items, beside = _items(paras, label_at) if label_at is not None else ([], [])
    comps.found[NOI_NHAN_ITEM] = items
    signature = _tab_signature(paras, label_at, beside) if beside else _signature(paras, start, label)
    _split_signature(signature, comps)
    placed = any(p.piece == "tab" for p in signature)
    if placed and not comps[HO_TEN]:  # a footer laid out with tabs: the name may be in a shape or image
        comps.unsure.add(HO_TEN)
    end = _body_end(paras, start, label, signature)
    content = [p for p in paras[start:end] if not p.is_blank() and not _is_rule_text(p)]
    comps.found[BODY] = [p for p in content if p.cell is None]
    comps.found[BODY_TABLE] = [p for p in content if p.cell is not None]


def _is_label(para: Para) -> bool:
    """Tell whether a paragraph opens the Nơi nhận block: "Nơi nhận" with a colon, or alone on its line.
    "Nơi nhận hồ sơ: Bộ phận một cửa" in a bullet of the content is not the label."""
    text = para.text.strip()
    if text[:1] not in ("N", "n") or not loose(text[:12]).startswith("noi nhan"):  # cheap guard first
        return False
    first = re.split(r"[\n\t]", text, maxsplit=1)[0].strip()
    return loose(first) == "noi nhan" or bool(re.match(r"^Nơi nhận\s*:", first, re.IGNORECASE))


def _items(paras: list[Para], label_at: int) -> tuple[list[Para], list[Para]]:
    """Return the recipient lines after the label (same cell, or a run of dash lines; items joined to the
    label by a break count too) and the pieces tabbed beside them (a signature laid out without a table)."""
    label = paras[label_at]
    _first, *rest = segments(label)
    items: list[Para] = [p for p in rest if p.piece == "line"]
    beside: list[Para] = [p for p in rest if p.piece == "tab"]
    for para in paras[label_at + 1:]:
        if label.cell is not None:
            if para.cell is None or para.cell.key != label.cell.key:
                break
        elif not para.text.lstrip().startswith(("-", "+", "–", "—", "•")):
            break
        if para.is_blank():
            continue
        pieces = segments(para) if label.cell is None else [para]
        items.append(pieces[0])
        beside.extend(pieces[1:])
    if not items and label.cell is not None:
        items = _next_row_items(paras, label)
    return items, beside


def _next_row_items(paras: list[Para], label: Para) -> list[Para]:
    """Return recipient lines typed in the row below the label's cell (same column): a layout some forms use."""
    at = label.cell
    return [p for p in paras if at is not None and p.cell is not None and p.cell.table == at.table
            and p.cell.row == at.row + 1 and p.cell.cell == at.cell and not p.is_blank()
            and p.text.lstrip().startswith(("-", "+", "–", "•"))]


def _tab_signature(paras: list[Para], label_at: int | None, beside: list[Para]) -> list[Para]:
    """Return a tabbed signature: the pieces beside the Nơi nhận lines, then the lines that follow."""
    after = paras[(label_at or 0) + 1:]
    tail = [p for p in after if not p.is_blank() and not p.text.lstrip().startswith(("-", "+", "–"))]
    return (beside + tail)[:6]


def _signature(paras: list[Para], start: int, label: Para | None) -> list[Para]:
    """Return the signature lines: the cells beside the Nơi nhận label, or upper-case lines after the body."""
    if label is not None and label.cell is not None:
        table, row = label.cell.table, label.cell.row
        cells = [piece for p in paras if p.cell is not None and p.cell.table == table and p.cell.row >= row
                 and p.cell.cell != label.cell.cell and not p.is_blank() for piece in segments(p)]
        return cells + _name_after_table(paras, table)
    first = next((i for i in range(start, len(paras)) if _is_authority(paras[i])), None)
    if first is None:
        return _after_items(paras, label)
    lines: list[Para] = []
    for para in paras[first:]:
        if label is not None and para is label:
            break
        if not para.is_blank():
            lines.append(para)
    return lines[:6]


def _name_after_table(paras: list[Para], table: int) -> list[Para]:
    """Return the signer's name typed just below the signature table (a clerk's fix when the cell was
    too short): the first text line after the table, when it is a short line that is not a recipient."""
    after = [i for i, p in enumerate(paras) if p.cell is not None and p.cell.table == table]
    for para in paras[after[-1] + 1: after[-1] + 8] if after else []:
        if para.cell is not None:
            return []
        if not para.is_blank():
            text = para.text.strip()
            fits = len(text) < 40 and not is_upper(text) and not text.startswith(("-", "+"))
            return [replace(para, text=text, piece="tab")] if fits and text[:1].isupper() else []
    return []


def _after_items(paras: list[Para], label: Para | None) -> list[Para]:
    """Return the signature of a footer without a table and without "TL."/"KT.": the short lines placed
    (with tabs or spaces) after the Nơi nhận items; each is a "tab" piece, its centring not judged."""
    if label is None:
        return []
    at = next(i for i, p in enumerate(paras) if p.n == label.n) + 1
    while at < len(paras) and (paras[at].is_blank() or paras[at].text.lstrip().startswith(("-", "+"))):
        at += 1
    lines = [replace(p, text=p.text.strip(), piece="tab") for p in paras[at:at + 12]
             if not p.is_blank() and p.cell is None and len(p.text.strip()) < 60]
    return lines[:4]


def _is_authority(para: Para) -> bool:
    """Tell whether a line opens a signature block (TL. CHỦ TỊCH, T/M …)."""
    return bool(_PREFIX.match(para.text)) and is_upper(para.text)


def _split_signature(lines: list[Para], comps: Components) -> None:
    """Split ô 7: authority lines, the title (last upper-case line), the name (last other line)."""
    names = [p for p in lines if not is_upper(p.text) and any(c.isalpha() for c in p.text)]
    titles = [p for p in lines if not _is_authority(p)]
    # A name in capitals ("A A", "LÊ VĂN B") is still the last line when a title line stands above it.
    name = names[-1] if names else (titles[-1] if len(titles) >= 2 else None)
    upper = [p for p in lines if is_upper(p.text) and (name is None or lines.index(p) < lines.index(name))]
    comps.found[HO_TEN] = [name] if name else []
    comps.found[CHUC_VU] = upper[-1:]
    comps.found[QUYEN_HAN] = upper[:-1]


def _body_end(paras: list[Para], start: int, label: Para | None, signature: list[Para]) -> int:
    """Return the index where the content stops: the footer table, the label or the signature."""
    stops = [p for p in (label, *signature[:1]) if p is not None]
    indexes = []
    for stop in stops:
        at = next(i for i, para in enumerate(paras) if para.n == stop.n)
        if stop.cell is not None:  # the whole footer table is outside the body
            while at > start and paras[at - 1].cell is not None and paras[at - 1].cell.table == stop.cell.table:  # type: ignore[union-attr]
                at -= 1
        indexes.append(at)
    return min(indexes) if indexes else len(paras)


BOXES = {  # the numbered boxes (ô) of Phụ lục I Mục IV, docs/decree30.md §2.2
    QUOC_HIEU: "ô 1", TIEU_NGU: "ô 1", CHU_QUAN: "ô 2", BAN_HANH: "ô 2", SO_KY_HIEU: "ô 3", DIA_DANH_NGAY: "ô 4",
    TEN_LOAI: "ô 5a", TRICH_YEU: "ô 5a", TRICH_YEU_CV: "ô 5b", BODY: "ô 6", QUYEN_HAN: "ô 7a", CHUC_VU: "ô 7b",
    HO_TEN: "ô 7b", KINH_GUI: "ô 9a", NOI_NHAN_LABEL: "ô 9b", NOI_NHAN_ITEM: "ô 9b",
}


# Each component's name as shown to users, in English (label() translates the one a finding names).
LABELS = {
    QUOC_HIEU: N_("Quốc hiệu"), TIEU_NGU: N_("Tiêu ngữ"), CHU_QUAN: N_("supervising agency"),
    BAN_HANH: N_("issuing agency"), SO_KY_HIEU: N_("number line"), DIA_DANH_NGAY: N_("place and date line"),
    TEN_LOAI: N_("document type"), TRICH_YEU: N_("trích yếu"), BODY: N_("body"),
    NOI_NHAN_LABEL: N_("Nơi nhận label"), NOI_NHAN_ITEM: N_("Nơi nhận item"), QUYEN_HAN: N_("signing authority"),
    CHUC_VU: N_("signer's title"), HO_TEN: N_("signer's name"), KINH_GUI: N_("Kính gửi"),
    BODY_TABLE: N_("table in the content"), TRICH_YEU_CV: N_("trích yếu (V/v)"),
}


def boxed(name: str) -> str:
    """Return a component's name with its box: "issuing agency (ô 2)"."""
    box = BOXES.get(name)
    return f"{label(name)} ({box})" if box else label(name)


def label(name: str) -> str:
    """Return a component's name as shown to users (only that one translated: each finding names one)."""
    return _(LABELS[name]) if name in LABELS else name
