"""font-family: Times New Roman in the ascii, hAnsi and cs slots; legacy 8-bit fonts named
(docs/decree30.md §1, S1 I.4; checker notes: .VnTime / VNI-Times are errors [Practice, S6]).

Word takes Vietnamese letters (ă, ơ, ư, ạ, …) from the hAnsi slot, so a run whose ascii font is
Times New Roman but whose hAnsi font is Arial shows Vietnamese text in Arial.

Applies to: every document (all).
Passes: ``<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>``,
or the same inherited from docDefaults or a theme whose minor latin font is Times New Roman.
Fails:  ``<w:rFonts w:ascii="Times New Roman"/>`` over a Calibri theme → "hAnsi font is Calibri, not
Times New Roman"; ``w:ascii=".VnTime"`` → "legacy TCVN3 font .VnTime (8-bit, not Unicode)".
"""

from __future__ import annotations

from collections.abc import Iterator

from ttbgen.check.docmodel import Para, Run
from ttbgen.check.findings import Finding, Level
from ttbgen.check.rules.base import Context, Rule
from ttbgen.i18n import _

# ascii and hAnsi carry the Vietnamese text; cs only matters for complex-script runs, hence a warning.
_SLOTS = (("ascii", "ascii", Level.ERROR), ("hAnsi", "h_ansi", Level.ERROR), ("cs", "cs", Level.WARNING))


def legacy_encoding(font: str) -> str | None:
    """Name the 8-bit encoding of a legacy Vietnamese font (TCVN3 .Vn*, VNI-*), or None."""
    lower = font.lower()
    if lower.startswith(".vn"):
        return "TCVN3"
    if lower.startswith("vni-") or lower.startswith("vni "):
        return "VNI"
    return None


def _check(ctx: Context) -> Iterator[Finding]:
    """Report, per paragraph and slot, the first run whose font is not the rule set's family."""
    family = str(ctx.rules.get("font", "family"))
    for para in _all_paras(ctx):
        yield from _para(ctx, para, family)


def _all_paras(ctx: Context) -> Iterator[Para]:
    """Yield body paragraphs and those of the headers and footers that print."""
    yield from ctx.doc.paras
    for paras in ctx.doc.printed_parts().values():
        yield from paras


def _para(ctx: Context, para: Para, family: str) -> Iterator[Finding]:
    """Check one paragraph's runs, slot by slot."""
    if all(r.ascii == family and r.h_ansi == family and r.cs == family for r in para.text_runs()):
        return  # the usual paragraph: one pass instead of one per slot
    for slot, field, level in _SLOTS:
        bad: Run | None = next((r for r in para.text_runs() if getattr(r, field) != family), None)
        if bad is None:
            continue
        font = str(getattr(bad, field))
        legacy = legacy_encoding(font)
        if legacy:
            yield RULE.at(ctx, para, _("legacy {enc} font {font} in the {slot} slot (8-bit, not Unicode TCVN 6909)")
                          .format(enc=legacy, font=font, slot=slot), Level.ERROR)
        else:
            message = _("{slot} font is {font}, not {family}").format(slot=slot, font=font, family=family)
            yield RULE.at(ctx, para, message, level)


RULE = Rule("font-family", "docs/decree30.md §1 (S1 I.4)", Level.ERROR, "Times New Roman in every font slot", _check)
