"""PDF output through LibreOffice: every document of a batch in one `soffice` call, a private profile."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ttbgen.errors import DocxError, TtbgenError, not_docx
from ttbgen.i18n import _
from ttbgen.office import platform
from ttbgen.office.profile import libreoffice_profile, watch
from ttbgen.office.sandbox import isolated, sanitized_copies, soffice_environment
from ttbgen.records import record

ENV_SOFFICE = "TTBGEN_SOFFICE"  # path of soffice; also lets tests simulate a machine without it
# PDF/A-2b, the archival PDF e-office systems sign (pitfalls.md); it embeds every font. LibreOffice carries the
# document's title, subject and author (the .docx core properties) into the PDF's properties.
PDF_A = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
BASE_TIMEOUT = 120  # seconds for LibreOffice to start (~1 s warm, much more on a cold first start)
PER_DOCUMENT = 20  # seconds more for each document of a batch


class PdfError(TtbgenError):
    """LibreOffice or poppler is missing, or failed on a document."""


def find_tool(names: tuple[str, ...], env: str | None = None, label: str = "", places: tuple[Path, ...] = ()) -> str:
    """Return the path of an external program (the `env` override, then PATH, then its usual install `places`),
    or a PdfError that says how to install it."""
    override = os.environ.get(env, "") if env else ""
    if override:
        if Path(override).is_file() and os.access(override, os.X_OK):
            return override
        raise PdfError(_("{env}={path} is not an executable program; {hint}").format(
            env=env, path=override, hint=platform.install_hint()))
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    for place in places:
        if place.is_file():
            return str(place)
    raise PdfError(_("{tool} is not installed, so PDF output and --render checks are not available; install it "
                     "with: {hint}").format(tool=label or names[0], hint=platform.install_hint()))


def soffice() -> str:
    """Return the LibreOffice program (Windows installs it outside PATH, in Program Files)."""
    return find_tool(("soffice", "libreoffice"), ENV_SOFFICE, "LibreOffice (soffice)",
                     tuple(platform.soffice_locations()))


def _check_names(docxs: list[Path]) -> None:
    """Refuse missing files, non-.docx files, and two documents with the same name in one batch."""
    seen: dict[str, Path] = {}
    for docx in docxs:
        if not docx.is_file():
            raise PdfError(_("{path}: no such file").format(path=docx))
        # LibreOffice converts any file it can read as text, so a broken .docx would become a PDF of
        # its raw bytes; a .docx is a zip archive.
        if not zipfile.is_zipfile(docx):
            raise PdfError(not_docx(docx, docx.suffix))
        if docx.stem in seen:
            raise PdfError(_("{a} and {b} would both become {name}.pdf; convert them separately").format(
                a=seen[docx.stem], b=docx, name=docx.stem))
        seen[docx.stem] = docx


def _run_soffice(docxs: list[Path], outdir: Path, profile: Path, pdf_a: bool = False) -> str:
    """Run one headless conversion of every document and return its messages; a hang or crash is a PdfError."""
    command = [*isolated([soffice()]), "--headless", "--norestore", "--nolockcheck",
               f"-env:UserInstallation={profile.as_uri()}", "--convert-to", PDF_A if pdf_a else "pdf", "--outdir",
               str(outdir), *map(str, docxs)]
    timeout = BASE_TIMEOUT + PER_DOCUMENT * len(docxs)
    try:
        # A session of its own: soffice is a script whose oosplash starts soffice.bin, and a timeout
        # must kill that whole group, not leave soffice.bin running on a deleted profile.
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   encoding="utf-8", errors="replace", env=soffice_environment(outdir.parent),
                                   **platform.new_group())
    except OSError as exc:
        raise PdfError(_("cannot run LibreOffice: {reason}").format(reason=exc)) from None
    try:
        err: str = process.communicate(timeout=timeout)[1]
    except subprocess.TimeoutExpired:
        _kill_group(process)
        raise PdfError(_("LibreOffice did not finish converting {n} document(s) in {s} s").format(
            n=len(docxs), s=timeout)) from None
    if process.returncode != 0:
        raise PdfError(_("LibreOffice failed (exit {code}): {err}").format(
            code=process.returncode, err=_messages(err)))
    return err


def _messages(err: str) -> str:
    """Return soffice's own messages, without the javaldx warning it prints on machines without Java."""
    lines = [line.strip() for line in err.splitlines() if line.strip() and "javaldx" not in line]
    return "; ".join(lines)[:300] or _("no message")


