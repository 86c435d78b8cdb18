"""Safe reading of a .docx: bounded zip members and entity-free XML (the only place that opens files)."""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from ttbgen.errors import DocxError, not_docx
from ttbgen.i18n import _
from ttbgen.safefile import MAX_DOCX_BYTES, read_bounded

# Limits sized for a notice: a real document.xml is well under 5 MiB. They bound memory and time on
# hostile input (zip bombs are refused from the declared sizes, before anything is inflated).
MAX_MEMBERS = 10_000
MAX_PART_BYTES = 32 * 1024 * 1024
MAX_RATIO = 200  # XML rarely compresses better than ~30:1; bombs reach 1000:1
MAX_ELEMENTS = 1_000_000  # XML elements in one part; a long notice has tens of thousands (docs/limits.md)
RATIO_FLOOR = 1024 * 1024  # tiny parts may compress absurdly well and harmlessly

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, dtd_validation=False
)
_DTD = re.compile(rb"<!DOCTYPE|<!ENTITY")
# A zip local file header: signature, flags, name length, extra length (the other fields are skipped).
_LOCAL_HEADER = struct.Struct("<4s2xH18xHH")
_UNUSUAL_FLAGS = 0x1 | 0x20 | 0x40  # encrypted, compressed patched data, strong encryption


class Package:
    """An opened .docx: named XML parts parsed safely on demand, each read and parsed at most once (the reader
    and the package gate's scan share them, issue 15)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._zip, self._data = _open_zip(path)
        self._names = {info.filename: info for info in self._zip.infolist()}
        self._bytes: dict[str, bytes] = {}
        self._trees: dict[str, etree._Element] = {}

    def names(self) -> list[str]:
        """Return the member names, in zip order."""
        return list(self._names)

    def raw(self, name: str) -> bytes:
        """Return a member's bytes (bounded by the checked declared size)."""
        data = self._bytes.get(name)
        if data is None:
            data = self._bytes[name] = self._read(self._names[name])
        return data

    def has(self, name: str) -> bool:
        """Tell whether the package holds a part."""
        return name in self._names

    def xml(self, name: str) -> etree._Element:
        """Return the root element of an XML part, refusing DTDs, entities and oversized members."""
        root = self._trees.get(name)
        if root is None:
            root = self._trees[name] = parse_xml(self.read(name), f"{self.path}:{name}")
        return root

    def parsed(self, name: str) -> etree._Element | None:
        """Return the root of a part xml() parsed already, or None (nothing is read or parsed)."""
        return self._trees.get(name)

    def read(self, name: str) -> bytes:
        """Return the bytes of a part (bounded by its checked declared size)."""
        if name not in self._names:
            raise DocxError(_("{file}: not a Word document: {part} is missing").format(file=self.path, part=name))
        return self.raw(name)

    def _read(self, info: zipfile.ZipInfo) -> bytes:
        """Read one member; ZipExtFile never yields more than the declared size we already checked."""
        data = _plain_member(self._data, info)
        if data is not None:
            return data
        try:
            with self._zip.open(info) as member:
                return member.read(MAX_PART_BYTES + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError) as exc:
            raise DocxError(_("{file}: corrupt .docx ({reason})").format(file=self.path, reason=exc)) from None

    def close(self) -> None:
        """Close the underlying zip file and drop the parts read."""
        self._zip.close()
        self._data = b""
        self._bytes.clear()
        self._trees.clear()


def _open_zip(path: Path) -> tuple[zipfile.ZipFile, bytes]:
    """Open a zip after checking that it exists, is a zip, and declares sane member sizes; return it and its
    bytes."""
    if not path.exists():
        raise DocxError(_("{file}: no such file").format(file=path))
    data = read_bounded(path, MAX_DOCX_BYTES, DocxError, _("the document"))  # a FIFO or /dev/zero is refused
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
        raise DocxError(not_docx(path, path.suffix)) from None
    try:
        _check_declared_sizes(path, archive.infolist())
    except DocxError:
        archive.close()
        raise
    return archive, data


def _plain_member(data: bytes, info: zipfile.ZipInfo) -> bytes | None:
    """Return a member's bytes read straight from the file's bytes when nothing about it is unusual (stored or
    deflated, not encrypted, its local header agreeing, whole, exactly its declared size and CRC), else None:
    zipfile then reads it and raises what it raises. ZipExtFile's machinery cost ~5 µs a member (issue 15)."""
    start = _data_start(data, info)
    if start is None or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return None
    end = start + info.compress_size
    if end > len(data) or end > (getattr(info, "_end_offset", None) or end):  # newer zipfiles check overlaps
        return None
    if info.compress_type == zipfile.ZIP_STORED:
        out = data[start:end]
    else:
        inflate = zlib.decompressobj(-15)
        try:
            out = inflate.decompress(data[start:end], info.file_size + 1)
        except zlib.error:
            return None
        if not inflate.eof:
            return None
    return out if len(out) == info.file_size and zlib.crc32(out) == info.CRC else None


def _data_start(data: bytes, info: zipfile.ZipInfo) -> int | None:
    """Return where a member's data starts when its local header is the one zipfile accepts, else None."""
    at = info.header_offset
    header = data[at:at + _LOCAL_HEADER.size]
    if len(header) < _LOCAL_HEADER.size or info.flag_bits & _UNUSUAL_FLAGS:
        return None
    signature, flags, name_length, extra_length = _LOCAL_HEADER.unpack(header)
    name = data[at + _LOCAL_HEADER.size:at + _LOCAL_HEADER.size + name_length]
    try:
        same = name.decode("utf-8" if flags & 0x800 else "cp437") == info.orig_filename
    except UnicodeDecodeError:
        return None
    return at + _LOCAL_HEADER.size + name_length + extra_length if signature == b"PK\x03\x04" and same else None


def _check_declared_sizes(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse a zip bomb from its central directory alone."""
    if len(infos) > MAX_MEMBERS:
        raise DocxError(_("{file}: refused: {n} zip members").format(file=path, n=len(infos)))
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_PART_BYTES or (info.file_size > RATIO_FLOOR and ratio > MAX_RATIO):
            raise DocxError(
                _("{file}: refused: member {part} declares {size} bytes (compression ratio {ratio:.0f}:1)").format(
                    file=path, part=info.filename, size=info.file_size, ratio=ratio
                )
            )


def parse_xml(data: bytes, where: str) -> etree._Element:
    """Parse XML without DTDs or entities; any DOCTYPE is refused (XXE, billion laughs)."""
    if data.count(b"<") > MAX_ELEMENTS:  # bound the tree lxml builds (5,000,000 <w:p/> took 700 MB)
        raise DocxError(_("{where}: refused: more than {limit} XML elements (limit MAX_ELEMENTS); a notice has a "
                          "few thousand").format(where=where, limit=MAX_ELEMENTS))
    if _DTD.search(_as_utf8_head(data)):
        raise DocxError(_("{where}: refused: XML with a DOCTYPE or entity declaration").format(where=where))
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise DocxError(_("{where}: malformed XML ({reason})").format(where=where, reason=exc)) from None
    if root.getroottree().docinfo.doctype:  # type: ignore[union-attr]
        raise DocxError(_("{where}: refused: XML with a DOCTYPE").format(where=where))
    return root


def _as_utf8_head(data: bytes) -> bytes:
    """Return the prolog region as UTF-8, so a UTF-16 file cannot hide its DOCTYPE."""
    head = data[:65536]
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return head.decode("utf-16", errors="ignore").encode("utf-8")
    return head
