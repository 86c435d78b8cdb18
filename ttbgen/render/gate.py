"""The package gate: what a notice's .docx may hold, for templates and for any document ttbgen converts.

Templates travel between offices and `ttbgen check --render` runs on any .docx, so both are untrusted
(design.md §5, docs/security.md). A notice needs text, styles, numbering, headers and footers, pictures
stored inside the file and a few properties; everything else is refused with a message naming the part:
macros (vbaProject), OLE and ActiveX objects, external and file targets (web beacons, remote templates),
DDE/INCLUDE fields, attachedTemplate, mail-merge sources, and zip member names that leave the folder.
"""

from __future__ import annotations

import codecs
import copy
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator, Mapping

from lxml import etree

from ttbgen.errors import TemplateError
from ttbgen.i18n import N_, _
from ttbgen.records import record

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
MAX_XML_SCAN = 32 * 1024 * 1024  # bytes of one part the gate parses (the zip limits come first)
MAX_XML_ELEMENTS = 1_000_000  # elements of one part the gate parses (same as the checker's MAX_ELEMENTS)

# Part names a notice may hold (case-insensitive): the allow-list. Anything else is refused.
ALLOWED_PARTS = re.compile(
    r"^(\[Content_Types\]\.xml|_rels/\.rels"
    r"|docProps/(core|app|custom)\.xml|docProps/thumbnail\.(jpe?g|png|emf|wmf)"
    r"|word/(document|styles|stylesWithEffects|settings|webSettings|fontTable|numbering|footnotes|endnotes"
    r"|comments|commentsExtended|commentsIds|commentsExtensible|people|header\d*|footer\d*)\.xml"
    r"|word/theme/theme\d*\.xml|word/_rels/[\w.-]+\.xml\.rels|word/theme/_rels/theme\d*\.xml\.rels"
    r"|word/media/[\w.-]+\.(png|jpe?g|gif|bmp|tiff?|emf|wmf|svg)"
    r"|word/fonts/[\w.-]+\.(odttf|ttf)"
    r"|customXml/item\d+\.xml|customXml/itemProps\d+\.xml|customXml/_rels/item\d+\.xml\.rels)$",
    re.IGNORECASE,
)
# Relationship types a notice needs, by the last segment of the type URI (the transitional, strict and
# Microsoft namespaces name them alike).
ALLOWED_RELATIONSHIPS = frozenset({
    "officeDocument", "core-properties", "metadata/core-properties", "extended-properties",
    "custom-properties", "thumbnail", "styles", "stylesWithEffects", "settings", "webSettings", "fontTable",
    "numbering", "footnotes", "endnotes", "comments", "commentsExtended", "commentsIds", "commentsExtensible",
    "people", "theme", "header", "footer", "image", "hyperlink", "customXml", "customXmlProps", "font",
})
# XML digital signatures (Word's Sign): allowed in a document being checked, never in a template.
SIGNATURE_PARTS = re.compile(r"^_xmlsignatures/([\w.-]+\.(xml|sigs)|_rels/[\w.-]+\.rels)$", re.IGNORECASE)
SIGNATURE_RELATIONSHIPS = frozenset({"origin", "signature"})
# Fields that fetch, run or include something from outside the document.
_ACTIVE_FIELDS = re.compile(r"(?<![\w\\])(DDEAUTO|DDE|INCLUDETEXT|INCLUDEPICTURE|INCLUDE|IMPORT|LINK|DATABASE"
                            r"|MACROBUTTON|AUTOTEXTLIST)(?!\w)", re.IGNORECASE)
