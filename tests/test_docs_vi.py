"""The Vietnamese guide (docs/vi/, issue 16): linked first from the README, its links resolve, and every message
it quotes is one ttbgen prints in Vietnamese."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po
from click.testing import CliRunner
from paths import ROOT
from test_doc_commands import commands
from test_doc_commands import test_every_command_of_a_doc_runs as run_doc_commands

from ttbgen.cli import main

GUIDE = ROOT / "docs" / "vi"
PO = ROOT / "ttbgen" / "locale" / "vi" / "LC_MESSAGES" / "ttbgen.po"
PLACEHOLDER = re.compile(r"\{[A-Za-z_]\w*(?:![rsa])?(?::[^{}]*)?\}")
# A quoted output line: `file:line:col: ` or `file:¶N: ` / `file:phần (section) N: ` and the rest.
LOCATED = re.compile(r"^[\w./-]+\.(?:yaml|docx):(?:\d+:\d+|¶\d+|[^:]+): (.+)$")


def guide_pages() -> list[Path]:
    return sorted(GUIDE.glob("*.md"))


def test_readme_links_the_guide_first() -> None:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    first = next(line for line in lines[1:] if line.strip())
    assert "(docs/vi/README.md)" in first


def test_guide_has_its_pages_and_links_resolve() -> None:
    names = {p.name for p in guide_pages()}
    assert {"README.md", "cai-dat.md", "ho-so-co-quan.md", "thong-bao-dau-tien.md", "loi-thuong-gap.md",
            "theo-doi-nhiem-vu.md"} <= names
    for page in guide_pages():
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            assert (page.parent / target).exists(), f"{page.name}: broken link {target}"


def message_patterns() -> list[re.Pattern[str]]:
    """Return a pattern per Vietnamese message (placeholders match anything) with enough words of its own."""
    with PO.open("rb") as f:
        catalog = read_po(f, locale="vi")
    patterns = []
    for message in catalog:
        text = str(message.string or "")
        if len(PLACEHOLDER.sub("", text)) >= 12:
            parts = PLACEHOLDER.split(text)
            patterns.append(re.compile(".+".join(re.escape(p) for p in parts)))
    return patterns


def quoted_messages() -> list[tuple[str, str]]:
    """Return (page, line) for every located output line quoted in a plain code block of the guide."""
    found = []
    for page in guide_pages():
        for block in re.findall(r"^```\n(.*?)^```", page.read_text(encoding="utf-8"), re.S | re.M):
            found += [(page.name, line) for line in block.splitlines() if LOCATED.match(line)]
    return found


def test_quoted_messages_are_what_ttbgen_prints() -> None:
    """A message the guide quotes and explains must exist word for word in the catalogue (with any values)."""
    patterns = message_patterns()
    quoted = quoted_messages()
    assert len(quoted) >= 12
    unknown = [f"{page}: {line}" for page, line in quoted
               if not any(p.search(line) for p in patterns)]
    assert not unknown, "the guide quotes messages ttbgen does not print:\n" + "\n".join(unknown)


def test_a_made_up_message_is_caught() -> None:
    patterns = message_patterns()
    assert any(p.search("hop.yaml:11:9: meeting.date: ngày phải viết dạng 2024-01-31 (bản nháp có thể viết "
                        "2024-01 hoặc 2024), không phải '01/12/2026'") for p in patterns)
    assert not any(p.search("hop.yaml:11:9: meeting.date: ngày viết sai rồi") for p in patterns)


@pytest.mark.parametrize("page", [p for p in guide_pages() if commands(p)], ids=lambda p: p.name)
def test_every_command_of_the_guide_runs(page: Path, tmp_path: Path) -> None:
    """The guide's ```sh commands run in order in a fresh copy of the repository, as docs/*.md's do."""
    run_doc_commands(page, tmp_path)


def test_the_guides_example_spec_builds_clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The spec the first-notice page explains builds for the office the page creates, and checks clean."""
    page = (GUIDE / "thong-bao-dau-tien.md").read_text(encoding="utf-8")
    spec = next(b for b in re.findall(r"^```yaml\n(.*?)^```", page, re.S | re.M) if re.search(r"^office:", b, re.M))
    office = yaml.safe_load(spec)["office"]
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(main, ["new-office", office], env={"TTBGEN_LANG": "vi"}).exit_code == 0
    (tmp_path / "vd.yaml").write_text(spec, encoding="utf-8")
    built = runner.invoke(main, ["build", "vd.yaml"], env={"TTBGEN_LANG": "vi"})
    assert built.exit_code == 0, built.stderr
    assert built.stderr == "" and "0 lỗi, 0 cảnh báo" in built.output
