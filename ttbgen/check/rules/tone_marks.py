"""tone-marks: one tone-mark placement throughout: old "hòa, thủy, khỏe" or new "hoà, thuỷ, khoẻ"; both
are NFC and both are accepted, mixing them is not (docs/decree30.md §8 "Accept both … The decree itself mixes
them", pitfalls.md; a warning).

Passes: "Ủy ban nhân dân tỉnh Khánh Hòa" throughout.
Fails:  "Ủy ban … hoà giải" → warning "tone marks placed both ways: 3 old style (e.g. \"Ủy\"), 1 new style
(e.g. \"hoà\")".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ttbgen.check.docmodel import Para
from ttbgen.check.findings import Finding, Level
from ttbgen.check.rules.base import Context, Rule
from ttbgen.i18n import _

# oa, oe, uy ending a syllable (no final consonant): old style marks the first vowel, new the second.
_OLD = "[òóỏõọ][ae]|[ùúủũụ]y"
_NEW = "o[àáảãạèéẻẽẹ]|u[ỳýỷỹỵ]"
_ENDING = re.compile(rf"(?:(?P<old>{_OLD})|(?P<new>{_NEW}))(?!\w)")


def placements(text: str) -> list[tuple[str, str]]:
    """Return (style, word ending) for each oa/oe/uy syllable end; "qu" is a consonant, so quý is no case."""
    found = []
    lower = text.lower()
    for match in _ENDING.finditer(lower):
        start = match.start()
        if start and lower[start - 1] == "q":
            continue
        while start and lower[start - 1].isalnum():  # back to the start of the word, for the message
            start -= 1
        found.append(("old" if match.group("old") else "new", text[start: match.end()]))
    return found


def placement(word: str) -> str | None:
    """Return "old", "new" or None for one word."""
    found = placements(word)
    return found[-1][0] if found else None


def _check(ctx: Context) -> Iterator[Finding]:
    """Count both styles over the body; warn at the first word of the less used style."""
    seen: dict[str, list[tuple[Para, str]]] = {"old": [], "new": []}
    for para in ctx.doc.paras:
        for style, word in placements(para.text):
            seen[style].append((para, word))
    old, new = seen["old"], seen["new"]
    if old and new:
        minority = new if len(new) <= len(old) else old
        yield RULE.at(ctx, minority[0][0], _("tone marks placed both ways: {o} old style (e.g. \"{oe}\"), {n} new "
                                             "style (e.g. \"{ne}\")").format(o=len(old), oe=old[0][1], n=len(new),
                                                                             ne=new[0][1]))


RULE = Rule("tone-marks", "docs/decree30.md §8", Level.WARNING, "one tone-mark placement", _check)
