"""Read a .docx into a Document: body and header paragraphs with effective formatting, tables,
sections, fields (PAGE, simple and complex) and drawn lines (docs/decree30.md §2.3 "How the rules are drawn")."""

from __future__ import annotations

import math
import posixpath
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import field
from pathlib import Path
from typing import Any, TypeVar, cast

from lxml import etree

from ttbgen.check.activescan import scan_package
from ttbgen.check.docmodel import Cell, Document, Field, Para, Run, Section
from ttbgen.check.ooxml import (
    A_NS,
    MC_NS,
    PKG_REL_NS,
    R_NS,
    V_NS,
    W_NS,
    WP_NS,
    attr,
    int_attr,
    on_off,
    visible_sides,
    w,
)
from ttbgen.check.partmemo import PartMemo
from ttbgen.check.safeio import Package
from ttbgen.check.styles import Props, StyleSheet, cached_sheet, read_ppr, read_rpr
from ttbgen.errors import DocxError
from ttbgen.i18n import _
from ttbgen.records import record

EMU_PER_TWIP = 635
DEFAULT_CELL_MARGIN = 108  # Word's default left/right cell margin, 0.19 cm
_CHAR_TAGS = {w("t"): None, w("tab"): "\t", w("br"): "\n", w("cr"): "\n", w("noBreakHyphen"): "-"}
_SKIP = {w("del"), w("moveFrom"), w("rPr"), w("pPr")}  # deleted revisions are not shown
_LINE_PRESETS = {"line", "straightConnector1"}
# Clark names used per element in the walk, resolved once (w() is cached, but a call per child adds up).
_P, _TBL, _R, _T, _PPR, _RPR, _SECT_PR = (w(tag) for tag in ("p", "tbl", "r", "t", "pPr", "rPr", "sectPr"))
_FLD_SIMPLE, _FLD_CHAR, _INSTR_TEXT = w("fldSimple"), w("fldChar"), w("instrText")
_BLOCK_WRAPPERS = frozenset({w("sdt"), w("sdtContent"), w("customXml")})
_W_PREFIX = f"{{{W_NS}}}"
MAX_PARAGRAPHS = 20_000  # paragraphs in one part; a long notice has a few hundred (docs/limits.md)
_LEN = re.compile(r"(-?[\d.]+)\s*(pt|in|cm|mm|px|emu)?")
_UNIT_TWIPS = {"pt": 20.0, "in": 1440.0, "cm": 1440 / 2.54, "mm": 1440 / 25.4, "px": 15.0, "emu": 1 / 635, None: 20.0}


def read_document(path: Path) -> Document:
    """Open a .docx and build the checker's Document (raises DocxError on unusable input)."""
    package = Package(path)
    try:
        reader = _Reader(package, str(path))
        doc = reader.read()
        doc.active = [(t.part, t.message) for t in scan_package(package, reader.main)]
        return doc
    finally:
        package.close()


@record(frozen=False)
class _Walk:
    """State of one walk over a part: paragraph counter, table counter, fields still open."""

    part: str
    width: int
    count: int = 0
    tables: int = 0
    section: int = 0  # sections closed so far (a paragraph whose pPr holds a sectPr closes one)
    paras: list[Para] = field(default_factory=list)
    drawn: set[etree._Element] = field(default_factory=set)  # paragraphs holding a drawing or a VML shape

    def find_drawings(self, root: etree._Element) -> None:
        """Index the paragraphs that hold drawings, in one pass over the part."""
        for el in root.iter(w("drawing"), w("pict")):
            self.drawn.update(el.iterancestors(w("p")))


