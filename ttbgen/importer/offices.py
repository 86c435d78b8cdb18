"""Match a notice's header against the office profiles on the search path, or imply a profile from it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ttbgen.errors import TtbgenError
from ttbgen.i18n import _
from ttbgen.importer.notes import Notes
from ttbgen.spec.model import Office, Signer
from ttbgen.spec.office import load_office, search_path
from ttbgen.vn import collapse

# Administrative levels that follow the agency's kind in its second line (TỈNH LẠNG SƠN, HUYỆN …).
_LEVELS = ("thành phố", "thị xã", "tỉnh", "huyện", "xã", "phường", "quận", "đặc khu")
_ABBREVIATIONS = {"ỦY BAN NHÂN DÂN": "UBND", "UỶ BAN NHÂN DÂN": "UBND", "HỘI ĐỒNG NHÂN DÂN": "HĐND",
                  "VĂN PHÒNG": "VP"}


def _norm(lines: list[str] | tuple[str, ...]) -> list[str]:
    """Compare agency lines in capitals, white space collapsed, Ủy/Uỷ alike."""
    return [collapse(line).upper().replace("UỶ", "ỦY") for line in lines]


def office_names(spec_dir: Path) -> list[str]:
    """Return the office profile names on the search path, first match first."""
    names: list[str] = []
    for root in search_path(spec_dir):
        names += [p.stem for p in sorted((root / "offices").glob("*.yaml")) if p.stem not in names]
    return names


def match_office(agency: list[str], supervising: list[str], spec_dir: Path) -> Office | None:
    """Return the first office profile whose agency (and supervising agency) lines are the header's."""
    if not agency:
        return None
    for name in office_names(spec_dir):
        try:
            office = load_office(name, spec_dir)
        except TtbgenError:
            continue  # a broken profile elsewhere on the path is not this import's business
        if _norm(office.agency) == _norm(agency) and _norm(office.supervising) == _norm(supervising):
            return office
    return None


def _words(line: str) -> str:
    """Write an upper-case place line in ordinary case: TỈNH LẠNG SƠN → tỉnh Lạng Sơn."""
    text = " ".join(w.capitalize() for w in line.lower().split())
    for level in _LEVELS:
        if text.lower().startswith(level + " "):
            return level + text[len(level):]
    return text


def implied_profile(agency: list[str], supervising: list[str], place: str, symbol: str,
                    signer: dict[str, Any] | None) -> dict[str, Any]:
    """Return the office profile the header implies: agency lines, place, symbol, signer."""
    first = collapse(agency[0]).upper() if agency else ""
    kind = _ABBREVIATIONS.get(first, _words(first))
    where = " ".join(_words(line) for line in agency[1:])
    profile: dict[str, Any] = {"name": f"{kind} {where}".strip()}
    if supervising:
        profile["supervising"] = list(supervising)
    profile["agency"] = list(agency)
    profile["place"] = place or "…"
    profile["symbol"] = (symbol.split("-", 1)[1] if "-" in symbol else symbol) or "…"
    level = next((lv for lv in _LEVELS if where.startswith(lv + " ")), "")
    profile["issuer_name"] = f"{first.capitalize()} {level}".strip() if first else profile["name"]
    if signer:
        profile["signer"] = signer
    return profile


def profile_notes(profile: dict[str, Any]) -> Notes:
    """Say which parts of an implied profile the header did not give."""
    notes = Notes()
    if profile["place"] == "…":
        notes.add("place", _("the place of the date line was not found; write it here"))
    if profile["symbol"] == "…":
        notes.add("symbol", _("the number line's symbol (TB-…) was not found; write the issuer's code here"))
    return notes


def office_key(profile: dict[str, Any]) -> str:
    """Return a profile name for a file: UBND tỉnh Lạng Sơn → ubnd-lang-son."""
    from ttbgen.check.components import loose

    words = [w for w in loose(profile["name"]).split() if w not in ("tinh",)]
    return re.sub(r"-+", "-", "-".join(words)).strip("-") or "office"


def office_of(profile: dict[str, Any], key: str) -> Office:
    """Build the Office of an implied profile in memory (the loader reads the written file the same way)."""
    signer = profile.get("signer")
    return Office(key=key, display_name=profile["name"], agency=tuple(a.upper() for a in profile["agency"]),
                  place=profile["place"], symbol=profile["symbol"], issuer_name=profile["issuer_name"],
                  supervising=tuple(s.upper() for s in profile.get("supervising", [])),
                  signer=Signer(signer["title"], signer["name"], tuple(signer.get("authority", ())))
                  if signer else None)
