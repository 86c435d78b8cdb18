"""Stage 5, any .docx → findings: the one OOXML reader, components, rules, rule sets, reports, rendered-page
checks and the text dump. Public API: `check_files`, `check_document`, `Report` (loaded lazily)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ttbgen.check.api import check_document, check_files
    from ttbgen.check.report import Report

__all__ = ["Report", "check_document", "check_files"]


def __getattr__(name: str) -> Any:
    """Import the heavy parts (lxml) only when they are used."""
    if name in ("check_document", "check_files"):
        from ttbgen.check import api

        return getattr(api, name)
    if name == "Report":
        from ttbgen.check.report import Report

        return Report
    raise AttributeError(name)
