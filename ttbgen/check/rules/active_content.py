"""active-content: a notice that goes out carries no active content: no macros, embedded OLE or ActiveX
objects, DDE or INCLUDE fields, attached templates, or pictures and parts fetched from outside the file
(docs/decree30.md §9: the signed electronic document is the record, so what it shows must not change or report
on its readers after signing [Inference]; docs/security.md).

Passes: a notice whose pictures are stored inside the file and whose only fields are PAGE.
Fails:  a picture linked with TargetMode="External" → "word/_rels/document.xml.rels: relationship rId9 points
outside the document to http://…"; a DDEAUTO field → "the field DDEAUTO is not allowed in a notice …".

Applies to: every document (all).
"""

from __future__ import annotations

from collections.abc import Iterator

from ttbgen.check.findings import Finding, Level
from ttbgen.check.rules.base import Context, Rule


def _check(ctx: Context) -> Iterator[Finding]:
    """Report each piece of active content the package gate found (ttbgen/render/gate.py)."""
    for part, message in ctx.doc.active:
        yield RULE.in_part(ctx, part, message)


RULE = Rule("active-content", "docs/decree30.md §9; docs/security.md", Level.ERROR,
            "no macros, objects, DDE or external links", _check)
