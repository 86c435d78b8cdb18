"""A text PDF → paragraphs: poppler's words with their boxes (check.rendered.read_pages, bounded), grouped into
lines, the two-column header and footer into table cells, wrapped lines into paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ttbgen.check.docmodel import Cell
from ttbgen.check.rendered import Word, read_pages

LINE_TOLERANCE = 3.0  # pt: words whose tops differ less than this stand on one line
COLUMN_GAP = 24.0  # pt: a wider gap between two words of a line separates table columns
INDENT = 6.0  # pt: a first line starting this much right of the margin opens a paragraph
SHORT = 40.0  # pt: a line ending this much left of the right edge ends its paragraph
_LABEL = re.compile(r"^(?:[IVXL]+\.|\d{1,2}(?:\.\d{1,2})*\.|[a-zđ]{1,2}\)|[-–—•+])\s")


@dataclass
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


def pdf_paragraphs(path: Path) -> tuple[list[str], list[Cell | None]]:
    """Return the paragraphs of a text PDF in reading order, with the table cell of header/footer lines."""
    texts: list[str] = []
    cells: list[Cell | None] = []
    table = 0
    for page in read_pages(path):
        lines = lines_of(page.words)
        single = [s[0] for s in lines if len(s) == 1]
        left = min((s.x0 for s in single), default=0.0)
        right = max((s.x1 for s in single), default=page.width)
        block: list[list[Segment]] = []
        previous: Segment | None = None
        for segments in lines:
            if len(segments) > 1:
                block.append(segments)
                previous = None
                continue
            if block:
                table += 1
                _table(block, table, texts, cells)
                block = []
            seg = segments[0]
            starts = previous is None or seg.x0 > left + INDENT or previous.x1 < right - SHORT or \
                bool(_LABEL.match(seg.text))
            if starts:
                texts.append(seg.text)
                cells.append(None)
            else:
                texts[-1] += " " + seg.text
            previous = seg
        if block:
            table += 1
            _table(block, table, texts, cells)
    return texts, cells


def _table(block: list[list[Segment]], table: int, texts: list[str], cells: list[Cell | None]) -> None:
    """Emit a two-column block as a one-row table: the left column's lines, then the right column's."""
    middle = (block[0][0].x1 + block[0][-1].x0) / 2
    for column in (1, 2):
        for segments in block:
            for seg in segments:
                if (seg.x0 < middle) == (column == 1):
                    texts.append(seg.text)
                    cells.append(Cell(table, 1, column, 0, frozenset(), (table, 1, column)))