class _Reader:
    """One read of one package."""

    def __init__(self, package: Package, path: str) -> None:
        self.package = package
        self.path = path
        self.main = _main_part(package)
        self.rels = _rels(package, self.main)
        root = package.xml(self.main)
        if root.tag != w("document"):
            raise DocxError(
                _("{file}: not a WordprocessingML document (Strict OOXML is not supported)").format(file=path))
        self.root = root
        self.sheet = self._sheet()
        self.ppr_cache: dict[tuple[str | None, _Shape], _Layout] = self.sheet.resolved_ppr
        self.rpr_cache = self.sheet.resolved_rpr

    def _sheet(self) -> StyleSheet:
        """Return the style sheet, parsed only when no earlier document had the same styles and theme bytes."""
        styles, theme = self._related_name("styles"), self._related_name("theme")
        data = [self.package.read(name) if name else None for name in (styles, theme)]
        return cached_sheet(data[0], data[1], lambda: StyleSheet(self._related(styles), self._related(theme)))

    def _related_name(self, kind: str) -> str | None:
        """Return the name of the first part of a relationship type (styles, theme, …), or None."""
        for rel_type, target in self.rels.values():
            if rel_type.endswith("/" + kind) and self.package.has(target):
                return target
        return None

    def _related(self, name: str | None) -> etree._Element | None:
        """Return a related part parsed (once per package), or None when there is none."""
        return self.package.xml(name) if name else None

    def read(self) -> Document:
        """Walk the body, then the header and footer parts the sections reference."""
        body = self.root.find(w("body"))
        if body is None:
            raise DocxError(_("{file}: word/document.xml has no body").format(file=self.path))
        sections = [self._section(el) for el in body.iter(w("sectPr"))] or [_default_section()]
        _bounded(self.path, "word/document.xml", body)
        walk = _Walk("body", sections[0].text_width)
        walk.find_drawings(body)
        self._blocks(body, walk, None)
        doc = Document(self.path, walk.paras, sections)
        settings = self._related_name("settings")
        doc.even_and_odd = settings is not None and remembered(self.package, settings, _even_and_odd)
        doc.pages = self._pages()
        for section in sections:
            for part in (*section.headers.values(), *section.footers.values()):
                if part not in doc.parts and self.package.has(part):
                    sub, root = _Walk(part, section.text_width), self.package.xml(part)
                    _bounded(self.path, part, root)
                    sub.find_drawings(root)
                    self._blocks(root, sub, None)
                    doc.parts[part] = sub.paras
        return doc

    def _pages(self) -> int | None:
        """Return the page count Word recorded in docProps/app.xml, or None."""
        if not self.package.has("docProps/app.xml"):
            return None
        try:
            return remembered(self.package, "docProps/app.xml", _page_count)
        except DocxError:
            return None

    def _section(self, el: etree._Element) -> Section:
        """Read page size, margins, titlePg and header/footer references of one sectPr."""
        size, margins = el.find(w("pgSz")), el.find(w("pgMar"))
        title = el.find(w("titlePg"))
        return Section(
            width=int_attr(size, "w") or 11906,
            height=int_attr(size, "h") or 16838,
            orient=attr(size, "orient") or "portrait",
            top=abs(int_attr(margins, "top") or 1440),
            bottom=abs(int_attr(margins, "bottom") or 1440),
            left=int_attr(margins, "left") or 1800,
            right=int_attr(margins, "right") or 1800,
            title_pg=title is not None and on_off(title),
            headers=self._refs(el, "headerReference"),
            footers=self._refs(el, "footerReference"),
            page_start=int_attr(el.find(w("pgNumType")), "start"),
        )

    def _refs(self, sect: etree._Element, tag: str) -> dict[str, str]:
        """Map header/footer types to part names."""
        refs: dict[str, str] = {}
        for ref in sect.findall(w(tag)):
            rel = self.rels.get(ref.get(f"{{{R_NS}}}id") or "")
            if rel:
                refs[attr(ref, "type") or "default"] = rel[1]
        return refs

    def _blocks(self, container: etree._Element, walk: _Walk, cell: tuple[Cell, str | None] | None) -> None:
        """Walk block content in reading order: paragraphs, tables, content controls."""
        for child in container:
            tag = child.tag
            if tag == _P:
                self._paragraph(child, walk, cell)
            elif tag == _TBL:
                self._table(child, walk)
            elif tag in _BLOCK_WRAPPERS:
                self._blocks(child, walk, cell)

    def _table(self, tbl: etree._Element, walk: _Walk) -> None:
        """Walk a table row by row, cell by cell, with each cell's content width and borders."""
        walk.tables += 1
        number = walk.tables
        props = tbl.find(w("tblPr"))
        style = attr(props.find(w("tblStyle")) if props is not None else None, "val")
        grid = [int_attr(col, "w") or 0 for col in tbl.iterfind(f"{w('tblGrid')}/{w('gridCol')}")]
        margin = _cell_margins(props)
        for r, row in enumerate(tbl.iterfind(w("tr")), start=1):
            column = 0
            for c, tc in enumerate(row.iterfind(w("tc")), start=1):
                width, span = _cell_width(tc, grid, column)
                column += span
                tc_pr = tc.find(w("tcPr"))
                borders = visible_sides(tc_pr.find(w("tcBorders")) if tc_pr is not None else None)
                info = Cell(number, r, c, max(width - margin, 0), borders, (number, r, c))
                self._blocks(tc, walk, (info, style))

    def _ppr(self, ppr_el: etree._Element | None, table_style: str | None) -> _Layout:
        """Return the style id and effective layout of a pPr, and whether it closes a section (holds a
        sectPr); the same XML resolves once per style sheet."""
        key = (table_style, _shape(ppr_el) if ppr_el is not None else ())
        cached = self.ppr_cache.get(key)
        if cached is None:
            style = attr(ppr_el.find(w("pStyle")) if ppr_el is not None else None, "val")
            closes = ppr_el is not None and ppr_el.find(_SECT_PR) is not None
            cached = self.ppr_cache[key] = _layout(style, self.sheet.paragraph(table_style, style, read_ppr(ppr_el)),
                                                   closes)
        return cached

    def _paragraph(self, p: etree._Element, walk: _Walk, where: tuple[Cell, str | None] | None) -> None:
        """Resolve one paragraph and its runs."""
        walk.count += 1
        table_style = where[1] if where else None
        first = p[0] if len(p) else None
        # pPr comes first in a valid paragraph: p[0] is cheaper than find(); find() covers any other order.
        style, layout, closes = self._ppr(first if first is not None and first.tag == _PPR else p.find(_PPR),
                                          table_style)
        collected = _Runs(self.sheet, table_style, style, self.rpr_cache)
        runs, fields = collected.collect(p)
        raw = "".join([run.text for run in runs])
        shown = unicodedata.normalize("NFC", "".join([run.shown() for run in runs]))
        cell = where[0] if where else None
        walk.paras.append(Para(  # positional: n, part, style, raw, text, runs, the layout fields, drawn, fields, …
            walk.count, walk.part, style or self.sheet.default_para or "", raw, shown, runs, *layout,
            _drawn_lines(p, walk.drawn), fields, cell.width if cell else walk.width, cell, "", walk.section,
        ))
        # Any pPr child holding a sectPr closes a section; only a malformed paragraph has a second pPr.
        if closes or (collected.pprs > 1 and p.find(f"{_PPR}/{_SECT_PR}") is not None):
            walk.section += 1


