"""Every command the README and docs/ show is run: the lines starting with `ttbgen` (or `_TTBGEN_COMPLETE=`) of
their ```sh blocks, in order, in a fresh copy of the repository (in a folder whose name has Vietnamese letters
and a space) with a private HOME. The docs cite a Decree 30 reference users have, by sections that exist.

Not run: blocks that are not `sh` (YAML, JSON, the output examples, the Windows commands of docs/windows.md,
which need Windows), and the commands that need LibreOffice or poppler when they are missing (NEEDS_OFFICE).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from paths import ROOT

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
COPIED = ("README.md", "docs", "specs", "templates", "pyproject.toml")
NEEDS_OFFICE = re.compile(r"--pdf|ttbgen pdf|ttbgen preview|--render")
HAVE_OFFICE = all(shutil.which(tool) for tool in ("soffice", "pdftotext", "pdftoppm"))


def commands(doc: Path) -> list[str]:
    """Return the ttbgen command lines of a document's ```sh blocks."""
    blocks = re.findall(r"^```(?:sh|bash|shell)\n(.*?)^```", doc.read_text(encoding="utf-8"), re.S | re.M)
    return [line.strip() for block in blocks for line in block.splitlines()
            if line.strip().startswith(("ttbgen ", "_TTBGEN_COMPLETE="))]


def test_the_docs_show_commands() -> None:
    shown = {doc.name: len(commands(doc)) for doc in DOCS}
    assert shown["README.md"] >= 10 and shown["office.md"] >= 4 and shown["ci.md"] >= 5 and shown["pdf.md"] >= 5


@pytest.mark.parametrize("doc", [d for d in DOCS if commands(d)], ids=lambda d: d.name)
def test_every_command_of_a_doc_runs(doc: Path, tmp_path: Path) -> None:
    repo = tmp_path / "bản sao"
    repo.mkdir()
    for name in COPIED:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copyfile)(source, repo / name)
    home = tmp_path / "home"
    (home / ".config" / "fish" / "completions").mkdir(parents=True)
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    failed = []
    for command in commands(doc):
        if NEEDS_OFFICE.search(command) and not HAVE_OFFICE:
            continue
        done = subprocess.run(["bash", "-c", command], cwd=repo, env=env, capture_output=True, text=True,
                              timeout=300, check=False)
        if done.returncode != 0 or "Traceback" in done.stderr:
            failed.append(f"{command}\n  exit {done.returncode}: {done.stderr.strip()[-500:]}")
    assert failed == [], "\n".join(failed)


SOURCES = [*DOCS, *(ROOT / "ttbgen").rglob("*.py"), *(ROOT / "ttbgen").rglob("*.yaml"),
           *(ROOT / "templates").rglob("*.yaml"), *(ROOT / "tools").rglob("*.py")]


def test_citations_name_the_shipped_reference_and_sections_it_has() -> None:
    reference = (ROOT / "docs" / "decree30.md").read_text(encoding="utf-8")
    sections = set(re.findall(r"^#{2,3} (\d+(?:\.\d+)?)\.? ", reference, re.M))
    bare, unknown = [], []
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        bare += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in re.finditer(r"(?<![/\w.\"])decree30\.md", text)]
        for cited in re.finditer(r"docs/decree30\.md((?:,? (?:and )?§\d+(?:\.\d+)?[^,;)\"\n]*)+)", text):
            unknown += [f"{path.relative_to(ROOT)}: §{n}" for n in re.findall(r"§(\d+(?:\.\d+)?)", cited.group(1))
                        if n not in sections]
    assert bare == [], "cite docs/decree30.md, the file users have"
    assert unknown == []
