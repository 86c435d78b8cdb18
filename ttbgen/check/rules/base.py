"""What a rule is, and the context it reads: the document, its components and the rule set."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache

from ttbgen.check.components import Components, boxed, label
from ttbgen.check.docmodel import Document, Para, Run
from ttbgen.check.findings import Finding, Level, Location
from ttbgen.check.ruleset import RuleSet
from ttbgen.compose.textwidth import text_width_twips
from ttbgen.i18n import _
from ttbgen.records import record

SNIPPET = 40


@record
class Context:
    """Everything a rule may read."""

    doc: Document
    comps: Components
    rules: RuleSet


Check = Callable[[Context], Iterator[Finding]]


@record
class Rule:
    """One check: an id, the docs/decree30.md clause it enforces, a default severity, and its function."""

    id: str
    clause: str
    level: Level
    summary: str
    check: Check
    needs: tuple[str, ...] = ()  # components without which the rule is not evaluated

    def at(self, ctx: Context, para: Para | None, message: str, level: Level | None = None) -> Finding:
        """Build a finding at a paragraph (or at the whole document), naming the component it judged."""
        name = ctx.comps.name_of(para) if para is not None else ""
        return Finding(self.id, self.clause, level or self.level, message,
                       locate(ctx.doc.path, para, boxed(name) if name else ""))

    def in_part(self, ctx: Context, part: str, message: str, level: Level | None = None) -> Finding:
        """Build a finding about a part that is not a body paragraph (settings, a header)."""
        return Finding(self.id, self.clause, level or self.level, message, Location(ctx.doc.path, part=part))

    def run(self, ctx: Context) -> Iterator[Finding]:
        """Run the check, or say it was not evaluated when the document's type is not one it holds for
        (ruleset.yaml applies_to) or a component it needs is missing."""
        if not ctx.rules.applies(self.id, ctx.comps.doc_type):
            if not ctx.comps.doc_type:  # a rule for other types has nothing to say, unless the type is unknown
                yield self.at(ctx, None, _("not evaluated: the document type (§7.1) was not recognised"),
                              Level.NOT_EVALUATED)
            return
        missing = [name for name in self.needs if not ctx.comps[name]]
        if missing:
            parts = ", ".join(label(name) for name in missing)
            yield self.at(ctx, None, _("not evaluated: {parts} not found").format(parts=parts),
                          Level.NOT_EVALUATED)
            return
        yield from self.check(ctx)


def locate(path: str, para: Para | None, component: str = "") -> Location:
    """Return a Location for a paragraph: ¶N, its table cell, the part, a snippet of its text, the component."""
    if para is None:
        return Location(path)
    text = " ".join(para.text.split())
    snippet = text if len(text) <= SNIPPET else text[: SNIPPET - 1] + "…"
    part = "" if para.part == "body" else para.part
    cell = para.cell
    return Location(path, para.n, cell.table if cell else None, cell.row if cell else None,
                    cell.cell if cell else None, None, part, snippet, component)


def first_bad(para: Para, test: Callable[[Run], bool]) -> Run | None:
    """Return the first visible run of a paragraph that fails a test (a red full stop prints red)."""
    return next((run for run in para.text_runs() if not test(run)), None)


def first_bad_letters(para: Para, test: Callable[[Run], bool]) -> Run | None:
    """Return the first run with letters or digits that fails a test: a lone dash, colon or full stop in
    another size or style does not change how the line reads (judged on the page, not by run count)."""
    return next((run for run in letter_runs(para) if not test(run)), None)


def letter_runs(para: Para) -> list[Run]:
    """Return the runs that carry letters or digits (all visible runs when none does)."""
    return para.letter_runs()


@lru_cache(maxsize=2048, typed=True)  # several rules measure the same lines, and every notice of an office its header
def text_width(text: str, size: float, bold: bool, italic: bool) -> int:
    """Estimate the width of one line of text in twips (compose.textwidth, remembered)."""
    return text_width_twips(text, size, bold, italic)


def is_heading(para: Para) -> bool:
    """Tell whether a body paragraph is a heading (every visible run bold): its layout is free (§3)."""
    runs = para.text_runs()
    return bool(runs) and all(run.bold for run in runs)
