"""What differs between Windows, macOS and Linux when ttbgen runs LibreOffice: where it is installed, how to
install it, and how to stop it with the processes it started. Everything platform-specific lives here, so the
tests can fake the platform (sys.platform, os.name, the environment) and check each branch on any machine."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from ttbgen.i18n import _


def is_windows() -> bool:
    """Tell whether ttbgen runs on Windows."""
    return os.name == "nt" or sys.platform == "win32"


def soffice_locations() -> list[Path]:
    """Return where the LibreOffice installers put soffice, for a machine whose PATH does not name it."""
    if is_windows():
        # The installer's default: %ProgramFiles%\LibreOffice, or Program Files (x86) for a 32-bit install.
        roots = [os.environ.get(v, "") for v in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)")]
        roots += [r"C:\Program Files", r"C:\Program Files (x86)"]
        return [Path(root) / "LibreOffice" / "program" / "soffice.exe" for root in dict.fromkeys(roots) if root]
    if sys.platform == "darwin":
        return [Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")]
    return [Path(p) for p in ("/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice",
                              "/opt/libreoffice/program/soffice", "/snap/bin/libreoffice")]


def install_hint() -> str:
    """Return how to install LibreOffice (and poppler) on this platform."""
    if is_windows():
        return _("winget install TheDocumentFoundation.LibreOffice (or the installer from "
                 "https://www.libreoffice.org/download/), then open a new terminal; if it is installed elsewhere, "
                 "set TTBGEN_SOFFICE to the full path of soffice.exe")
    if sys.platform == "darwin":
        return _("brew install --cask libreoffice; brew install poppler")
    return "apt-get install libreoffice-writer-nogui fonts-liberation2 poppler-utils"


def new_group() -> dict[str, Any]:
    """Return the Popen arguments that start a program in a process group of its own, to be killed whole."""
    if is_windows():
        return {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0x200)}
    return {"start_new_session": True}


def kill_tree(pid: int) -> None:
    """Kill a program started with `new_group()` and every process it started (soffice starts soffice.bin)."""
    if is_windows():
        # taskkill /T follows the parent links, which a Windows process group does not let os.kill reach.
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(pid)], capture_output=True, check=False)
        return
    with contextlib.suppress(ProcessLookupError):  # it may have finished on its own meanwhile
        os.killpg(pid, getattr(signal, "SIGKILL", 9))
