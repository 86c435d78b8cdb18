"""national-motto: the wording of the Quốc hiệu and the Tiêu ngữ, with its hyphens
(docs/decree30.md §2.2 ô 1; §8 "Tiêu ngữ uses ` - ` (U+002D with spaces), not an en dash").

Applies to: every document (all).
Passes: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (or "HOÀ") and "Độc lập - Tự do - Hạnh phúc".
Fails:  "Độc lập – Tự do – Hạnh phúc" → "Tiêu ngữ uses an en or em dash; write ' - ' (hyphen-minus with a
space each side)"; "Độc lập-Tự do-Hạnh phúc" → "… a space each side of each hyphen".
"""

from __future__ import annotations

from collections.abc import Iterator

from ttbgen.check.components import QUOC_HIEU, TIEU_NGU
from ttbgen.check.findings import Finding, Level
from ttbgen.check.rules.base import Context, Rule
from ttbgen.i18n import _

NATIONAL = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")  # the decree uses both
MOTTO = "Độc lập - Tự do - Hạnh phúc"
_DASHES = "–—‒−"


def _check(ctx: Context) -> Iterator[Finding]:
    """Compare both lines with the decree's wording and explain the first difference."""
    for para in ctx.comps[QUOC_HIEU][:1]:
        if para.text.strip() not in NATIONAL:
            yield RULE.at(ctx, para, _("Quốc hiệu should read \"{want}\"").format(want=NATIONAL[0]))
    for para in ctx.comps[TIEU_NGU][:1]:
        text = para.text.strip()
        if text != MOTTO:
            yield RULE.at(ctx, para, _motto_problem(text))


def _motto_problem(text: str) -> str:
    """Explain how a Tiêu ngữ differs from the decree's."""
    if any(d in text for d in _DASHES):
        return _("Tiêu ngữ uses an en or em dash; write ' - ' (hyphen-minus with a space each side)")
    if " ".join(text.replace("-", " - ").split()) == MOTTO:
        return _("Tiêu ngữ needs exactly one space each side of each hyphen: \"{want}\"").format(want=MOTTO)
    return _("Tiêu ngữ should read \"{want}\"").format(want=MOTTO)


RULE = Rule("national-motto", "docs/decree30.md §2.2 ô 1, §8", Level.ERROR, "Quốc hiệu and Tiêu ngữ wording", _check,
            needs=(QUOC_HIEU, TIEU_NGU))
