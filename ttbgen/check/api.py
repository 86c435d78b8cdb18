"""The checker's library entry points: check_document (one file → findings) and check_files (→ Report)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ttbgen.check.components import find_components
from ttbgen.check.findings import Finding
from ttbgen.check.reader import read_document
from ttbgen.check.report import Report
from ttbgen.check.rules import RULES, Context
from ttbgen.check.ruleset import RuleSet, default_ruleset
from ttbgen.errors import DocxError


def check_document(path: str | Path, ruleset: RuleSet | None = None) -> list[Finding]:
    """Check one .docx against Decree 30; raises DocxError when the file cannot be read."""
    doc = read_document(Path(path))
    ctx = Context(doc, find_components(doc), ruleset or default_ruleset())
    findings: list[Finding] = []
    for rule in RULES:
        findings.extend(rule.run(ctx))
    return findings


def check_files(paths: Iterable[str | Path], ruleset: RuleSet | None = None, strict: bool = False) -> Report:
    """Check many files; unusable ones are recorded in the report (exit code 2), the rest still checked."""
    report = Report(rules={rule.id: rule.summary for rule in RULES}, strict=strict)
    for path in paths:
        report.files.append(str(path))
        try:
            report.add(check_document(path, ruleset))
        except DocxError as exc:
            report.unusable.append(exc)
    return report
