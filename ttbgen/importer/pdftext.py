"""A text PDF → paragraphs: poppler's words with their boxes (check.rendered.read_pages, bounded), grouped into
lines, the two-column header and footer into table cells, wrapped lines into paragraphs."""

from __future__ import annotations

import re
from pathlib import Path

from ttbgen.check.docmodel import Cell
from ttbgen.check.rendered import read_pages
from ttbgen.office.pdf import Box as Word
from ttbgen.records import record

LINE_TOLERANCE = 3.0  # pt: words whose tops differ less than this stand on one line
COLUMN_GAP = 24.0  # pt: a wider gap between two words of a line separates table columns
INDENT = 6.0  # pt: a first line starting this much right of the margin opens a paragraph
SHORT = 40.0  # pt: a line ending this much left of the right edge ends its paragraph
CENTRED = 20.0  # pt: a line whose middle is this close to the text's middle, with room both sides, is centred
PAGE_NUMBER_ZONE = 0.08  # share of the page height at the top where a lone number is the page number
_LABEL = re.compile(r"^(?:[IVXL]+\.|\d{1,2}(?:\.\d{1,2})*\.|[a-zđ]{1,2}\)|[-–—•+])\s")
_ENDS = (".", ";", ":", "!", "?")


@record(frozen=False)
class Segment:
    """Words of one line standing together (a whole line, or one column of a table row)."""

    words: list[Word]

    @property
    def text(self) -> str:
        """Return the words joined by spaces."""
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        """Return the left edge."""
        return self.words[0].x0

    @property
    def x1(self) -> float:
        """Return the right edge."""
        return self.words[-1].x1


def lines_of(words: list[Word]) -> list[list[Segment]]:
    """Group a page's words into lines (by their tops) and each line into segments (by wide gaps)."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (round(w.y0), w.x0)):
        if rows and abs(rows[-1][0].y0 - word.y0) <= LINE_TOLERANCE:
            rows[-1].append(word)
        else:
            rows.append([word])
    out = []
    for row in rows:
        row.sort(key=lambda w: w.x0)
        segments = [Segment([row[0]])]
        for word in row[1:]:
            if word.x0 - segments[-1].x1 > COLUMN_GAP:
                segments.append(Segment([word]))
            else:
                segments[-1].words.append(word)
        out.append(segments)
    return out


@record(frozen=False)
class Flow:
    """The paragraphs read so far, with the table cells of header and footer lines."""

    texts: list[str]
    cells: list[Cell | None]
    tables: int = 0

    def add(self, text: str, cell: Cell | None = None) -> None:
        """Start a paragraph."""
        self.texts.append(text)
        self.cells.append(cell)


def joined(text: str, more: str) -> str:
    """Join a wrapped line to its paragraph: with a space, or none after a word broken at its hyphen (KT-XH)."""
    return text + more if re.search(r"\w-$", text) else f"{text} {more}"


def _upper(text: str) -> bool:
    """Tell whether a line is in capitals (agency lines, the document type, signature titles)."""
    return any(c.isalpha() for c in text) and text == text.upper()


def pdf_paragraphs(path: Path) -> tuple[list[str], list[Cell | None]]:
    """Return the paragraphs of a text PDF in reading order, with the table cell of header/footer lines."""
    flow = Flow([], [])
    previous: Segment | None = None
    for page in read_pages(path):
        lines = [s for s in lines_of(page.words)
                 if not (len(s) == 1 and s[0].text.isdigit() and s[0].words[0].y0 < page.height * PAGE_NUMBER_ZONE)]
        single = [s[0] for s in lines if len(s) == 1]
        left = min((s.x0 for s in single), default=0.0)
        right = max((s.x1 for s in single), default=page.width)
        previous = _page(lines, left, right, flow, previous)
    return flow.texts, flow.cells


def _page(lines: list[list[Segment]], left: float, right: float, flow: Flow,
          previous: Segment | None) -> Segment | None:
    """Read one page's lines into the flow: tables where two columns stand side by side, else paragraphs; a
    paragraph the page before left unfinished (`previous`, its last line) continues."""
    block: list[list[Segment]] = []
    for segments in lines:
        if len(segments) > 1 or (block and _one_side(segments[0], block) and not _centred(segments[0], left, right)):
            block.append(segments)
            previous = None
            continue
        if block:
            _table(block, flow)
            block = []
        seg = segments[0]
        if previous is None or _opens(seg, previous, left, right):
            flow.add(seg.text)
        else:
            flow.texts[-1] = joined(flow.texts[-1], seg.text)
        previous = seg
    if block:
        _table(block, flow)
        return None
    return previous


def _columns(block: list[list[Segment]]) -> tuple[float, float]:
    """Return where a table block's right column starts, and the boundary between its columns."""
    rows = [s for s in block if len(s) > 1]
    right_start = min(s[-1].x0 for s in rows)
    left_end = max(s[0].x1 for s in rows)
    return right_start, (left_end + right_start) / 2


def _one_side(seg: Segment, block: list[list[Segment]]) -> bool:
    """Tell whether a lone line of a table block stands in one of its columns (not across the page)."""
    right_start, boundary = _columns(block)
    return seg.x0 >= boundary or seg.x1 <= right_start + INDENT


def _centred(seg: Segment, left: float, right: float) -> bool:
    """Tell whether a line is centred in the text area."""
    return seg.x0 > left + 2.0 and seg.x1 < right - 2.0 and abs((seg.x0 + seg.x1) / 2 - (left + right) / 2) < CENTRED


def _opens(seg: Segment, previous: Segment, left: float, right: float) -> bool:
    """Tell whether a line starts a paragraph rather than continuing the one before."""
    if _centred(seg, left, right) and _centred(previous, left, right):
        return _upper(seg.text) or _upper(previous.text)  # a wrapped trích yếu continues; THÔNG BÁO stands alone
    return seg.x0 > left + INDENT or previous.x1 < right - SHORT or bool(_LABEL.match(seg.text))


def _table(block: list[list[Segment]], flow: Flow) -> None:
    """Emit a two-column block as a one-row table: the left column's lines, then the right column's; a
    column's pieces on one line are one line, a wrapped Nơi nhận line continues the one before."""
    flow.tables += 1
    boundary = _columns(block)[1]
    for column in (1, 2):
        cell = Cell(flow.tables, 1, column, 0, frozenset(), (flow.tables, 1, column))
        last = ""
        for segments in block:
            text = " ".join(s.text for s in segments if (s.x0 < boundary) == (column == 1))
            if not text:
                continue
            # only a Nơi nhận line wraps (`- C, PVP UBND tỉnh, …` / `Trung tâm TH-CB;`); header lines stand alone
            if last.startswith(("- ", "+ ")) and not last.endswith(_ENDS) and not _LABEL.match(text) \
                    and not _upper(text):
                flow.texts[-1] = joined(flow.texts[-1], text)
            else:
                flow.add(text, cell)
            last = flow.texts[-1]
