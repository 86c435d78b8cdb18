"""structure: every component of a notice is present: Quốc hiệu, Tiêu ngữ, issuing agency, number line,
place and date, THÔNG BÁO, trích yếu, content, Nơi nhận, signer's title and name (docs/decree30.md §2.1–2.2,
Mẫu 1.4).

Applies to: every recognised type (known); what is required depends on the type (công văn, Mẫu 1.5: no
type line, a "V/v" trích yếu instead). An unrecognised type (a phiếu trình, a form) is not evaluated.
Passes: the full layout of Mẫu 1.4 (header table, title, body, Nơi nhận and signature table).
Fails:  a notice without the Tiêu ngữ line → "Tiêu ngữ not found".
"""

from __future__ import annotations

from collections.abc import Iterator

from ttbgen.check.components import label, required
from ttbgen.check.findings import Finding, Level
from ttbgen.check.rules.base import Context, Rule
from ttbgen.i18n import _


def _check(ctx: Context) -> Iterator[Finding]:
    """Report each component its document type requires that was not found."""
    if not ctx.comps.doc_type:  # a phiếu trình, a form, a template: not a type of §7.1, nothing to require
        yield RULE.at(ctx, None, _("not evaluated: the document type (§7.1) was not recognised"),
                      Level.NOT_EVALUATED)
        return
    for name in required(ctx.comps.doc_type):
        if not ctx.comps[name] and name in ctx.comps.unsure:
            yield RULE.at(ctx, None, _("not evaluated: {part} not found in the text (a text box?)")
                          .format(part=label(name)), Level.NOT_EVALUATED)
        elif not ctx.comps[name]:
            yield RULE.at(ctx, None, _("{part} not found").format(part=label(name)))


RULE = Rule("structure", "docs/decree30.md §2.1–2.2", Level.ERROR, "all components present", _check)
