"""khoan-titles: a khoản title on its own line ("1. Phạm vi áp dụng", followed by its text) is bold; a
khoản without a title ("1. Nội dung …" that carries the text itself) is not (docs/decree30.md §3 "Headings",
ND30 S1 II.6.đ: khoản with a title — bold; without — upright, not bold).

A line is a khoản title when it starts "N. ", fits on one line, ends without punctuation (no ".", ";",
":" or ","), and neither content paragraph beside it is another "N." line (then they are a numbered list).

Applies to: every recognised type (known).
A title with a bold lead-in ("2. Kết quả: …" with "Kết quả:" bold) counts as bold.

Passes: "1. Đánh giá chung" bold, then a paragraph. Fails: the same line not bold → "khoản title should be bold".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ttbgen.check.components import BODY
from ttbgen.check.docmodel import Para
from ttbgen.check.findings import Finding, Level
from ttbgen.check.rules.base import Context, Rule, letter_runs, text_width
from ttbgen.i18n import _

KHOAN = re.compile(r"^\d{1,2}\.\s+\S")


def _is_title(para: Para, before: Para | None, following: Para | None) -> bool:
    """Tell whether a body paragraph is a khoản title standing on its own line."""
    text = para.text.strip()
    if not KHOAN.match(text) or text.endswith((".", ";", ":", ",", "…")) or following is None:
        return False
    if any(KHOAN.match(p.text.strip()) for p in (before, following) if p is not None):
        return False  # "1. …", "2. …" one after another: a numbered list
    runs = letter_runs(para)
    width = text_width(text, runs[0].size, True, runs[0].italic) if runs else 0
    return 0 < width + max(para.first_line, 0) <= para.line_width


def _check(ctx: Context) -> Iterator[Finding]:
    """Report each khoản title that is not bold."""
    body = ctx.comps[BODY]
    for before, para, following in zip([None, *body[:-1]], body, [*body[1:], None], strict=True):
        if _is_title(para, before, following) and not any(run.bold for run in letter_runs(para)):
            yield RULE.at(ctx, para, _("khoản title should be bold (it stands on its own line)"))


RULE = Rule("khoan-titles", "docs/decree30.md §3 (S1 II.6.đ)", Level.WARNING, "khoản titles bold", _check,
            needs=(BODY,))
