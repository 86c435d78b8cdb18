"""Issue 13, item 3: every file read is a regular file under a size limit, read once.

A FIFO would hang forever and a symlink to /dev/zero would fill memory or the disk: each case runs ttbgen in
a child process with an address-space limit and a timeout, and must be refused at once, with a message that
names the file, and nothing written.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile import SPEC, TEMPLATE, run, run_process, snapshot

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(),
                                reason="FIFOs and /dev/zero are POSIX")
NOT_REGULAR = "is not a regular file (a device, a pipe or a folder); refused"


def template_folder(root: Path) -> Path:
    """A copy of the shipped template beside the spec."""
    folder = root / TEMPLATE.name
    folder.mkdir()
    for name in ("template.docx", "template.yaml"):
        (folder / name).write_bytes((TEMPLATE / name).read_bytes())
    return folder


def zero(path: Path) -> None:
    """Make `path` a symlink to /dev/zero."""
    path.unlink(missing_ok=True)
    path.symlink_to("/dev/zero")


def fifo(path: Path) -> None:
    """Make `path` a FIFO nobody writes to."""
    path.unlink(missing_ok=True)
    os.mkfifo(path)


Special = Callable[[Path], None]
KINDS = {"dev-zero": zero, "fifo": fifo}


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("name", ["template.yaml", "template.docx"])
def test_templates_check_refuses_a_special_template_file(tmp_path: Path, kind: str, name: str) -> None:
    folder = template_folder(tmp_path)
    KINDS[kind](folder / name)
    before = snapshot(tmp_path)
    outcome = run_process("templates", "check", folder, cwd=tmp_path)
    outcome.assert_refused(1, f"{folder / name}: ", NOT_REGULAR, "failed")
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("name", ["template.yaml", "template.docx"])
def test_build_refuses_a_special_template_file(tmp_path: Path, kind: str, name: str) -> None:
    folder = template_folder(tmp_path)
    KINDS[kind](folder / name)
    (tmp_path / "a.yaml").write_text(SPEC, encoding="utf-8")
    before = snapshot(tmp_path)
    outcome = run_process("build", "a.yaml", cwd=tmp_path)
    outcome.assert_refused(2, NOT_REGULAR, name)
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_build_refuses_a_special_spec(tmp_path: Path, kind: str) -> None:
    KINDS[kind](tmp_path / "a.yaml")
    outcome = run_process("build", "a.yaml", cwd=tmp_path)
    outcome.assert_refused(2, "a.yaml: the spec " + NOT_REGULAR)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_build_refuses_a_special_office_profile(tmp_path: Path, kind: str) -> None:
    (tmp_path / "offices").mkdir()
    KINDS[kind](tmp_path / "offices" / "ubnd-lang-son.yaml")
    (tmp_path / "a.yaml").write_text(SPEC, encoding="utf-8")
    outcome = run_process("build", "a.yaml", cwd=tmp_path)
    outcome.assert_refused(2, NOT_REGULAR, "ubnd-lang-son.yaml")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_build_refuses_a_special_existing_output(tmp_path: Path, kind: str) -> None:
    (tmp_path / "a.yaml").write_text(SPEC, encoding="utf-8")
    (tmp_path / "out").mkdir()
    KINDS[kind](tmp_path / "out" / "a.docx")
    before = snapshot(tmp_path)
    outcome = run_process("build", "a.yaml", "--force", cwd=tmp_path)
    outcome.assert_refused(2, "out/a.docx: the existing document " + NOT_REGULAR)
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("command", [("check",), ("dump",), ("check", "--rules")])
def test_check_dump_and_rules_refuse_a_special_file(tmp_path: Path, kind: str, command: tuple[str, ...]) -> None:
    target = tmp_path / ("rules.yaml" if "--rules" in command else "n.docx")
    KINDS[kind](target)
    args = [*command, target] if "--rules" not in command else [*command, target, TEMPLATE / "template.docx"]
    outcome = run_process(*args, cwd=tmp_path)
    outcome.assert_refused(2, NOT_REGULAR, target.name)


def test_a_manifest_with_a_billion_laughs_is_refused_at_once(tmp_path: Path) -> None:
    folder = template_folder(tmp_path)
    laughs = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    pairs = zip("abcdefgh", "bcdefghi", strict=True)
    laughs += "".join(f"{c}: &{c} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n" for p, c in pairs)
    (folder / "template.yaml").write_text("name: x\n" + laughs + "description: *i\n", encoding="utf-8")
    outcome = run("templates", "check", folder)
    outcome.assert_refused(1, "anchors and aliases", "failed")


def test_an_oversized_manifest_is_refused(tmp_path: Path) -> None:
    folder = template_folder(tmp_path)
    (folder / "template.yaml").write_text("description: " + "x" * 200_000 + "\n", encoding="utf-8")
    outcome = run("templates", "check", folder)
    outcome.assert_refused(1, "the manifest is 200014 bytes; the limit is 100000 bytes")


TASK_SPEC = SPEC.replace("assessment: {paragraphs: [Các cơ quan đã tích cực triển khai nhiệm vụ.]}\n",
                         "tasks:\n  items:\n    - {lead: Sở Tài chính, due: 2026-03-31, text: Hoàn thiện kế hoạch.}\n")


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("args", [("--status", "so-theo-doi.xlsx"), ("--format", "ics", "-o", "lich.ics"),
                                  ("--format", "csv", "-o", "so.csv")])
def test_tasks_refuses_a_special_status_or_existing_file(tmp_path: Path, kind: str, args: tuple[str, ...]) -> None:
    (tmp_path / "a.yaml").write_text(TASK_SPEC, encoding="utf-8")
    target = tmp_path / next(a for a in args if "." in a)
    KINDS[kind](target)
    before = snapshot(tmp_path)
    outcome = run_process("tasks", "a.yaml", *args, cwd=tmp_path)
    outcome.assert_refused(2, NOT_REGULAR, target.name)
    assert snapshot(tmp_path) == before


def test_templates_list_shows_an_unusable_template_and_the_rest(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    folder = template_folder(tmp_path)
    fifo(folder / "template.yaml")
    monkeypatch.setenv("TTBGEN_TEMPLATE_PATH", str(tmp_path))
    outcome = run("templates", "list")
    outcome.assert_refused(0, "(unusable: ", NOT_REGULAR, "giay-moi")
