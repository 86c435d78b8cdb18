"""appendix-pages: each appendix is numbered on its own, from 1 (docs/decree30.md §4 "Page numbers", ND30 S1
III.1.đ): the appendix starts a new section whose page numbering restarts (Word: Insert → Page Number →
Format Page Numbers → Start at 1), instead of continuing the document's numbers.

An appendix opens with a line "PHỤ LỤC" / "Phụ lục I" after the signature. Documents without page
numbers are left to page-numbers.

Applies to: every document (all).
Passes: "Phụ lục" in a section with ``<w:pgNumType w:start="1"/>``. Fails: the appendix in the document's
own section, or a new section without a restart → "appendix continues the document's page numbers".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ttbgen.check.components import HO_TEN, NOI_NHAN_LABEL
from ttbgen.check.docmodel import Para
from ttbgen.check.findings import Finding, Level
from ttbgen.check.rules.base import Context, Rule
from ttbgen.check.rules.page_numbers import page_fields
from ttbgen.i18n import _

APPENDIX = re.compile(r"^ph[uụ] l[uụ]c(\s+[IVX0-9]+)?\s*[:.]?$", re.IGNORECASE)


def _headings(ctx: Context) -> list[Para]:
    """Return the appendix heading lines after the footer (the first of each section)."""
    ends = [p.n for p in (*ctx.comps[HO_TEN], *ctx.comps[NOI_NHAN_LABEL])]
    after = max(ends, default=None)
    if after is None:
        return []
    found: dict[int, Para] = {}
    for para in ctx.doc.paras:
        if para.n <= after or para.cell is not None:
            continue
        text = " ".join(para.text.split())
        if len(text) < 20 and APPENDIX.match(text):
            found.setdefault(para.section, para)
    return list(found.values())


def _numbered(ctx: Context) -> bool:
    """Tell whether the document prints page numbers at all."""
    return any(page_fields(paras) for paras in ctx.doc.printed_parts().values())


def _check(ctx: Context) -> Iterator[Finding]:
    """Report each appendix whose section does not restart the page numbers."""
    if not _numbered(ctx):
        return
    sections = ctx.doc.sections
    for para in _headings(ctx):
        sect = sections[para.section] if para.section < len(sections) else sections[-1]
        if para.section == 0 or sect.page_start is None:
            yield RULE.at(ctx, para, _("appendix continues the document's page numbers; start it on a new "
                                       "section numbered from 1"))


RULE = Rule("appendix-pages", "docs/decree30.md §4 (S1 III.1.đ)", Level.WARNING, "appendices numbered on their own",
            _check)
