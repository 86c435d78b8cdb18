"""nfc: text is in precomposed Unicode (NFC), as TCVN 6909:2001 wants; decomposed letters (NFD, from some
input methods) break searching and sorting (docs/decree30.md §1 "Font" row and checker notes; S6 found NFD in
real templates).

Applies to: every document (all).
Passes: "Thông báo" typed with precomposed ô (U+00F4) and á (U+00E1).
Fails:  "Tho\u0302ng ba\u0301o" → "text is not in precomposed Unicode (NFC): 2 decomposed letters".
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from ttbgen.check.findings import Finding, Level
from ttbgen.check.rules.base import Context, Rule
from ttbgen.i18n import _


def _check(ctx: Context) -> Iterator[Finding]:
    """Report each paragraph whose stored text changes under NFC."""
    for para in [*ctx.doc.paras, *(p for ps in ctx.doc.parts.values() for p in ps)]:
        if para.raw.isascii() or unicodedata.is_normalized("NFC", para.raw):
            continue
        marks = sum(1 for ch in para.raw if unicodedata.combining(ch))
        yield RULE.at(ctx, para, _("text is not in precomposed Unicode (NFC): {n} decomposed letters").format(n=marks))


RULE = Rule("nfc", "docs/decree30.md §1 (S1 I.4, TCVN 6909:2001)", Level.ERROR, "precomposed Unicode text", _check)