# Elements that embed or link active content.
_ACTIVE_ELEMENTS = {
    f"{W}object": N_("an embedded object (w:object)"),
    f"{W}control": N_("an ActiveX control (w:control)"),
    f"{W}altChunk": N_("an imported chunk (w:altChunk)"),
    f"{W}subDoc": N_("a subdocument (w:subDoc)"),
    f"{W}attachedTemplate": N_("an attached template (w:attachedTemplate)"),
    f"{W}mailMerge": N_("a mail-merge data source (w:mailMerge)"),
    f"{W}frameset": N_("a frameset (w:frameset)"),
    "{urn:schemas-microsoft-com:office:office}OLEObject": N_("an OLE object (o:OLEObject)"),
}
_LINK_ATTRS = {"href", "src", "link", "dataFile"}
_LINK_ATTR_BYTES = tuple(a.encode() for a in _LINK_ATTRS)
_XML_SPACE = (b" ", b"\t", b"\r", b"\n")
# Encodings in which an ASCII name is written as its ASCII bytes (what `_may_be_active` relies on).
_ASCII_ENCODINGS = re.compile(r"^(UTF-?8|US-ASCII|ASCII|ISO-8859-\d+|WINDOWS-125\d|CP125\d)$")
_URL = re.compile(r"^\s*([a-z][a-z0-9+.-]*:|\\\\|//)", re.IGNORECASE)
_WEB = re.compile(r"^(https?|mailto):", re.IGNORECASE)
_MACRO_TYPES = re.compile(r"macroEnabled|vbaProject|vbaData|activeX|oleObject|ms-office\.vba", re.IGNORECASE)
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY")
REQUIRED = ("[Content_Types].xml", "_rels/.rels", "word/document.xml")


@record
class Threat:
    """One thing a notice must not carry: the part it is in and what it is."""

    part: str
    message: str

    def render(self, where: object) -> str:
        """Return `where: part: message`."""
        return f"{where}: {self.part}: {self.message}"


Read = Callable[[str], bytes]


def scan(names: Iterable[str], read: Read, template: bool = True,
         roots: Mapping[str, etree._Element] | None = None) -> list[Threat]:
    """Return every threat in a package, given its member names and a way to read one member.

    `template` also requires the parts a template needs and UTF-8 XML (the renderer decodes it); a document
    being checked is judged only on what it carries. `roots` holds parts the caller already parsed with the
    same safe parser (the renderer's well-formedness check), so they are not parsed twice.
    """
    names = list(names)
    found = [*unsafe_names(names), *unexpected_parts(names, template)]
    if template:
        found += [Threat(n, _("a template needs this part; the file is not a complete Word document"))
                  for n in REQUIRED if n not in names]
    for name in names:
        if not _is_xml(name) or not _safe_name(name):
            continue
        found += list(scan_part(name, read(name), template, (roots or {}).get(name)))
    return found


def refuse(where: object, names: Iterable[str], read: Read, template: bool = True,
           roots: Mapping[str, etree._Element] | None = None) -> None:
    """Raise a TemplateError listing every threat in a package, or return when it is clean."""
    found = scan(names, read, template, roots)
    if found:
        raise TemplateError("\n".join(t.render(where) for t in found))


def unsafe_names(names: list[str]) -> Iterator[Threat]:
    """Refuse zip member names that would leave the folder on extraction, or that repeat."""
    seen: set[str] = set()
    for name in names:
        if not _safe_name(name):
            yield Threat(name, _("unsafe zip member name (absolute, '..', a drive or control characters)"))
        elif name.lower() in seen:
            yield Threat(name, _("the zip holds this member twice"))
        seen.add(name.lower())


def _safe_name(name: str) -> bool:
    """Tell whether a member name stays inside the package."""
    parts = name.replace("\\", "/").split("/")
    return bool(name) and not (name.startswith(("/", "\\")) or ".." in parts or re.match(r"^[A-Za-z]:", name)
                               or any(ord(c) < 32 for c in name))


def unexpected_parts(names: list[str], template: bool = True) -> Iterator[Threat]:
    """Refuse the parts a notice does not need (macros, embedded objects, ActiveX, …); a digital signature is
    refused in a template only (a signed notice is what an office sends out, docs/decree30.md §9)."""
    for name in names:
        signature = not template and SIGNATURE_PARTS.match(name)
        if name.endswith("/") or not _safe_name(name) or ALLOWED_PARTS.match(name) or signature:
            continue
        yield Threat(name, _describe_part(name))


def _describe_part(name: str) -> str:
    """Say what a refused part is, in words a clerk can act on."""
    low = name.lower()
    if "vbaproject" in low or "vbadata" in low:
        return _("macros (VBA) are not allowed in a notice; save the file as .docx, not .docm")
    if "/embeddings/" in low or "oleobject" in low:
        return _("an embedded object (OLE) is not allowed in a notice; remove it or paste it as a picture")
    if "/activex/" in low:
        return _("an ActiveX control is not allowed in a notice; remove it")
    if low.startswith("_xmlsignatures/"):
        return _("a digital signature is not allowed in a template or a converted copy")
    return _("this part is not one a notice needs (docs/security.md lists the allowed parts); remove it")


