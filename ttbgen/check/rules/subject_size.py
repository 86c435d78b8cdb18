"""subject-size: a công văn's trích yếu ("V/v …" under the number line, ô 5b) is 12–13 pt
(docs/decree30.md §2.2 ô 5b, ND30 S1 II.5.b; range in ruleset.yaml subject_pt).

Applies to: công văn only (CV); the trích yếu of a type with a name is checked by component-size.
Passes: "V/v triển khai …" at 12 or 13 pt. Fails: at 14 pt → "trích yếu (V/v) is 14 pt; Decree 30 wants 12–13 pt".
"""

from __future__ import annotations

from collections.abc import Iterator

from ttbgen.check.components import TRICH_YEU_CV
from ttbgen.check.findings import Finding, Level
from ttbgen.check.rules.base import Context, Rule, first_bad_letters
from ttbgen.i18n import _


def _check(ctx: Context) -> Iterator[Finding]:
    """Report the first V/v line whose letters are outside the range."""
    low, high = ctx.rules.range("subject_pt")
    tol = ctx.rules.tol("pt")
    for para in ctx.comps[TRICH_YEU_CV]:
        bad = first_bad_letters(para, lambda run: low - tol <= run.size <= high + tol)
        if bad is not None:
            yield RULE.at(ctx, para, _("trích yếu (V/v) is {got:g} pt; Decree 30 wants {low:g}–{high:g} pt")
                          .format(got=bad.size, low=low, high=high))
            return


RULE = Rule("subject-size", "docs/decree30.md §2.2 ô 5b", Level.ERROR, "V/v trích yếu 12–13 pt", _check,
            needs=(TRICH_YEU_CV,))
