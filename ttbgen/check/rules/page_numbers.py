"""page-numbers: a PAGE field centred in the header, none on page 1 (titlePg with a first-page header
without PAGE), 13–14 pt (docs/decree30.md §4 "Page numbers"; S1 I.7).

Applies to: every document (all).
Passes: sectPr with ``<w:titlePg/>``, a default header holding a centred ``PAGE`` field (simple or
complex) at 14 pt, and an empty first-page header (or none).
Fails:  no titlePg → "page 1 shows a page number"; the field in the footer → "page numbers go in the
header (top margin), not the footer"; left-aligned → "page number should be centred"; no PAGE field →
warning "no PAGE field: pages from 2 on must be numbered".
"""

from __future__ import annotations

from collections.abc import Iterator

from ttbgen.check.docmodel import Para
from ttbgen.check.findings import Finding, Level
from ttbgen.check.rules.base import Context, Rule
from ttbgen.i18n import _


def page_fields(paras: list[Para]) -> list[tuple[Para, float | None]]:
    """Return (paragraph, size) for each PAGE field in a part."""
    found = []
    for para in paras:
        for field in para.fields:
            if field.instr.split(" ")[0].upper() == "PAGE":
                size = field.run.size if field.run else (para.runs[0].size if para.runs else None)
                found.append((para, size))
    return found


def _check(ctx: Context) -> Iterator[Finding]:
    """Check the first section's headers and footers."""
    sect = ctx.doc.sections[0]
    default = sect.headers.get("default")
    fields = page_fields(ctx.doc.parts.get(default, [])) if default else []
    if not fields:
        yield from _no_header_field(ctx, sect.footers.values())
    else:
        yield from _field_form(ctx, default or "", fields)
    first = sect.headers.get("first")
    shows_first = not sect.title_pg and bool(fields)
    if sect.title_pg and first and page_fields(ctx.doc.parts.get(first, [])):
        shows_first = True
    if shows_first:
        yield RULE.in_part(ctx, (first if sect.title_pg else default) or "", _(
            "page 1 shows a page number; set a different first page (titlePg) with no PAGE field"))


def _no_header_field(ctx: Context, footers: object) -> Iterator[Finding]:
    """Explain a missing header PAGE field: in a footer that prints instead, or absent (a one-page
    document has no page 2 to number)."""
    printed = ctx.doc.printed_parts()
    for part in footers:  # type: ignore[attr-defined]
        if page_fields(printed.get(part, [])):
            yield RULE.in_part(ctx, part, _("page numbers go in the header (top margin), not the footer"))
            return
    if ctx.doc.pages == 1:
        yield RULE.in_part(ctx, "header", _("not evaluated: a one-page document has no page to number"),
                           Level.NOT_EVALUATED)
        return
    yield RULE.in_part(ctx, "header", _("no PAGE field: pages from 2 on must be numbered"), Level.WARNING)


def _tabbed_to_centre(para: Para) -> bool:
    """Tell whether the number is placed by tabs (a centre tab stop, or Word's default header stops, whose
    first is the centre): the page shows it centred whatever the XML alignment says."""
    return para.align in ("left", "start", "both") and para.text.lstrip(" ").startswith("\t") \
        and not para.text.strip()[:1].isalpha()


def _field_form(ctx: Context, part: str, fields: list[tuple[Para, float | None]]) -> Iterator[Finding]:
    """Check the page number's alignment and size."""
    para, size = fields[0]
    if para.align != "center" and not _tabbed_to_centre(para):
        yield RULE.at(ctx, para, _("page number should be centred"))
    low, high = ctx.rules.range("sizes_pt", "page_number")
    if size is not None and not low - ctx.rules.tol("pt") <= size <= high + ctx.rules.tol("pt"):
        yield RULE.at(ctx, para, _("page number is {got:g} pt; Decree 30 wants {low:g}–{high:g} pt")
                      .format(got=size, low=low, high=high))


RULE = Rule("page-numbers", "docs/decree30.md §4 (S1 I.7)", Level.ERROR, "PAGE field centred in the header", _check)
