"""Checks on the rendered page (`ttbgen check --render`): what only a laid-out page shows.

LibreOffice lays the document out; poppler's `pdftotext -bbox` gives every word with its box. Each rule
has an id, the docs/decree30.md clause it enforces, and a docstring with a passing and a failing example.
"""

from __future__ import annotations

import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from difflib import SequenceMatcher
from pathlib import Path

from lxml import etree

from ttbgen.check.components import loose
from ttbgen.check.docmodel import Document
from ttbgen.check.findings import Finding, Level, Location
from ttbgen.check.reader import read_document
from ttbgen.i18n import _
from ttbgen.office.pdf import XHTML as _XHTML
from ttbgen.office.pdf import Box as Word
from ttbgen.office.pdf import convert_to_pdf, find_tool, pdftotext_boxes, soffice
from ttbgen.records import record

A4_PT = (595.3, 841.9)
PAGE_TOLERANCE = 2.0  # pt
LINE_TOLERANCE = 3.0  # pt: words whose tops differ less than this stand on one line
CENTRE_TOLERANCE = 15.0  # pt
NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


@record
class Page:
    """A rendered page."""

    number: int
    width: float
    height: float
    words: list[Word]


@record
class Rendered:
    """A document and its rendering: what every rule looks at."""

    docx: Path
    doc: Document
    pages: list[Page]

    @property
    def top_margin(self) -> float:
        """Return the top margin in points (the header with the page number sits in it)."""
        return self.doc.sections[0].top / 20 if self.doc.sections else 56.7

    def body_bottom(self, page: Page) -> float:
        """Return where the bottom margin begins, in points from the top (a footer sits below it)."""
        return page.height - (self.doc.sections[0].bottom / 20 if self.doc.sections else 56.7)

    def text_centre(self, page: Page) -> float:
        """Return the horizontal centre of the text area in points."""
        if not self.doc.sections:
            return page.width / 2
        section = self.doc.sections[0]
        return (section.left / 20 + page.width - section.right / 20) / 2


def read_pages(pdf: Path) -> list[Page]:
    """Read the words and page sizes of a PDF with `pdftotext -bbox`."""
    root = pdftotext_boxes(pdf, timeout=60)
    return [_page(n, page) for n, page in enumerate(root.iter(f"{_XHTML}page"), start=1)]


def _page(number: int, page: etree._Element) -> Page:
    """Build a Page from a pdftotext -bbox <page> element."""
    words = [Word(unicodedata.normalize("NFC", w.text or ""), *(float(w.get(k, "0")) for k in
                                                                  ("xMin", "yMin", "xMax", "yMax")))
             for w in page.iter(f"{_XHTML}word")]
    return Page(number, float(page.get("width", "0")), float(page.get("height", "0")), words)


def find_phrase(words: list[Word], phrase: str) -> list[Word] | None:
    """Find a phrase as consecutive words (tone-mark placement and case ignored)."""
    wanted = [loose(w) for w in phrase.split() if loose(w)]
    kept = [w for w in words if loose(w.text)]  # punctuation-only words ("-") do not count
    folded = [loose(w.text) for w in kept]
    for i in range(len(kept) - len(wanted) + 1):
        if folded[i:i + len(wanted)] == wanted:
            return kept[i:i + len(wanted)]
    return None


def finding(r: Rendered, rule: RenderRule, message: str, page: int | None = None, snippet: str = "",
            level: Level | None = None) -> Finding:
    """Make a finding located on a rendered page."""
    return Finding(rule.id, rule.clause, level or rule.level, message,
                   Location(str(r.docx), page=page, part="" if page else "rendered PDF", snippet=snippet))


def check_a4(r: Rendered) -> Iterator[Finding]:
    """Every page is A4 portrait, 595 × 842 pt.

    Passes: a page of 595.3 × 841.9 pt. Fails: a Letter page, 612 × 792 pt → "page 1 is 215.9 × 279.4 mm".
    """
    for page in r.pages:
        if abs(page.width - A4_PT[0]) > PAGE_TOLERANCE or abs(page.height - A4_PT[1]) > PAGE_TOLERANCE:
            yield finding(r, A4, _("page {n} is {w:.1f} × {h:.1f} mm, not A4 (210 × 297 mm)").format(
                n=page.number, w=page.width / 72 * 25.4, h=page.height / 72 * 25.4), page.number)


def one_line(r: Rendered, rule: RenderRule, phrase: str, name: str) -> Iterator[Finding]:
    """Check that a phrase of page 1 is laid out on a single line."""
    words = find_phrase(r.pages[0].words, phrase) if r.pages else None
    if words is None:
        yield finding(r, rule, _("{name} not found on page 1").format(name=name), 1, level=Level.NOT_EVALUATED)
        return
    if max(w.y0 for w in words) - min(w.y0 for w in words) > LINE_TOLERANCE:
        yield finding(r, rule, _("{name} wraps onto two lines: its column is too narrow").format(name=name), 1,
                      " ".join(w.text for w in words))


