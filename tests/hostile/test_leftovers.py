"""Issue 13, item 7: temporary files are named with the pid, removed on every error path (an interrupt too),
and those of a killed run are removed by the next one; a stopped batch says what it wrote."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from hostile import SPEC, leftovers, run

from ttbgen import files
from ttbgen.build import pipeline


def dead_pid() -> int:
    """The pid of a process that has exited (and been reaped)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_later_run_removes_what_a_killed_run_left(in_tmp: Path) -> None:
    (in_tmp / "a.yaml").write_text(SPEC, encoding="utf-8")
    out = in_tmp / "out"
    out.mkdir()
    stale = out / f".a.docx.{dead_pid()}.k2j4x9ab.tmp"
    stale_pdf = out / f".a.pdf.{dead_pid()}.tmp"
    stale_pdf.write_bytes(b"%PDF")
    user = out / ".notes.2024.tmp"  # not ttbgen's: never touched
    user.write_bytes(b"mine")
    stale.write_bytes(b"")
    alive = out / f".a.docx.{os.getppid()}.abcdefgh.tmp"  # a run still going: kept
    alive.write_bytes(b"")
    outcome = run("build", "a.yaml", "--no-check")
    outcome.assert_refused(0, "wrote out/a.docx")
    assert not stale.exists() and not stale_pdf.exists() and alive.exists() and user.exists()


def test_a_temporary_file_is_named_with_the_pid(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    names: list[str] = []
    real = os.replace

    def spy(src: str, dst: str) -> None:
        names.append(Path(src).name)
        real(src, dst)

    monkeypatch.setattr(files.os, "replace", spy)
    pipeline.atomic_write(in_tmp / "x.docx", b"data")
    assert len(names) == 1 and names[0].startswith(f".x.docx.{os.getpid()}.") and names[0].endswith(".tmp")


def test_an_interrupt_while_writing_leaves_no_temporary_file(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        pipeline.atomic_write(in_tmp / "x.docx", b"data")
    assert leftovers(in_tmp) == [] and not (in_tmp / "x.docx").exists()


def test_an_interrupted_batch_says_what_it_wrote(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("a", "b", "c"):
        (in_tmp / f"{name}.yaml").write_text(SPEC, encoding="utf-8")
    real = pipeline.atomic_write
    calls: list[Path] = []

    def write(target: Path, data: bytes) -> None:
        calls.append(target)
        if len(calls) == 2:
            raise KeyboardInterrupt  # Ctrl+C while the second document is written
        real(target, data)

    monkeypatch.setattr(pipeline, "atomic_write", write)
    outcome = run("build", ".", "--no-check")
    outcome.assert_refused(130, "interrupted", "the batch stopped: already written: out/a.docx; not written: "
                                "out/b.docx, out/c.docx")
    assert sorted(p.name for p in (in_tmp / "out").iterdir()) == ["a.docx"]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")
def test_kill_9_leftovers_are_cleaned_by_the_next_run(in_tmp: Path) -> None:
    """A real kill -9 between the temporary write and the rename: the next build removes the leftover."""
    (in_tmp / "a.yaml").write_text(SPEC, encoding="utf-8")
    script = ("import os, signal\nfrom ttbgen import files\nreal = os.replace\n"
              # only the document's rename: a cold cache renames its own files first
              "def die(src, dst):\n    if not str(dst).endswith('.docx'):\n        return real(src, dst)\n"
              "    os.kill(os.getpid(), signal.SIGKILL)\n"
              "files.os.replace = die\nfrom ttbgen.cli import main\nmain(['build', 'a.yaml', '--no-check'])\n")
    killed = subprocess.run([sys.executable, "-c", script], cwd=in_tmp, capture_output=True, check=False, timeout=120)
    assert killed.returncode == -signal.SIGKILL
    assert len(leftovers(in_tmp / "out")) == 1
    outcome = run("build", "a.yaml", "--no-check")
    outcome.assert_refused(0, "wrote out/a.docx")
    assert leftovers(in_tmp / "out") == []
