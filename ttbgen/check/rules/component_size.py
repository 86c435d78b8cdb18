"""component-size: the size of every component, and one body size throughout
(docs/decree30.md §2.2 component table; §3 "the same size throughout"; ranges in ruleset.yaml sizes_pt).

Applies to: every document (all).
Passes: Quốc hiệu 13 pt, Tiêu ngữ 14 pt, number line 13 pt, body 14 pt, Nơi nhận label 12 pt, items 11 pt.
Fails:  Quốc hiệu 14 pt → "Quốc hiệu is 14 pt; Decree 30 wants 12–13 pt"; one body paragraph at 13 pt
among 14 pt ones → "body size 13 pt differs from the rest of the body (14 pt)".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ttbgen.check.components import BODY, label
from ttbgen.check.docmodel import Para, Run
from ttbgen.check.findings import Finding, Level
from ttbgen.check.rules.base import Context, Rule
from ttbgen.i18n import _


def _check(ctx: Context) -> Iterator[Finding]:
    """Check each found component against its size range, then the body's uniformity."""
    tol = ctx.rules.tol("pt")
    sizes = ctx.rules.get("sizes_pt")
    ranges: dict[str, tuple[float, float]] = {}  # read once per component name, not once per paragraph
    for name, para in ctx.comps.all_paras():
        if name not in sizes:
            continue
        if name not in ranges:
            ranges[name] = ctx.rules.range("sizes_pt", name)
        low, high = ranges[name]
        bad = _first_outside(para, low - tol, high + tol)
        if bad is not None:
            yield RULE.at(ctx, para, _("{part} is {got:g} pt; Decree 30 wants {range} pt")
                          .format(part=label(name), got=bad.size, range=_span(low, high)))
    yield from _uniform_body(ctx)


def _first_outside(para: Para, low: float, high: float) -> Run | None:
    """Return the first run with letters (first_bad_letters) whose size is outside [low, high]."""
    return next((run for run in para.letter_runs() if not low <= run.size <= high), None)


def _span(low: float, high: float) -> str:
    """Format a size range: "13" or "13–14"."""
    return f"{low:g}" if low == high else f"{low:g}–{high:g}"


def _uniform_body(ctx: Context) -> Iterator[Finding]:
    """Report body paragraphs whose size differs from the most common body size."""
    counts = Counter(run.size for para in ctx.comps[BODY] for run in para.text_runs())
    if not counts:
        return
    common = max(counts, key=counts.__getitem__)  # most_common(1), ties alike, without importing heapq
    tol = ctx.rules.tol("pt")
    for para in ctx.comps[BODY]:
        bad = next((run for run in para.letter_runs() if not abs(run.size - common) <= tol), None)
        if bad is not None:
            yield RULE.at(ctx, para, _("body size {got:g} pt differs from the rest of the body ({common:g} pt)")
                          .format(got=bad.size, common=common))


RULE = Rule("component-size", "docs/decree30.md §2.2, §3", Level.ERROR, "size of every component", _check)
