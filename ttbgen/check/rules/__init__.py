"""The rule registry: one module per rule, listed explicitly, in report order."""

from __future__ import annotations

from ttbgen.check.rules import (
    active_content,
    appendix_pages,
    body_indent,
    body_justify,
    body_line_spacing,
    body_spacing,
    component_size,
    component_style,
    date_line,
    end_mark,
    font_family,
    khoan_titles,
    margins,
    muc_titles,
    national_motto,
    nfc,
    number_line,
    page_numbers,
    page_size,
    recipients,
    rule_lines,
    signature,
    size_pairing,
    structure,
    subject_size,
    text_colour,
    title,
)
from ttbgen.check.rules.base import Context, Rule

RULES: tuple[Rule, ...] = tuple(
    module.RULE
    for module in (
        structure, page_size, margins, font_family, text_colour, nfc, component_size, size_pairing,
        component_style, national_motto, number_line, date_line, title, rule_lines, body_justify, body_indent,
        body_spacing, body_line_spacing, end_mark, recipients, signature, page_numbers,
        subject_size, muc_titles, khoan_titles, appendix_pages, active_content,
    )
)
RULE_IDS = tuple(rule.id for rule in RULES)

__all__ = ["RULES", "RULE_IDS", "Context", "Rule"]
