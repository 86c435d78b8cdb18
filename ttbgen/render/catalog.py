"""`ttbgen templates show`: one template or office profile from the search path, as key: value lines."""

from __future__ import annotations

import difflib
from pathlib import Path

from ttbgen.errors import TemplateError
from ttbgen.i18n import N_, _
from ttbgen.render.templatecheck import entries
from ttbgen.render.templates import load_manifest
from ttbgen.spec.model import Office
from ttbgen.spec.office import load_office

Lines = list[tuple[str, object]]  # (English label, marked with N_ and translated where shown; value)


def show_lines(name: str, folder: Path) -> Lines:
    """Return the lines that describe a template or an office profile; an unknown name says how to make one."""
    found = {(e.kind, e.name): e.path for e in entries(folder) if e.shadowed_by is None}
    if ("template", name) in found:
        return template_lines(found["template", name])
    if ("office", name) in found:
        return office_lines(load_office(name, folder), found["office", name])
    close = difflib.get_close_matches(name, sorted({n for _k, n in found}), n=1, cutoff=0.75)
    hint = _(" (did you mean '{close}'?)").format(close=close[0]) if close else ""
    raise TemplateError(_("no template or office profile named '{name}'{hint}; to create an office profile: "
                          "ttbgen new-office {name}").format(name=name, hint=hint))


def template_lines(folder: Path) -> Lines:
    """Return a template's manifest, folder and hash."""
    m = load_manifest(folder)
    return [(N_("name"), m.name), (N_("version"), m.version),
            (N_("document type"), f"{m.doc_type_name} ({m.doc_type})"), (N_("content"), m.content),
            ("ttbgen", m.ttbgen), (N_("folder"), folder), ("sha256", m.sha256), (N_("description"), m.description)]


def office_lines(office: Office, path: Path) -> Lines:
    """Return what an office profile puts on a notice: header, number and date lines, signer, recipients."""
    signer = office.signer
    lines: Lines = [(N_("office"), office.key), (N_("name"), office.display_name), (N_("file"), path)]
    lines += [(N_("supervising"), " / ".join(office.supervising))] if office.supervising else []
    lines += [(N_("agency"), " / ".join(office.agency)), (N_("number line"), f"Số:      /TB-{office.symbol}"),
              (N_("date line"), f"{office.place}, ngày    tháng    năm"), (N_("issuer"), office.issuer_name)]
    lines += [(N_("signer"), " / ".join([*signer.authority, signer.title, signer.name]))] if signer else []
    lines += [(N_("recipients"), "; ".join(r.text for r in office.recipients))]
    lines += [(N_("archive"), f"Lưu: {office.archive.units}")] if office.archive else []
    lines += [(N_("drafting units"), ", ".join(f"{k} = {v}" for k, v in office.drafting_units.items()))]
    lines += [(N_("house style"), office.house_style)] if office.house_style else []
    return lines