def _kill_group(process: subprocess.Popen[str]) -> None:
    """Kill soffice and every process it started, and reap it."""
    platform.kill_tree(process.pid)
    process.communicate()


def _is_pdf(path: Path) -> bool:
    """Tell whether a file exists and starts like a PDF."""
    try:
        with path.open("rb") as fh:
            return fh.read(5) == b"%PDF-"
    except OSError:
        return False


def convert_to_pdf(docxs: list[Path], outdir: Path | None = None, pdf_a: bool = False,
                   progress: Callable[[int, int], None] | None = None) -> list[Path]:
    """Convert documents to PDF (PDF/A-2b with `pdf_a`) in one LibreOffice call; each PDF goes to `outdir`, or
    beside its document.

    LibreOffice exits 0 even when it cannot load a file (pitfalls.md), so each PDF is checked; PDFs are
    written to a temporary folder first and moved into place, so a failure leaves no half-written file.
    """
    if not docxs:
        return []
    _check_names(docxs)
    # Windows cannot delete a file a lingering soffice.bin still holds: never fail on the clean-up.
    with tempfile.TemporaryDirectory(prefix="ttbgen-pdf-", ignore_cleanup_errors=True) as tmp:
        work = Path(tmp)
        # LibreOffice sees only sanitized copies: no external or file targets (issue 13, docs/security.md).
        try:
            inputs = sanitized_copies(docxs, work / "in")
        except DocxError as exc:
            raise PdfError(exc.render()) from None
        with libreoffice_profile(work / "profile") as profile, watch(work / "out", len(docxs), progress):
            err = _run_soffice(inputs, work / "out", profile, pdf_a)
        missing = [d for d in docxs if not _is_pdf(work / "out" / f"{d.stem}.pdf")]
        if missing:
            raise PdfError(_("LibreOffice could not convert {files} ({reason})").format(
                files=", ".join(map(str, missing)), reason=_messages(err)))
        return [_place(work / "out" / f"{d.stem}.pdf", (outdir or d.parent) / f"{d.stem}.pdf") for d in docxs]


def _place(source: Path, target: Path) -> Path:
    """Move a finished PDF into place atomically."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staged = target.with_name(f".{target.name}.{os.getpid()}.tmp")  # two runs never share one
        shutil.copyfile(source, staged)
        os.replace(staged, target)
    except OSError as exc:
        with contextlib.suppress(OSError, UnboundLocalError):
            staged.unlink(missing_ok=True)
        raise PdfError(_("{target}: cannot write: {reason}").format(target=target, reason=exc.strerror)) from None
    return target


XHTML = "{http://www.w3.org/1999/xhtml}"  # the namespace of pdftotext's -bbox output


@record
class Box:
    """A word or line of a rendered page, with its box in points from the page's top-left corner."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float


def pdftotext_boxes(pdf: Path, layout: bool = False, timeout: int = 120) -> Any:
    """Run poppler's `pdftotext -bbox` (words) or `-bbox-layout` (blocks, lines, words) on a PDF and return the
    parsed XHTML root; a missing tool, a failed run or unreadable output is a PdfError naming the file."""
    from lxml import etree

    tool = find_tool(("pdftotext",), None, "poppler-utils (pdftotext)")
    mode = ["-bbox-layout"] if layout else ["-bbox", "-raw"]
    try:
        done = subprocess.run([tool, *mode, str(pdf), "-"], capture_output=True, check=False, timeout=timeout)
        if done.returncode != 0:
            raise PdfError(_("{pdf}: pdftotext could not read it (not a PDF?)").format(pdf=pdf))
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
        return etree.fromstring(done.stdout, parser)
    except (subprocess.TimeoutExpired, etree.XMLSyntaxError):
        raise PdfError(_("{pdf}: pdftotext could not read it (not a PDF?)").format(pdf=pdf)) from None
    except OSError as exc:
        raise PdfError(_("{pdf}: pdftotext failed: {reason}").format(pdf=pdf, reason=exc)) from None
