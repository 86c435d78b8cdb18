"""Effective formatting: direct → character style → paragraph style (basedOn) → table style →
docDefaults → theme fonts, per rFonts slot, as Word resolves it (docs/decree30.md §1 checker notes)."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from lxml import etree

from ttbgen.check.docmodel import Run
from ttbgen.check.ooxml import A_NS, attr, int_attr, on_off, visible_sides, w
from ttbgen.records import record

Props = dict[str, Any]
TOGGLES = ("b", "i", "caps")
SLOTS = ("ascii", "hAnsi", "cs")
_THEME_ATTR = {"ascii": "asciiTheme", "hAnsi": "hAnsiTheme", "cs": "cstheme"}
# Word's own defaults when nothing in the document says otherwise: 10 pt Times New Roman.
DEFAULT_SIZE = 10.0
DEFAULT_FONT = "Times New Roman"
SHEETS_KEPT = 8  # style sheets kept per process: a batch built from a few templates shares them
RESOLVED_KEPT = 20_000  # resolved pPr/rPr per sheet before the memo starts over (bounds memory on odd input)
# Styles and theme bytes of a sheet worth keeping: real ones are under 60 KB (27 provincial documents); a hostile
# batch of huge parts must not pin SHEETS_KEPT of them (and their parsed sheets) in memory.
SHEET_BYTES_KEPT = 512 * 1024


def read_rpr(rpr: etree._Element | None) -> Props:
    """Read the run properties the rules need into a flat dict."""
    props: Props = {}
    if rpr is None:
        return props
    for child in rpr:
        if not isinstance(child.tag, str):
            continue
        name = etree.QName(child).localname
        if name in TOGGLES:
            props[name] = on_off(child)
        elif name == "sz":
            half = int_attr(child, "val")
            if half is not None:
                props["sz"] = half / 2
        elif name == "color":
            theme = attr(child, "themeColor")
            props["color"] = f"theme:{theme}" if theme else (attr(child, "val") or "auto")
        elif name == "rFonts":
            _read_fonts(child, props)
    return props


def _read_fonts(el: etree._Element, props: Props) -> None:
    """Read rFonts per slot; a theme attribute wins over a literal name at the same level."""
    for slot in SLOTS:
        theme = attr(el, _THEME_ATTR[slot])
        literal = attr(el, slot)
        if theme:
            props[slot] = f"theme:{theme}"
        elif literal:
            props[slot] = literal


def read_ppr(ppr: etree._Element | None) -> Props:
    """Read the paragraph properties the rules need into a flat dict."""
    props: Props = {}
    if ppr is None:
        return props
    jc = ppr.find(w("jc"))
    if jc is not None:
        props["jc"] = {"start": "left", "end": "right", "justify": "both"}.get(attr(jc, "val") or "", attr(jc, "val"))
    _read_ind(ppr.find(w("ind")), props)
    _read_spacing(ppr.find(w("spacing")), props)
    ctx = ppr.find(w("contextualSpacing"))
    if ctx is not None:
        props["contextual"] = on_off(ctx)
    bdr = ppr.find(w("pBdr"))
    if bdr is not None:
        props["borders"] = visible_sides(bdr)
    return props


def _read_ind(ind: etree._Element | None, props: Props) -> None:
    """Read indents; firstLine and hanging replace each other."""
    if ind is None:
        return
    for key, names in (("ind_left", ("left", "start")), ("ind_right", ("right", "end"))):
        for name in names:
            value = int_attr(ind, name)
            if value is not None:
                props[key] = value
                break
    hanging, first = int_attr(ind, "hanging"), int_attr(ind, "firstLine")
    if hanging is not None:
        props["first"] = -hanging
    elif first is not None:
        props["first"] = first


def _read_spacing(spacing: etree._Element | None, props: Props) -> None:
    """Read spacing before/after and line spacing."""
    if spacing is None:
        return
    for key in ("before", "after", "line"):
        value = int_attr(spacing, key)
        if value is not None:
            props[key] = value
    rule = attr(spacing, "lineRule")
    if rule:
        props["lineRule"] = rule


@record
class Style:
    """One w:style, reduced to what the resolver needs."""

    kind: str
    based_on: str | None
    ppr: Props
    rpr: Props


class StyleSheet:
    """Styles, docDefaults and theme fonts of one document, with cached resolution."""

    def __init__(self, styles: etree._Element | None, theme: etree._Element | None) -> None:
        self.styles: dict[str, Style] = {}
        self.default_para: str | None = None
        self.default_rpr: Props = {}
        self.default_ppr: Props = {}
        self.theme_fonts = _theme_fonts(theme)
        if styles is not None:
            self._load(styles)
        self.chain = lru_cache(maxsize=None)(self._chain)
        self.layers = lru_cache(maxsize=None)(self._layers)
        # Effective formatting by (table style, [paragraph style,] pPr/rPr XML): one resolution per distinct
        # formatting, shared by every document with these styles (the reader fills them, keyed by the XML's shape).
        self.resolved_ppr: dict[tuple[str | None, Any], Any] = {}
        self.resolved_rpr: dict[tuple[str | None, str | None, Any], Run] = {}

    def _load(self, root: etree._Element) -> None:
        """Index styles by id and read docDefaults."""
        defaults = root.find(w("docDefaults"))
        if defaults is not None:
            self.default_rpr = read_rpr(defaults.find(f"{w('rPrDefault')}/{w('rPr')}"))
            self.default_ppr = read_ppr(defaults.find(f"{w('pPrDefault')}/{w('pPr')}"))
        for el in root.iter(w("style")):
            sid, kind = attr(el, "styleId") or "", attr(el, "type") or "paragraph"
            based = el.find(w("basedOn"))
            self.styles[sid] = Style(kind, attr(based, "val"), read_ppr(el.find(w("pPr"))), read_rpr(el.find(w("rPr"))))
            if kind == "paragraph" and (attr(el, "default") or "") in ("1", "true", "on"):
                self.default_para = sid

    def _chain(self, style_id: str | None) -> tuple[Props, Props]:
        """Merge a style with its basedOn ancestors; the nearest definition wins (cycles cut)."""
        seen: list[Style] = []
        while style_id and style_id in self.styles and len(seen) < 32:
            style = self.styles[style_id]
            if style in seen:
                break
            seen.append(style)
            style_id = style.based_on
        ppr: Props = {}
        rpr: Props = {}
        for style in reversed(seen):
            ppr.update(style.ppr)
            rpr.update(style.rpr)
        return ppr, rpr

    def _layers(self, table: str | None, para: str | None, char: str | None) -> tuple[Props, Props]:
        """Return the paragraph and run properties a (table, paragraph, character) style trio yields."""
        ppr = dict(self.default_ppr)
        rpr = dict(self.default_rpr)
        for style_id, use_ppr in ((table, True), (para or self.default_para, True), (char, False)):
            style_ppr, style_rpr = self.chain(style_id)
            if use_ppr:
                ppr.update(style_ppr)
            _apply_style_rpr(rpr, style_rpr)
        return ppr, rpr

    def paragraph(self, table: str | None, para: str | None, direct: Props) -> Props:
        """Return effective paragraph properties."""
        ppr = dict(self.layers(table, para, None)[0])
        ppr.update(direct)
        return ppr

    def run(self, table: str | None, para: str | None, char: str | None, direct: Props, text: str) -> Run:
        """Return a Run with effective character formatting."""
        rpr = dict(self.layers(table, para, char)[1])
        rpr.update(direct)  # direct formatting sets toggles absolutely (ECMA-376 §17.7.3)
        return Run(
            text=text,
            size=float(rpr.get("sz", DEFAULT_SIZE)),
            bold=bool(rpr.get("b", False)),
            italic=bool(rpr.get("i", False)),
            caps=bool(rpr.get("caps", False)),
            ascii=self.font(rpr.get("ascii")),
            h_ansi=self.font(rpr.get("hAnsi")),
            cs=self.font(rpr.get("cs")),
            color=str(rpr.get("color", "auto")),
        )

    def font(self, value: str | None) -> str:
        """Resolve a font slot value, following theme references (minorHAnsi → the theme's latin font)."""
        if value is None:
            return DEFAULT_FONT
        if value.startswith("theme:"):
            return self.theme_fonts.get(value[6:], DEFAULT_FONT)
        return value


_SHEETS: dict[tuple[bytes | None, bytes | None], StyleSheet] = {}


def cached_sheet(styles: bytes | None, theme: bytes | None, build: Callable[[], StyleSheet]) -> StyleSheet:
    """Return the sheet of a styles part and a theme part, built once per process for the same bytes (notices
    from one template share them; re-reading the styles of every document was a third of a check, issue 15)."""
    if len(styles or b"") + len(theme or b"") > SHEET_BYTES_KEPT:
        return build()
    key = (styles, theme)
    sheet = _SHEETS.get(key)
    if sheet is None:
        sheet = build()  # a part that cannot be parsed raises here, and nothing is kept
        for oldest in list(_SHEETS)[: max(0, len(_SHEETS) - SHEETS_KEPT + 1)]:  # list(): safe with threads
            _SHEETS.pop(oldest, None)
        _SHEETS[key] = sheet
    elif len(sheet.resolved_ppr) + len(sheet.resolved_rpr) > RESOLVED_KEPT:
        sheet.resolved_ppr.clear()
        sheet.resolved_rpr.clear()
    return sheet


def _apply_style_rpr(rpr: Props, style_rpr: Props) -> None:
    """Apply a style's run properties; toggle properties flip instead of set (ECMA-376 §17.7.3)."""
    for key, value in style_rpr.items():
        if key in TOGGLES:
            if value:
                rpr[key] = not rpr.get(key, False)
        else:
            rpr[key] = value


def _theme_fonts(theme: etree._Element | None) -> dict[str, str]:
    """Map theme font references (majorHAnsi, minorBidi, …) to typefaces."""
    fonts: dict[str, str] = {}
    if theme is None:
        return fonts
    for scheme in ("major", "minor"):
        font = theme.find(f".//{{{A_NS}}}{scheme}Font")
        if font is None:
            continue
        for tag, refs in (("latin", ("Ascii", "HAnsi")), ("cs", ("Bidi",)), ("ea", ("EastAsia",))):
            face = font.find(f"{{{A_NS}}}{tag}")
            if face is not None and face.get("typeface"):
                for ref in refs:
                    fonts[f"{scheme}{ref}"] = str(face.get("typeface"))
    return fonts
