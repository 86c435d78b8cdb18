"""body-line-spacing: line spacing from single to 1.5 lines (docs/decree30.md §3 "Line spacing" and
"Implementing line spacing": auto 240–360; exact/atLeast 1.0–1.5 × a Times New Roman single line,
≈ 1.15 × the size [Inference]).

Applies to: every recognised type (known): the content is found only when the type is.
Passes: ``<w:spacing w:line="276" w:lineRule="auto"/>`` (1.15 lines); exact 17 pt at 14 pt.
Fails:  ``w:line="480"`` (double) → "line spacing is 2.00 lines; Decree 30 wants 1–1.5 lines"; exact 13 pt
at 14 pt → "line spacing is 0.81 lines (exact 13 pt) …".
"""

from __future__ import annotations

from collections.abc import Iterator

from ttbgen.check.components import BODY
from ttbgen.check.docmodel import TWIPS_PER_PT, Para
from ttbgen.check.findings import Finding, Level
from ttbgen.check.rules.base import Context, Rule
from ttbgen.check.rules.size_pairing import size_of
from ttbgen.i18n import _


def lines_of(para: Para, single_em: float) -> float:
    """Return a paragraph's line spacing in lines."""
    if para.line_rule == "auto":
        return para.line / 240
    size = size_of(para) or 14.0
    return para.line / TWIPS_PER_PT / (single_em * size)


def _check(ctx: Context) -> Iterator[Finding]:
    """Report body paragraphs whose line spacing is outside the range."""
    low, high = ctx.rules.range("body", "line_spacing_lines")
    single = float(ctx.rules.get("body", "single_line_em"))
    for para in ctx.comps[BODY]:
        got = lines_of(para, single)
        if not low - 0.02 <= got <= high + 0.02:  # 2 %: rounding of exact values typed in points
            how = "" if para.line_rule == "auto" else f" ({para.line_rule} {para.line / TWIPS_PER_PT:g} pt)"
            yield RULE.at(ctx, para, _("line spacing is {got:.2f} lines{how}; Decree 30 wants {low:g}–{high:g} lines")
                          .format(got=got, how=how, low=low, high=high))


RULE = Rule("body-line-spacing", "docs/decree30.md §3", Level.ERROR, "line spacing 1–1.5 lines", _check, needs=(BODY,))
