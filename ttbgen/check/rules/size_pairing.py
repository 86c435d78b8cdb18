"""size-pairing: sizes rise and fall together: Tiêu ngữ one point above the Quốc hiệu, the date line
the size of the Tiêu ngữ (docs/decree30.md §1 "Sizes / styles" and §2.2, the size footnote of S1 Mục V:
"Cỡ chữ trong cùng một văn bản tăng, giảm phải thống nhất", e.g. 13 / 14 / 14 or 12 / 13 / 13).

Why a warning, not an error: the binding text is the footnote's sentence, "sizes within one document rise
and fall together"; the two triples after it are its example, and each component's own range (Quốc hiệu
12–13, Tiêu ngữ 13–14, date 13–14) is what the table of Mục V fixes, which component-size enforces as an
error. A document whose sizes are each in range but paired otherwise (13 / 14 / 13, 13 / 13 / 13) breaks
the footnote's example, not a range: it is reported, as a warning, so `--strict` can still refuse it.

Applies to: every document (all).
Passes: Quốc hiệu 13, Tiêu ngữ 14, date 14; or 12, 13, 13.
Fails:  Quốc hiệu 13, Tiêu ngữ 13 → "Tiêu ngữ is 13 pt; with a 13 pt Quốc hiệu it should be 14 pt".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ttbgen.check.components import DIA_DANH_NGAY, QUOC_HIEU, TIEU_NGU
from ttbgen.check.docmodel import Para
from ttbgen.check.findings import Finding, Level
from ttbgen.check.rules.base import Context, Rule
from ttbgen.i18n import _


def size_of(para: Para) -> float | None:
    """Return the most common size of a paragraph's visible runs."""
    counts = Counter(run.size for run in para.text_runs())
    return max(counts, key=counts.__getitem__) if counts else None  # most_common(1) without importing heapq


def _check(ctx: Context) -> Iterator[Finding]:
    """Compare the Tiêu ngữ with the Quốc hiệu, and the date line with the Tiêu ngữ."""
    national, motto = size_of(ctx.comps[QUOC_HIEU][0]), size_of(ctx.comps[TIEU_NGU][0])
    tol = ctx.rules.tol("pt")
    if national is not None and motto is not None and abs(motto - (national + 1)) > tol:
        yield RULE.at(ctx, ctx.comps[TIEU_NGU][0], _("Tiêu ngữ is {got:g} pt; with a {qh:g} pt Quốc hiệu it should be "
                                                      "{want:g} pt").format(got=motto, qh=national, want=national + 1))
    date = size_of(ctx.comps[DIA_DANH_NGAY][0]) if ctx.comps[DIA_DANH_NGAY] else None
    if date is not None and motto is not None and abs(date - motto) > tol:
        yield RULE.at(ctx, ctx.comps[DIA_DANH_NGAY][0], _("date line is {got:g} pt; it should match the Tiêu ngữ "
                                                           "({want:g} pt)").format(got=date, want=motto))


RULE = Rule("size-pairing", "docs/decree30.md §1, §2.2 (S1 Mục V footnote)", Level.WARNING,
            "Quốc hiệu / Tiêu ngữ / date sizes paired", _check, needs=(QUOC_HIEU, TIEU_NGU))
