"""recipients: the Nơi nhận block: the label "Nơi nhận:", one recipient per line starting with "-" and
ending with ";", the last line "- Lưu: VT, <unit>." (docs/decree30.md §6; regexes there).

A "- Văn phòng UBND tỉnh:" line may open "+ " sub-items (a real notice does this), and the last of those
may be the "+ Lưu: …." line.

Passes: "Nơi nhận:" / "- Chủ tịch, các PCT UBND tỉnh;" / "- UBND các xã, phường;" / "- Lưu: VT, KT (VAT)."
Fails:  "Nơi nhận" → "the label reads \"Nơi nhận:\""; "- Sở Tài chính," → "a recipient line ends with ';'";
"– Sở Y tế;" → "a recipient line starts with '-' (hyphen-minus)"; last "- Lưu VT." → "the last line reads
\"- Lưu: VT, <unit>.\"".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ttbgen.check.components import NOI_NHAN_ITEM, NOI_NHAN_LABEL, TEN_LOAI, doc_type_of
from ttbgen.check.docmodel import Para
from ttbgen.check.findings import Finding, Level
from ttbgen.check.rules.base import Context, Rule
from ttbgen.i18n import _

LAST = re.compile(r"^[-+] Lưu: VT(?:, [^.;]+(?:\.[^\s.;]+)?)?\.(?: \S.*)?$")
_ITEM = re.compile(r"^[-+] \S")


def _check(ctx: Context) -> Iterator[Finding]:
    """Check the label, each item, and the final Lưu line."""
    label = ctx.comps[NOI_NHAN_LABEL][0]
    if label.text.strip() != "Nơi nhận:":
        yield RULE.at(ctx, label, _("the label reads \"Nơi nhận:\""))
    items = ctx.comps[NOI_NHAN_ITEM]
    if not items:
        yield RULE.at(ctx, label, _("no recipients under \"Nơi nhận:\""))
        return
    for para in items[:-1]:
        yield from _item(ctx, para)
    last = items[-1]
    if not LAST.match(last.text.strip()):
        yield RULE.at(ctx, last, _("the last line reads \"- Lưu: VT, <unit>.\""))


def _invites(ctx: Context) -> bool:
    """Tell whether the document lists its addressees in the body (a Giấy mời's "kính mời:"), which "Như
    trên" may refer to."""
    kind = ctx.comps[TEN_LOAI]
    return bool(kind) and (doc_type_of(kind[0].text) or ("", ""))[1] == "GM"


def _item(ctx: Context, para: Para) -> Iterator[Finding]:
    """Check one recipient line (not the last)."""
    text = para.text.strip()
    if not _ITEM.match(text):
        yield RULE.at(ctx, para, _("a recipient line starts with '-' (hyphen-minus) and a space"))
    if not text.endswith((";", ":")):
        yield RULE.at(ctx, para, _("a recipient line ends with ';'"))
    if text.lower().lstrip("-+ ").startswith("như trên") and not _invites(ctx):
        # "Như trên" refers to a Kính gửi, which a Thông báo does not have [Practice, S7].
        yield RULE.at(ctx, para, _("\"Như trên\" has nothing to refer to in a Thông báo; list the recipients"),
                      Level.WARNING)


RULE = Rule("recipients", "docs/decree30.md §6", Level.ERROR, "Nơi nhận label and items", _check,
            needs=(NOI_NHAN_LABEL,))
