"""body-spacing: at least 6 pt between content paragraphs: the previous paragraph's "after" plus the
next one's "before", nothing when both use contextual spacing and share a style (docs/decree30.md §3).

Applies to: every recognised type (known): the content is found only when the type is.
Passes: ``<w:spacing w:after="120"/>`` (6 pt) on every body paragraph.
Fails:  after 0 and before 0 → "only 0 pt between this paragraph and the previous one; Decree 30 wants at
least 6 pt".
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from ttbgen.check.components import BODY
from ttbgen.check.docmodel import TWIPS_PER_PT, Para
from ttbgen.check.findings import Finding, Level
from ttbgen.check.rules.base import Context, Rule
from ttbgen.i18n import _


def gap_pt(prev: Para, para: Para) -> float:
    """Return the space Word puts between two paragraphs, in points."""
    if prev.contextual and para.contextual and prev.style == para.style:
        return 0.0  # Word drops both spacings between same-style paragraphs with contextualSpacing
    return (prev.after + para.before) / TWIPS_PER_PT


def _check(ctx: Context) -> Iterator[Finding]:
    """Check each pair of consecutive body paragraphs."""
    low, high = ctx.rules.range("body", "para_gap_pt")
    tol = ctx.rules.tol("pt")
    body = ctx.comps[BODY]
    for prev, para in pairwise(body):
        if para.n != prev.n + 1:  # an empty line, a table or a figure between them makes its own gap
            continue
        gap = gap_pt(prev, para)
        if not low - tol <= gap <= high + tol:
            yield RULE.at(ctx, para, _("{gap:g} pt between this paragraph and the previous one; Decree 30 wants "
                                       "at least {low:g} pt").format(gap=gap, low=low))


RULE = Rule("body-spacing", "docs/decree30.md §3", Level.ERROR, "6 pt between paragraphs", _check, needs=(BODY,))
