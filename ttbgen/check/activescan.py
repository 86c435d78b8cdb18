"""The package gate's scan (ttbgen/render/gate.py) of a document being checked, without its repeated work.

It finds the same threats in the same order as `gate.scan(names, read, template=False)` (tests/check/
test_activescan.py compares them) for the active-content rule (docs/decree30.md §9), but it was ~40% of a
check (issue 15): it parsed every XML part again and walked each element and attribute in Python. Here a part whose
exact bytes were found clean before (the styles, theme, numbering, headers… that the notices of one template
share) is not scanned again; a part the reader parsed is scanned on the reader's tree; a part with no active
element and no attribute named like a link is not walked.
"""

from __future__ import annotations

from lxml import etree

from ttbgen.check.partmemo import PartMemo
from ttbgen.check.safeio import Package
from ttbgen.render import gate
from ttbgen.render.gate import Threat

CLEAN_KEPT_BYTES = 2 * 1024 * 1024  # bytes of clean parts remembered per process (least recently seen dropped)
NAMES_KEPT = 64  # lists of member names found clean, remembered per process
NAMES_LONGEST = 256  # members in a list remembered (a notice has 10-30)
_CLEAN_NAMES: dict[tuple[str, ...], None] = {}  # insertion-ordered: oldest first
_ACTIVE_TAGS = tuple(gate._ACTIVE_ELEMENTS)  # the gate's own lists, so the two cannot drift apart
_LINK_NAMES = tuple(name.encode("ascii") for name in sorted(gate._LINK_ATTRS))
_SPACE = (b" ", b"\t", b"\r", b"\n")  # XML's white space, byte by byte
_UTF8 = frozenset({"UTF-8", "UTF8", "US-ASCII", "ASCII"})


def scan_package(package: Package, unique: str = "") -> list[Threat]:
    """Return the threats the gate finds in a document being checked (template=False), same order; the
    `unique` part (the main document: no two notices share it) is not remembered when clean."""
    names = package.names()
    found = _name_threats(names)
    all_safe = not found  # an unsafe name is a threat
    for name in names:
        if gate._is_xml(name) and (all_safe or gate._safe_name(name)):
            found += _scan_part(name, package.raw(name), package.parsed(name), name != unique)
    return found


def _name_threats(names: list[str]) -> list[Threat]:
    """Return the threats in the member names; a list of names found clean before is not judged again."""
    key = tuple(names)
    if key in _CLEAN_NAMES:
        return []
    found = [*gate.unsafe_names(names), *gate.unexpected_parts(names, template=False)]
    if not found and len(key) <= NAMES_LONGEST:
        for oldest in list(_CLEAN_NAMES)[: max(0, len(_CLEAN_NAMES) - NAMES_KEPT + 1)]:  # list(): thread-safe
            _CLEAN_NAMES.pop(oldest, None)
        _CLEAN_NAMES[key] = None
    return found


def _scan_part(name: str, data: bytes, root: etree._Element | None, remember: bool) -> list[Threat]:
    """Return one XML part's threats: none when its bytes were found clean before, else found on the reader's
    tree when it has one, else by the gate itself."""
    if remember and _CLEAN.get((name, data)):
        return []
    threats = _scan_tree(name, data, root) if root is not None and _parsed_alike(data) else \
        list(gate.scan_part(name, data, template=False))
    if remember and not threats:
        _CLEAN.put((name, data), True)
    return threats


def _scan_tree(name: str, data: bytes, root: etree._Element) -> list[Threat]:
    """Return one XML part's threats on the reader's tree (gate.scan_part without its parse)."""
    if name.endswith(".rels"):
        return list(gate.relationships(name, root, template=False))
    if name == "[Content_Types].xml":
        return list(gate.content_types(name, root))
    elements = gate.active_elements(name, root) if _may_be_active(root, data) else ()
    return [*elements, *gate.active_fields(name, root)]


def _parsed_alike(data: bytes) -> bool:
    """Tell whether the gate's own parse of these bytes gives the reader's tree: both refuse the same DOCTYPEs
    and sizes, except in UTF-16, where the reader reads the DOCTYPE decoded and the gate the raw bytes."""
    return data[:2] not in (b"\xff\xfe", b"\xfe\xff")


_CLEAN: PartMemo[bool] = PartMemo(CLEAN_KEPT_BYTES)  # (part name, bytes) found without threats


def _may_be_active(root: etree._Element, data: bytes) -> bool:
    """Tell whether gate.active_elements could find anything: an active element (lxml answers from the
    document's name table, in C), or an attribute named href, src, link or dataFile in the UTF-8 bytes."""
    if next(root.iter(*_ACTIVE_TAGS), None) is not None:
        return True
    encoding = str(root.getroottree().docinfo.encoding or "").upper()
    if encoding not in _UTF8 or data[1:2] == b"\x00":
        return True  # the names are not plain bytes: let the gate walk the tree
    return any(_names_attribute(data, name) for name in _LINK_NAMES)


def _names_attribute(data: bytes, name: bytes) -> bool:
    """Tell whether the XML text may hold an attribute `name` (`name=`, `p:name =`…); text that only looks like
    one (`link =` in a paragraph) answers yes too, which costs a walk, never a missed threat."""
    at = data.find(name)
    while at >= 0:
        end = at + len(name)
        while data[end:end + 1] in _SPACE:
            end += 1
        if at > 0 and (data[at - 1:at] in _SPACE or data[at - 1:at] == b":") and data[end:end + 1] == b"=":
            return True
        at = data.find(name, at + 1)
    return False
