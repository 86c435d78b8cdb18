"""`ttbgen import`: notices → specs written beside each other, never over a file; and a new notice started
from an old one (`--from`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import field
from pathlib import Path
from typing import Any

from ttbgen import files
from ttbgen.errors import OutputError
from ttbgen.i18n import _
from ttbgen.importer.convert import Imported, convert, render
from ttbgen.importer.notes import Notes
from ttbgen.importer.yamlout import to_yaml
from ttbgen.records import record
from ttbgen.spec.model import Office


@record(frozen=False)
class Written:
    """What one import wrote: the spec, the office profile it needed (if any), and what to tell the user."""

    spec: Path
    imported: Imported
    profile: Path | None = None
    summary: list[str] = field(default_factory=list)


def write_new(path: Path, text: str) -> None:
    """Write a spec or profile atomically, never over an existing one."""
    files.write_new(path, text.encode("utf-8"))


def profile_text(imported: Imported) -> str:
    """Return the YAML of the office profile a notice's header implies."""
    header = [_("Office profile implied by the header of {file} (ttbgen import).").format(
        file=imported.source.name), _("Check it; the next notice of this office starts from it.")]
    from ttbgen.importer.offices import profile_notes

    profile = imported.profile or {}
    return to_yaml(profile, profile_notes(profile), header)


def summary(imported: Imported, spec: Path) -> list[str]:
    """Return the lines said on stderr about one import: each note at the line of the spec that holds it
    (`specs/x.yaml:42: labelled '7.' …`), and how many paragraphs will not rebuild word for word."""
    lines = imported.text.splitlines()
    out = []
    for _path, message in imported.notes.all():
        if message.startswith(_("the rebuilt text differs")):
            continue
        at = next((i for i, line in enumerate(lines, start=1) if line.strip() == f"# import: {message}"), 1)
        out.append(f"{spec}:{at}: {message}")
    if imported.mismatches:
        out.append(_("{file}: {n} paragraph(s) will not rebuild word for word (see the notes in the spec)")
                   .format(file=spec, n=len(imported.mismatches)))
    return out


def plan(files: list[Path], outdir: Path, office: str | None, office_profile: Path | None) -> list[Written]:
    """Import every file before writing any: a failure leaves nothing half done."""
    out: list[Written] = []
    for file in files:
        imported = convert(file, office, outdir)
        target = outdir / f"{file.stem}.yaml"
        written = Written(target, imported)
        if imported.profile is not None:
            written.profile = office_profile or outdir / "offices" / f"{imported.office.key}.yaml"
            if office_profile is not None and office_profile.stem != imported.office.key:
                _rename_office(imported, office_profile.stem)
        written.summary = summary(imported, target)
        if written.profile is not None and not _found_by(written.spec, written.profile):
            written.summary.append(_("{file}: the spec finds its office profile in an offices/ folder on the search "
                                     "path (beside the spec, or templates/); move {profile} to {folder}").format(
                                         file=file, profile=written.profile,
                                         folder=written.spec.parent / "offices" / written.profile.name))
        out.append(written)
    targets = [w.spec for w in out]
    taken = [t for i, t in enumerate(targets) if t.exists() or t in targets[:i]]
    if taken:
        raise OutputError(_("{path} already exists; remove it or choose another folder").format(path=taken[0]))
    return out


def _found_by(spec: Path, profile: Path) -> bool:
    """Tell whether a spec will find a profile file by its name (an offices/ folder on its search path)."""
    from ttbgen.spec.office import search_path

    return (profile.parent.name == "offices" and profile.parent.parent.resolve() in search_path(spec.parent)) or \
        profile.parent.resolve() == (spec.parent / "offices").resolve()


def _rename_office(imported: Imported, key: str) -> None:
    """Name the implied office after the profile file the user chose."""
    from dataclasses import replace

    imported.office = replace(imported.office, key=key)
    imported.spec["office"] = key
    imported.notes.by_path.pop("office", None)
    imported.notes.add("office", _("no office profile on the search path has this header; the profile it "
                                   "implies is written as {key}.yaml").format(key=key))
    imported.text = render(imported)


