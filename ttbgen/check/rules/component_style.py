"""component-style: bold / italic / capitals / centring of each component (docs/decree30.md §2.2).

Applies to: every document (all).
Passes: Quốc hiệu bold upright in capitals, centred; supervising agency upright not bold; issuing
agency bold; number line upright not bold; date line italic; THÔNG BÁO and trích yếu bold; signature
lines bold; Nơi nhận label bold italic, items upright.
Fails:  a bold number line → "number line should not be bold"; an upright date line → "place and date
line should be italic"; "Thông báo" in lower case → "document type should be in capitals".
"""

from __future__ import annotations

from collections.abc import Iterator

from ttbgen.check import components as c
from ttbgen.check.components import is_upper, label
from ttbgen.check.docmodel import Para
from ttbgen.check.findings import Finding, Level
from ttbgen.check.rules.base import Context, Rule, letter_runs, text_width
from ttbgen.i18n import N_, _

FILLS = 0.97  # share of the line width above which left and centred print alike

# Expected traits per component, from the "Case", "Style" and "Alignment" columns of §2.2.
# bold/italic: True = every run, False = no run; caps: the shown text is in capitals; center: jc=center.
EXPECT: dict[str, dict[str, bool]] = {
    c.QUOC_HIEU: {"bold": True, "italic": False, "caps": True, "center": True},
    c.TIEU_NGU: {"bold": True, "italic": False, "center": True},
    c.CHU_QUAN: {"bold": False, "italic": False, "caps": True, "center": True},
    c.BAN_HANH: {"bold": True, "italic": False, "caps": True, "center": True},
    c.SO_KY_HIEU: {"bold": False, "italic": False, "center": True},
    c.DIA_DANH_NGAY: {"italic": True, "center": True},
    c.TEN_LOAI: {"bold": True, "italic": False, "caps": True, "center": True},
    c.TRICH_YEU: {"bold": True, "italic": False, "center": True},
    c.TRICH_YEU_CV: {"bold": False, "italic": False, "center": True},
    c.QUYEN_HAN: {"bold": True, "italic": False, "caps": True, "center": True},
    c.CHUC_VU: {"bold": True, "italic": False, "caps": True, "center": True},
    c.HO_TEN: {"bold": True, "italic": False, "center": True},
    c.NOI_NHAN_LABEL: {"bold": True, "italic": True},
    c.NOI_NHAN_ITEM: {"italic": False},
}


def _traits(para: Para) -> dict[str, bool | None]:
    """Return the paragraph's traits: True (all runs), False (none), None (mixed)."""
    runs = letter_runs(para)
    traits: dict[str, bool | None] = {}
    for trait in ("bold", "italic"):
        values = {getattr(run, trait) for run in runs}
        traits[trait] = values.pop() if len(values) == 1 else None
    traits["caps"] = is_upper(para.text)
    traits["center"] = True if positioned(para) else para.align == "center"
    return traits


def positioned(para: Para) -> bool:
    """Tell whether a line is placed by hand (leading spaces or tabs, an indent): Word shows it where the
    clerk put it, often centred, so the XML alignment says nothing (judged on the page, not "not centred")."""
    if para.piece == "tab" or "«" in para.text:  # tabbed pieces; merge fields print at an unknown width
        return True
    if para.align not in ("left", "both", "start"):
        return False
    runs = para.text_runs()
    fills = bool(runs) and text_width(para.text.strip(), runs[0].size, runs[0].bold, runs[0].italic) \
        >= FILLS * para.line_width  # a line that fills its cell looks centred whatever its alignment
    return fills or para.text[:1] in (" ", "\t", "\u00a0") or para.ind_left != 0 or para.first_line > 0


# What is wrong, per trait and expected value (the one a finding needs is translated).
_MESSAGES = {
    ("bold", True): N_("{part} should be bold"), ("bold", False): N_("{part} should not be bold"),
    ("italic", True): N_("{part} should be italic"), ("italic", False): N_("{part} should be upright (not italic)"),
    ("caps", True): N_("{part} should be in capitals"), ("caps", False): N_("{part} should not be in capitals"),
    ("center", True): N_("{part} should be centred"), ("center", False): N_("{part} should not be centred"),
}


def _message(part: str, trait: str, want: bool) -> str:
    """Word what is wrong."""
    return _(_MESSAGES[(trait, want)]).format(part=part)


def _check(ctx: Context) -> Iterator[Finding]:
    """Compare each found component's traits with the expected ones; one finding per trait."""
    for name, para in ctx.comps.all_paras():
        expect = EXPECT.get(name)
        if not expect or not para.text_runs():
            continue
        traits = _traits(para)
        for trait, want in expect.items():
            if traits[trait] is not want:
                yield RULE.at(ctx, para, _message(label(name), trait, want))


RULE = Rule("component-style", "docs/decree30.md §2.2", Level.ERROR, "bold / italic / capitals / centring", _check)
