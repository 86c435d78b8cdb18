"""Text width estimates in Times New Roman metrics, for rule lengths and header-fit checks.

Widths are the advance widths of Liberation Serif 2 (metric-compatible with Times New Roman, and the
font LibreOffice substitutes), in font units of 2048 per em. Vietnamese letters take the width of
their base letter (diacritics do not advance), except the horn letters ơ ư, which are wider.
"""

from __future__ import annotations

import functools
import unicodedata

_UNITS_PER_EM = 2048
_CHARS = ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~đĐơƠưƯ'
_WIDTHS: dict[tuple[bool, bool], tuple[int, ...]] = {
    (False, False): (
    512, 682, 836, 1024, 1024, 1706, 1593, 369, 682, 682, 1024, 1155, 512, 682, 512, 569, 1024,
    1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 569, 569, 1155, 1155, 1155, 909, 1886,
    1479, 1366, 1366, 1479, 1251, 1139, 1479, 1479, 682, 797, 1479, 1251, 1821, 1479, 1479, 1139,
    1479, 1366, 1139, 1251, 1479, 1479, 1933, 1479, 1479, 1251, 682, 569, 682, 961, 1024, 682, 909,
    1024, 909, 1024, 909, 682, 1024, 1024, 569, 569, 1024, 569, 1593, 1024, 1024, 1024, 1024, 682,
    797, 569, 1024, 1024, 1479, 1024, 1024, 909, 983, 410, 983, 1108, 1024, 1479, 1083, 1479, 1110,
    1589,
    ),
    (True, False): (
    512, 682, 1137, 1024, 1024, 2048, 1706, 569, 682, 682, 1024, 1167, 512, 682, 512, 569, 1024,
    1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 682, 682, 1167, 1167, 1167, 1024, 1905,
    1479, 1366, 1479, 1479, 1366, 1251, 1593, 1593, 797, 1024, 1593, 1366, 1933, 1479, 1593, 1251,
    1593, 1479, 1139, 1366, 1479, 1479, 2048, 1479, 1479, 1366, 682, 569, 682, 1190, 1024, 682,
    1024, 1139, 909, 1139, 909, 682, 1024, 1139, 569, 682, 1139, 569, 1706, 1139, 1024, 1139, 1139,
    909, 797, 682, 1139, 1024, 1479, 1024, 1024, 909, 807, 451, 807, 1065, 1139, 1479, 1134, 1593,
    1229, 1630,
    ),
    (False, True): (
    512, 682, 860, 1024, 1024, 1706, 1593, 438, 682, 682, 1024, 1382, 512, 682, 512, 569, 1024,
    1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 682, 682, 1382, 1382, 1382, 1024, 1884,
    1251, 1251, 1366, 1479, 1251, 1251, 1479, 1479, 682, 909, 1366, 1139, 1706, 1366, 1479, 1251,
    1479, 1251, 1024, 1139, 1479, 1251, 1706, 1251, 1139, 1139, 797, 569, 797, 864, 1024, 682,
    1024, 1024, 909, 1024, 909, 569, 1024, 1024, 569, 569, 909, 569, 1479, 1024, 1024, 1024, 1024,
    797, 797, 569, 1024, 909, 1366, 909, 909, 797, 819, 563, 819, 1108, 1024, 1479, 1093, 1479,
    1117, 1544,
    ),
    (True, True): (
    512, 797, 1137, 1024, 1024, 1706, 1593, 569, 682, 682, 1024, 1167, 512, 682, 512, 569, 1024,
    1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 682, 682, 1167, 1167, 1167, 1024, 1704,
    1366, 1366, 1366, 1479, 1366, 1366, 1479, 1593, 797, 1024, 1366, 1251, 1821, 1479, 1479, 1251,
    1479, 1366, 1139, 1251, 1479, 1366, 1821, 1366, 1251, 1251, 682, 569, 682, 1167, 1024, 682,
    1024, 1024, 909, 1024, 909, 682, 1024, 1139, 569, 569, 1024, 569, 1593, 1139, 1024, 1024, 1024,
    797, 797, 569, 1139, 909, 1366, 1024, 909, 797, 713, 451, 713, 1167, 1024, 1479, 1099, 1479,
    1227, 1587,
    ),
}
_INDEX = {c: i for i, c in enumerate(_CHARS)}
_HORN = {"ơ": "ơ", "ớ": "ơ", "ờ": "ơ", "ở": "ơ", "ỡ": "ơ", "ợ": "ơ", "ư": "ư", "ứ": "ư", "ừ": "ư", "ử": "ư",
         "ữ": "ư", "ự": "ư"}


@functools.cache  # pure, one entry per distinct character; called for every character of every title (issue 15)
def _base(char: str) -> str:
    """Map a letter to the character whose width it shares."""
    lower = char.lower()
    if lower in _HORN:
        horn = _HORN[lower]
        return horn if char == lower else horn.upper()
    if char in _INDEX:
        return char
    base = unicodedata.normalize("NFD", char)[0]
    return base if base in _INDEX else "n"


def text_width_pt(text: str, size_pt: float, bold: bool = False, italic: bool = False) -> float:
    """Estimate the width of one line of text in points."""
    widths = _WIDTHS[(bold, italic)]
    units = sum(widths[_INDEX[_base(c)]] for c in unicodedata.normalize("NFC", text))
    return units * size_pt / _UNITS_PER_EM


def text_width_twips(text: str, size_pt: float, bold: bool = False, italic: bool = False) -> int:
    """Estimate the width of one line of text in twips (1/20 pt)."""
    return round(text_width_pt(text, size_pt, bold, italic) * 20)
