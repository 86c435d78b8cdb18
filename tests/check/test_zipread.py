"""Package reads members straight from the file's bytes when nothing is unusual (issue 15); whatever the damage,
each member reads as zipfile reads it: the same bytes, or the same error."""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from d30notice import Notice, pack, parts

from ttbgen.check import safeio
from ttbgen.errors import DocxError

NAME = b"word/document.xml"


def _local(data: bytearray) -> int:
    """Return the offset of document.xml's local header."""
    at = data.find(b"PK\x03\x04")
    while data[at + 30:at + 30 + len(NAME)] != NAME:
        at = data.find(b"PK\x03\x04", at + 4)
    return at


def _central(data: bytearray) -> int:
    """Return the offset of document.xml's central directory entry."""
    at = data.find(b"PK\x01\x02")
    while data[at + 46:at + 46 + len(NAME)] != NAME:
        at = data.find(b"PK\x01\x02", at + 4)
    return at


def _flip_data(data: bytearray) -> None:
    """Change one byte of the compressed data."""
    data[_local(data) + 30 + len(NAME) + 40] ^= 0xFF


def _bad_crc(data: bytearray) -> None:
    """Declare another CRC in the central directory."""
    struct.pack_into("<I", data, _central(data) + 16, 0x12345678)


def _other_local_name(data: bytearray) -> None:
    """Give the local header another name than the central directory."""
    data[_local(data) + 30 + 5] = ord("X")


def _bad_signature(data: bytearray) -> None:
    """Break the local header's signature."""
    data[_local(data) + 2] = 0


def _encrypted(data: bytearray) -> None:
    """Set the encrypted flag in the central directory."""
    data[_central(data) + 8] |= 1


def _smaller(data: bytearray) -> None:
    """Declare a smaller uncompressed size."""
    at = _central(data) + 24
    struct.pack_into("<I", data, at, struct.unpack_from("<I", data, at)[0] - 10)


def _larger(data: bytearray) -> None:
    """Declare a larger uncompressed size."""
    at = _central(data) + 24
    struct.pack_into("<I", data, at, struct.unpack_from("<I", data, at)[0] + 10)


def _method(data: bytearray) -> None:
    """Declare an unsupported compression method."""
    struct.pack_into("<H", data, _central(data) + 10, 99)


def _stored_bad_crc(data: bytearray) -> None:
    """Store the members uncompressed, then break document.xml's CRC."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        for name, text in parts(Notice()).items():
            zf.writestr(name, text)
    data[:] = buf.getvalue()
    _bad_crc(data)


DAMAGE: dict[str, Callable[[bytearray], None]] = {
    "none": lambda data: None, "data": _flip_data, "crc": _bad_crc, "local name": _other_local_name,
    "signature": _bad_signature, "encrypted": _encrypted, "smaller": _smaller, "larger": _larger,
    "method": _method, "stored, bad crc": _stored_bad_crc,
}


def _outcome(package: safeio.Package, name: str) -> bytes | str:
    """Return a member's bytes, or the error reading it gives."""
    try:
        return package.read(name)
    except DocxError as exc:
        return f"DocxError: {exc}"


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_members_read_as_zipfile_reads_them(tmp_path: Path, damage: str, monkeypatch: pytest.MonkeyPatch) -> None:
    data = bytearray(pack(dict(parts(Notice()))))
    DAMAGE[damage](data)
    path = tmp_path / "notice.docx"
    path.write_bytes(bytes(data))
    fast = safeio.Package(path)
    names = fast.names()
    read_fast = {name: _outcome(fast, name) for name in names}
    monkeypatch.setattr(safeio, "_plain_member", lambda data, info: None)
    read_zipfile = {name: _outcome(safeio.Package(path), name) for name in names}
    assert read_fast == read_zipfile
    # zipfile accepts a larger declared size when the CRC matches; every other damage is an error
    assert isinstance(read_fast["word/document.xml"], bytes) == (damage in ("none", "larger"))


def test_an_undamaged_package_is_read_without_zipfile(tmp_path: Path) -> None:
    path = tmp_path / "notice.docx"
    path.write_bytes(pack(dict(parts(Notice()))))
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            assert safeio._plain_member(path.read_bytes(), info) == zf.read(info)
