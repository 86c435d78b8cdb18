"""page-size: A4 portrait in every section (docs/decree30.md §1, S1 I.1–I.2).

Passes: ``<w:pgSz w:w="11906" w:h="16838"/>`` (210 × 297 mm, portrait).
Fails:  ``<w:pgSz w:w="12240" w:h="15840"/>`` (Letter) → "page is 215.9 × 279.4 mm; Decree 30 wants
A4 210 × 297 mm"; ``w:orient="landscape"`` → "page is landscape" (except a later section that holds a
table: ND30 S1 I.2 lets wide tables turn the page).

Applies to: every document (all).
"""

from __future__ import annotations

from collections.abc import Iterator

from ttbgen.check.docmodel import TWIPS_PER_MM
from ttbgen.check.findings import Finding, Level
from ttbgen.check.rules.base import Context, Rule
from ttbgen.i18n import _


def _check(ctx: Context) -> Iterator[Finding]:
    """Check each section's paper size and orientation."""
    tol = ctx.rules.tol("mm")
    (wlo, whi), (hlo, hhi) = ctx.rules.range("page", "width_mm"), ctx.rules.range("page", "height_mm")
    for n, sect in enumerate(ctx.doc.sections, start=1):
        width, height = sect.width / TWIPS_PER_MM, sect.height / TWIPS_PER_MM
        short, long_ = sorted((width, height))
        if not (wlo - tol <= short <= whi + tol and hlo - tol <= long_ <= hhi + tol):
            message = _("page is {w:.1f} × {h:.1f} mm; Decree 30 wants A4 210 × 297 mm")
            yield RULE.in_part(ctx, _("section {n}").format(n=n), message.format(w=width, h=height))
        # Landscape is allowed only for wide tables (S1 I.2): a section that holds a table may turn.
        if (sect.orient == "landscape" or width > height + tol) and not _holds_table(ctx, n - 1):
            yield RULE.in_part(ctx, _("section {n}").format(n=n), _("page is landscape; a notice is printed portrait"),
                               Level.WARNING if n > 1 else None)


def _holds_table(ctx: Context, section: int) -> bool:
    """Tell whether a section after the first holds a table (the first one's tables are the header's)."""
    return section > 0 and any(p.cell is not None for p in ctx.doc.paras if p.section == section)


RULE = Rule("page-size", "docs/decree30.md §1 (S1 I.1–I.2)", Level.ERROR, "A4 paper, portrait", _check)