_Shape = tuple[Any, ...]  # _shape(): (tag, attributes, children's shapes)
# A paragraph's layout fields in Para's order: align, ind_left, ind_right, first_line, before, after, line,
# line_rule, contextual, borders.
_Layout = tuple[str | None, tuple[str, int, int, int, int, int, int, str, bool, frozenset[str]], bool]


def _layout(style: str | None, ppr: Props, closes: bool) -> _Layout:
    """Return a resolved pPr as the reader keeps it: style id, Para's layout fields, whether it closes a section."""
    return style, (
        str(ppr.get("jc", "left")), int(ppr.get("ind_left", 0)), int(ppr.get("ind_right", 0)),
        int(ppr.get("first", 0)), int(ppr.get("before", 0)), int(ppr.get("after", 0)), int(ppr.get("line", 240)),
        str(ppr.get("lineRule", "auto")), bool(ppr.get("contextual", False)),
        frozenset(ppr.get("borders", frozenset())),
    ), closes


class _Runs:
    """Collect the runs and fields of one paragraph (runs nested in hyperlinks, insertions, sdt…)."""

    def __init__(self, sheet: StyleSheet, table_style: str | None, para_style: str | None,
                 cache: dict[tuple[str | None, str | None, _Shape], Run]) -> None:
        self.sheet, self.table_style, self.para_style, self.cache = sheet, table_style, para_style, cache
        self.runs: list[Run] = []
        self.fields: list[Field] = []
        self.instr: list[str] | None = None  # instruction text of an open complex field
        self.pprs = 0  # pPr children of the paragraph itself

    def collect(self, p: etree._Element) -> tuple[list[Run], list[Field]]:
        """Return the paragraph's runs and the fields that start in it."""
        self._walk(p, p)
        return self.runs, self.fields

    def _walk(self, el: etree._Element, p: etree._Element) -> None:
        """Visit inline content; runs inside drawings (text boxes) are not the paragraph's text."""
        for child in el:
            tag = child.tag
            if tag == _R:
                only = child[0] if len(child) == 1 else None
                if only is not None and only.tag == _T and not self.instr:  # most runs: one w:t, no field open
                    if only.text:
                        self.runs.append(self._text_run(only.text, None))
                else:
                    self._run(child)
            elif tag == _FLD_SIMPLE:
                start = len(self.runs)
                self._walk(child, p)
                result = self.runs[start] if len(self.runs) > start else None
                self.fields.append(Field(_norm_instr(attr(child, "instr") or ""), result))
            elif tag == _PPR:
                self.pprs += el is p
            elif isinstance(tag, str) and tag not in _SKIP and tag.startswith(_W_PREFIX):
                self._walk(child, p)

    def _run(self, r: etree._Element) -> None:
        """Resolve one w:r; track complex fields (begin → instrText → separate/end)."""
        text, rpr_el, has_t = _run_parts(r, self)
        boundary = bool(self.instr) and has_t  # a field's result run (text after the separate mark)
        if not (text or boundary):
            return
        run = self._text_run(text, rpr_el)
        if boundary:
            self.fields.append(Field(_norm_instr("".join(self.instr or ())), run))
            self.instr = None
        if text:
            self.runs.append(run)

    def _text_run(self, text: str, rpr_el: etree._Element | None) -> Run:
        """Return a run of text with the effective formatting of its rPr."""
        f = self._format(rpr_el)
        return Run(text, f.size, f.bold, f.italic, f.caps, f.ascii, f.h_ansi, f.cs, f.color)

    def _format(self, rpr_el: etree._Element | None) -> Run:
        """Return an empty Run carrying the effective formatting of an rPr (resolved once per style sheet)."""
        key = (self.table_style, self.para_style, _shape(rpr_el) if rpr_el is not None else ())
        cached = self.cache.get(key)
        if cached is None:
            char = attr(rpr_el.find(w("rStyle")) if rpr_el is not None else None, "val")
            cached = self.cache[key] = self.sheet.run(self.table_style, self.para_style, char, read_rpr(rpr_el), "")
        return cached

    def field_char(self, kind: str) -> None:
        """Open or close a complex field."""
        if kind == "begin":
            self.instr = []
        elif kind == "end" and self.instr:
            self.fields.append(Field(_norm_instr("".join(self.instr)), None))
            self.instr = None
        elif kind == "end":
            self.instr = None


