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


def match_office(agency: list[str], supervising: list[str], spec_dir: Path, place: str = "") -> Office | None:
    """Return the first office profile whose agency (and supervising agency) lines are the header's, and whose
    place is the date line's (a profile cannot be overridden there: another place is another office)."""
    if not agency:
        return None
    for name in office_names(spec_dir):
        try:
            office = load_office(name, spec_dir)
        except TtbgenError:
            continue  # a broken profile elsewhere on the path is not this import's business
        # all header lines in order: a copy without bold cannot tell the supervising agency from the issuing one
        if _norm((*office.supervising, *office.agency)) == _norm([*supervising, *agency]) and \
                (not place or collapse(place) == collapse(office.place)):
            return office
    return None


def match_named(text: str, spec_dir: Path) -> Office | None:
    """Return the only office profile whose name (UBND tỉnh Mai Sơn, or written out) a text writes, or None."""
    found = []
    folded = collapse(text).lower().replace("uỷ", "ủy")
    for name in office_names(spec_dir):
        try:
            office = load_office(name, spec_dir)
        except TtbgenError:
            continue
        names = {office.display_name, office.display_name.replace("UBND", "Ủy ban nhân dân")}
        if any(n and n.lower() in folded for n in names):
            found.append(office)
    return found[0] if len(found) == 1 else None


_KEEP = {"UBND", "HĐND", "MTTQ", "TP.", "TX."}
_LEVEL_WORDS = re.compile(r"\b(THÀNH PHỐ|THỊ XÃ|TỈNH|HUYỆN|XÃ|PHƯỜNG|QUẬN|ĐẶC KHU)\b")


def display(line: str) -> str:
    """Write an upper-case agency line in ordinary case: ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN → UBND tỉnh Lạng Sơn,
    SỞ Y TẾ → Sở y tế (the clerk corrects what only a person knows)."""
    line = collapse(line).upper().replace("UỶ", "ỦY")
    for long, short in _ABBREVIATIONS.items():
        if line.startswith(long) and short in ("UBND", "HĐND"):
            line = short + line[len(long):]
    level = _LEVEL_WORDS.search(line)
    head, tail = (line[: level.start()], line[level.start():]) if level else (line, "")
    words = [w if w in _KEEP else w.lower() for w in head.split()]
    if words and words[0] not in _KEEP:
        words[0] = words[0].capitalize()
    if level:
        words.append(level.group(1).lower())
        words += [w.capitalize() for w in tail[len(level.group(1)):].split()]
    return " ".join(words)


def split_supervising(agency: list[str], supervising: list[str]) -> tuple[list[str], list[str]]:
    """Read `UBND TỈNH X` above `VĂN PHÒNG` (or `SỞ …`) as the supervising agency when formatting did not say
    (a text or PDF copy has no bold): the issuing agency is then the organ below it (docs/decree30.md §2.2, ô 2)."""
    if supervising or len(agency) < 2 or not _LEVEL_WORDS.search(agency[0].upper()):
        return agency, supervising
    if _LEVEL_WORDS.match(agency[1].upper()):
        return agency, supervising  # ỦY BAN NHÂN DÂN / TỈNH LẠNG SƠN: one agency on two lines
    return agency[1:], agency[:1]


def implied_profile(agency: list[str], supervising: list[str], place: str, symbol: str,
                    signer: dict[str, Any] | None) -> dict[str, Any]:
    """Return the office profile the header implies: agency lines, place, symbol, signer."""
    agency, supervising = split_supervising(agency, supervising)
    name = display(" ".join(agency))
    if supervising:
        name += " " + display(" ".join(supervising))
    profile: dict[str, Any] = {"name": name}
    if supervising:
        profile["supervising"] = list(supervising)
    profile["agency"] = list(agency)
    profile["place"] = place or "…"
    profile["symbol"] = (symbol.split("-", 1)[1] if "-" in symbol else symbol) or "…"
    first = display(" ".join(agency))
    level = _LEVEL_WORDS.search(" ".join(agency).upper())
    profile["issuer_name"] = f"Ủy ban nhân dân {level.group(1).lower()}" if first.startswith("UBND") and level \
        else first
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
