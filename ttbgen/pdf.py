"""PDF output through LibreOffice: every document of a batch in one `soffice` call, a private profile."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ttbgen.errors import TtbgenError
from ttbgen.i18n import _

ENV_SOFFICE = "TTBGEN_SOFFICE"  # path of soffice; also lets tests simulate a machine without it
INSTALL_HINT = "apt-get install libreoffice-writer-nogui fonts-liberation2 poppler-utils"
BASE_TIMEOUT = 120  # seconds for LibreOffice to start (~1 s warm, much more on a cold first start)
PER_DOCUMENT = 20  # seconds more for each document of a batch


class PdfError(TtbgenError):
    """LibreOffice or poppler is missing, or failed on a document."""


def find_tool(names: tuple[str, ...], env: str | None = None) -> str:
    """Return the path of an external program, or a PdfError that says how to install it."""
    override = os.environ.get(env, "") if env else ""
    if override:
        if Path(override).is_file() and os.access(override, os.X_OK):
            return override
        raise PdfError(_("{env}={path} is not an executable program; {hint}").format(
            env=env, path=override, hint=INSTALL_HINT))
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    raise PdfError(_("{tool} is not installed, so PDF output and --render checks are not available; install it "
                     "with: {hint}").format(tool=names[0], hint=INSTALL_HINT))


def soffice() -> str:
    """Return the LibreOffice program."""
    return find_tool(("soffice", "libreoffice"), ENV_SOFFICE)


def _check_names(docxs: list[Path]) -> None:
    """Refuse two documents with the same name in one batch (their PDFs would overwrite each other)."""
    seen: dict[str, Path] = {}
    for docx in docxs:
        if not docx.is_file():
            raise PdfError(_("{path}: no such file").format(path=docx))
        if docx.stem in seen:
            raise PdfError(_("{a} and {b} would both become {name}.pdf; convert them separately").format(
                a=seen[docx.stem], b=docx, name=docx.stem))
        seen[docx.stem] = docx


def _run_soffice(docxs: list[Path], outdir: Path, profile: Path) -> None:
    """Run one headless conversion of every document; a hang or crash is a PdfError."""
    command = [soffice(), "--headless", "--norestore", "--nolockcheck", f"-env:UserInstallation={profile.as_uri()}",
               "--convert-to", "pdf", "--outdir", str(outdir), *map(str, docxs)]
    timeout = BASE_TIMEOUT + PER_DOCUMENT * len(docxs)
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise PdfError(_("LibreOffice did not finish converting {n} document(s) in {s} s").format(
            n=len(docxs), s=timeout)) from None
    except OSError as exc:
        raise PdfError(_("cannot run LibreOffice: {reason}").format(reason=exc)) from None
    if result.returncode != 0:
        raise PdfError(_("LibreOffice failed (exit {code}): {err}").format(
            code=result.returncode, err=result.stderr.strip()[:300]))


def _is_pdf(path: Path) -> bool:
    """Tell whether a file exists and starts like a PDF."""
    try:
        with path.open("rb") as fh:
            return fh.read(5) == b"%PDF-"
    except OSError:
        return False


def convert_to_pdf(docxs: list[Path], outdir: Path | None = None) -> list[Path]:
    """Convert documents to PDF in one LibreOffice call; each PDF goes to `outdir`, or beside its document.

    LibreOffice exits 0 even when it cannot load a file (pitfalls.md), so each PDF is checked; PDFs are
    written to a temporary folder first and moved into place, so a failure leaves no half-written file.
    """
    if not docxs:
        return []
    _check_names(docxs)
    with tempfile.TemporaryDirectory(prefix="ttbgen-pdf-") as tmp:
        work = Path(tmp)
        _run_soffice(docxs, work / "out", work / "profile")
        missing = [d for d in docxs if not _is_pdf(work / "out" / f"{d.stem}.pdf")]
        if missing:
            raise PdfError(_("LibreOffice could not convert: {files}").format(files=", ".join(map(str, missing))))
        return [_place(work / "out" / f"{d.stem}.pdf", (outdir or d.parent) / f"{d.stem}.pdf") for d in docxs]


def _place(source: Path, target: Path) -> Path:
    """Move a finished PDF into place atomically."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staged = target.with_name(f".{target.name}.tmp")
        shutil.copyfile(source, staged)
        os.replace(staged, target)
    except OSError as exc:
        raise PdfError(_("{target}: cannot write: {reason}").format(target=target, reason=exc.strerror)) from None
    return target
