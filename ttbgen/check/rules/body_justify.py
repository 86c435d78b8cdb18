"""body-justify: content paragraphs are justified, "canh đều cả hai lề" (docs/decree30.md §3).

Headings (every run bold) are exempt: ND30 does not fix their alignment (§3 "Alignment of I. and 1.").

Applies to: every recognised type (known): the content is found only when the type is.
Passes: ``<w:jc w:val="both"/>`` on the paragraph or inherited from its style.
Fails:  a left-aligned body paragraph → "body paragraph is left-aligned; Decree 30 wants it justified".
"""

from __future__ import annotations

from collections.abc import Iterator

from ttbgen.check.components import BODY
from ttbgen.check.findings import Finding, Level
from ttbgen.check.rules.base import Context, Rule, is_heading
from ttbgen.i18n import N_, _

# OOXML alignment values in words (start/end are left/right in a left-to-right document).
_ALIGN = {"left": N_("left"), "start": N_("left"), "center": N_("centre"), "right": N_("right"), "end": N_("right")}


def _check(ctx: Context) -> Iterator[Finding]:
    """Report every non-heading body paragraph that is not justified."""
    for para in ctx.comps[BODY]:
        if para.align != "both" and not is_heading(para):
            yield RULE.at(ctx, para, _("body paragraph is {align}-aligned; Decree 30 wants it justified")
                          .format(align=_(_ALIGN.get(para.align, para.align))))


RULE = Rule("body-justify", "docs/decree30.md §3", Level.ERROR, "justified body", _check, needs=(BODY,))
