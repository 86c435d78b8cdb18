"""number-line: "Số: 05/TB-UBND": number zero-padded below 10, type code TB, no spaces in the symbol;
a draft may leave the number blank (docs/decree30.md §4 "Số, ký hiệu", §7.1 code TB).

Applies to: every document (all).
Passes: "Số: 05/TB-UBND", "Số: 123/TB-VP", draft "Số:      /TB-UBND".
Fails:  "Số: 5/TB-UBND" → "number 5 needs a leading zero (05)"; "Số 05/TB-UBND" → "'Số' needs a colon";
"Số: 05/TB - UBND" → "no spaces inside the symbol"; "Số: 05/TBKL-UBND" → "type code should be TB".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ttbgen.check.components import CONG_VAN, SO_KY_HIEU, TEN_LOAI, doc_type_of
from ttbgen.check.findings import Finding, Level
from ttbgen.check.rules.base import Context, Rule
from ttbgen.i18n import _

_SYMBOL = r"/{code}-[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*$"
_ISSUED = r"^Số: (0[1-9]|[1-9][0-9]+)" + _SYMBOL
_DRAFT = r"^Số:\s{{2,}}" + _SYMBOL
_PARTS = re.compile(r"^Số\s*(?P<colon>:?)\s*(?P<num>\d*)\s*/(?P<symbol>.*)$")


def number_problem(text: str, doc_type: tuple[str, str] = ("THÔNG BÁO", "TB")) -> str | None:
    """Return what is wrong with a number line, or None when it is right; the code must match the type line
    (a công văn's symbol has none: "Số: 12/UBND-VX", ND30 II.3.b). Spaces between "Số:" and the number
    only move it on the page."""
    text = re.sub(r"^(Số:)\s+(?=\d)", r"\1 ", text.strip().replace("\u00a0", " "))
    text = re.sub(r"(/\S+)(\s{3,}|\t).*$", r"\1", text)  # a date line laid beside it with spaces or a tab
    name, code = doc_type
    if code == "":
        return _symbol_problem(text)
    if re.match(_ISSUED.format(code=code), text) or re.match(_DRAFT.format(code=code), text):
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
    if not symbol.startswith(f"{code}-"):
        return _("type code should be {code} ({name}): \"/{code}-…\"").format(code=code, name=name.capitalize())
    return _("symbol should be capitals, digits and hyphens: \"{code}-UBND\"").format(code=code)


def _symbol_problem(text: str) -> str | None:
    """Check a công văn's number line: number, then the issuer's and unit's codes without a type code."""
    if re.match(r"^Số: (0[1-9]|[1-9][0-9]+|\s{2,})/[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*$", text) or \
            re.match(r"^Số:\s{2,}/[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*$", text):
        return None
    parts = _PARTS.match(text)
    if parts is None:
        return _("number line should read \"Số: 05/UBND-VX\"")
    if not parts["colon"]:
        return _("'Số' needs a colon: \"Số: …\"")
    if re.fullmatch(r"[1-9]", parts["num"]):
        return _("number {n} needs a leading zero ({n:0>2})").format(n=parts["num"])
    symbol = parts["symbol"]
    if " " in symbol.strip() or symbol != symbol.strip():
        return _("no spaces inside the symbol")
    return _("symbol should be capitals, digits and hyphens: \"UBND-VX\"")


def _doc_type(ctx: Context) -> tuple[str, str] | None:
    """Return the (name, code) the symbol must carry: the type line's, "" for a công văn, None if unknown."""
    kind = ctx.comps[TEN_LOAI]
    if ctx.comps.doc_type == CONG_VAN:
        return ("CÔNG VĂN", "")
    return doc_type_of(kind[0].text) if kind else None


def _check(ctx: Context) -> Iterator[Finding]:
    """Check the number line's format."""
    para = ctx.comps[SO_KY_HIEU][0]
    if "«" in para.text:
        yield RULE.at(ctx, para, _("not evaluated: the number line holds a merge field"), Level.NOT_EVALUATED)
        return
    kind = _doc_type(ctx)
    if kind is None:  # a form or template: no type to match, check only the number and the spaces
        kind = ("", r"[A-ZĐ][A-Za-zĐđ]*")
    problem = number_problem(para.text, kind)
    if problem:
        yield RULE.at(ctx, para, problem)


RULE = Rule("number-line", "docs/decree30.md §4, §7.1", Level.ERROR, "Số, ký hiệu format", _check, needs=(SO_KY_HIEU,))