def _shape(el: etree._Element) -> _Shape:
    """Return an element's tags and attributes, nested: all that pPr/rPr resolution reads, so a key for its
    memo (tostring() was 10 µs a run in Word's files: it writes the root's 30-odd namespaces each time)."""
    return el.tag, tuple(el.items()), tuple([_shape(child) for child in el]) if len(el) else ()


def _run_parts(r: etree._Element, runs: _Runs) -> tuple[str, etree._Element | None, bool]:
    """Return a run's shown text, its (first) rPr and whether it holds a w:t, in one pass over its children;
    instruction text goes to the open field."""
    parts: list[str] = []
    rpr: etree._Element | None = None
    has_t = False
    for child in r:
        tag = child.tag
        if tag in _CHAR_TAGS:
            parts.append(_CHAR_TAGS[tag] or (child.text or ""))
            has_t = has_t or tag == _T
        elif tag == _RPR:
            rpr = child if rpr is None else rpr
        elif tag == _INSTR_TEXT and runs.instr is not None:
            runs.instr.append(child.text or "")
        elif tag == _FLD_CHAR:
            runs.field_char(attr(child, "fldCharType") or "")
    return "".join(parts), rpr, has_t


def _norm_instr(instr: str) -> str:
    """Collapse whitespace of a field instruction."""
    return " ".join(instr.split())


