"""`ttbgen check --annotate OUT.docx`: a copy of the document with a Word comment on each finding (rule id,
message, Decree 30 clause), for a reviewer who works in Word. Uses python-docx 1.2 `Document.add_comment`."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ttbgen.check.findings import Finding, Level
from ttbgen.errors import OutputError
from ttbgen.files import write_new
from ttbgen.i18n import _

AUTHOR = "ttbgen check"
INITIALS = "TT"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_BLOCKS = {f"{{{W_NS}}}{tag}" for tag in ("sdt", "sdtContent", "customXml")}


def annotate(source: Path, findings: list[Finding], target: Path) -> int:
    """Write `target`: `source` with one comment per finding; return the number of comments written."""
    import docx

    if target.exists():
        raise OutputError(_("{target}: already exists; remove it or choose another name").format(target=target))
    document = docx.Document(str(source))
    paragraphs = list(_body_paragraphs(document.element.body))
    shown = [f for f in findings if f.level is not Level.NOT_EVALUATED]
    for finding in shown:
        para = _anchor(document, paragraphs, finding)
        runs = para.runs or [para.add_run("")]
        document.add_comment(runs, text=comment_text(finding), author=AUTHOR, initials=INITIALS)
    buffer = io.BytesIO()
    document.save(buffer)
    write_new(target, buffer.getvalue())  # the check above gives the usual message; this closes the race
    return len(shown)


def comment_text(finding: Finding) -> str:
    """Return a comment's text: level, message, where (for findings outside the body), rule and clause."""
    loc = finding.location
    where = f"{loc.anchor()}: " if loc.paragraph is None and loc.anchor() != "document" else ""
    component = f"{loc.component}: " if loc.component else ""
    return f"{finding.level.value}: {component}{where}{finding.message}\n[{finding.rule}] {finding.clause}"


def _body_paragraphs(container: Any) -> Iterator[Any]:
    """Yield body w:p elements in the checker's ¶N order: paragraphs, table cells, content controls."""
    for child in container:
        tag = child.tag
        if tag == f"{{{W_NS}}}p":
            yield child
        elif tag == f"{{{W_NS}}}tbl":
            for row in child.iterchildren(f"{{{W_NS}}}tr"):
                for cell in row.iterchildren(f"{{{W_NS}}}tc"):
                    yield from _body_paragraphs(cell)
        elif tag in _BLOCKS:
            yield from _body_paragraphs(child)


def _anchor(document: Any, paragraphs: list[Any], finding: Finding) -> Any:
    """Return the python-docx Paragraph a finding's comment hangs on (the first with text for a finding about
    the whole document, a section or a header)."""
    from docx.text.paragraph import Paragraph

    number = finding.location.paragraph
    if finding.location.part == "" and number is not None and 0 < number <= len(paragraphs):
        return Paragraph(paragraphs[number - 1], document._body)
    first = next((p for p in paragraphs if "".join(p.itertext()).strip()), paragraphs[0] if paragraphs else None)
    if first is None:
        return document.add_paragraph()
    return Paragraph(first, document._body)
