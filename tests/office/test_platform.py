"""The platform-specific code (ttbgen/office/platform.py), each branch run with the platform faked: CI runs on
Linux only, so Windows is checked here by monkeypatching sys.platform, os.name and the environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path, PureWindowsPath
from typing import Any

import pytest
from click.testing import CliRunner

from ttbgen.cli import main
from ttbgen.office import pdf, platform


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Pretend to be Windows with Program Files folders under tmp_path (with a space, as on Windows). Only
    sys.platform is faked: pathlib picks its Path class from os.name, so a faked os.name breaks every Path."""
    monkeypatch.setattr(sys, "platform", "win32")
    files, files86 = tmp_path / "Program Files", tmp_path / "Program Files (x86)"
    monkeypatch.setenv("ProgramFiles", str(files))
    monkeypatch.setenv("ProgramW6432", str(files))
    monkeypatch.setenv("ProgramFiles(x86)", str(files86))
    monkeypatch.delenv("TTBGEN_SOFFICE", raising=False)
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)  # soffice is not on a Windows PATH
    return tmp_path


def install(folder: Path) -> Path:
    """Put a soffice.exe where the LibreOffice installer puts it."""
    exe = folder / "LibreOffice" / "program" / "soffice.exe"
    exe.parent.mkdir(parents=True)
    exe.write_bytes(b"MZ")
    return exe


def test_windows_finds_libreoffice_in_program_files(windows: Path) -> None:
    exe = install(windows / "Program Files")
    assert pdf.soffice() == str(exe)


def test_windows_finds_a_32_bit_libreoffice_in_program_files_x86(windows: Path) -> None:
    exe = install(windows / "Program Files (x86)")
    assert pdf.soffice() == str(exe)


def test_windows_default_folders_without_the_environment(windows: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)"):
        monkeypatch.delenv(name)
    places = [PureWindowsPath(p) for p in platform.soffice_locations()]
    assert PureWindowsPath(r"C:\Program Files\LibreOffice\program\soffice.exe") in places
    assert PureWindowsPath(r"C:\Program Files (x86)\LibreOffice\program\soffice.exe") in places


def test_ttbgen_soffice_wins_over_program_files(windows: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install(windows / "Program Files")
    chosen = install(windows / "Phần mềm" / "Bản di động")  # Vietnamese letters and spaces
    chosen.chmod(0o755)
    monkeypatch.setenv("TTBGEN_SOFFICE", str(chosen))
    assert pdf.soffice() == str(chosen)


def test_windows_without_libreoffice_says_how_to_install_it(windows: Path, tmp_path: Path) -> None:
    doc = tmp_path / "a.docx"
    doc.write_bytes(b"")
    result = CliRunner().invoke(main, ["pdf", str(doc)])
    with pytest.raises(pdf.PdfError) as caught:
        pdf.soffice()
    message = caught.value.render()
    assert "winget install TheDocumentFoundation.LibreOffice" in message and "soffice.exe" in message
    assert "apt-get" not in message
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_os_name_alone_means_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(os, "name", "nt")
    windows = platform.is_windows()
    monkeypatch.undo()  # before pytest makes any Path
    assert windows and not platform.is_windows()


def test_linux_and_macos_hints(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "name", "posix")
    monkeypatch.setattr(sys, "platform", "linux")
    assert "apt-get install libreoffice-writer-nogui" in platform.install_hint()
    monkeypatch.setattr(sys, "platform", "darwin")
    assert "brew install --cask libreoffice" in platform.install_hint()
    assert platform.soffice_locations() == [Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")]


def test_windows_starts_a_process_group_and_kills_the_tree_with_taskkill(windows: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []

    def fake_run(command: list[str], **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
        calls.append(command)
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(platform.subprocess, "run", fake_run)
    monkeypatch.delattr(platform.os, "killpg", raising=False)  # Windows has no killpg: it must not be called
    assert set(platform.new_group()) == {"creationflags"} and platform.new_group()["creationflags"] == 0x200
    platform.kill_tree(4242)
    assert calls == [["taskkill", "/F", "/T", "/PID", "4242"]]


def test_posix_starts_a_session_and_kills_the_group(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "name", "posix")
    monkeypatch.setattr(sys, "platform", "linux")
    killed: list[tuple[int, int]] = []
    monkeypatch.setattr(platform.os, "killpg", lambda pid, sig: killed.append((pid, sig)))
    assert platform.new_group() == {"start_new_session": True}
    platform.kill_tree(4242)
    assert killed == [(4242, 9)]


def test_a_group_that_already_ended_is_not_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "name", "posix")
    monkeypatch.setattr(sys, "platform", "linux")

    def gone(pid: int, sig: int) -> None:
        raise ProcessLookupError

    monkeypatch.setattr(platform.os, "killpg", gone)
    platform.kill_tree(4242)


def test_no_posix_only_call_outside_the_platform_module() -> None:
    package = Path(platform.__file__).parent.parent
    posix_only = ("os.killpg", "os.setsid", "os.getpgid", "signal.SIGKILL", "start_new_session", "os.fork")
    offenders = [(p.name, call) for p in package.rglob("*.py") if p.name != "platform.py"
                 for call in posix_only if call in p.read_text(encoding="utf-8")]
    assert offenders == []
