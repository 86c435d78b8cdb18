"""muc-titles: a mục title ("I. NHỮNG KẾT QUẢ …": Roman numeral, full stop, title) is in bold capitals
(docs/decree30.md §3 "Headings", ND30 S1 II.6.đ: Mục — UPPER, bold).

Applies to: every recognised type (known); a công văn's content may have mục too.
Passes: "I. TÌNH HÌNH THỰC HIỆN" bold. Fails: "I. Tình hình thực hiện" → "mục title should be in capitals";
"II. KẾT QUẢ" not bold → "mục title should be bold".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ttbgen.check.components import BODY, is_upper
from ttbgen.check.findings import Finding, Level
from ttbgen.check.rules.base import Context, Rule, letter_runs
from ttbgen.i18n import _

MUC = re.compile(r"^(?=[IVX]+\.)(X{0,3})(IX|IV|V?I{0,3})\.\s+(?P<title>\S.*)$")


def _check(ctx: Context) -> Iterator[Finding]:
    """Report each mục title that is not in capitals, or not bold."""
    for para in ctx.comps[BODY]:
        match = MUC.match(para.text.strip())
        if match is None or len(match["title"]) > 200:  # a long "I." paragraph is text, not a title
            continue
        if not is_upper(match["title"]):
            yield RULE.at(ctx, para, _("mục title should be in capitals: \"{text}\"").format(
                text=match["title"][:40].upper()))
        elif not all(run.bold for run in letter_runs(para)):
            yield RULE.at(ctx, para, _("mục title should be bold"))


RULE = Rule("muc-titles", "docs/decree30.md §3 (S1 II.6.đ)", Level.ERROR, "mục titles in bold capitals", _check,
            needs=(BODY,))
