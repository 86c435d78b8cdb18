"""number-line: "Số: 05/TB-UBND": number zero-padded below 10, type code TB, no spaces in the symbol;
a draft may leave the number blank (decree30.md §4 "Số, ký hiệu", §7.1 code TB).

Passes: "Số: 05/TB-UBND", "Số: 123/TB-VP", draft "Số:      /TB-UBND".
Fails:  "Số: 5/TB-UBND" → "number 5 needs a leading zero (05)"; "Số 05/TB-UBND" → "'Số' needs a colon";
"Số: 05/TB - UBND" → "no spaces inside the symbol"; "Số: 05/TBKL-UBND" → "type code should be TB".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ttbgen.check.components import SO_KY_HIEU
from ttbgen.check.findings import Finding, Level
from ttbgen.check.rules.base import Context, Rule
from ttbgen.i18n import _

ISSUED = re.compile(r"^Số: (0[1-9]|[1-9][0-9]+)/TB-[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*$")
DRAFT = re.compile(r"^Số:\s{2,}/TB-[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*$")
_PARTS = re.compile(r"^Số\s*(?P<colon>:?)\s*(?P<num>\d*)\s*/(?P<symbol>.*)$")


def number_problem(text: str) -> str | None:
    """Return what is wrong with a number line, or None when it is right."""
    text = text.strip().replace("\u00a0", " ")
    if ISSUED.match(text) or DRAFT.match(text):
        return None
    parts = _PARTS.match(text)
    if parts is None:
        return _("number line should read \"Số: 05/TB-UBND\"")
    if not parts["colon"]:
        return _("'Số' needs a colon: \"Số: …\"")
    if re.fullmatch(r"[1-9]", parts["num"]):
        return _("number {n} needs a leading zero ({n:0>2})").format(n=parts["num"])
    if (parts["num"].startswith("0") and len(parts["num"]) > 2) or parts["num"] == "00":
        return _("number {n} is padded; only numbers below 10 take a leading zero").format(n=parts["num"])
    symbol = parts["symbol"]
    if " " in symbol.strip() or symbol != symbol.strip():
        return _("no spaces inside the symbol")
    if not symbol.startswith("TB-"):
        return _("type code should be TB (Thông báo): \"/TB-…\"")
    return _("symbol should be capitals, digits and hyphens: \"TB-UBND\"")


def _check(ctx: Context) -> Iterator[Finding]:
    """Check the number line's format."""
    para = ctx.comps[SO_KY_HIEU][0]
    problem = number_problem(para.text)
    if problem:
        yield RULE.at(ctx, para, problem)


RULE = Rule("number-line", "decree30.md §4, §7.1", Level.ERROR, "Số, ký hiệu format", _check, needs=(SO_KY_HIEU,))
