"""The checker's view of a document: paragraphs with effective formatting, sections, headers."""

from __future__ import annotations

from dataclasses import field

from ttbgen.records import record

TWIPS_PER_MM = 1440 / 25.4
TWIPS_PER_PT = 20


@record
class Run:
    """A run of text with its effective (resolved) character formatting."""

    text: str
    size: float  # pt
    bold: bool
    italic: bool
    caps: bool
    ascii: str  # font per rFonts slot, after theme resolution
    h_ansi: str
    cs: str
    color: str  # "auto", a hex RGB, or "theme:<name>"

    def shown(self) -> str:
        """Return the text as displayed (w:caps shows lower case as capitals)."""
        return self.text.upper() if self.caps else self.text


@record
class Cell:
    """Where a paragraph sits in a table, with the cell's geometry."""

    table: int  # 1-based, in document order, nested tables counted
    row: int
    cell: int
    width: int  # content width in twips (cell width minus cell margins)
    borders: frozenset[str]  # visible cell border sides
    key: tuple[int, int, int] = (0, 0, 0)


@record
class Field:
    """A field (simple or complex) whose instruction starts in a paragraph."""

    instr: str
    run: Run | None  # formatting of the field's result


@record(frozen=False)
class Para:
    """A paragraph with its effective paragraph formatting (reader._paragraph builds it positionally)."""

    n: int  # 1-based ¶N in its part (body paragraphs count table paragraphs too)
    part: str
    style: str
    raw: str  # text as stored
    text: str  # NFC, capitals shown, whitespace kept
    runs: list[Run]
    align: str  # left, center, right, both, distribute
    ind_left: int  # twips
    ind_right: int
    first_line: int  # negative for a hanging indent
    before: int
    after: int
    line: int
    line_rule: str  # auto, exact, atLeast
    contextual: bool
    borders: frozenset[str]  # visible paragraph border sides
    drawn: list[int]  # lengths (twips) of line shapes anchored in the paragraph
    fields: list[Field]
    width: int  # width available to the paragraph's container (cell or text area), twips
    cell: Cell | None = None
    piece: str = ""  # "line" or "tab" for one printed piece of a paragraph (components.segments), else ""
    section: int = 0  # 0-based index of the body section the paragraph belongs to
    # text_runs() and letter_runs() once computed: the rules ask ~8 times per paragraph (replace() resets them)
    _visible: list[Run] | None = field(default=None, init=False, repr=False, compare=False)
    _letters: list[Run] | None = field(default=None, init=False, repr=False, compare=False)

    def text_runs(self) -> list[Run]:
        """Return the runs that carry visible characters (one list per paragraph: read it, do not change it)."""
        if self._visible is None:
            self._visible = [run for run in self.runs if run.text.strip()]
        return self._visible

    def letter_runs(self) -> list[Run]:
        """Return the runs that carry letters or digits, or all visible runs when none does (read, not change)."""
        if self._letters is None:
            runs = self.text_runs()
            self._letters = [run for run in runs if any(c.isalnum() for c in run.text)] or runs
        return self._letters

    def is_blank(self) -> bool:
        """Tell whether the paragraph shows no text."""
        return not self.text.strip()

    @property
    def line_width(self) -> int:
        """Return the width between the paragraph's side indents."""
        return self.width - self.ind_left - self.ind_right


@record
class Section:
    """Page setup of one section, and the header/footer parts it references."""

    width: int
    height: int
    orient: str
    top: int
    bottom: int
    left: int
    right: int
    title_pg: bool
    headers: dict[str, str]  # type (default, first, even) → part name
    footers: dict[str, str]
    page_start: int | None = None  # pgNumType w:start: the section restarts its page numbers there

    @property
    def text_width(self) -> int:
        """Return the width between the side margins."""
        return self.width - self.left - self.right


@record(frozen=False)
class Document:
    """A .docx as the rules see it."""

    path: str
    paras: list[Para]
    sections: list[Section]
    parts: dict[str, list[Para]] = field(default_factory=dict)  # header/footer part → paragraphs
    active: list[tuple[str, str]] = field(default_factory=list)  # (part, what) active content (render/gate.py)
    even_and_odd: bool = False  # settings.xml evenAndOddHeaders: even-page headers print only with it
    pages: int | None = None  # Word's page count when it last saved (docProps/app.xml), if recorded

    def printed_parts(self) -> dict[str, list[Para]]:
        """Return the header and footer parts that print: first-page ones only with titlePg, even-page
        ones only with evenAndOddHeaders (Word keeps the others but never shows them)."""
        names: set[str] = set()
        for sect in self.sections:
            for kind, part in (*sect.headers.items(), *sect.footers.items()):
                if kind == "default" or (kind == "first" and sect.title_pg) or (kind == "even" and self.even_and_odd):
                    names.add(part)
        return {name: paras for name, paras in self.parts.items() if name in names}
