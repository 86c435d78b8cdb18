"""rule-lines: a solid rule under the issuing agency (1/3–1/2 of its text line), the Tiêu ngữ (as long as
its text) and the trích yếu (1/3–1/2), drawn as a paragraph border, a cell border, a line shape
(DrawingML or VML) or typed underscores (docs/decree30.md §2.2 "Rule under it", §2.3 "How the rules are drawn").

Applies to: every recognised type (known); a công văn has no rule under its V/v.
Passes: an empty paragraph under "TỈNH LẠNG SƠN" with ``<w:pBdr><w:top w:val="single"/></w:pBdr>`` and
side indents leaving 1.6 cm of a 4.3 cm agency line (37 %).
Fails:  no rule under the trích yếu → "no rule under the trích yếu"; a Tiêu ngữ rule 3 cm long under a
5.7 cm text → "rule under the Tiêu ngữ is 3.0 cm, 53% of its text line (5.7 cm); Decree 30 wants 100%".
"""

from __future__ import annotations

from collections.abc import Iterator

from ttbgen.check.components import BAN_HANH, CONG_VAN, TIEU_NGU, TRICH_YEU, label
from ttbgen.check.docmodel import Para
from ttbgen.check.findings import Finding, Level
from ttbgen.check.rules.base import Context, Rule, text_width
from ttbgen.i18n import _

TWIPS_PER_CM = 1440 / 2.54
_LOOKAHEAD = 3  # a rule sits at most a couple of (empty) paragraphs below its text


def rule_below(paras: list[Para], last: Para) -> int | None:
    """Return the length in twips of the rule under a paragraph, or None when there is none."""
    if "bottom" in last.borders:
        return last.line_width
    if last.drawn:
        return max(last.drawn)
    at = next(i for i, para in enumerate(paras) if para.n == last.n)
    for para in paras[at + 1: at + 1 + _LOOKAHEAD]:
        if para.cell != last.cell:
            break
        length = _rule_para(para)
        if length is not None:
            return length
        if not para.is_blank():
            return _floating(paras, last, at)
    return _cell_rule(paras, last, at) or _floating(paras, last, at)


def _floating(paras: list[Para], last: Para, at: int) -> int | None:
    """Return a floating line shape drawn just below the text but anchored elsewhere: in the first
    paragraph of the same column in the next row, or in a blank paragraph right after the table. Word
    places such a shape by offset, so its anchor says nothing about where it prints (§2.3)."""
    if last.cell is None:
        return None
    below = [p for p in paras[at + 1:] if p.cell is not None and p.cell.table == last.cell.table
             and p.cell.row == last.cell.row + 1 and p.cell.cell == last.cell.cell][:1]
    after = next((p for p in paras[at + 1:] if p.cell is None or p.cell.table != last.cell.table), None)
    if after is not None and after.cell is None and after.is_blank() and _rest_blank(paras, last, at):
        below.append(after)
    drawn = [length for p in below for length in p.drawn]
    return max(drawn) if drawn else None


def _stray_shapes(paras: list[Para], last: Para) -> bool:
    """Tell whether line shapes are drawn near a text that has no rule found under it: in its table, or
    within a few paragraphs of it. A floating shape prints where its offsets put it, which the XML anchor does
    not say, so "no rule" would be a guess."""
    at = next(i for i, para in enumerate(paras) if para.n == last.n)
    if last.cell is not None:
        table = last.cell.table
        return any(p.drawn for p in paras if p.cell is not None and p.cell.table == table and p is not last)
    return any(p.drawn for p in paras[max(at - _LOOKAHEAD, 0): at + 1 + _LOOKAHEAD] if p.n != last.n)


def _rest_blank(paras: list[Para], last: Para, at: int) -> bool:
    """Tell whether the text ends its table (nothing but blank paragraphs follow it in the table)."""
    cell = last.cell
    rest = [p for p in paras[at + 1:] if p.cell is not None and cell is not None and p.cell.table == cell.table]
    return all(p.is_blank() for p in rest)


def _rule_para(para: Para) -> int | None:
    """Return the rule length an (empty or underscore) paragraph draws, or None."""
    text = para.text.strip()
    if text and set(text) <= {"_"}:
        run = para.text_runs()[0]
        return text_width(text, run.size, run.bold, run.italic)
    if text:
        return max(para.drawn) if para.drawn else None
    if para.borders & {"top", "bottom"}:
        return para.line_width
    return max(para.drawn) if para.drawn else None


def _cell_rule(paras: list[Para], last: Para, at: int) -> int | None:
    """Return the cell width when the text ends its cell and the cell has a bottom border."""
    if last.cell is None or "bottom" not in last.cell.borders:
        return None
    rest = [p for p in paras[at + 1:] if p.cell == last.cell]
    return last.cell.width if all(p.is_blank() for p in rest) else None


def text_line(paras: list[Para]) -> int:
    """Return the width of the longest text line among paragraphs (a wrapped line fills its column)."""
    widest = 0
    for para in paras:
        runs = para.text_runs()
        if runs:
            width = text_width(para.text.strip(), runs[0].size, runs[0].bold, runs[0].italic)
            widest = max(widest, min(width, para.line_width))
    return widest


def _check(ctx: Context) -> Iterator[Finding]:
    """Check the three rules: present, and of a length within the rule set's ratio range."""
    names = (BAN_HANH, TIEU_NGU) if ctx.comps.doc_type == CONG_VAN else (BAN_HANH, TIEU_NGU, TRICH_YEU)
    for name in names:  # a công văn's "V/v" takes no rule (§2.2 ô 5b)
        paras = ctx.comps[name]
        if not paras:
            yield RULE.at(ctx, None, _("not evaluated: {part} not found").format(part=label(name)), Level.NOT_EVALUATED)
            continue
        if any(para.piece == "tab" for para in paras):  # shapes of a tabbed header: which is whose is unknown
            yield RULE.at(ctx, paras[-1], _("not evaluated: the {part} shares a tabbed line").format(
                part=label(name)), Level.NOT_EVALUATED)
            continue
        length = rule_below(ctx.doc.paras, paras[-1])
        if length is None and _stray_shapes(ctx.doc.paras, paras[-1]):
            yield RULE.at(ctx, paras[-1], _("not evaluated: a line shape near the {part} could not be placed")
                          .format(part=label(name)), Level.NOT_EVALUATED)
            continue
        if length is None:
            yield RULE.at(ctx, paras[-1], _("no rule under the {part}").format(part=label(name)))
            continue
        yield from _length(ctx, name, paras, length)


def _length(ctx: Context, name: str, paras: list[Para], length: int) -> Iterator[Finding]:
    """Compare a rule's length with its text line."""
    line = text_line(paras)
    if line <= 0:
        return
    low, high = ctx.rules.range("rule_lines", name)
    ratio, tol = length / line, ctx.rules.tol("ratio")
    if not low - tol <= ratio <= high + tol:
        want = f"{low:.0%}" if low == high else f"{low:.0%}–{high:.0%}"
        yield RULE.at(ctx, paras[-1], _("rule under the {part} is {cm:.1f} cm, {ratio:.0%} of its text line "
                                        "({line:.1f} cm); Decree 30 wants {want}").format(
            part=label(name), cm=length / TWIPS_PER_CM, ratio=ratio, line=line / TWIPS_PER_CM, want=want))


RULE = Rule("rule-lines", "docs/decree30.md §2.2, §2.3", Level.ERROR, "rules under agency, Tiêu ngữ, trích yếu", _check)