def check_national(r: Rendered) -> Iterator[Finding]:
    """The Quốc hiệu stands on one line.

    Passes: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in a 10 cm column. Fails: the same in an 8 cm column, which
    wraps "VIỆT NAM" onto a second line → "the Quốc hiệu wraps onto two lines".
    """
    yield from one_line(r, NATIONAL_ONE_LINE, NATIONAL, _("the Quốc hiệu"))


def check_motto(r: Rendered) -> Iterator[Finding]:
    """The Tiêu ngữ stands on one line.

    Passes: "Độc lập - Tự do - Hạnh phúc" at 14 pt in a 10 cm column. Fails: in a 5 cm column.
    """
    yield from one_line(r, MOTTO_ONE_LINE, MOTTO, _("the Tiêu ngữ"))


def _numbers_in_top_margin(r: Rendered, page: Page) -> list[Word]:
    """Return the number-only words in a page's top margin."""
    return [w for w in page.words if w.y1 <= r.top_margin + 2 and w.text.isdigit()]


def _numbers_in_bottom_margin(r: Rendered, page: Page) -> list[Word]:
    """Return the number-only words in a page's bottom margin (a footer page number)."""
    return [w for w in page.words if w.y0 >= r.body_bottom(page) - 2 and w.text.isdigit()]


def check_page_numbers(r: Rendered) -> Iterator[Finding]:
    """Page numbers: none on page 1; from page 2, the page's number centred in the top margin.

    Passes: page 1 blank at the top, "2" centred above the text of page 2. Fails: "1" at the top of page 1 →
    "page 1 shows a page number"; page 2 without a number → "page 2 has no page number in its top margin".
    """
    for page in r.pages:
        numbers = _numbers_in_top_margin(r, page)
        if page.number == 1:
            shown = numbers or _numbers_in_bottom_margin(r, page)
            if shown:
                yield finding(r, PAGE_NUMBERS, _("page 1 shows a page number; Decree 30 numbers pages from 2"), 1,
                              shown[0].text)
            continue
        mine = [w for w in numbers if w.text == str(page.number)]
        if not mine:
            yield finding(r, PAGE_NUMBERS, _("page {n} has no page number in its top margin").format(n=page.number),
                          page.number)
            continue
        centre = (mine[0].x0 + mine[0].x1) / 2
        targets = (r.text_centre(page), page.width / 2)
        if min(abs(centre - t) for t in targets) > CENTRE_TOLERANCE:
            yield finding(r, PAGE_NUMBERS, _("the page number of page {n} is not centred").format(n=page.number),
                          page.number, mine[0].text)


def _body_words(r: Rendered, page: Page) -> list[Word]:
    """Return a page's words between the top and bottom margins (headers and footers left out)."""
    # By the middle of the box: a line's box starts a little above the margin it is laid out from.
    return [w for w in page.words if r.top_margin < (w.y0 + w.y1) / 2 < r.body_bottom(page)]


def _signature_block(r: Rendered) -> set[str]:
    """Return the folded words of the table that holds "Nơi nhận:" (the ô 9b / ô 7 signature table)."""
    tables = {p.cell.table for p in r.doc.paras if p.cell is not None and loose(p.text) == "noi nhan"}
    return {loose(w) for p in r.doc.paras if p.cell is not None and p.cell.table in tables
            for w in p.text.split()} - {""}


def _leftovers(r: Rendered, after: int) -> Iterator[Finding]:
    """Flag pages after the Nơi nhận page that hold nothing but the rest of the signature table."""
    block = _signature_block(r)
    for page in r.pages[after:]:
        shown = {loose(w.text) for w in _body_words(r, page)} - {""}
        if shown and shown <= block:
            yield finding(r, SIGNATURE_NOT_ALONE, _("the signature block continues alone on page {n}, without "
                                                    "body text").format(n=page.number), page.number)


def check_signature_not_alone(r: Rendered) -> Iterator[Finding]:
    """The Nơi nhận and signature block never stand alone on a page without body text.

    Passes: the last paragraphs of the content above "Nơi nhận:" on the last page. Fails: a page that starts
    with "Nơi nhận:" → "the Nơi nhận and signature block stand alone on page 3"; a signature table split so
    that the signer's name falls on the next page → "the signature block continues alone on page 3".
    """
    for page in r.pages:
        label = find_phrase(page.words, "Nơi nhận:")
        if label is None:
            continue
        above = [w for w in _body_words(r, page) if w.y1 <= label[0].y0 + 1]
        if not above and page.number > 1:
            yield finding(r, SIGNATURE_NOT_ALONE, _("the Nơi nhận and signature block stand alone on page {n}, "
                                                    "without body text").format(n=page.number), page.number)
        yield from _leftovers(r, page.number)
        return
    yield finding(r, SIGNATURE_NOT_ALONE, _("no \"Nơi nhận:\" found in the PDF"), level=Level.NOT_EVALUATED)


