"""Helpers for the hostile-input tests (issue 13): run a command with time and memory measured, a local HTTP
listener that counts requests, hostile templates and documents built from the shipped ones in a few lines."""

from __future__ import annotations

import http.server
import os
import re
import subprocess
import sys
import threading
import time
import tracemalloc
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner
from paths import ROOT

from ttbgen.cli import main

TEMPLATE = ROOT / "templates" / "thong-bao-ket-luan"
SECONDS = 60.0  # generous: the point is "not minutes", never a tight timing
PEAK_BYTES = 400 * 1024 * 1024  # Python allocations; the unbounded cases reached 1–26 GB
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SPEC = """\
office: ubnd-lang-son
date: 2026-03-10
meeting:
  date: 2026-03-02
  name: cuộc họp nghe báo cáo tiến độ chuyển đổi số
  chair: {name: Nguyễn Văn Bình, title: Phó Chủ tịch UBND tỉnh}
assessment: {paragraphs: [Các cơ quan đã tích cực triển khai nhiệm vụ.]}
"""


@dataclass
class Outcome:
    """What a command did: exit code, everything it printed, wall time, peak Python memory, any traceback."""

    code: int
    output: str
    seconds: float
    peak: int
    exception: BaseException | None

    def assert_line(self, *pieces: str) -> None:
        """Assert that one line of the output holds every piece (a part and what is wrong with it)."""
        assert any(all(p in line for p in pieces) for line in self.output.splitlines()), (pieces, self.output)

    def assert_refused(self, code: int, *messages: str) -> None:
        """Assert the exit code, each message, no traceback, and the time and memory bounds."""
        assert self.exception is None or isinstance(self.exception, SystemExit), repr(self.exception)
        assert "Traceback" not in self.output, self.output
        assert self.code == code, (self.code, self.output)
        for message in messages:
            assert message in self.output, (message, self.output)
        assert self.seconds < SECONDS, self.seconds
        assert self.peak < PEAK_BYTES, self.peak


def run(*args: str | Path) -> Outcome:
    """Run `ttbgen ARGS` in-process, measuring wall time and peak traced memory."""
    tracemalloc.start()
    started = time.monotonic()
    try:
        result = CliRunner().invoke(main, [str(a) for a in args])
    finally:
        elapsed = time.monotonic() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    exc = result.exception if not isinstance(result.exception, SystemExit) else None
    return Outcome(result.exit_code, result.output, elapsed, peak, exc)


def run_process(*args: str | Path, cwd: Path, memory: int = 1536 * 1024 * 1024, timeout: float = SECONDS) -> Outcome:
    """Run `python -m ttbgen ARGS` in a child with an address-space limit and a timeout (FIFO, /dev/zero: a
    mistake there would hang or fill memory, so it must not run in the test process)."""
    import resource

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "ttbgen", *map(str, args)], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, preexec_fn=limit, env={**os.environ, "PYTHONPATH": str(ROOT)},
                          check=False)
    return Outcome(proc.returncode, proc.stdout + proc.stderr, time.monotonic() - started, 0, None)


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every file under a folder with its bytes (symlinks and special files by their kind, never read)."""
    out: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_symlink():
            out[key] = "symlink"
        elif path.is_file():
            out[key] = path.read_bytes()
        elif not path.is_dir():
            out[key] = "special"
    return out


class Listener:
    """An HTTP server on 127.0.0.1 that answers every GET with a tiny PNG and counts the requests."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                outer.requests.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.end_headers()
                self.wfile.write(PNG)

            do_HEAD = do_GET
            do_OPTIONS = do_GET
            do_PROPFIND = do_GET

            def log_message(self, *args: object) -> None:
                """Stay quiet."""

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def close(self) -> None:
        """Stop the server."""
        self.server.shutdown()
        self.server.server_close()


def _png() -> bytes:
    """A valid 1×1 red PNG (for the listener's answers and for pictures stored inside a document)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0\xff\0\0")) + \
        chunk(b"IEND", b"")


PNG = _png()


def members(docx: Path) -> dict[str, bytes]:
    """Read a package's members."""
    with zipfile.ZipFile(docx) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def write_package(path: Path, parts: dict[str, bytes]) -> Path:
    """Write members into a .docx (names as given: hostile names included)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return path


Edit = Callable[[dict[str, bytes]], None]


def add_rel(parts: dict[str, bytes], rels: str, rel: str) -> None:
    """Add a relationship element to a .rels part (creating the part if needed)."""
    empty = b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>'
    text = parts.get(rels, empty).decode()
    parts[rels] = text.replace("</Relationships>", rel + "</Relationships>").encode()


def in_body(parts: dict[str, bytes], xml: str, part: str = "word/document.xml") -> None:
    """Insert XML (a paragraph) at the start of a part's body."""
    text = parts[part].decode()
    parts[part] = re.sub(r"(<w:body>)", lambda m: m.group(1) + xml, text, count=1).encode()


def hostile_template(folder: Path, edit: Edit) -> Path:
    """Copy the shipped template into `folder` (same name, so it wins on the search path) and edit its package."""
    target = folder / TEMPLATE.name
    target.mkdir(parents=True)
    (target / "template.yaml").write_bytes((TEMPLATE / "template.yaml").read_bytes())
    parts = members(TEMPLATE / "template.docx")
    edit(parts)
    write_package(target / "template.docx", parts)
    return target


def field(instr: str) -> str:
    """A paragraph holding a complex field with this instruction, split over two runs as Word does."""
    half = len(instr) // 2
    return ('<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve">{instr[:half]}</w:instrText></w:r>'
            f'<w:r><w:instrText xml:space="preserve">{instr[half:]}</w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>x</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')


def picture(rid: str) -> str:
    """A paragraph showing a linked VML picture through relationship `rid`."""
    return ('<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" style="width:40pt;height:40pt">'
            f'<v:imagedata xmlns:r="{REL}" r:id="{rid}"/></v:shape></w:pict></w:r></w:p>')


def drawing(rid: str, attr: str = "r:link") -> str:
    """A paragraph showing a DrawingML picture whose blip is linked (r:link) or embedded (r:embed)."""
    return (
        '<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
        '<wp:extent cx="508000" cy="508000"/><wp:docPr id="9" name="p"/>'
        '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:nvPicPr><pic:cNvPr id="9" name="p"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip xmlns:r="{REL}" {attr}="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="508000" cy="508000"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>'
        '</wp:inline></w:drawing></w:r></w:p>')


def leftovers(folder: Path) -> list[str]:
    """Temporary files left in a folder (hidden .tmp files)."""
    return sorted(p.name for p in folder.glob(".*.tmp"))


def walk_tmp() -> Iterator[Path]:
    """LibreOffice's own temporary folders in the system temporary folder."""
    import tempfile

    yield from Path(tempfile.gettempdir()).glob("lu*.tmp")
