"""The Vietnamese catalogue (issue 16): complete, up to date with the code, shipped; the language chosen right."""

from __future__ import annotations

import ast
import importlib.util
import locale
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from paths import ROOT

from ttbgen import i18n
from ttbgen.i18n import N_, _, language, normalise, set_language


def load_tool() -> ModuleType:
    """Import tools/messages.py, the script that extracts, merges and compiles the catalogue."""
    spec = importlib.util.spec_from_file_location("ttbgen_messages_tool", ROOT / "tools" / "messages.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    return load_tool()


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """No language variable set, and no --lang choice."""
    for var in ("TTBGEN_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(i18n, "_chosen", None)
    return monkeypatch


# --- the catalogue -----------------------------------------------------------------------------------------------

def test_catalogue_is_complete_and_up_to_date(tool: ModuleType) -> None:
    """Every message in the code is in the .pot and the .po, translated, same placeholders; the .mo is compiled."""
    problems = tool.problems()
    assert not problems, "run `python tools/messages.py`, then translate:\n" + "\n".join(problems)


# Messages that read the same in both languages: Vietnamese terms, pure placeholders, a command to type.
SAME_IN_BOTH = {"Quốc hiệu", "Tiêu ngữ", "trích yếu", "trích yếu (V/v)", "Kính gửi", "{path} ({part}): {message}",
                "{target}: {result}", "brew install --cask libreoffice; brew install poppler"}


def test_every_message_is_translated(tool: ModuleType) -> None:
    """100% of the msgids have a Vietnamese msgstr, and it is not the English left in place."""
    catalog = tool.merged(tool.extract())
    ids = [m for m in catalog if m.id]
    assert len(ids) > 300
    assert [m.id for m in ids if not m.string] == []
    assert {str(m.id) for m in ids if m.string == m.id} == SAME_IN_BOTH


def test_translations_format_like_the_english(tool: ModuleType) -> None:
    """Every translation formats with the values its English takes (no KeyError or bad format spec at run time)."""
    catalog = tool.merged(tool.extract())
    checked = 0
    for message in (m for m in catalog if m.id and "{" in str(m.id)):
        fields = {f.group(1): 7 for f in re.finditer(r"\{([A-Za-z_]\w*)", str(message.id))}
        try:
            str(message.id).format(**fields)
        except (KeyError, ValueError, IndexError):
            continue  # a doc that shows braces, not a format string
        str(message.string).format(**fields)
        checked += 1
    assert checked > 150


# Programmers' words a clerk does not know (issue 16); code, paths and placeholders aside.
JARGON = re.compile(r"\b(mapping|scalar|indicator|node|spec|key|string|parse)\b")


def test_translations_avoid_programmers_words(tool: ModuleType) -> None:
    catalog = tool.merged(tool.extract())
    found = []
    for message in (m for m in catalog if m.id):
        prose = re.sub(r"`[^`]*`|'[^']*'|\{[^{}]*\}|\S*[/.<>_]\S*", "", str(message.string))
        found += [f"{message.string!r}: {word}" for word in JARGON.findall(prose)]
    assert not found
    assert JARGON.findall("expected a mapping, got a scalar")  # the English it replaces would fail


def test_staleness_is_detected(tool: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A message added to the code, or a translation cleared, is reported (the check can fail)."""
    real_extract = tool.extract

    def with_new_message() -> object:
        catalog = real_extract()
        catalog.add("a brand-new message {n}", locations=[("ttbgen/x.py", 1)])
        return catalog

    monkeypatch.setattr(tool, "extract", with_new_message)
    problems = tool.problems()
    assert "ttbgen.po lacks: 'a brand-new message {n}'" in problems
    assert "ttbgen.pot lacks: 'a brand-new message {n}'" in problems


def test_placeholder_and_stale_mo_are_detected(tool: ModuleType, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A msgstr that drops a placeholder, or a .po newer than its .mo, is reported."""
    po = tmp_path / "ttbgen.po"
    text = tool.PO.read_text(encoding="utf-8")
    broken = text.replace('msgstr "{path}: không có tệp hay thư mục này"', 'msgstr "không có tệp hay thư mục này"')
    assert broken != text
    po.write_text(broken, encoding="utf-8")
    monkeypatch.setattr(tool, "PO", po)
    monkeypatch.setattr(tool, "MO", tool.MO)  # the committed .mo, compiled from the unbroken .po
    problems = tool.problems()
    assert any(p.startswith("placeholders differ: '{path}: no such file or folder'") for p in problems)
    assert "ttbgen.mo is older than ttbgen.po: run python tools/messages.py" in problems


def test_compiled_catalogue_ships_in_the_package() -> None:
    """The .mo is in the package folder (package-data locale/**/*), not ignored by git."""
    mo = ROOT / "ttbgen" / "locale" / "vi" / "LC_MESSAGES" / "ttbgen.mo"
    assert mo.is_file()
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"locale/**/*"' in pyproject
    ignored = subprocess.run(["git", "check-ignore", "-q", str(mo)], cwd=ROOT, check=False)
    assert ignored.returncode == 1, "ttbgen.mo is git-ignored, so it would not ship"


def test_built_package_speaks_vietnamese(tmp_path: Path) -> None:
    """The package as setuptools builds it for a wheel (build_py: code and package data) carries the catalogue."""
    build = tmp_path / "lib"
    subprocess.run([sys.executable, "-c", "import setuptools; setuptools.setup()", "-q", "build_py", "--build-lib",
                    str(build)], cwd=ROOT, check=True, capture_output=True)
    assert (build / "ttbgen" / "locale" / "vi" / "LC_MESSAGES" / "ttbgen.mo").is_file()
    probe = ("import ttbgen.i18n as i; print(i.__file__); "
             "print(i._('{path}: no such file or folder'))")
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, check=True, capture_output=True, text=True,
                         env={"PYTHONPATH": str(build), "TTBGEN_LANG": "vi", "PATH": ""}).stdout.splitlines()
    assert out[0].startswith(str(build))
    assert out[1] == "{path}: không có tệp hay thư mục này"


# --- no translation frozen at import time ------------------------------------------------------------------------

def import_time_calls(tree: ast.AST) -> list[int]:
    """Return the lines of `_()` calls that run when a module is imported (module, class, decorator, default)."""
    found: list[int] = []

    def visit(node: ast.AST, deferred: bool) -> None:
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_" and not deferred:
            found.append(node.lineno)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            for child in [*getattr(node, "decorator_list", []), *node.args.defaults, *node.args.kw_defaults]:
                if child is not None:
                    visit(child, deferred)
            for child in node.body if isinstance(node.body, list) else [node.body]:
                visit(child, True)
            return
        for child in ast.iter_child_nodes(node):
            visit(child, deferred)

    visit(tree, False)
    return found


def test_no_message_is_translated_at_import_time() -> None:
    """Help texts and module-level tables use N_() and are translated when shown, in the language then."""
    found = []
    for path in sorted((ROOT / "ttbgen").rglob("*.py")):
        lines = import_time_calls(ast.parse(path.read_text(encoding="utf-8")))
        found += [f"{path.relative_to(ROOT)}:{line}" for line in lines]
    assert not found, "use N_() here and _() where the text is shown: " + ", ".join(found)


def literal_calls_in_fstrings(tree: ast.AST) -> list[int]:
    """Return the lines of `_("literal")` inside an f-string: Babel cannot see them, so they stay English."""
    return [node.lineno for joined in ast.walk(tree) if isinstance(joined, ast.JoinedStr)
            for node in ast.walk(joined) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id == "_" and node.args and isinstance(node.args[0], ast.Constant)]


def test_no_message_hides_in_an_fstring() -> None:
    found = []
    for path in sorted((ROOT / "ttbgen").rglob("*.py")):
        lines = literal_calls_in_fstrings(ast.parse(path.read_text(encoding="utf-8")))
        found += [f"{path.relative_to(ROOT)}:{line}" for line in lines]
    assert not found, "take the _() call out of the f-string, so that it is extracted: " + ", ".join(found)
    assert literal_calls_in_fstrings(ast.parse("x = f\"a {_('b')}\"\ny = f\"{_(z)}\"")) == [1]


def test_the_import_time_test_can_fail() -> None:
    source = "X = _('a')\n@click.option(help=_('b'))\ndef f(x=_('c')):\n    return _('d')\n"
    assert import_time_calls(ast.parse(source)) == [1, 2, 3]


# --- choosing the language ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("env", "expected"), [
    ({}, "en"),
    ({"LANG": "vi_VN.UTF-8"}, "vi"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LC_MESSAGES": "vi_VN"}, "vi"),
    ({"LC_ALL": "en_GB.UTF-8", "LANG": "vi_VN.UTF-8"}, "en"),  # LC_ALL overrides LANG
    ({"LANGUAGE": "vi:en", "LANG": "en_US.UTF-8"}, "vi"),  # GNU: LANGUAGE first
    ({"TTBGEN_LANG": "vi", "LANG": "en_US.UTF-8"}, "vi"),
    ({"TTBGEN_LANG": "en", "LANG": "vi_VN.UTF-8"}, "en"),
    ({"TTBGEN_LANG": "fr"}, "en"),
])
def test_language_from_the_environment(clean_env: pytest.MonkeyPatch, env: dict[str, str], expected: str) -> None:
    clean_env.setattr(i18n, "_system_locale", lambda: "")
    for var, value in env.items():
        clean_env.setenv(var, value)
    assert language() == expected


def test_windows_locale_name_gives_vietnamese(clean_env: pytest.MonkeyPatch) -> None:
    """Windows sets no LANG; Python reports the user's locale as Vietnamese_Vietnam."""
    clean_env.setattr(i18n, "_system_locale", lambda: "Vietnamese_Vietnam")
    assert language() == "vi"
    clean_env.setattr(i18n, "_system_locale", lambda: "English_United States")
    assert language() == "en"


class FakeKernel32:
    """GetUserDefaultUILanguage of a Windows shown in one language."""

    def __init__(self, langid: int) -> None:
        self.langid = langid

    def GetUserDefaultUILanguage(self) -> int:
        return self.langid


@pytest.mark.parametrize(("langid", "user_locale", "expected"), [
    (0x042A, "English_United States", "vi"),  # Vietnamese Windows, English formats
    (0x0409, "Vietnamese_Vietnam", "vi"),  # English Windows, Vietnamese region
    (0x0409, "English_United States", "en"),
    (0x0409, None, "en"),
])
def test_windows_display_language(clean_env: pytest.MonkeyPatch, langid: int, user_locale: str | None,
                                  expected: str) -> None:
    """The platform is faked: CI cannot run Windows (the ctypes call is the only Windows-specific line)."""
    import ctypes

    clean_env.setattr(sys, "platform", "win32")
    clean_env.setattr(ctypes, "windll", type("WinDLL", (), {"kernel32": FakeKernel32(langid)})(), raising=False)
    clean_env.setattr(locale, "getlocale", lambda: (user_locale, "1252"))
    i18n._system_locale.cache_clear()
    try:
        assert language() == expected
    finally:
        i18n._system_locale.cache_clear()


def test_no_windows_api_elsewhere(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setattr(locale, "getlocale", lambda: ("vi_VN", "UTF-8"))
    i18n._system_locale.cache_clear()
    try:
        assert i18n._windows_display_language() == "" or sys.platform == "win32"
        assert language() == "vi"
    finally:
        i18n._system_locale.cache_clear()


def test_lang_choice_wins_and_is_restored(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("TTBGEN_LANG", "en")
    previous = set_language("vi")
    try:
        assert language() == "vi"
        assert _("{path}: no such file or folder") == "{path}: không có tệp hay thư mục này"
    finally:
        set_language(previous)
    assert language() == "en"
    assert _("{path}: no such file or folder") == "{path}: no such file or folder"


@pytest.mark.parametrize(("tag", "expected"), [("vi", "vi"), ("vi_VN.UTF-8", "vi"), ("vi-VN", "vi"),
                                               ("Vietnamese_Vietnam.1258", "vi"), ("en", "en"), ("", "en")])
def test_normalise(tag: str, expected: str) -> None:
    assert normalise(tag) == expected


def test_marker_does_not_translate(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("TTBGEN_LANG", "vi")
    assert N_("top") == "top"
    assert _(N_("top")) == "trên"
