"""The package gate's scan (ttbgen/render/gate.py) of a document being checked, without its repeated work.

It finds the same threats in the same order as `gate.scan(names, read, template=False)` (tests/check/
test_activescan.py compares them) for the active-content rule (docs/decree30.md §9), but it was ~40% of a
check (issue 15). Here a part whose exact bytes were found clean before (the styles, theme, numbering,
headers… that the notices of one template share) is not scanned again, nor a list of member names; the other
parts are scanned on the reader's trees (the gate then skips only the parse).
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
    """Return one XML part's threats: none when its bytes were found clean before, else the gate's, on the
    reader's tree when it has one (parsed with the same safe options)."""
    if remember and _CLEAN.get((name, data)):
        return []
    threats = list(gate.scan_part(name, data, template=False, root=root))
    if remember and not threats:
        _CLEAN.put((name, data), True)
    return threats


_CLEAN: PartMemo[bool] = PartMemo(CLEAN_KEPT_BYTES)  # (part name, bytes) found without threats
