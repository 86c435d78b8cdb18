"""margins: page margins within the Decree 30 ranges (docs/decree30.md §1, S1 I.3).

Applies to: every document (all).
Passes: top 20, bottom 20, left 30, right 20 mm (1134 / 1134 / 1701 / 1134 twips).
Fails:  left 20 mm (1134 twips) → "left margin 20.0 mm is outside 30–35 mm".
"""

from __future__ import annotations

from collections.abc import Iterator

from ttbgen.check.docmodel import TWIPS_PER_MM
from ttbgen.check.findings import Finding, Level
from ttbgen.check.rules.base import Context, Rule
from ttbgen.i18n import N_, _

_SIDES = {"top": N_("top"), "bottom": N_("bottom"), "left": N_("left"), "right": N_("right")}


def _check(ctx: Context) -> Iterator[Finding]:
    """Check the four margins of every section, with the rule set's millimetre tolerance."""
    tol = ctx.rules.tol("mm")
    for n, sect in enumerate(ctx.doc.sections, start=1):
        for side, label in _SIDES.items():
            low, high = ctx.rules.range("margins_mm", side)
            got = getattr(sect, side) / TWIPS_PER_MM
            if not low - tol <= got <= high + tol:
                message = _("{side} margin {got:.1f} mm is outside {low:g}–{high:g} mm")
                yield RULE.in_part(ctx, _("section {n}").format(n=n),
                                   message.format(side=_(label), got=got, low=low, high=high))


RULE = Rule("margins", "docs/decree30.md §1 (S1 I.3)", Level.ERROR, "page margins", _check)
