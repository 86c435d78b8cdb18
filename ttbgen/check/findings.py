"""Findings: what a check rule reports, and where."""

from __future__ import annotations

from enum import StrEnum

from ttbgen.i18n import N_, _
from ttbgen.records import record


class Level(StrEnum):
    """How serious a finding is; only `error` makes `ttbgen check` exit 1 (warnings too with --strict)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    NOT_EVALUATED = "not-evaluated"


# The level as the text output words it (the JSON, SARIF and GitHub formats keep the values above).
_LEVEL_WORDS = {Level.ERROR: N_("error"), Level.WARNING: N_("warning"), Level.INFO: N_("info"),
                Level.NOT_EVALUATED: N_("not-evaluated")}


@record
class Location:
    """Where in a document a finding points: a paragraph, a table cell, or a rendered page."""

    file: str
    paragraph: int | None = None  # 1-based body paragraph number (¶N), counting table paragraphs too
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    page: int | None = None  # 1-based page of the rendered PDF
    part: str = ""  # e.g. "header", "word/settings.xml", when not in the body
    snippet: str = ""
    component: str = ""  # the component judged, as shown to users: "issuing agency (ô 2)"

    def anchor(self) -> str:
        """Return the short place marker used in text output: ¶12, table 1 row 2 cell 1, page 2, …"""
        if self.page is not None:
            return _("page {n}").format(n=self.page)
        prefix = f"{self.component}, " if self.component else ""
        if self.table is not None:
            where = _("table {table} row {row} cell {cell}").format(table=self.table, row=self.row, cell=self.cell)
            return prefix + (f"¶{self.paragraph} ({where})" if self.paragraph is not None else where)
        if self.paragraph is not None:
            return f"{prefix}¶{self.paragraph}"
        return self.part or _("document")


@record
class Finding:
    """One result of one rule on one document."""

    rule: str  # rule id, e.g. "margins"
    clause: str  # the clause of docs/decree30.md it enforces, e.g. "docs/decree30.md §1"
    level: Level
    message: str
    location: Location

    def text_line(self) -> str:
        """Return `file:¶N: level: message [rule-id]`, the text output format."""
        snippet = f' "{self.location.snippet}"' if self.location.snippet else ""
        return (
            f"{self.location.file}:{self.location.anchor()}: {_(_LEVEL_WORDS[self.level])}: "
            f"{self.message}{snippet} [{self.rule}]"
        )


def finding_dict(finding: Finding) -> dict[str, object]:
    """Return a finding as plain data (the JSON output's shape)."""
    loc = finding.location
    data: dict[str, object] = {
        "file": loc.file, "rule": finding.rule, "clause": finding.clause, "level": finding.level.value,
        "message": finding.message, "where": loc.anchor(),
    }
    for key in ("paragraph", "table", "row", "cell", "page"):
        if getattr(loc, key) is not None:
            data[key] = getattr(loc, key)
    if loc.part:
        data["part"] = loc.part
    if loc.snippet:
        data["snippet"] = loc.snippet
    if loc.component:
        data["component"] = loc.component
    return data
