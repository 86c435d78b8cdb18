"""`ttbgen --help` lists every command without importing them (issue 15), with the commands' own help texts."""

from __future__ import annotations

import importlib
import io
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from ttbgen.cli import COMMANDS, main
from ttbgen.cli.progress import Progress, wanted

GROUP = ("ttbgen.cli.group", "ttbgen.cli.localize", "ttbgen.cli.quickhelp")


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_table_says_what_the_command_says(name: str) -> None:
    module, attribute, text = COMMANDS[name]
    command = getattr(importlib.import_module(module), attribute)
    assert isinstance(command, click.Command)
    assert (command.help or "").strip() == text


def test_help_lists_every_command_and_each_one_runs() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    listed = result.output.split("Commands:")[1]
    assert [line.split()[0] for line in listed.strip().splitlines()] == sorted(COMMANDS)
    for name in COMMANDS:
        assert CliRunner().invoke(main, [name, "--help"]).exit_code == 0, name


def test_help_imports_no_command_module_nor_heavy_library() -> None:
    code = (f"GROUP = {GROUP!r}\n"
            "import sys\nfrom ttbgen.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith(('ttbgen.cli.', 'ttbgen.check', 'ttbgen.build', "
            "'jinja2', 'docxtpl', 'lxml', 'yaml', 'email', 'http', 'ssl')) and m not in GROUP))")
    # The group itself: its module, its language layer (issue 16) and the kept help (issue 15).
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"


class FakeTty(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_no_bar_when_piped_or_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("TTBGEN_NO_PROGRESS", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert not wanted(io.StringIO()) and wanted(FakeTty())
    monkeypatch.setenv("CI", "true")
    assert not wanted(FakeTty())


def test_bar_only_after_the_delay_and_erased(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = FakeTty()
    bar = Progress("building", stream, enabled=True)
    bar(1, 10)
    assert stream.getvalue() == ""  # a short batch prints nothing
    bar.started -= 5
    bar(5, 10)
    assert "building [###############" in stream.getvalue() and "5/10" in stream.getvalue()
    bar.close()
    assert stream.getvalue().endswith("\r")


def test_build_piped_prints_no_bar(tmp_path: object, monkeypatch: pytest.MonkeyPatch) -> None:
    from paths import ROOT

    result = CliRunner().invoke(main, ["build", str(ROOT / "specs" / "example.yaml"), "-o", str(tmp_path),
                                       "--no-check"])
    assert result.exit_code == 0 and "[#" not in result.output and "\r" not in result.output
