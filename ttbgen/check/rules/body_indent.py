"""body-indent: the first line of each content paragraph is indented 1–1.27 cm (567–720 twips)
(docs/decree30.md §3 "First-line indent"; range in ruleset.yaml body.first_line_cm).

Headings (every run bold) are exempt: ND30 does not fix their layout.

Applies to: every recognised type (known): the content is found only when the type is.
Passes: ``<w:ind w:firstLine="567"/>`` (1 cm) or 720 (1.27 cm), directly or from the style.
Fails:  no indent → "first-line indent is 0.00 cm; Decree 30 wants 1–1.27 cm"; a hanging indent likewise.
"""

from __future__ import annotations

from collections.abc import Iterator

from ttbgen.check.components import BODY
from ttbgen.check.docmodel import Para
from ttbgen.check.findings import Finding, Level
from ttbgen.check.rules.base import Context, Rule, is_heading, text_width
from ttbgen.i18n import _

TWIPS_PER_CM = 1440 / 2.54
DEFAULT_TAB = 720  # Word's default tab stops every 1.27 cm (settings defaultTabStop)


def _check(ctx: Context) -> Iterator[Finding]:
    """Report body paragraphs whose first-line indent is outside the range."""
    low, high = ctx.rules.range("body", "first_line_cm")
    tol = ctx.rules.tol("mm") / 10
    for para in ctx.comps[BODY]:
        got = printed_indent(para) / TWIPS_PER_CM
        if not is_heading(para) and not low - tol <= got <= high + tol:
            yield RULE.at(ctx, para, _("first-line indent is {got:.2f} cm; Decree 30 wants {low:g}–{high:g} cm")
                          .format(got=got, low=low, high=high))


def printed_indent(para: Para) -> int:
    """Return where the first line starts as printed, in twips: a leading tab moves it to the first default
    tab stop (1.27 cm), and a one-line paragraph shows its left indent as its first-line indent."""
    indent = para.first_line
    if para.text.startswith("\t") and para.first_line <= 0:
        indent = max(indent, DEFAULT_TAB - para.ind_left)
    runs = para.text_runs()
    if para.ind_left > 0 and runs and text_width(para.text.strip(), runs[0].size, runs[0].bold,
                                                       runs[0].italic) + para.ind_left + indent < para.line_width:
        indent += para.ind_left
    return indent


RULE = Rule("body-indent", "docs/decree30.md §3", Level.ERROR, "first-line indent", _check, needs=(BODY,))
