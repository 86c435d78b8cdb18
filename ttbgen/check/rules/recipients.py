"""recipients: the Nơi nhận block: the label "Nơi nhận:", one recipient per line starting with "-" and
ending with ";", the last line "- Lưu: VT, <unit>." (docs/decree30.md §6; regexes there).

A "- Văn phòng UBND tỉnh:" line may open "+ " sub-items (a real notice does this), and the last of those
may be the "+ Lưu: …." line.

Applies to: every document (all).
Passes: "Nơi nhận:" / "- Chủ tịch, các PCT UBND tỉnh;" / "- UBND các xã, phường;" / "- Lưu: VT, KT (VAT)."
Fails:  "Nơi nhận" → "the label reads \"Nơi nhận:\""; "- Sở Tài chính," → "a recipient line ends with ';'";
"– Sở Y tế;" → "a recipient line starts with '-' (hyphen-minus)"; last "- Lưu VT." → "the last line reads
\"- Lưu: VT, <unit>.\"".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ttbgen.check.components import KINH_GUI, NOI_NHAN_ITEM, NOI_NHAN_LABEL, TEN_LOAI, doc_type_of
from ttbgen.check.docmodel import Para
from ttbgen.check.findings import Finding, Level
from ttbgen.check.rules.base import Context, Rule
from ttbgen.i18n import _

LAST = re.compile(r"^[-+] Lưu: VT(?:, [^.;]+(?:\.[^\s.;]+)?)?\.(?: \S.*)?$")
_ITEM = re.compile(r"^[-+] \S")


def _check(ctx: Context) -> Iterator[Finding]:
    """Check the label, each item, and the final Lưu line."""
    label = ctx.comps[NOI_NHAN_LABEL][0]
    if first_line(label.text) != "Nơi nhận:":
        yield RULE.at(ctx, label, _("the label reads \"Nơi nhận:\""))
    items = ctx.comps[NOI_NHAN_ITEM]
    if not items:
        yield RULE.at(ctx, label, _("no recipients under \"Nơi nhận:\""))
        return
    # items joined to the label by a break come first (components keep them as pieces of the label's ¶)
    lines = [(label, line) for line in _lines(label.text)[1:]]
    lines += [(para, line) for para in items for line in _lines(para.text)]
    if not lines:
        return
    for para, line in lines[:-1]:
        yield from _item(ctx, para, line)
    last, text = lines[-1]
    if not LAST.match(text):
        yield RULE.at(ctx, last, _("the last line reads \"- Lưu: VT, <unit>.\""))


def first_line(text: str) -> str:
    """Return what prints first: the text before a line break or a tab (the rest belongs elsewhere)."""
    return re.split(r"[\n\t]", text.strip(), maxsplit=1)[0].strip()


def _lines(text: str) -> list[str]:
    """Return the printed lines of an item paragraph, split at breaks, each without a tabbed tail."""
    lines = [first_line(line) for line in text.split("\n")]
    return [line for line in lines if line]


def _invites(ctx: Context) -> bool:
    """Tell whether "Như trên" has something to refer to: a "Kính gửi" (công văn, tờ trình, báo cáo), the
    addressees of a Giấy mời, or "Điều"/"khoản" of a decision ("Như Điều 3")."""
    kind = ctx.comps[TEN_LOAI]
    return bool(ctx.comps[KINH_GUI]) or (bool(kind) and (doc_type_of(kind[0].text) or ("", ""))[1] == "GM")


def _item(ctx: Context, para: Para, text: str) -> Iterator[Finding]:
    """Check one recipient line (not the last)."""
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
