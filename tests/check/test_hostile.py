"""Unusable and hostile input: exit 2 and a message, no traceback, fast, bounded memory."""

from __future__ import annotations

import io
import struct
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from d30notice import Notice, pack, parts

from ttbgen.cli.check import check_command

XXE = ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
       '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
       "<w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>")
_LEVELS = "".join(f'<!ENTITY lol{i} "{(f"&lol{i - 1};" if i > 1 else "&lol;") * 10}">' for i in range(1, 10))
LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' + _LEVELS
          + ']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
          "<w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>")


def _with_document(xml: str) -> bytes:
    """A valid package whose document.xml is replaced."""
    files: dict[str, str | bytes] = dict(parts(Notice()))
    files["word/document.xml"] = xml
    return pack(files)


def _bomb() -> bytes:
    """A package whose document.xml inflates 20 MiB of spaces from ~20 KiB (ratio ~1000:1)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b" " * (20 * 1024 * 1024))
    return buf.getvalue()


def _lying_size() -> bytes:
    """A package whose central directory declares a 4 GiB document.xml."""
    data = bytearray(pack(dict(parts(Notice()))))
    name = b"word/document.xml"
    at = data.find(b"PK\x01\x02" + b"\x00" * 0)
    while at != -1:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46: at + 46 + name_len]) == name:
            struct.pack_into("<I", data, at + 24, 0xFFFFFFF0)
        at = data.find(b"PK\x01\x02", at + 4)
    return bytes(data)


CASES: dict[str, tuple[Callable[[], bytes], str]] = {
    "not-a-zip": (lambda: b"This is not a Word file.", "not a .docx (not a zip archive)"),
    "empty": (lambda: b"", "not a .docx"),
    "no-document-xml": (lambda: pack({"[Content_Types].xml": "<Types/>"}), "word/document.xml is missing"),
    "truncated-zip": (lambda: pack(dict(parts(Notice())))[:2000], "not a .docx"),
    "xxe": (lambda: _with_document(XXE), "refused: XML with a DOCTYPE"),
    "billion-laughs": (lambda: _with_document(LAUGHS), "refused: XML with a DOCTYPE"),
    "zip-bomb": (_bomb, "compression ratio"),
    "declared-4gib": (_lying_size, "refused: member word/document.xml declares"),
    "malformed-xml": (lambda: _with_document("<w:document"), "malformed XML"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_input_exits_2_with_a_message(tmp_path: Path, case: str) -> None:
    make, message = CASES[case]
    path = tmp_path / f"{case}.docx"
    path.write_bytes(make())
    tracemalloc.start()
    started = time.perf_counter()
    result = CliRunner().invoke(check_command, [str(path)])
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert elapsed < 1.0
    assert peak < 16 * 1024 * 1024


def test_missing_file_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(check_command, [str(tmp_path / "nope.docx")])
    assert result.exit_code == 2
    assert "no such file" in result.stderr


def test_other_files_are_still_checked(tmp_path: Path) -> None:
    good = tmp_path / "good.docx"
    good.write_bytes(pack(dict(parts(Notice(number="Số: 5/TB-UBND")))))
    result = CliRunner().invoke(check_command, [str(tmp_path / "nope.docx"), str(good)])
    assert result.exit_code == 2
    assert "[number-line]" in result.stdout
