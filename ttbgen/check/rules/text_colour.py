"""text-colour: all text is black (docs/decree30.md §1, S1 I.4; seal red and signature blue are images, §9).

Applies to: every document (all).
Passes: no ``w:color``, ``w:color w:val="auto"`` or ``w:val="000000"``.
Fails:  ``<w:color w:val="FF0000"/>`` → "text colour FF0000 is not black".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ttbgen.check.findings import Finding, Level
from ttbgen.check.rules.base import Context, Rule, first_bad
from ttbgen.i18n import _

_BLACK_THEME = {"theme:text1", "theme:dark1"}  # text1/dark1 are black in every stock Office theme


NEAR_BLACK = 0.1  # relative luminance up to 10 %: 0D0D0D (Word's "Black, lighter 5%") prints black


def is_black(color: str, black: str) -> bool:
    """Tell whether a resolved colour prints black (on the page, not in the XML: near-black counts)."""
    return color.lower() in ("auto", black.lower()) or color in _BLACK_THEME or _luminance(color) <= NEAR_BLACK


def _luminance(color: str) -> float:
    """Return a hex RGB colour's luminance from 0 (black) to 1 (white); 1 when it is not a hex colour."""
    if not re.fullmatch(r"[0-9A-Fa-f]{6}", color):
        return 1.0
    red, green, blue = (int(color[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _check(ctx: Context) -> Iterator[Finding]:
    """Report each paragraph holding a run in another colour."""
    black = str(ctx.rules.get("font", "color"))
    for para in [*ctx.doc.paras, *(p for ps in ctx.doc.printed_parts().values() for p in ps)]:
        bad = first_bad(para, lambda run: is_black(run.color, black))
        if bad is not None:
            color = bad.color.removeprefix("theme:")
            yield RULE.at(ctx, para, _("text colour {color} is not black").format(color=color))


RULE = Rule("text-colour", "docs/decree30.md §1 (S1 I.4)", Level.ERROR, "black text", _check)
