"""title: the document type reads exactly "THÔNG BÁO", and a trích yếu follows it, without "Về việc" or a
final full stop (docs/decree30.md §2.2 ô 5a; §11 "Header and title" [Practice]).

Applies to: types with a type line (named): every recognised type but the công văn.
Passes: "THÔNG BÁO" then "Kết luận của Chủ tịch UBND tỉnh tại cuộc họp …".
Fails:  "THÔNG BÁO KẾT LUẬN" → "document type should read exactly \"THÔNG BÁO\""; a trích yếu ending in
"." → warning "trích yếu takes no final full stop".
"""

from __future__ import annotations

from collections.abc import Iterator

from ttbgen.check.components import TEN_LOAI, TRICH_YEU, doc_type_of, loose
from ttbgen.check.findings import Finding, Level
from ttbgen.check.rules.base import Context, Rule
from ttbgen.i18n import _


def _check(ctx: Context) -> Iterator[Finding]:
    """Check the type line's wording and the trích yếu's presence and form."""
    kind = ctx.comps[TEN_LOAI][0]
    name, _code = doc_type_of(kind.text) or ("THÔNG BÁO", "TB")
    if " ".join(kind.text.split()) != name:
        yield RULE.at(ctx, kind, _("document type should read exactly \"{name}\"").format(name=name))
    title = ctx.comps[TRICH_YEU]
    if not title:
        yield RULE.at(ctx, kind, _("no trích yếu under the document type"))
        return
    text = " ".join(p.text.strip() for p in title)
    if text.endswith(".") and not text.endswith("..."):
        yield RULE.at(ctx, title[-1], _("trích yếu takes no final full stop"), Level.WARNING)
    if name == "THÔNG BÁO" and loose(text).startswith(("ve viec", "v v ")):
        yield RULE.at(ctx, title[0], _("a Thông báo's trích yếu does not start with \"Về việc\" / \"V/v\""),
                      Level.WARNING)


RULE = Rule("title", "docs/decree30.md §2.2 ô 5a, §11", Level.ERROR, "THÔNG BÁO and trích yếu", _check,
            needs=(TEN_LOAI,))