def _drawn_lines(p: etree._Element, drawn: set[etree._Element]) -> list[int]:
    """Return lengths in twips of line shapes in a paragraph (DrawingML or VML, fallbacks skipped)."""
    if p not in drawn:
        return []
    lengths: list[int] = []
    for el in p.iter(f"{{{WP_NS}}}inline", f"{{{WP_NS}}}anchor", f"{{{V_NS}}}line", f"{{{V_NS}}}shape"):
        if any(True for _ in el.iterancestors(f"{{{MC_NS}}}Fallback")):
            continue
        length = _shape_length(el)
        if length:
            lengths.append(length)
    return lengths


def _shape_length(el: etree._Element) -> int | None:
    """Return the length of a line-like shape, or None for any other drawing."""
    if el.tag == f"{{{V_NS}}}line":
        start, end = _vml_point(el.get("from")), _vml_point(el.get("to"))
        return round(abs(end - start)) or None
    if el.tag == f"{{{V_NS}}}shape":
        style = dict(_style_items(el.get("style") or ""))
        height = _vml_len(style.get("height", "0"))
        return round(_vml_len(style.get("width", "0"))) if height < 40 else None
    extent = el.find(f"{{{WP_NS}}}extent")
    if extent is None:
        return None
    geom = el.find(f".//{{{A_NS}}}prstGeom")
    cx, cy = _finite(extent.get("cx")), _finite(extent.get("cy"))
    is_line = geom is not None and geom.get("prst") in _LINE_PRESETS
    # A picture of a line (cy under 2 pt) counts too: some offices paste the rule as an image.
    return round(cx / EMU_PER_TWIP) if cx and (is_line or cy < 25400) else None


def _style_items(style: str) -> Iterator[tuple[str, str]]:
    """Split a CSS-like VML style attribute."""
    for item in style.split(";"):
        key, _sep, value = item.partition(":")
        yield key.strip().lower(), value.strip()


def _vml_len(text: str) -> float:
    """Convert a VML length (pt, in, cm, mm, px) to twips."""
    match = _LEN.match(text.strip())
    return _finite(match.group(1)) * _UNIT_TWIPS[match.group(2)] if match else 0.0


def _bounded(path: str, part: str, root: etree._Element) -> None:
    """Refuse a part with more paragraphs than any notice has: the checker's cost grows with them (issue 13)."""
    count = sum(1 for _p in root.iter(w("p")))
    if count > MAX_PARAGRAPHS:
        raise DocxError(_("{file}: {part} has {n} paragraphs; the checker reads at most {limit} (limit "
                          "MAX_PARAGRAPHS); a notice has a few hundred").format(
                              file=path, part=part, n=count, limit=MAX_PARAGRAPHS))


def _finite(text: str | None) -> float:
    """Read a number, as 0 when it is missing, malformed, infinite or absurdly large (hostile input)."""
    try:
        number = float(text or 0)
    except ValueError:
        return 0.0
    return number if math.isfinite(number) and abs(number) < 1e12 else 0.0


def _vml_point(text: str | None) -> float:
    """Return the x coordinate of a VML point ("82.5pt,9pt") in twips."""
    return _vml_len((text or "0").split(",")[0])