def _is_xml(name: str) -> bool:
    """Tell whether a member is XML the gate reads."""
    return name.lower().endswith((".xml", ".rels"))


def scan_part(name: str, data: bytes, template: bool = True, root: etree._Element | None = None) -> Iterator[Threat]:
    """Check one XML part: its encoding, relationships, content types, fields and active elements.

    `root` is the part already parsed by `PARSER` (its byte-level checks still run here).
    """
    parsed = _parse(name, data, template) if root is None else _unreadable(name, data, template) or root
    if isinstance(parsed, Threat):
        yield parsed
        return
    if name.endswith(".rels"):
        yield from relationships(name, parsed, template)
    elif name == "[Content_Types].xml":
        yield from content_types(name, parsed)
    else:
        if _may_be_active(data, parsed):
            yield from active_elements(name, parsed)
        yield from active_fields(name, parsed)


def _may_be_active(data: bytes, root: etree._Element) -> bool:
    """Tell whether a part may hold an active element or a link attribute, without walking it in Python.

    The element test runs in lxml; the attribute test looks for the names' bytes, which is sound only when the
    part's encoding writes ASCII as ASCII (an attribute name cannot come from an entity: DOCTYPEs are refused).
    A part that may hold one gets the full walk, so what is reported (and its order) does not change.
    """
    if next(root.iter(*_ACTIVE_ELEMENTS), None) is not None:
        return True
    if not _ascii_bytes(data, root):
        return True
    return any(_names_attribute(data, attr) for attr in _LINK_ATTR_BYTES)


def _ascii_bytes(data: bytes, root: etree._Element) -> bool:
    """Tell whether a part writes ASCII as ASCII bytes: it starts with '<' as one byte (after a UTF-8 BOM; a UTF-16
    or UTF-32 part starts with its BOM or a NUL, and lxml then reports "UTF-8" when nothing is declared) and
    declares an encoding that keeps ASCII, if any (XML 1.0 appendix F)."""
    head = data[len(codecs.BOM_UTF8):] if data.startswith(codecs.BOM_UTF8) else data
    if not head.startswith(b"<") or head[1:2] == b"\x00":
        return False
    return bool(_ASCII_ENCODINGS.match((root.getroottree().docinfo.encoding or "").upper()))


def _names_attribute(data: bytes, name: bytes) -> bool:
    """Tell whether XML bytes may hold an attribute `name` (`name=`, `r:name =`): after white space or a prefix's
    ':', before optional white space and '='. Text that only looks like one costs a walk, never a missed threat;
    the bare name alone would send every part with a w:hyperlink to the walk."""
    at = data.find(name)
    while at >= 0:
        end = at + len(name)
        while data[end:end + 1] in _XML_SPACE:
            end += 1
        if at > 0 and data[at - 1:at] in (*_XML_SPACE, b":") and data[end:end + 1] == b"=":
            return True
        at = data.find(name, at + 1)
    return False


def _parse(name: str, data: bytes, template: bool) -> etree._Element | Threat:
    """Parse a part safely, or return the threat that it cannot be read."""
    threat = _unreadable(name, data, template)
    if threat is not None:
        return threat
    try:
        return etree.fromstring(data, PARSER)
    except (etree.XMLSyntaxError, ValueError) as exc:
        return Threat(name, _("malformed XML ({reason})").format(reason=exc))


def _unreadable(name: str, data: bytes, template: bool) -> Threat | None:
    """Return the threat a part's bytes carry before parsing (size, element count, UTF-16, DOCTYPE), if any."""
    if len(data) > MAX_XML_SCAN:
        return Threat(name, _("the part is larger than {limit} bytes").format(limit=MAX_XML_SCAN))
    if data.count(b"<") > MAX_XML_ELEMENTS:
        return Threat(name, _("the part has more than {limit} XML elements").format(limit=MAX_XML_ELEMENTS))
    if template and data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return Threat(name, _("the part is UTF-16; open the template in Word and save it again as .docx"))
    if _DOCTYPE.search(data[:65536]):
        return Threat(name, _("XML with a DOCTYPE or entity declaration is refused"))
    return None


