"""Issue 13, item 2: what reaches LibreOffice names no URL and no local file, and soffice runs without network.

A local HTTP listener counts requests; `ttbgen check --render` and `ttbgen pdf` on documents that link a web
picture or a local file make none and embed nothing. Control runs (LibreOffice on the raw file, network
allowed) show that the same documents do fetch and embed without the sanitizer.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hostile import PNG, REL, Listener, add_rel, drawing, field, in_body, members, run, snapshot, write_package

from ttbgen.office import pdf as pdfmod
from ttbgen.office.sandbox import ENV_NETWORK, isolated, network_isolated

needs_office = pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdfimages")),
                                  reason="LibreOffice and poppler are not installed")
DOC_RELS = "word/_rels/document.xml.rels"


def linked(base: Path, target: Path, url: str) -> Path:
    """A notice whose first paragraph shows a picture linked (not stored) at `url`."""
    parts = members(base)
    add_rel(parts, DOC_RELS, f'<Relationship Id="rIdL" Type="{REL}/image" Target="{url}" TargetMode="External"/>')
    in_body(parts, drawing("rIdL") + field(f' INCLUDEPICTURE "{url}" \\\\d '))
    return write_package(target, parts)


def raw_soffice(docx: Path, outdir: Path) -> Path:
    """Convert with LibreOffice directly, network allowed: the control, showing what ttbgen prevents."""
    profile = (outdir / "profile").as_uri()
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation={profile}", "--convert-to", "pdf", "--outdir",
                    str(outdir), str(docx)], capture_output=True, timeout=180, check=False)
    return outdir / f"{docx.stem}.pdf"


def images(pdf: Path) -> int:
    """Count the images a PDF embeds."""
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    return max(len(listing.splitlines()) - 2, 0)


@needs_office
@pytest.mark.parametrize("network", ["", "allow"])  # "allow": the sanitized copy alone must suffice
def test_check_render_fetches_nothing(tmp_path: Path, built: dict[str, Path], listener: Listener, network: str,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_NETWORK, network)
    doc = linked(built["example"], tmp_path / "beacon.docx", f"{listener.url}/beacon.png")
    before = snapshot(tmp_path)
    outcome = run("check", "--render", doc)
    outcome.assert_refused(1)
    outcome.assert_line("active-content", f"points outside the document to {listener.url}/beacon.png")
    assert listener.requests == []
    assert snapshot(tmp_path) == before
    raw_soffice(doc, tmp_path / "control")
    if not listener.requests:
        pytest.skip("control: this LibreOffice does not fetch linked pictures at all")


@needs_office
def test_pdf_embeds_no_local_file(tmp_path: Path, built: dict[str, Path]) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(PNG)
    doc = linked(built["example"], tmp_path / "leak.docx", secret.as_uri())
    outcome = run("pdf", doc, "-o", tmp_path / "pdf")
    outcome.assert_refused(0)
    assert images(tmp_path / "pdf" / "leak.pdf") == 0
    control = raw_soffice(doc, tmp_path / "control")
    if images(control) == 0:
        pytest.skip("control: this LibreOffice does not embed linked local files")


@pytest.mark.skipif(not network_isolated(), reason="no network namespaces here (unshare missing or not permitted)")
def test_soffice_runs_without_network(listener: Listener) -> None:
    """What `isolated` wraps cannot reach even 127.0.0.1 (a fresh network namespace has no interfaces up)."""
    probe = [sys.executable, "-c", f"import urllib.request; urllib.request.urlopen('{listener.url}/x', timeout=5)"]
    assert subprocess.run(probe, capture_output=True, check=False).returncode == 0  # reachable from here
    assert subprocess.run(isolated(probe), capture_output=True, check=False).returncode != 0
    assert len(listener.requests) == 1


def test_a_libreoffice_timeout_leaves_no_temporary_folder(tmp_path: Path, built: dict[str, Path],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """soffice's own temporary files (lu*.tmp) go into ttbgen's work folder, removed even after a timeout."""
    fake = tmp_path / "soffice"
    fake.write_text('#!/bin/sh\nmkdir "$TMPDIR/lu12345.tmp"\necho $TMPDIR > "' + str(tmp_path / "where") + '"\n'
                    "sleep 60\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv(pdfmod.ENV_SOFFICE, str(fake))
    monkeypatch.setattr(pdfmod, "BASE_TIMEOUT", 1)
    monkeypatch.setattr(pdfmod, "PER_DOCUMENT", 1)
    outcome = run("pdf", built["example"], "-o", tmp_path / "pdf")
    outcome.assert_refused(2, "LibreOffice did not finish")
    where = Path((tmp_path / "where").read_text(encoding="utf-8").strip())
    assert where.name == "tmp" and not where.exists() and not where.parent.exists()
    assert not (tmp_path / "pdf").exists() or not any((tmp_path / "pdf").iterdir())


def test_pdf_staging_file_is_named_with_the_pid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk while placing the PDF leaves nothing behind, and two runs never share a staging name."""
    source = tmp_path / "a.pdf"
    source.write_bytes(b"%PDF-1.4\n")
    seen: list[str] = []

    def full(src: str, dst: str) -> None:
        seen.append(Path(dst).name)
        Path(dst).write_bytes(b"%PDF")  # partly written, then the disk is full
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pdfmod.shutil, "copyfile", full)
    with pytest.raises(pdfmod.PdfError, match="No space left on device"):
        pdfmod._place(source, tmp_path / "out" / "x.pdf")
    assert seen == [f".x.pdf.{os.getpid()}.tmp"]
    assert list((tmp_path / "out").iterdir()) == []