def _cell_width(tc: etree._Element, grid: list[int], column: int) -> tuple[int, int]:
    """Return a cell's width (tcW in dxa, else the grid columns it spans) and its span."""
    tc_pr = tc.find(w("tcPr"))
    span = int_attr(tc_pr.find(w("gridSpan")) if tc_pr is not None else None, "val") or 1
    tcw = tc_pr.find(w("tcW")) if tc_pr is not None else None
    if tcw is not None and (attr(tcw, "type") or "dxa") == "dxa" and (int_attr(tcw, "w") or 0) > 0:
        return int_attr(tcw, "w") or 0, span
    return sum(grid[column:column + span]), span


def _cell_margins(props: etree._Element | None) -> int:
    """Return the left + right cell margins of a table."""
    mar = props.find(w("tblCellMar")) if props is not None else None
    if mar is None:
        return 2 * DEFAULT_CELL_MARGIN
    return _margin(mar, ("left", "start")) + _margin(mar, ("right", "end"))


def _margin(mar: etree._Element, names: tuple[str, str]) -> int:
    """Return one side's cell margin in twips."""
    for name in names:
        value = int_attr(mar.find(w(name)), "w")
        if value is not None:
            return value
    return DEFAULT_CELL_MARGIN


def _default_section() -> Section:
    """Word's page setup when a document has no sectPr at all (Letter, 1-inch margins)."""
    return Section(12240, 15840, "portrait", 1440, 1440, 1800, 1800, False, {}, {})


def _main_part(package: Package) -> str:
    """Find the main document part through _rels/.rels, falling back to word/document.xml."""
    if package.has("_rels/.rels"):
        for target in remembered(package, "_rels/.rels", _office_documents):
            if package.has(target):
                return target
    return "word/document.xml"


def _office_documents(name: str, root: etree._Element) -> tuple[str, ...]:
    """Return the targets of a package's officeDocument relationships, in order."""
    return tuple((rel.get("Target") or "").lstrip("/") for rel in root.iter(f"{{{PKG_REL_NS}}}Relationship")
                 if (rel.get("Type") or "").endswith("/officeDocument"))


def _rels(package: Package, part: str) -> dict[str, tuple[str, str]]:
    """Return a part's relationships: id → (type, target part name) (shared by documents: read, not change)."""
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    if not package.has(rels_name):
        return {}
    return remembered(package, rels_name, _relationships)


def _relationships(rels_name: str, root: etree._Element) -> dict[str, tuple[str, str]]:
    """Read a .rels part: id → (type, target part name), internal targets only."""
    folder = posixpath.dirname(posixpath.dirname(rels_name))
    rels: dict[str, tuple[str, str]] = {}
    for rel in root.iter(f"{{{PKG_REL_NS}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target") or ""
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        rels[rel.get("Id") or ""] = (rel.get("Type") or "", path)
    return rels


def _even_and_odd(name: str, settings: etree._Element) -> bool:
    """Tell whether settings.xml turns on evenAndOddHeaders."""
    flag = settings.find(w("evenAndOddHeaders"))
    return flag is not None and attr(flag, "val") not in ("0", "false")


def _page_count(name: str, app: etree._Element) -> int | None:
    """Return the page count Word recorded in docProps/app.xml, or None."""
    pages = app.find("{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}Pages")
    text = (pages.text or "").strip() if pages is not None else ""
    return int(text) if text.isdigit() else None


_T_co = TypeVar("_T_co")
FACTS_KEPT_BYTES = 4 * 1024 * 1024  # bytes of parts whose facts are remembered per process
_FACTS: PartMemo[Any] = PartMemo(FACTS_KEPT_BYTES)  # (reader, part name, bytes) → what it read


def remembered(package: Package, name: str, read: Callable[[str, etree._Element], _T_co]) -> _T_co:
    """Return what `read` finds in a part, parsed only when no earlier document had the same part with the same
    bytes (the relationships, settings and properties of one template's notices); a part that cannot be parsed
    raises each time, as before. What is returned is shared: read it, do not change it."""
    key = (read, name, package.read(name))
    found = _FACTS.get(key)
    if found is not None:
        return cast(_T_co, found[0])
    value = read(name, package.xml(name))
    _FACTS.put(key, value)
    return value