def relationships(name: str, root: etree._Element, template: bool = True) -> Iterator[Threat]:
    """Refuse relationship types a notice does not need, external targets and targets outside the package."""
    base = posixpath.dirname(posixpath.dirname(name))
    for rel in root.iter(f"{_REL_NS}Relationship"):
        kind, target = str(rel.get("Type", "")), str(rel.get("Target", ""))
        short = kind.rsplit("/", 1)[-1]
        external = str(rel.get("TargetMode", "")).lower() == "external"
        if short not in ALLOWED_RELATIONSHIPS and (template or short not in SIGNATURE_RELATIONSHIPS):
            yield Threat(name, _("relationship {id} of type '{kind}' ({target}) is not allowed in a notice").format(
                id=rel.get("Id"), kind=short, target=target))
        elif external and not (short == "hyperlink" and _WEB.match(target)):
            yield Threat(name, _("relationship {id} points outside the document to {target}; a notice must "
                                 "carry its pictures and parts inside the file").format(id=rel.get("Id"),
                                                                                        target=target))
        elif not external and _leaves_package(base, target):
            yield Threat(name, _("relationship {id} points outside the package ({target})").format(
                id=rel.get("Id"), target=target))


def _leaves_package(base: str, target: str) -> bool:
    """Tell whether an internal target resolves outside the package (or is a URL in disguise)."""
    if _URL.match(target):
        return True
    joined = posixpath.normpath(posixpath.join("/" + base, target) if not target.startswith("/") else target)
    return joined.startswith("/..") or joined == "/.."


def content_types(name: str, root: etree._Element) -> Iterator[Threat]:
    """Refuse content types that declare macros, ActiveX or OLE objects."""
    for el in root.iter(f"{_CT_NS}Default", f"{_CT_NS}Override"):
        kind = str(el.get("ContentType", ""))
        if _MACRO_TYPES.search(kind):
            yield Threat(name, _("content type '{kind}' (macros, ActiveX or OLE) is not allowed in a notice")
                         .format(kind=kind))


def active_elements(name: str, root: etree._Element) -> Iterator[Threat]:
    """Refuse embedded objects, controls, imported chunks and links to outside files in a part."""
    for el in root.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _ACTIVE_ELEMENTS:
            yield Threat(name, _("{what} is not allowed in a notice; remove it").format(
                what=_(_ACTIVE_ELEMENTS[tag])))
            continue
        for attr, value in el.attrib.items():
            local = str(attr).rsplit("}", 1)[-1]
            if local in _LINK_ATTRS and _URL.match(str(value)) and not _is_hyperlink(el):
                yield Threat(name, _("a link to an outside file ({value}) is not allowed; insert the picture "
                                     "into the document").format(value=str(value)[:120]))


def _is_hyperlink(el: etree._Element) -> bool:
    """Tell whether an element is a plain clickable hyperlink (which fetches nothing by itself)."""
    return isinstance(el.tag, str) and el.tag.endswith("}hlinkClick")


def active_fields(name: str, root: etree._Element) -> Iterator[Threat]:
    """Refuse DDE, DDEAUTO, INCLUDETEXT, INCLUDEPICTURE and similar fields (simple or complex)."""
    for instr in field_instructions(root):
        match = _ACTIVE_FIELDS.search(instr)
        if match:
            yield Threat(name, _("the field {field} is not allowed in a notice (it runs a program or "
                                 "fetches content from outside); remove it").format(field=match.group(1).upper()))


def field_instructions(root: etree._Element) -> Iterator[str]:
    """Yield each field's instruction text: w:fldSimple/@w:instr, and complex fields joined across runs."""
    for simple in root.iter(f"{W}fldSimple"):
        yield str(simple.get(f"{W}instr", ""))
    stack: list[list[str]] = []  # one list of instruction pieces per open complex field (they nest)
    for el in root.iter(f"{W}fldChar", f"{W}instrText", f"{W}delInstrText"):
        kind = el.get(f"{W}fldCharType") if el.tag == f"{W}fldChar" else "text"
        if kind == "begin":
            stack.append([])
        elif kind == "text":
            (stack[-1] if stack else pieces_outside(stack)).append(el.text or "")
        elif kind == "end" and stack:
            yield "".join(stack.pop())
    yield from ("".join(pieces) for pieces in stack)


def pieces_outside(stack: list[list[str]]) -> list[str]:
    """Open an implicit field for instruction text found outside any begin…end (still checked)."""
    stack.append([])
    return stack[-1]


