"""The package gate's shortcut (issue 15): a part is walked in Python only when it may hold something active,
and the shortcut never changes what is reported, in any encoding."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from ttbgen.render import gate

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:v="urn:schemas-microsoft-com:vml"')
TAGS = ["w:p", "w:r", "w:t", "w:object", "w:control", "w:altChunk", "o:OLEObject", "v:imagedata", "w:hlinkClick"]
ATTRS = ["r:link", "r:embed", "src", "r:href", "w:val", "dataFile", "o:href"]
VALUES = ["http://x/p.png", "file:///etc/a", "rId1", "c:\\a.png", "//srv/x", "\\\\srv\\x", "href"]
ENCODINGS = ["UTF-8", "UTF-16", "ISO-8859-1", "windows-1258", "latin1"]

elements = st.recursive(
    st.tuples(st.sampled_from(TAGS), st.lists(st.tuples(st.sampled_from(ATTRS), st.sampled_from(VALUES)),
                                               max_size=2, unique_by=lambda a: a[0]),
              st.sampled_from(["", "href", "src=", " link =", "r:href= x", "DDE"]), st.just([])),
    lambda children: st.tuples(st.sampled_from(TAGS), st.just([]), st.just(""), st.lists(children, max_size=3)),
    max_leaves=8,
)


def xml(element: tuple[str, list[tuple[str, str]], str, list[object]]) -> str:
    """Serialise a generated element (attribute values and text escaped)."""
    tag, attrs, text, children = element
    attributes = "".join(f' {name}="{value}"' for name, value in attrs)
    inner = text + "".join(xml(child) for child in children)  # type: ignore[arg-type]
    return f"<{tag}{attributes}>{inner}</{tag}>"


def full_walk(name: str, data: bytes) -> list[gate.Threat]:
    """What the gate reports when every part is walked in Python (the behaviour before the shortcut)."""
    root = etree.fromstring(data, gate.PARSER)
    return [*gate.active_elements(name, root), *gate.active_fields(name, root)]


@settings(max_examples=300, deadline=None)
@given(body=st.lists(elements, max_size=4), encoding=st.sampled_from(ENCODINGS), declared=st.booleans())
def test_the_shortcut_reports_what_the_full_walk_reports(body: list[object], encoding: str, declared: bool) -> None:
    text = f"<w:document {NS}><w:body>{''.join(xml(e) for e in body)}</w:body></w:document>"  # type: ignore[arg-type]
    head = f'<?xml version="1.0" encoding="{encoding}"?>' if declared or encoding != "UTF-8" else ""
    data = (head + text).encode(encoding.replace("windows-", "cp"))
    for template in (True, False):
        if template and encoding == "UTF-16":
            continue  # a template must be UTF-8: refused before any walk
        assert list(gate.scan_part("word/document.xml", data, template)) == full_walk("word/document.xml", data)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_a_link_in_a_part_without_declaration_is_found(encoding: str) -> None:
    """With a byte-order mark and no declaration lxml reports "UTF-8" whatever the bytes: the part's first bytes
    decide whether names are searched as bytes."""
    part = f'<w:document {NS}><w:body><v:imagedata src="file:///etc/a"/></w:body></w:document>'
    data = ("\ufeff" + part).encode(encoding) if encoding == "utf-16-be" else part.encode(encoding)  # BOM first
    found = list(gate.scan_part("word/document.xml", data, template=False))
    assert [t.part for t in found] == ["word/document.xml"] and "file:///etc/a" in found[0].message


def test_a_link_in_a_utf16_part_is_found() -> None:
    """The byte test is skipped where ASCII names are not ASCII bytes: a UTF-16 part is walked in full."""
    part = (f'<?xml version="1.0" encoding="UTF-16"?><w:document {NS}><w:body><v:imagedata src="file:///etc/a"/>'
            "</w:body></w:document>").encode("utf-16")
    found = list(gate.scan_part("word/document.xml", part, template=False))
    assert [t.part for t in found] == ["word/document.xml"] and "file:///etc/a" in found[0].message


def test_a_part_already_parsed_still_gets_its_byte_checks() -> None:
    """A caller's parsed tree skips the parse, not the refusal of a DOCTYPE."""
    data = f'<!DOCTYPE w:document [<!ENTITY e "x">]><w:document {NS}/>'.encode()
    root = etree.fromstring(data, gate.PARSER)
    found = list(gate.scan_part("word/document.xml", data, False, root))
    assert len(found) == 1 and "DOCTYPE" in found[0].message


FIELD_TAGS = [*TAGS, "w:fldSimple", "w:instrText", "w:delInstrText", "w:fldChar"]
FIELD_ATTRS = [*ATTRS, "w:instr", "w:fldCharType"]
FIELD_VALUES = [*VALUES, "DDEAUTO c:\\a x", "PAGE", "INCLUDEPICTURE http://x/p.png", "begin", "separate", "end"]
field_elements = st.recursive(
    st.tuples(st.sampled_from(FIELD_TAGS),
              st.lists(st.tuples(st.sampled_from(FIELD_ATTRS), st.sampled_from(FIELD_VALUES)), max_size=2,
                       unique_by=lambda a: a[0]),
              st.sampled_from(["", "DDE", "AUTO x", "PAGE", " INCLUDETEXT c:\\a", "src="]), st.just([])),
    lambda children: st.tuples(st.sampled_from(FIELD_TAGS), st.just([]), st.just(""), st.lists(children, max_size=3)),
    max_leaves=10,
)


@settings(max_examples=300, deadline=None)
@given(body=st.lists(field_elements, max_size=5), encoding=st.sampled_from(ENCODINGS), declared=st.booleans())
def test_the_cleaning_shortcut_cleans_as_the_full_walk(body: list[object], encoding: str, declared: bool) -> None:
    """sanitize() walks a part in Python only when it may hold an active element or a link attribute; the copy it
    makes is the same as the full walk's, fields included (issue 15)."""
    text = f"<w:document {NS}><w:body>{''.join(xml(e) for e in body)}</w:body></w:document>"  # type: ignore[arg-type]
    head = f'<?xml version="1.0" encoding="{encoding}"?>' if declared or encoding != "UTF-8" else ""
    data = (head + text).encode(encoding.replace("windows-", "cp"))
    name = "word/document.xml"
    quick = gate._clean_part(name, data, gate._parse(name, data, False))
    root = gate._parse(name, data, False)
    assert not isinstance(root, gate.Threat)
    gate._clean_elements(root, active=True)
    assert quick == etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
