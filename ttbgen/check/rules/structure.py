"""structure: every component of a notice is present: Quốc hiệu, Tiêu ngữ, issuing agency, number line,
place and date, THÔNG BÁO, trích yếu, content, Nơi nhận, signer's title and name (docs/decree30.md §2.1–2.2,
Mẫu 1.4).

Passes: the full layout of Mẫu 1.4 (header table, title, body, Nơi nhận and signature table).
Fails:  a notice without the Tiêu ngữ line → "Tiêu ngữ not found".
"""

from __future__ import annotations

from collections.abc import Iterator

from ttbgen.check.components import REQUIRED, label
from ttbgen.check.findings import Finding, Level
from ttbgen.check.rules.base import Context, Rule
from ttbgen.i18n import _


def _check(ctx: Context) -> Iterator[Finding]:
    """Report each required component that was not found."""
    for name in REQUIRED:
        if not ctx.comps[name]:
            yield RULE.at(ctx, None, _("{part} not found").format(part=label(name)))


RULE = Rule("structure", "docs/decree30.md §2.1–2.2", Level.ERROR, "all components present", _check)
