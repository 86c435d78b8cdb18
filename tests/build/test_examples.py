"""Every spec builds; the real notices reproduce their published text; golden dumps; valid OOXML."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest
from paths import EXAMPLES, ROOT, spec_files

from ttbgen.check.dump import dump_docx, paragraph_texts

GOLDEN = ROOT / "tests" / "golden"
REAL_NOTICES = ["lang-son-2022-08-mtqg", "mai-son-2024-01-mtqg"]


def collapse(text: str) -> str:
    """Collapse white space, as the target files are compared (examples/README.md)."""
    return re.sub(r"\s+", " ", text).strip()


def target_lines(name: str) -> list[str]:
    """Return the target file's lines, white space collapsed."""
    text = (EXAMPLES / f"{name}.txt").read_text(encoding="utf-8")
    return [collapse(line) for line in text.splitlines() if line.strip()]


def outputs_of(built: dict[str, Path], spec: Path) -> dict[str, Path]:
    """Return the documents built from one spec (SPEC.docx and SPEC.TEMPLATE.docx)."""
    return {name: path for name, path in built.items() if name.split(".")[0] == spec.stem}


def test_every_spec_builds(built: dict[str, Path]) -> None:
    assert {name.split(".")[0] for name in built} == {p.stem for p in spec_files()}
    assert len(spec_files()) >= 4


@pytest.mark.skipif(not EXAMPLES.is_dir(), reason="../shared/examples is not beside the repository")
@pytest.mark.parametrize("name", REAL_NOTICES)
def test_real_notice_text_matches_target(built: dict[str, Path], name: str) -> None:
    got = paragraph_texts(built[name])
    want = target_lines(name)
    if want[0] == "THÔNG BÁO":  # published without its header (examples/README.md)
        got = got[got.index("THÔNG BÁO"):]
    assert got == want


@pytest.mark.parametrize("spec", spec_files(), ids=lambda p: p.stem)
def test_golden_dump(built: dict[str, Path], spec: Path) -> None:
    """Each document's dump equals tests/golden/<document>.dump (TTBGEN_UPDATE_GOLDEN=1 rewrites them)."""
    for name, path in outputs_of(built, spec).items():
        dump = dump_docx(path)
        golden = GOLDEN / f"{name}.dump"
        if os.environ.get("TTBGEN_UPDATE_GOLDEN") == "1":
            golden.write_text(dump, encoding="utf-8")
        assert golden.exists(), f"no golden dump for {name}: run with TTBGEN_UPDATE_GOLDEN=1 and review it"
        assert dump == golden.read_text(encoding="utf-8"), name


@pytest.mark.parametrize("spec", spec_files(), ids=lambda p: p.stem)
def test_zero_ooxml_schema_errors(built: dict[str, Path], spec: Path) -> None:
    from openxml_audit import OpenXmlValidator

    for name, path in outputs_of(built, spec).items():
        result = OpenXmlValidator().validate(str(path))
        assert [str(e) for e in result.errors] == [], name


def test_build_is_deterministic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ttbgen.build.pipeline import Builder

    spec = spec_files()[0]
    first = Builder(tmp_path).render(spec)[0].data
    second = Builder(tmp_path).render(spec)[0].data
    assert first == second
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    third = Builder(tmp_path).render(spec)[0].data
    assert third != first
    assert third == Builder(tmp_path).render(spec)[0].data


def test_compiled_render_matches_plain_docxtpl(tmp_path: Path) -> None:
    """The cached fast path lays out the same document as docxtpl's own render()."""
    from ttbgen.build.pipeline import Builder
    from ttbgen.check.dump import dump_document
    from ttbgen.check.reader import read_document
    from ttbgen.compose.derive import build_context
    from ttbgen.render.engine import render_with_docxtpl

    builder = Builder(tmp_path)
    spec = ROOT / "specs" / "mai-son-2024-01-mtqg.yaml"
    rendered = builder.render(spec)[0]
    notice, data = rendered.notice, rendered.data
    compiled, manifest = builder.template(notice.templates[0], notice, spec.parent)
    plain = io.BytesIO()
    render_with_docxtpl(compiled.path, build_context(notice, manifest.geometry), plain)
    ours, theirs = tmp_path / "ours.docx", tmp_path / "theirs.docx"
    ours.write_bytes(data)
    theirs.write_bytes(plain.getvalue())
    assert dump_document(read_document(ours), {}) == dump_document(read_document(theirs), {})


@pytest.mark.parametrize("spec", spec_files(), ids=lambda p: p.stem)
def test_built_documents_pass_the_decree30_checker(built: dict[str, Path], spec: Path) -> None:
    from ttbgen.check.api import check_document

    for name, path in outputs_of(built, spec).items():
        findings = check_document(path)
        assert [f.text_line() for f in findings] == [], name  # not even a warning or "not evaluated"
