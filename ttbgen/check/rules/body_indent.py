"""body-indent: the first line of each content paragraph is indented 1–1.27 cm (567–720 twips)
(docs/decree30.md §3 "First-line indent"; range in ruleset.yaml body.first_line_cm).

Headings (every run bold) are exempt: ND30 does not fix their layout.

Passes: ``<w:ind w:firstLine="567"/>`` (1 cm) or 720 (1.27 cm), directly or from the style.
Fails:  no indent → "first-line indent is 0.00 cm; Decree 30 wants 1–1.27 cm"; a hanging indent likewise.
"""

from __future__ import annotations

from collections.abc import Iterator

from ttbgen.check.components import BODY
from ttbgen.check.findings import Finding, Level
from ttbgen.check.rules.base import Context, Rule, is_heading
from ttbgen.i18n import _

TWIPS_PER_CM = 1440 / 2.54


def _check(ctx: Context) -> Iterator[Finding]:
    """Report body paragraphs whose first-line indent is outside the range."""
    low, high = ctx.rules.range("body", "first_line_cm")
    tol = ctx.rules.tol("mm") / 10
    for para in ctx.comps[BODY]:
        got = para.first_line / TWIPS_PER_CM
        if not is_heading(para) and not low - tol <= got <= high + tol:
            yield RULE.at(ctx, para, _("first-line indent is {got:.2f} cm; Decree 30 wants {low:g}–{high:g} cm")
                          .format(got=got, low=low, high=high))


RULE = Rule("body-indent", "docs/decree30.md §3", Level.ERROR, "first-line indent", _check, needs=(BODY,))
