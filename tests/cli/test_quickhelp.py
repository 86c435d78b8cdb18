"""`ttbgen --help` from the kept text, without importing click (issue 15): the same bytes click prints, for the
language and terminal width in effect; anything doubtful goes to click."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ttbgen.cli import quickhelp

# The `ttbgen` command as the console script runs it (a script, so click names the program after argv[0]).
SCRIPT = ("import sys\nsys.argv = ['ttbgen', *sys.argv[1:]]\nfrom ttbgen.cli import run\ntry:\n    run()\n"
          "finally:\n    print('click' in sys.modules, file=sys.stderr)\n")


def ttbgen(cache: Path, *args: str, **env: str) -> tuple[str, bool]:
    """Run the command in a child; return what it printed and whether it imported click."""
    environ = {**os.environ, "TTBGEN_CACHE_DIR": str(cache), "COLUMNS": "100", **env}
    done = subprocess.run([sys.executable, "-c", SCRIPT, *args], capture_output=True, text=True, env=environ,
                          check=True)
    return done.stdout, done.stderr.strip().splitlines()[-1] == "True"


def test_the_second_help_is_the_kept_one_without_click(tmp_path: Path) -> None:
    first, clicked = ttbgen(tmp_path, "--help")
    assert clicked and first.startswith("Usage: ttbgen [OPTIONS] COMMAND [ARGS]...")
    again, clicked_again = ttbgen(tmp_path, "-h")
    assert again == first and not clicked_again


@pytest.mark.parametrize(("env", "word"), [({"TTBGEN_LANG": "vi"}, "Cách dùng"), ({"COLUMNS": "60"}, "Usage")])
def test_another_language_or_width_is_kept_apart(tmp_path: Path, env: dict[str, str], word: str) -> None:
    english, _ = ttbgen(tmp_path, "--help")
    other, clicked = ttbgen(tmp_path, "--help", **env)
    assert clicked and other != english and other.startswith(word)
    assert ttbgen(tmp_path, "--help", **env) == (other, False)
    assert ttbgen(tmp_path, "--help") == (english, False)


def test_a_damaged_or_foreign_entry_goes_to_click(tmp_path: Path) -> None:
    text, _ = ttbgen(tmp_path, "--help")
    [entry] = (tmp_path / "help").iterdir()
    key, _sep, _kept = entry.read_text(encoding="utf-8").partition("\n")
    entry.write_text(key.replace("\t", " ", 1) + "\nforged help\n", encoding="utf-8")  # another key
    assert ttbgen(tmp_path, "--help") == (text, True)
    if hasattr(os, "getuid"):
        entry.write_text(f"{key}\nforged help\n", encoding="utf-8")
        entry.chmod(0o666)  # others could have written it: not trusted
        assert ttbgen(tmp_path, "--help") == (text, True)


def test_other_arguments_and_no_cache_run_click(tmp_path: Path) -> None:
    ttbgen(tmp_path, "--help")
    assert ttbgen(tmp_path, "build", "--help")[1]
    assert ttbgen(tmp_path, "--help", "--lang", "vi")[1]
    off, clicked = ttbgen(tmp_path, "--help", TTBGEN_CACHE_DIR="off")
    assert clicked and off.startswith("Usage: ttbgen")


def test_the_key_names_what_the_help_depends_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    key = quickhelp.help_key("ttbgen")
    assert quickhelp.help_key("") == ""
    monkeypatch.setenv("COLUMNS", "120")  # click lays out at most 78 columns: the same help
    assert quickhelp.help_key("ttbgen") == key
    monkeypatch.setenv("COLUMNS", "70")
    assert quickhelp.help_key("ttbgen") not in (key, "")
    monkeypatch.setenv("TTBGEN_LANG", "vi")
    assert "\tvi\t" in quickhelp.help_key("ttbgen")
    assert quickhelp.help_key("python") != quickhelp.help_key("ttbgen")


@pytest.mark.parametrize("columns", [30, 60, 79, 80, 81, 200])
def test_the_width_is_the_one_click_lays_out(columns: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Kept under the width click's formatter uses, so one entry serves every terminal click formats alike."""
    import click

    monkeypatch.setenv("COLUMNS", str(columns))
    assert quickhelp.help_width() == click.HelpFormatter().width
