"""The command: exit codes, formats, --strict, --rules."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner
from lxml import etree

from ttbgen.check.api import check_files
from ttbgen.check.findings import Finding, Level, Location
from ttbgen.cli.check import check_command

Make = Callable[..., Path]


def run(*args: str | Path) -> tuple[int, str, str]:
    """Invoke the command; return exit code, stdout, stderr."""
    result = CliRunner().invoke(check_command, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def test_clean_notice_exits_0(make: Make) -> None:
    code, out, _err = run(make())
    assert code == 0
    assert "0 error(s)" in out


def test_error_finding_exits_1_with_text_lines(make: Make) -> None:
    path = make(date="Lạng Sơn, ngày 05 tháng 06 năm 2024")
    code, out, _err = run(path)
    assert code == 1
    where = "place and date line (ô 4), ¶8 (table 1 row 1 cell 2)"
    assert f"{path}:{where}: error: month 06 takes no leading zero (6)" in out
    assert out.splitlines()[0].endswith("[date-line]")


def test_strict_fails_on_warnings(make: Make) -> None:
    path = make(title="Kết luận của Chủ tịch UBND tỉnh.")
    assert run(path)[0] == 0
    assert run(path, "--strict")[0] == 1


def test_json_format(make: Make) -> None:
    code, out, _err = run(make(number="Số: 5/TB-UBND"), "--format", "json")
    data = json.loads(out)
    assert code == 1
    finding = next(f for f in data["findings"] if f["rule"] == "number-line")
    assert (finding["paragraph"], finding["table"], finding["level"]) == (4, 1, "error")
    assert finding["clause"].startswith("docs/decree30.md")


def test_github_format(make: Make) -> None:
    _code, out, _err = run(make(number="Số: 5/TB-UBND"), "--format", "github")
    line = next(x for x in out.splitlines() if "number-line" in x)
    assert line.startswith("::error file=")
    assert "title=number-line (docs/decree30.md §4%2C §7.1)::" in line


def test_junit_format(make: Make) -> None:
    _code, out, _err = run(make(number="Số: 5/TB-UBND"), "--format", "junit")
    root = etree.fromstring(out.encode())
    failed = root.findall(".//testcase[failure]")
    assert [case.get("name") for case in failed] == ["number-line"]
    assert len(root.findall(".//testcase")) >= 20


def test_sarif_format(make: Make) -> None:
    _code, out, _err = run(make(number="Số: 5/TB-UBND"), "--format", "sarif")
    log = json.loads(out)
    assert log["version"] == "2.1.0"
    result = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "number-line")
    assert result["level"] == "error"
    assert result["locations"][0]["logicalLocations"][0]["name"] == "number line (ô 3), ¶4 (table 1 row 1 cell 1)"


def test_profile_narrows_a_range(make: Make, tmp_path: Path) -> None:
    profile = tmp_path / "office.yaml"
    profile.write_text("sizes_pt:\n  body: [13, 13]\n", encoding="utf-8")
    code, out, _err = run(make(), "--rules", profile)
    assert code == 1
    assert "body is 14 pt; Decree 30 wants 13 pt" in out


def test_profile_wider_than_the_decree_is_refused(make: Make, tmp_path: Path) -> None:
    profile = tmp_path / "office.yaml"
    profile.write_text("margins_mm:\n  left: [20, 35]\n", encoding="utf-8")
    code, _out, err = run(make(), "--rules", profile)
    assert code == 2
    assert "margins_mm.left: range [20, 35] is wider than Decree 30 allows ([30, 35])" in err


def test_profile_unknown_and_duplicate_keys_are_refused(make: Make, tmp_path: Path) -> None:
    profile = tmp_path / "office.yaml"
    profile.write_text("sizes_pt:\n  bodi: [13, 13]\n", encoding="utf-8")
    assert "sizes_pt.bodi: unknown key" in run(make(), "--rules", profile)[2]
    profile.write_text("body:\n  first_line_cm: [1.0, 1.0]\n  first_line_cm: [1.27, 1.27]\n", encoding="utf-8")
    code, _out, err = run(make(), "--rules", profile)
    assert code == 2 and "duplicate key 'first_line_cm'" in err


def test_report_accepts_findings_from_elsewhere(make: Make) -> None:
    report = check_files([make()])
    assert report.exit_code() == 0
    rendered = Finding("pdf-page-count", "docs/decree30.md §4", Level.ERROR, "page 2 has no number",
                       Location("out/x.pdf", page=2))
    report.add([rendered])
    assert report.exit_code() == 1
    assert "out/x.pdf:page 2: error: page 2 has no number [pdf-page-count]" in report.render("text")


def test_build_step_api(make: Make) -> None:
    """What `ttbgen build --check` uses: check_files(strict=…), Report.format, Report.failed."""
    path = make(title="Kết luận của Chủ tịch UBND tỉnh.")  # a warning only
    assert not check_files([path]).failed
    strict = check_files([path], strict=True)
    assert strict.failed
    assert "[title]" in strict.format("text")