def _words(text: str) -> list[str]:
    """Split text into NFC words; hyphens split too, since LibreOffice may break a line after one (KT-|XH)."""
    return unicodedata.normalize("NFC", text).replace("-", " ").split()


def _shown_words(r: Rendered) -> list[tuple[str, int]]:
    """Return the body words of the PDF in reading order, each with its page (headers and footers left out)."""
    return [(part, page.number) for page in r.pages for w in _body_words(r, page) for part in _words(w.text)]


def _differences(r: Rendered) -> list[tuple[int, str]]:
    """Return (page, description) of each place where the PDF's words differ from the document's, in order."""
    expected = [w for p in r.doc.paras for w in _words(p.text)]
    shown = _shown_words(r)
    matcher = SequenceMatcher(None, expected, [w for w, _page in shown], autojunk=False)
    out = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        page = shown[min(j1, len(shown) - 1)][1] if shown else 1
        out.append((page, _("page {n}: document \"{doc}\", PDF \"{pdf}\"").format(
            n=page, doc=" ".join(expected[i1:i2][:6]), pdf=" ".join(w for w, _p in shown[j1:j2][:6]))))
    return out


def check_text_matches(r: Rendered) -> Iterator[Finding]:
    """The PDF shows the document's words in the document's order, and no others (headers and footers aside).

    Passes: a document rendered with fonts that have every Vietnamese letter. Fails: a font without "ơ"
    shows another glyph → 'page 1: document "Sơn", PDF "S?n"'; a word lost → 'document "NAM", PDF ""'.
    """
    differences = _differences(r)
    if differences:
        yield finding(r, TEXT_MATCHES, _("the PDF's text differs from the document's in {n} place(s): {first}").format(
            n=len(differences), first="; ".join(text for _page, text in differences[:3])), differences[0][0])


@record
class RenderRule:
    """A check on the rendered page."""

    id: str
    clause: str
    level: Level
    summary: str
    run: Callable[[Rendered], Iterator[Finding]]


A4 = RenderRule("render-a4", "docs/decree30.md §1", Level.ERROR, "A4 pages", check_a4)
NATIONAL_ONE_LINE = RenderRule("render-national-one-line", "docs/decree30.md §2.2 ô 1, §2.3", Level.ERROR,
                               "Quốc hiệu on one line", check_national)
MOTTO_ONE_LINE = RenderRule("render-motto-one-line", "docs/decree30.md §2.2 ô 1", Level.ERROR, "Tiêu ngữ on one line",
                            check_motto)
PAGE_NUMBERS = RenderRule("render-page-numbers", "docs/decree30.md §4 (page numbers)", Level.ERROR,
                          "page numbers from page 2, centred at the top", check_page_numbers)
SIGNATURE_NOT_ALONE = RenderRule("render-signature-not-alone", "docs/decree30.md §2.1, §11 (footer)", Level.ERROR,
                                 "signature block not alone on a page", check_signature_not_alone)
TEXT_MATCHES = RenderRule("render-text-matches", "docs/decree30.md §1 (font, Unicode)", Level.ERROR,
                          "PDF text equals the document's text", check_text_matches)
RENDER_RULES = (A4, NATIONAL_ONE_LINE, MOTTO_ONE_LINE, PAGE_NUMBERS, SIGNATURE_NOT_ALONE, TEXT_MATCHES)


def batches(docxs: list[Path]) -> list[list[Path]]:
    """Group documents so that no two in a batch share a name (their PDFs would collide); usually one batch."""
    groups: list[list[Path]] = []
    for docx in docxs:
        group = next((g for g in groups if all(d.stem != docx.stem for d in g)), None)
        if group is None:
            groups.append(group := [])
        group.append(docx)
    return groups


def check_rendered(docxs: list[Path]) -> list[Finding]:
    """Render documents (one LibreOffice call per batch) and run the rendered-page checks on each."""
    soffice()  # fail before the slow conversion when LibreOffice or poppler is missing
    find_tool(("pdftotext",))
    findings: list[Finding] = []
    for batch in batches(docxs):
        with tempfile.TemporaryDirectory(prefix="ttbgen-render-") as tmp:
            for docx, pdf in zip(batch, convert_to_pdf(batch, Path(tmp)), strict=True):
                rendered = Rendered(docx, read_document(docx), read_pages(pdf))
                findings += [f for rule in RENDER_RULES for f in rule.run(rendered)]
    return findings
