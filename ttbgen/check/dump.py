"""A stable text dump of any .docx: text with style, alignment, bold/italic and size, for golden tests."""

from __future__ import annotations

import re
import zipfile
from itertools import groupby
from pathlib import Path

from ttbgen.check.docmodel import Document, Para, Run, Section
from ttbgen.check.reader import read_document

TWIPS_PER_MM = 1440 / 25.4


def _mm(twips: int) -> str:
    """Format twips as whole millimetres."""
    return f"{twips / TWIPS_PER_MM:.0f}"


def _size(size: float) -> str:
    """Format a point size without a needless .0."""
    return f"{size:g}"


def _marks(run: Run) -> str:
    """Return the b/i/caps markers of a run."""
    return "".join(m for m, on in (("b", run.bold), ("i", run.italic), ("caps", run.caps)) if on)


def _key(run: Run) -> tuple[str, str]:
    """Group runs by what the dump shows of their formatting."""
    return _marks(run), _size(run.size)


def _format(key: tuple[str, str]) -> str:
    """Show a formatting key as `14 b` (size, then markers)."""
    marks, size = key
    return f"{size} {marks}".strip()


def _body(para: Para) -> str:
    """Render a paragraph's text with its formatting: one group inline, several as «fmt|text» spans."""
    runs = [r for r in para.runs if r.text]
    groups = [(key, "".join(r.shown() for r in rs)) for key, rs in groupby(runs, key=_key)]
    if not groups:
        return ""
    if len(groups) == 1:
        return f"{_format(groups[0][0])} | {_collapse(groups[0][1])}"
    return "| " + "".join(f"«{_format(k)}|{_collapse(t, strip=False)}»" for k, t in groups)


def _collapse(text: str, strip: bool = True) -> str:
    """Collapse white space so a draft's blank gap shows as one space."""
    text = re.sub(r"\s+", " ", text)
    return text.strip() if strip else text


def _where(para: Para) -> str:
    """Return the paragraph number and its table cell, if any."""
    cell = f" T{para.cell.table}R{para.cell.row}C{para.cell.cell}" if para.cell else ""
    return f"¶{para.n}{cell}"


def _extras(para: Para) -> str:
    """Return layout marks: borders (rules), drawn lines, fields."""
    marks = []
    if para.borders:
        # A bordered empty paragraph is a rule: its length is the width between its indents.
        marks.append("border:" + ",".join(sorted(para.borders)) + f" {para.line_width / TWIPS_PER_MM:.1f}mm")
    if para.drawn:
        marks.append("line")
    marks += [f"field:{f.instr.split()[0]}" for f in para.fields if f.instr.split()]
    return (" [" + " ".join(marks) + "]") if marks else ""


def dump_para(para: Para) -> str:
    """Dump one paragraph: `¶N [cell] style align [marks] size b i | text`."""
    head = f"{_where(para)} {para.style or '-'} {para.align}{_extras(para)}"
    body = _body(para)
    return f"{head} {body}".rstrip() if body else f"{head} (empty)"


def dump_section(section: Section) -> str:
    """Dump a section's page setup."""
    return (f"page {_mm(section.width)}x{_mm(section.height)} mm {section.orient}, margins "
            f"top {_mm(section.top)} bottom {_mm(section.bottom)} left {_mm(section.left)} "
            f"right {_mm(section.right)} mm{', first page different' if section.title_pg else ''}")


def dump_document(doc: Document, properties: dict[str, str]) -> str:
    """Dump a read document: properties, page setup, body, headers and footers."""
    lines = [f"property {k} = {v}" for k, v in sorted(properties.items()) if not k.endswith("sha256")]
    lines += [dump_section(s) for s in doc.sections]
    lines.append("== body")
    lines += [dump_para(p) for p in doc.paras]
    for part, paras in sorted(doc.parts.items()):
        lines.append(f"== {part}")
        lines += [dump_para(p) for p in paras]
    return "\n".join(lines) + "\n"


def dump_docx(path: Path) -> str:
    """Return the stable text dump of a .docx file."""
    from ttbgen.render.templates import read_custom_properties

    doc = read_document(path)
    with zipfile.ZipFile(path) as zf:
        properties = read_custom_properties(zf)
    return dump_document(doc, properties)


def paragraph_texts(path: Path) -> list[str]:
    """Return the non-empty paragraph texts of the body in reading order, white space collapsed."""
    return [t for t in (_collapse(p.text) for p in read_document(path).paras) if t]
