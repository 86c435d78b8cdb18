"""A check report over many files and its output formats: text, json, github, junit, sarif.

A Report accepts findings from anywhere (the .docx rules, rendered-page checks), so one exit code and one
output cover them all.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import field

from ttbgen import __version__
from ttbgen.check.findings import Finding, Level, finding_dict
from ttbgen.errors import TtbgenError
from ttbgen.i18n import _
from ttbgen.records import record

FORMATS = ("text", "json", "github", "junit", "sarif")
EXIT_CLEAN, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2


@record(frozen=False)
class Report:
    """Findings of one check run, the files checked, and the inputs that could not be read."""

    files: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    unusable: list[TtbgenError] = field(default_factory=list)
    rules: dict[str, str] = field(default_factory=dict)  # rule id → summary, for SARIF and JUnit
    strict: bool = False  # warnings fail the run too

    def add(self, findings: Iterable[Finding]) -> None:
        """Add findings from any source (e.g. ttbgen.check.rendered.check_rendered)."""
        self.findings.extend(findings)

    def merge(self, other: Report) -> Report:
        """Append another run's files, findings and unusable inputs (a batch checked in parts); return self."""
        self.files += other.files
        self.add(other.findings)
        self.unusable += other.unusable
        return self

    def failing(self, strict: bool | None = None) -> list[Finding]:
        """Return the findings that fail the run: errors, and warnings too when strict."""
        strict = self.strict if strict is None else strict
        levels = {Level.ERROR, Level.WARNING} if strict else {Level.ERROR}
        return [f for f in self.findings if f.level in levels]

    def exit_code(self, strict: bool | None = None) -> int:
        """Return 2 for unusable input, 1 for failing findings, else 0."""
        if self.unusable:
            return EXIT_UNUSABLE
        return EXIT_FINDINGS if self.failing(strict) else EXIT_CLEAN

    @property
    def failed(self) -> bool:
        """Tell whether the run fails (unusable input, or failing findings at the report's strictness)."""
        return self.exit_code() != EXIT_CLEAN

    def counts(self) -> Counter[str]:
        """Count findings per level."""
        return Counter(f.level.value for f in self.findings)

    def render(self, fmt: str) -> str:
        """Return the report in one of FORMATS."""
        return {"text": _text, "json": _json, "github": _github, "junit": _junit, "sarif": _sarif}[fmt](self)

    format = render  # the name ttbgen's build step uses


def _text(report: Report) -> str:
    """One line per finding, `file:¶N: level: message [rule-id]`, then a summary line."""
    lines = [f.text_line() for f in report.findings]
    counts = report.counts()
    lines.append(_("{files} file(s) checked: {e} error(s), {w} warning(s), {i} info, {n} not evaluated").format(
        files=len(report.files) - len(report.unusable), e=counts["error"], w=counts["warning"], i=counts["info"],
        n=counts["not-evaluated"]))
    if report.unusable:
        lines[-1] += _("; {n} file(s) could not be read").format(n=len(report.unusable))
    return "\n".join(lines)


def _json(report: Report) -> str:
    """A JSON document: files, findings, unusable inputs and counts."""
    data = {
        "tool": "ttbgen check", "version": __version__, "files": report.files,
        "findings": [finding_dict(f) for f in report.findings],
        "unusable": [e.render() for e in report.unusable], "counts": dict(report.counts()),
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


_GITHUB_LEVEL = {Level.ERROR: "error", Level.WARNING: "warning", Level.INFO: "notice", Level.NOT_EVALUATED: "notice"}


def _gh_escape(text: str, prop: bool = False) -> str:
    """Escape a GitHub workflow command's data (and property values)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def _github(report: Report) -> str:
    """GitHub Actions annotations: `::error file=…,title=rule::where: message`."""
    lines = []
    for f in report.findings:
        title = f"{f.rule} ({f.clause})"
        body = f"{f.location.anchor()}: {f.message}" + (f' "{f.location.snippet}"' if f.location.snippet else "")
        lines.append(f"::{_GITHUB_LEVEL[f.level]} file={_gh_escape(f.location.file, True)},"
                     f"title={_gh_escape(title, True)}::{_gh_escape(body)}")
    lines.extend(f"::error::{_gh_escape(e.render())}" for e in report.unusable)
    return "\n".join(lines)


def _junit(report: Report) -> str:
    """JUnit XML: a test suite per file, a test case per rule; error findings are failures."""
    from xml.sax.saxutils import quoteattr  # imports urllib, http, email and ssl: only for JUnit (issue 15)

    suites = []
    for path in report.files:
        mine = [f for f in report.findings if f.location.file == path]
        cases = [_junit_case(path, rule, [f for f in mine if f.rule == rule]) for rule in _rule_ids(report, mine)]
        failures = sum(1 for c in cases if "<failure" in c)
        suites.append(f'  <testsuite name={quoteattr(path)} tests="{len(cases)}" failures="{failures}">\n'
                      + "".join(cases) + "  </testsuite>\n")
    for error in report.unusable:
        suites.append(f'  <testsuite name="unusable input" tests="1" errors="1"><testcase name="read">'
                      f"<error message={quoteattr(error.render())}/></testcase></testsuite>\n")
    head = '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="ttbgen check">\n'
    return head + "".join(suites) + "</testsuites>"


def _rule_ids(report: Report, findings: list[Finding]) -> list[str]:
    """Return the rule ids to report: every rule run, plus any that only outside sources produced."""
    ids = list(report.rules)
    return ids + sorted({f.rule for f in findings} - set(ids))


def _junit_case(path: str, rule: str, findings: list[Finding]) -> str:
    """One test case: failed when the rule has an error finding; the other findings go to system-out."""
    from xml.sax.saxutils import quoteattr

    errors = [f for f in findings if f.level is Level.ERROR]
    inner = ""
    if errors:
        text = "\n".join(f.text_line() for f in errors)
        inner += f"<failure message={quoteattr(errors[0].message)}>{_xml_text(text)}</failure>"
    rest = [f for f in findings if f.level is not Level.ERROR]
    if rest:
        inner += f"<system-out>{_xml_text(chr(10).join(f.text_line() for f in rest))}</system-out>"
    return f"    <testcase classname={quoteattr(path)} name={quoteattr(rule)}>{inner}</testcase>\n"


def _xml_text(text: str) -> str:
    """Escape text content for XML."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_SARIF_LEVEL = {Level.ERROR: "error", Level.WARNING: "warning", Level.INFO: "note", Level.NOT_EVALUATED: "none"}


def _sarif(report: Report) -> str:
    """SARIF 2.1.0: one run; each result names the file and, as a logical location, the paragraph."""
    rules = [{"id": rid, "shortDescription": {"text": _(summary)}} for rid, summary in report.rules.items()]
    results = [_sarif_result(f) for f in report.findings]
    results += [{"ruleId": "input", "level": "error", "message": {"text": e.render()}} for e in report.unusable]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "ttbgen check", "version": __version__, "rules": rules}},
                  "results": results}],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)


def _sarif_result(f: Finding) -> dict[str, object]:
    """One SARIF result."""
    location = {"physicalLocation": {"artifactLocation": {"uri": f.location.file}},
                "logicalLocations": [{"name": f.location.anchor(), "kind": "element"}]}
    text = f"{f.message} ({f.clause})" + (f' "{f.location.snippet}"' if f.location.snippet else "")
    return {"ruleId": f.rule, "level": _SARIF_LEVEL[f.level], "message": {"text": text}, "locations": [location]}
