"""`ttbgen pdf --positions`: where the signature and the seal go on a rendered notice, for e-office systems
that place the digital signature image themselves.

Decree 30 Phụ lục I (docs/decree30.md §2.1, §9): the signature block stands in the right column of the table
that holds the Nơi nhận, on the last page: authority and title (ô 7a), then room for the signature (ô 7c), then
the signer's name (ô 7b). The signer's image goes centred in that room; the seal (ô 8) covers about the left
third of the signature. The room is found in the PDF itself (`pdftotext -bbox-layout`, poppler): the right
column's lines from the Nơi nhận's top down, split at the first gap taller than a line and a half.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ttbgen.i18n import _
from ttbgen.office.pdf import XHTML as _XHTML
from ttbgen.office.pdf import Box as Line
from ttbgen.office.pdf import PdfError, pdftotext_boxes
from ttbgen.records import record

_LABEL = "Nơi nhận"


@record
class Page:
    """A page: its number (from 1), size in points and lines."""

    number: int
    width: float
    height: float
    lines: list[Line]


def read_pages(pdf: Path) -> list[Page]:
    """Read every page's lines with their boxes."""
    if not pdf.is_file():
        raise PdfError(_("{path}: no such file").format(path=pdf))
    root = pdftotext_boxes(pdf, layout=True)
    return [Page(i, float(p.get("width")), float(p.get("height")), _lines(p))
            for i, p in enumerate(root.iter(f"{_XHTML}page"), start=1)]


def _lines(page: Any) -> list[Line]:
    """Return the lines of a page element."""
    out = []
    for line in page.iter(f"{_XHTML}line"):
        words = " ".join(w.text or "" for w in line.iter(f"{_XHTML}word"))
        box = [float(line.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")]
        out.append(Line(words, *box))
    return out


def signature_block(pages: list[Page]) -> tuple[Page, list[Line], Line]:
    """Return the page of the signature block, its lines above the signature, and the signer's name line."""
    found = [(page, line) for page in pages for line in page.lines if line.text.startswith(_LABEL)]
    if not found:
        raise PdfError(_("no 'Nơi nhận:' found, so the signature block cannot be located (Decree 30 ô 9b)"))
    page, label = found[-1]
    column = sorted((ln for ln in page.lines if ln.x0 >= page.width / 2 - 20 and ln.y0 >= label.y0 - 2),
                    key=lambda ln: ln.y0)
    if len(column) < 2:
        raise PdfError(_("page {n}: no signer's title and name beside the Nơi nhận").format(n=page.number))
    # The room is the first gap taller than a line and a half: the authority and title lines stand close
    # together above it, and a footer or page number further down must not be taken for the name.
    room = 1.5 * min(ln.y1 - ln.y0 for ln in column)
    split = next((i + 1 for i in range(len(column) - 1) if column[i + 1].y0 - column[i].y1 > room), 0)
    if not split:
        raise PdfError(_("page {n}: no room for the signature between the signer's title and name").format(
            n=page.number))
    return page, column[:split], column[split]


def _box(x0: float, top: float, x1: float, bottom: float, page: Page) -> dict[str, Any]:
    """Return a box in PDF user space (points, origin at the bottom-left), as signing tools expect."""
    y0 = page.height - bottom
    rect = [round(v, 1) for v in (x0, y0, x1, page.height - top)]
    return {"x": rect[0], "y": rect[1], "width": round(x1 - x0, 1), "height": round(bottom - top, 1), "rect": rect}


def positions(pdf: Path) -> dict[str, Any]:
    """Return the page and boxes of the signature and seal areas of a rendered notice."""
    pages = read_pages(pdf)
    page, above, name = signature_block(pages)
    left, right = min(ln.x0 for ln in [*above, name]), max(ln.x1 for ln in [*above, name])
    top, bottom = max(ln.y1 for ln in above), name.y0
    size = bottom - top  # a round seal as tall as the room; its right third over the signature's left third
    seal_right = left + (right - left) / 3
    return {
        "file": str(pdf), "page": page.number, "pages": len(pages),
        "page_size": [round(page.width, 1), round(page.height, 1)], "unit": "pt", "origin": "bottom-left",
        "signer": {"title": " / ".join(ln.text for ln in above), "name": name.text},
        "signature": _box(left, top, right, bottom, page),
        "seal": _box(seal_right - size, top, seal_right, bottom, page),
    }