def sanitize(members: dict[str, bytes]) -> tuple[dict[str, bytes], list[Threat]]:
    """Return a copy of a package without what the gate refuses, and what was removed.

    Used before LibreOffice opens an untrusted document: parts a notice does not need are dropped,
    relationships to outside targets deleted, active elements removed and active field instructions blanked,
    so nothing in the copy names a URL or a local file (issue 13: LibreOffice fetched and embedded them).
    """
    # Each part is parsed once, for the scan and then the cleaning (issue 15: half the cost of a copy)
    trees = {name: _parse(name, data, False) for name, data in members.items() if _is_xml(name) and _safe_name(name)}
    parsed = {name: tree for name, tree in trees.items() if not isinstance(tree, Threat)}
    removed = scan(members, members.__getitem__, template=False, roots=parsed)
    names = [n for n in members if _safe_name(n) and ALLOWED_PARTS.match(n)]
    out: dict[str, bytes] = {}
    for name in names:
        data = members[name]
        out[name] = _clean_part(name, data, trees[name]) if _is_xml(name) else data
    return out, removed


def _clean_part(name: str, data: bytes, root: etree._Element | Threat) -> bytes:
    """Remove what the gate refuses from one parsed XML part; a part that cannot be parsed becomes empty of it."""
    if isinstance(root, Threat):
        return data if name == "[Content_Types].xml" else b""  # LibreOffice reports the part as broken
    if name.endswith(".rels"):
        for rel in list(root.iter(f"{_REL_NS}Relationship")):
            if any(True for _t in relationships(name, _single(rel))):
                _drop(rel)
    else:
        _clean_elements(root, _may_be_active(data, root))
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _single(rel: etree._Element) -> etree._Element:
    """Wrap one relationship so that `relationships` can judge it alone."""
    holder = etree.Element(f"{_REL_NS}Relationships")
    alone = copy.deepcopy(rel)
    alone.tail = None
    holder.append(alone)
    return holder


def _drop(el: etree._Element) -> None:
    """Remove an element from its parent."""
    parent = el.getparent()
    if parent is not None:
        parent.remove(el)


def _clean_elements(root: etree._Element, active: bool = True) -> None:
    """Remove active elements, outside links and active field instructions from a part.

    Without `active` (_may_be_active found no active element and no link attribute's name) only the field
    instructions are looked at, found in lxml, instead of walking every element and attribute in Python."""
    if active:
        _clean_walk(root)
    else:
        _blank_fields(root.iter(f"{W}fldSimple", f"{W}instrText", f"{W}delInstrText"))
    _blank_split_fields(root)


def _clean_walk(root: etree._Element) -> None:
    """Walk every element: drop the active ones, delete outside links, blank active field instructions."""
    for el in list(root.iter()):
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _ACTIVE_ELEMENTS:
            _drop(el)
            continue
        for attr in list(el.attrib):
            if str(attr).rsplit("}", 1)[-1] in _LINK_ATTRS and _URL.match(str(el.get(attr))):
                del el.attrib[attr]
        _blank_fields((el,))


def _blank_fields(elements: Iterable[etree._Element]) -> None:
    """Blank the instruction of each simple field or instruction piece that is active on its own."""
    for el in elements:
        if el.tag == f"{W}fldSimple" and _ACTIVE_FIELDS.search(str(el.get(f"{W}instr", ""))):
            el.set(f"{W}instr", "")
        elif el.tag in (f"{W}instrText", f"{W}delInstrText") and _ACTIVE_FIELDS.search(el.text or ""):
            el.text = ""


def _blank_split_fields(root: etree._Element) -> None:
    """Blank every instruction piece of a complex field whose joined instruction is active ("DD" + "E")."""
    stack: list[list[etree._Element]] = []
    for el in root.iter(f"{W}fldChar", f"{W}instrText", f"{W}delInstrText"):
        kind = el.get(f"{W}fldCharType") if el.tag == f"{W}fldChar" else "text"
        if kind == "begin":
            stack.append([])
        elif kind == "text" and stack:
            stack[-1].append(el)
        elif kind == "end" and stack:
            pieces = stack.pop()
            if _ACTIVE_FIELDS.search("".join(p.text or "" for p in pieces)):
                for piece in pieces:
                    piece.text = ""
