"""component-size: the size of every component, and one body size throughout
(docs/decree30.md §2.2 component table; §3 "the same size throughout"; ranges in ruleset.yaml sizes_pt).

Applies to: every document (all).
Passes: Quốc hiệu 13 pt, Tiêu ngữ 14 pt, number line 13 pt, body 14 pt, Nơi nhận label 12 pt, items 11 pt.
Fails:  Quốc hiệu 14 pt → "Quốc hiệu is 14 pt; Decree 30 wants 12–13 pt"; one body paragraph at 13 pt
among 14 pt ones → "body size 13 pt differs from the rest of the body (14 pt)".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator

from ttbgen.check.components import BODY, label
from ttbgen.check.docmodel import Run
from ttbgen.check.findings import Finding, Level
from ttbgen.check.rules.base import Context, Rule, first_bad_letters
from ttbgen.i18n import _


def _check(ctx: Context) -> Iterator[Finding]:
    """Check each found component against its size range, then the body's uniformity."""
    tol = ctx.rules.tol("pt")
    sizes = ctx.rules.get("sizes_pt")
    for name, para in ctx.comps.all_paras():
        if name not in sizes:
            continue
        low, high = ctx.rules.range("sizes_pt", name)
        bad = first_bad_letters(para, _in_range(low - tol, high + tol))
        if bad is not None:
            yield RULE.at(ctx, para, _("{part} is {got:g} pt; Decree 30 wants {range} pt")
                          .format(part=label(name), got=bad.size, range=_span(low, high)))
    yield from _uniform_body(ctx)


def _in_range(low: float, high: float) -> Callable[[Run], bool]:
    """Return a test that a run's size is within [low, high]."""
    return lambda run: low <= run.size <= high


def _span(low: float, high: float) -> str:
    """Format a size range: "13" or "13–14"."""
    return f"{low:g}" if low == high else f"{low:g}–{high:g}"


def _uniform_body(ctx: Context) -> Iterator[Finding]:
    """Report body paragraphs whose size differs from the most common body size."""
    counts = Counter(run.size for para in ctx.comps[BODY] for run in para.text_runs())
    if not counts:
        return
    common = counts.most_common(1)[0][0]
    tol = ctx.rules.tol("pt")
    for para in ctx.comps[BODY]:
        bad = first_bad_letters(para, lambda run: abs(run.size - common) <= tol)
        if bad is not None:
            yield RULE.at(ctx, para, _("body size {got:g} pt differs from the rest of the body ({common:g} pt)")
                          .format(got=bad.size, common=common))


RULE = Rule("component-size", "docs/decree30.md §2.2, §3", Level.ERROR, "size of every component", _check)
