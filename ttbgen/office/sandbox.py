"""What reaches LibreOffice: sanitized copies of untrusted documents, and soffice cut off from the network.

An untrusted .docx can name a web image (a beacon), a local file (embedded into the PDF) or a remote
template; LibreOffice fetches them while converting (issue 13). Every document is first copied through the
package gate's sanitizer (ttbgen/render/gate.py), and soffice runs in a network namespace of its own
(`unshare -n`, or `unshare -rn` for an ordinary user) when the platform allows. docs/security.md.
"""

from __future__ import annotations

import functools
import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

from ttbgen.errors import DocxError
from ttbgen.i18n import _
from ttbgen.render.gate import sanitize
from ttbgen.safefile import MAX_DOCX_BYTES, read_bounded

ENV_NETWORK = "TTBGEN_SOFFICE_NETWORK"  # "allow" runs soffice without the network namespace
MAX_UNPACKED = 200_000_000  # bytes of all members of a document to convert


def sanitized_copies(docxs: list[Path], folder: Path) -> list[Path]:
    """Write a sanitized copy of each document into `folder`, keeping its file name (PDF names follow it)."""
    folder.mkdir(parents=True, exist_ok=True)
    return [_sanitized_copy(docx, folder / docx.name) for docx in docxs]


def _sanitized_copy(docx: Path, target: Path) -> Path:
    """Copy one document through the sanitizer."""
    members = _members(docx)
    clean, _removed = sanitize(members)
    buffer = io.BytesIO()
    # Stored, not deflated: the copy lives only until LibreOffice has read it (deflating took a sixth of the copy)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as zf:
        for name, data in clean.items():
            zf.writestr(name, data)
    target.write_bytes(buffer.getvalue())
    return target


def _members(docx: Path) -> dict[str, bytes]:
    """Read a document's members within the size limits (a zip bomb is refused from its declared sizes)."""
    data = read_bounded(docx, MAX_DOCX_BYTES, DocxError, _("the document"))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = [i for i in zf.infolist() if not i.is_dir()]
            if sum(i.file_size for i in infos) > MAX_UNPACKED:
                raise DocxError(_("{file}: refused: the document unpacks to more than {limit} bytes").format(
                    file=docx, limit=MAX_UNPACKED))
            members = {i.filename: zf.read(i) for i in infos}
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as exc:
        raise DocxError(_("{file}: not a .docx ({reason})").format(file=docx, reason=exc)) from None
    if "word/document.xml" not in members or "[Content_Types].xml" not in members:
        # LibreOffice would load anything else by its content (an .odt, HTML, plain text) with its links.
        raise DocxError(_("{file}: not a Word document (no word/document.xml or [Content_Types].xml); not "
                          "converted").format(file=docx))
    return members


def isolated(command: list[str]) -> list[str]:
    """Prefix a command so that it runs without network, when the platform allows it."""
    if os.environ.get(ENV_NETWORK, "") == "allow":
        return command
    prefix = _no_network_prefix()
    return [*prefix, *command] if prefix else command


@functools.cache
def _no_network_prefix() -> tuple[str, ...]:
    """Return the `unshare` invocation that works here, or () (Windows, macOS, namespaces disabled)."""
    unshare = shutil.which("unshare")
    if not unshare:
        return ()
    for flags in (("-n",), ("-rn",)):
        try:
            probe = subprocess.run([unshare, *flags, "true"], capture_output=True, timeout=10, check=False)
        except (OSError, subprocess.SubprocessError):
            continue
        if probe.returncode == 0:
            return (unshare, *flags)
    return ()


def network_isolated() -> bool:
    """Tell whether soffice runs without network on this machine (for messages and tests)."""
    return bool(_no_network_prefix()) and os.environ.get(ENV_NETWORK, "") != "allow"


def soffice_environment(work: Path) -> dict[str, str]:
    """Return soffice's environment: its temporary files (lu*.tmp) go into our work folder, removed with it."""
    tmp = work / "tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    return {**os.environ, "TMPDIR": str(tmp), "TMP": str(tmp), "TEMP": str(tmp)}
