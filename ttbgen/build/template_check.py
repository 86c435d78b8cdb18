"""`ttbgen templates check`: a template's static checks, then a sample notice built through it and checked."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ttbgen.build.pipeline import Builder
from ttbgen.check.api import check_document
from ttbgen.check.findings import Level
from ttbgen.errors import TemplateError, TtbgenError
from ttbgen.render.templatecheck import Problem, template_problems
from ttbgen.render.templates import load_manifest
from ttbgen.safefile import MAX_DOCX_BYTES, MAX_MANIFEST_BYTES, read_bounded
from ttbgen.spec.office import load_office
from ttbgen.spec.starter import starter_spec

SAMPLE_OFFICE = "ubnd-lang-son"


def sample_render(folder: Path) -> Iterator[Problem]:
    """Render a sample notice through the template and check it against Decree 30."""
    with tempfile.TemporaryDirectory() as tmp:
        # The spec's own folder comes first on the search path, so a copy there is what gets rendered.
        copy_template(folder, Path(tmp) / folder.name)
        spec = Path(tmp) / "sample.yaml"
        office = load_office(SAMPLE_OFFICE)
        spec.write_text(starter_spec(office, folder.name, spec.name, dt.date(2026, 3, 2)), encoding="utf-8")
        try:
            outputs = sample_outputs(folder, spec)
        except TtbgenError as exc:
            yield Problem("sample render", exc.render())
            return
        for out in outputs:
            for finding in check_document(out):
                if finding.level is Level.ERROR:
                    yield Problem("sample render", finding.text_line().replace(str(out), out.name))


def sample_outputs(folder: Path, spec: Path) -> list[Path]:
    """Build the sample spec through the template: a notice, or for a report template the follow-up report of
    the sample's tasks."""
    if load_manifest(folder).content != "report":
        return [write.output for write in Builder(spec.parent / "out").build(spec)]
    from ttbgen.tasks.register import load_tasks
    from ttbgen.tasks.report import render_report

    out = spec.parent / "out" / "report.docx"
    out.parent.mkdir()
    out.write_bytes(render_report(load_tasks([spec]), dt.date(2026, 4, 15), spec.parent, folder.name))
    return [out]


def copy_template(folder: Path, target: Path) -> None:
    """Copy the two files a template is made of, with bounded reads (a symlink to /dev/zero is refused;
    copytree would copy it until the disk is full)."""
    target.mkdir()
    for name, limit in (("template.docx", MAX_DOCX_BYTES), ("template.yaml", MAX_MANIFEST_BYTES)):
        if (folder / name).exists():
            (target / name).write_bytes(read_bounded(folder / name, limit, TemplateError, name))


def check_template(path: Path) -> list[Problem]:
    """Run every template check on a template folder (or its template.docx)."""
    folder, problems = template_problems(path)
    return problems or list(sample_render(folder))