def import_files(files: list[Path], outdir: Path, office: str | None = None,
                 office_profile: Path | None = None) -> list[Written]:
    """Import notices into OUTDIR/<name>.yaml (and the office profiles they imply); check each loads."""
    written = plan(files, outdir, office, office_profile)
    profiles: set[Path] = set()
    for w in written:
        if w.profile is not None and w.profile not in profiles:
            if not w.profile.exists():
                write_new(w.profile, profile_text(w.imported))
            profiles.add(w.profile)
        write_new(w.spec, w.imported.text)
        verify(w.spec, w.profile if w.profile is not None and _found_by(w.spec, w.profile) else None,
               w.imported.office if w.profile is not None else None)
    return written


def verify(spec: Path, profile: Path | None, office: Office | None = None) -> None:
    """Load a written spec with ttbgen's loader (the office from the written profile when the spec finds it,
    else the implied office itself)."""
    from ttbgen.spec.load import load_spec
    from ttbgen.spec.office import load_office

    if office is not None and profile is None:
        load_spec(spec, lambda _name, _folder: office)
        return

    def offices(name: str, folder: Path) -> Any:
        """Resolve the spec's office: the written profile, or the search path."""
        if profile is not None and profile.stem == name and profile.parent.name == "offices":
            return load_office(name, profile.parent.parent)
        return load_office(name, folder)

    load_spec(spec, offices)


# --- `ttbgen import --from OLD.docx new.yaml` ------------------------------------------------------------

PLACEHOLDER = "…"


def skeleton(value: Any) -> Any:
    """Keep a content node's structure (number styles, headings, leads), its wording left for the clerk."""
    if isinstance(value, str):
        return PLACEHOLDER
    out = {k: v for k, v in value.items() if k in ("number", "heading", "run_in", "emphasis", "lead", "numbering")}
    if "text" in value or not value.get("heading"):
        out["text"] = PLACEHOLDER
    if "paragraphs" in value:
        out["paragraphs"] = [PLACEHOLDER]
    if "items" in value:
        out["items"] = [skeleton(v) for v in value["items"]]
    return out


def next_spec(old: dict[str, Any], day: dt.date) -> dict[str, Any]:
    """Return the spec of the next notice: the old one's office, structure, closing, recipients and signer."""
    spec: dict[str, Any] = {"office": old["office"], "number": None, "date": f"{day.year}-{day.month:02d}",
                            "meeting": {"date": day.isoformat(), "name": PLACEHOLDER, "chair": {"title": PLACEHOLDER}}}
    spec.update({key: old[key] for key in ("symbol", "headings") if key in old})
    spec["content"] = [skeleton(v) for v in old["content"]]
    spec.update({key: old[key] for key in ("closing", "recipients", "archive", "signer") if key in old})
    return spec


def start_from(old: Path, new: Path, office: str | None = None, today: dt.date | None = None) -> Imported:
    """Start a new notice from an old one: same office, recipients, signer, closing and structure; the meeting,
    number and date left for the clerk."""
    if new.exists():
        raise OutputError(_("{path} already exists; choose another name").format(path=new))
    imported = convert(old, office, new.parent)
    profile = new.parent / "offices" / f"{imported.office.key}.yaml" if imported.profile is not None else None
    spec = next_spec(imported.spec, today or dt.date.today())
    notes = Notes()
    notes.add("number", _("blank until the notice is registered"))
    notes.add("date", _("the issue date: the day is left open until the notice is signed"))
    notes.add("meeting", _("the meeting: fill in its date, name and chair"))
    notes.add("content", _("the structure of {file}: replace each … with this meeting's conclusions").format(
        file=old.name))
    imported.spec, imported.notes, imported.mismatches = spec, notes, []
    header = [_("A new notice started from {file} (ttbgen import --from).").format(file=old.name),
              _("Fill in every …, then build it: ttbgen build {file}").format(file=new.name)]
    imported.text = to_yaml(spec, notes, header)
    if profile is not None and not profile.exists():  # the office the old header implies, where the spec finds it
        write_new(profile, profile_text(imported))
    write_new(new, imported.text)
    verify(new, profile)
    return imported
