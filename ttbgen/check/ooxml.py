"""OOXML names and small attribute readers shared by the resolver and the reader."""

from __future__ import annotations

import math
from functools import cache

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
WPS_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
V_NS = "urn:schemas-microsoft-com:vml"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


@cache
def w(tag: str) -> str:
    """Return the Clark name of a WordprocessingML element or attribute."""
    return f"{{{W_NS}}}{tag}"


W_VAL = w("val")
OFF_VALUES = frozenset({"0", "false", "off", "none"})
NO_BORDER = frozenset({"nil", "none"})


def attr(el: etree._Element | None, name: str) -> str | None:
    """Return a w: attribute of an element, or None."""
    if el is None:
        return None
    value = el.get(w(name))
    return None if value is None else str(value)


def int_attr(el: etree._Element | None, name: str) -> int | None:
    """Return a numeric w: attribute (twips, half-points); None when absent or not a number."""
    value = attr(el, name)
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    # inf, nan and 1e400 are numbers to float() but not measures (issue 13: they raised OverflowError).
    return round(number) if math.isfinite(number) and abs(number) < 1e12 else None


def on_off(el: etree._Element) -> bool:
    """Read an ST_OnOff element: present means on unless w:val says off."""
    value = el.get(W_VAL)
    return value is None or str(value).lower() not in OFF_VALUES


def visible_sides(el: etree._Element | None) -> frozenset[str]:
    """Return the sides of a border element (pBdr, tcBorders) that draw a line."""
    if el is None:
        return frozenset()
    sides = set()
    for child in el:
        if isinstance(child.tag, str) and (attr(child, "val") or "nil") not in NO_BORDER:
            sides.add(etree.QName(child).localname.replace("start", "left").replace("end", "right"))
    return frozenset(sides)
