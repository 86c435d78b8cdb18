"""The checker's scan for active content (check/activescan.py) finds what the package gate finds, in the same
order: it only skips repeated work (a second parse, a walk of a part with nothing to find, a part seen clean)."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import d30notice
import pytest

from ttbgen.check import activescan
from ttbgen.check.partmemo import PartMemo
from ttbgen.check.reader import read_document
from ttbgen.render import gate

VML = 'xmlns:v="urn:schemas-microsoft-com:vml"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
Edit = Callable[[dict[str, str | bytes]], None]


def _in_header(xml: str) -> Edit:
    """Add a paragraph at the end of the first-page header (a part the reader parses)."""
    def edit(files: dict[str, str | bytes]) -> None:
        files["word/header1.xml"] = str(files["word/header1.xml"]).replace("</w:hdr>", xml + "</w:hdr>")
    return edit


def _in_body(xml: str) -> Edit:
    """Add a paragraph at the start of the body."""
    def edit(files: dict[str, str | bytes]) -> None:
        files["word/document.xml"] = str(files["word/document.xml"]).replace("<w:body>", "<w:body>" + xml, 1)
    return edit


def _part(name: str, data: str | bytes) -> Edit:
    """Add (or replace) a part."""
    return lambda files: files.__setitem__(name, data)


def _encoded(name: str, encoding: str, xml: str) -> Edit:
    """Re-encode a part, declaring its encoding, with a paragraph added at its end."""
    def edit(files: dict[str, str | bytes]) -> None:
        text = str(files[name]).replace('encoding="UTF-8"', f'encoding="{encoding}"')
        closing = text.rindex("</")
        files[name] = (text[:closing] + xml + text[closing:]).encode(encoding)
    return edit


def _picture(attribute: str) -> str:
    """A paragraph with a VML picture carrying one attribute."""
    return f"<w:p><w:r><w:pict><v:shape {VML}><v:imagedata {attribute}/></v:shape></w:pict></w:r></w:p>"


CASES: dict[str, Edit] = {
    "clean": lambda files: None,
    "link in the body": _in_body(_picture('src="file:///etc/x.png"')),
    "link in a header": _in_header(_picture('o:href="http://x/a.png" xmlns:o="urn:schemas-microsoft-com:office:'
                                            'office"')),
    "spaced attribute": _in_body(_picture('src \n = "//server/x.png"')),
    "link-like text only": _in_body('<w:p><w:r><w:t>href = link = src= dataFile=</w:t></w:r></w:p>'),
    "embedded picture, no link": _in_body(_picture('src="media/x.png"')),
    "clickable hyperlink": _in_body(f'<w:p><w:r><w:drawing><a:hlinkClick xmlns:a="http://schemas.openxmlformats.org/'
                                    f'drawingml/2006/main" xmlns:r="{REL}" r:id="rId1" href="http://x"/></w:drawing>'
                                    "</w:r></w:p>"),
    "object in a header": _in_header("<w:p><w:r><w:object/></w:r></w:p>"),
    "DDE field": _in_body('<w:p><w:fldSimple w:instr=" DDEAUTO x y "><w:r><w:t>x</w:t></w:r></w:fldSimple></w:p>'),
    "Latin-1 header with a link": _encoded("word/header1.xml", "ISO-8859-1", _picture('src="//srv/x.png"')),
    "UTF-16 header with a link": _encoded("word/header1.xml", "UTF-16", _picture('src="//srv/x.png"')),
    "UTF-16 styles": _encoded("word/styles.xml", "UTF-16", ""),
    "link in the styles": _encoded("word/styles.xml", "UTF-8", '<w:x w:dataFile="c:\\data.xls"/>'),
    "malformed part the reader skips": _part("word/fontTable.xml", "<w:fonts"),
    "DOCTYPE in a part the reader skips": _part("word/fontTable.xml", '<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'),
    "external relationship": _part("word/_rels/header1.xml.rels", '<Relationships xmlns="http://schemas.'
                                   'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
                                   f'{REL}/image" Target="http://x/a.png" TargetMode="External"/></Relationships>'),
    "macro content type": lambda files: files.__setitem__("[Content_Types].xml", str(files["[Content_Types].xml"])
                                                          .replace("</Types>", '<Default Extension="bin" ContentType='
                                                                   '"application/vnd.ms-office.vbaProject"/></Types>')),
    "unsafe name": _part("../evil.xml", "<x/>"),
}


def _gate(path: Path) -> list[tuple[str, str]]:
    """Return what the gate itself finds in a document being checked."""
    with zipfile.ZipFile(path) as zf:
        members = {info.filename: zf.read(info) for info in zf.infolist()}
    return [(t.part, t.message) for t in gate.scan(members, members.__getitem__, template=False)]


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_checker_finds_what_the_gate_finds(tmp_path: Path, case: str) -> None:
    files: dict[str, str | bytes] = dict(d30notice.parts(d30notice.Notice(page_field="header")))
    CASES[case](files)
    path = tmp_path / "notice.docx"
    path.write_bytes(d30notice.pack(files))
    expected = _gate(path)
    assert (expected == []) == (case in ("clean", "link-like text only", "embedded picture, no link",
                                         "clickable hyperlink", "UTF-16 styles"))
    activescan._CLEAN.clear()
    activescan._CLEAN_NAMES.clear()
    assert read_document(path).active == expected
    assert read_document(path).active == expected  # again, with the clean parts and names remembered


def test_part_memo_is_bounded_by_bytes_least_recently_used_first() -> None:
    kept: PartMemo[int | None] = PartMemo(100)
    for i in range(10):
        kept.put(("part", i, b"x" * 30), i)
        assert kept.total == 30 * len(kept.values) <= 100
    assert [key[1] for key in kept.values] == [7, 8, 9]  # the oldest went first
    assert kept.get(("part", 7, b"x" * 30)) == (7,) and kept.get(("part", 0, b"x" * 30)) is None
    kept.put(("part", 10, b"x" * 30), None)  # None is a value like any other
    assert [key[1] for key in kept.values] == [9, 7, 10]  # 7, used again, stayed
    assert kept.get(("part", 10, b"x" * 30)) == (None,)
    kept.put(("huge", 0, b"x" * 101), 1)
    assert kept.get(("huge", 0, b"x" * 101)) is None


def test_huge_name_lists_are_not_remembered(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = dict(d30notice.parts(d30notice.Notice()))
    files.update({f"word/media/image{i}.png": b"x" for i in range(activescan.NAMES_LONGEST)})
    path = tmp_path / "many.docx"
    path.write_bytes(d30notice.pack(files))
    activescan._CLEAN_NAMES.clear()
    assert read_document(path).active == _gate(path) == []
    assert not activescan._CLEAN_NAMES
