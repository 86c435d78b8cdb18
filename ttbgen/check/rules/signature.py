"""signature: authority lines start with TM., KT., TL., TUQ. or Q. (dot and space); the Party forms T/M,
K/T, T/L are flagged; no academic title before the name (docs/decree30.md §5).

Applies to: every recognised type (known).
Passes: "TL. CHỦ TỊCH" / "KT. CHÁNH VĂN PHÒNG" / "PHÓ CHÁNH VĂN PHÒNG" / "Vũ Quang Khánh".
Fails:  "T/L CHỦ TỊCH" → "'T/L' is the Party-document form; administrative documents write 'TL.'";
"TL CHỦ TỊCH" → "authority prefix 'TL' needs a dot and a space: 'TL. '"; "TS. Nguyễn Văn A" → "no academic
title before the signer's name".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ttbgen.check.components import HO_TEN, QUYEN_HAN
from ttbgen.check.findings import Finding, Level
from ttbgen.check.rules.base import Context, Rule
from ttbgen.i18n import _

PREFIX = re.compile(r"^(TM|KT|TL|TUQ|Q)\. \S")
_PARTY = {"T/M": "TM.", "K/T": "KT.", "T/L": "TL.", "T/UQ": "TUQ."}
_BARE = re.compile(r"^(TM|KT|TL|TUQ|Q)\b\.?\s*")
_DEGREE = re.compile(r"^(GS|PGS|TS|ThS|TSKH|BS|KS|CN|Th\.S)\.?\s", re.IGNORECASE)


def authority_problem(text: str) -> str | None:
    """Return what is wrong with one authority line, or None."""
    text = text.strip()
    if PREFIX.match(text):
        return None
    for party, admin in _PARTY.items():
        if text.upper().startswith(party):
            return _("'{party}' is the Party-document form; administrative documents write '{admin}'").format(
                party=party, admin=admin)
    bare = _BARE.match(text)
    if bare:
        return _("authority prefix '{p}' needs a dot and a space: '{p}. '").format(p=bare.group(1))
    return _("an authority line starts with TM., KT., TL., TUQ. or Q.")


def _check(ctx: Context) -> Iterator[Finding]:
    """Check each authority line's prefix and the signer's name."""
    for para in ctx.comps[QUYEN_HAN]:
        problem = authority_problem(para.text)
        if problem:
            yield RULE.at(ctx, para, problem)
    for para in ctx.comps[HO_TEN]:
        if _DEGREE.match(para.text.strip()):
            yield RULE.at(ctx, para, _("no academic title before the signer's name"))


RULE = Rule("signature", "docs/decree30.md §5", Level.ERROR, "signing authority prefixes", _check, needs=(HO_TEN,))
