"""The thong-bao-ket-luan template: generated deterministically, schema-valid, renders the contract."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from types import ModuleType
from typing import Any

import jinja2
import jinja2.sandbox
import pytest
from docx import Document
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from lxml import etree
from openxml_audit import OpenXmlValidator

from ttbgen.compose.context import NoticeContext

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
TEMPLATE = ROOT / "templates" / "thong-bao-ket-luan" / "template.docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _load(name: str, path: Path) -> ModuleType:
    """Import a module by file path (tools/ is not a package; tests use --import-mode=importlib)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


make_template = _load("ttbgen_tools_make_template", ROOT / "tools" / "make_template.py")
samples = _load("ttbgen_template_sample_context", HERE / "sample_context.py")
SAMPLES: dict[str, NoticeContext] = {"plain": samples.SAMPLE, "supervising": samples.SAMPLE_SUPERVISING}


def _env() -> jinja2.sandbox.SandboxedEnvironment:
    """The renderer's environment: sandboxed, strict, autoescaped (design.md §5)."""
    return jinja2.sandbox.SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=True)


def _errors(path: Path) -> list[str]:
    """openxml-audit findings as strings."""
    return [str(e) for e in OpenXmlValidator().validate(path).errors]


def _render(context: NoticeContext, out: Path) -> Path:
    """Render the shipped template with a context."""
    doc = DocxTemplate(str(TEMPLATE))
    doc.render(dict(context), jinja_env=_env(), autoescape=True)
    doc.save(str(out))
    return out


def _paragraphs(path: Path) -> list[tuple[str, str]]:
    """(style id, text) of every paragraph in body order, table cells included."""
    body = Document(str(path)).element.body
    out = []
    for p in body.iter(qn("w:p")):
        style = p.find(f"{W}pPr/{W}pStyle")
        text = "".join(t.text or "" for t in p.iter(qn("w:t")))
        out.append((style.get(qn("w:val")) if style is not None else "", text))
    return out


def expected_paragraphs(ctx: NoticeContext) -> list[tuple[str, str]]:
    """The paragraphs the template must produce for a context, in order (the template contract)."""
    header = [("TTBSupervising", s) for s in ctx["supervising"]] + [("TTBAgency", a) for a in ctx["agency"]]
    header += [("TTBRule", ""), ("TTBNational", ctx["national"]), ("TTBMotto", ctx["motto"]), ("TTBRule", "")]
    header += [("TTBNumber", ctx["number_line"]), ("TTBDate", ctx["date_line"])]
    title = [("TTBDocType", ctx["doc_type"]), ("TTBTitle", ctx["title"]), ("TTBRule", "")]
    body = [
        ("TTBHeading" if b["kind"] == "heading" else "TTBBody", b["number"] + b["lead"] + b["text"])
        for b in ctx["body"]
    ]
    recipients = [("TTBRecipientsLabel", ctx["recipients_label"])] + [
        ("TTBRecipient2" if r["level"] == 2 else "TTBRecipient", r["text"]) for r in ctx["recipients"]
    ]
    signer = [("TTBAuthority", a) for a in ctx["signer"]["authority"]]
    signer += [("TTBSignerTitle", ctx["signer"]["title"]), ("TTBSignerName", ctx["signer"]["name"])]
    return header + title + body + recipients + signer


# --- (1) determinism ------------------------------------------------------------------------------


def test_generator_output_matches_committed_template(tmp_path: Path) -> None:
    """Running the generator gives the committed bytes, twice over."""
    out = tmp_path / "template.docx"
    assert make_template.main(["--output", str(out)]) == 0
    assert out.read_bytes() == TEMPLATE.read_bytes()
    assert make_template.build_template_bytes() == TEMPLATE.read_bytes()


def test_package_is_slim_with_fixed_timestamps() -> None:
    """Only the needed parts, in a fixed order, dated 1980-01-01, deflated."""
    with zipfile.ZipFile(TEMPLATE) as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == [
        "[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
        "word/settings.xml", "word/fontTable.xml", "word/header1.xml", "word/header2.xml",
        "word/theme/theme1.xml", "word/_rels/document.xml.rels", "docProps/core.xml", "docProps/app.xml",
    ]
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}


# --- (2) schema validity and Decree 30 settings of the raw template ----------------------------------


def _part(name: str) -> etree._Element:
    """Parse one part of the template."""
    with zipfile.ZipFile(TEMPLATE) as archive:
        return etree.fromstring(archive.read(name))


def test_template_has_no_openxml_audit_errors() -> None:
    assert _errors(TEMPLATE) == []


def test_template_saved_without_xml_comments_stays_valid(tmp_path: Path) -> None:
    """Word drops XML comments on save: the rule placeholders remain and the file stays valid."""
    out = tmp_path / "word-saved.docx"
    with zipfile.ZipFile(TEMPLATE) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = re.sub(rb"<!--.*?-->", b"", data, flags=re.DOTALL)
            dst.writestr(info, data)
    assert _errors(out) == []
    inds = [p.find(f"{W}pPr/{W}ind") for p in _part("word/document.xml").iter(f"{W}p")
            if p.find(f"{W}pPr/{W}pStyle[@{W}val='TTBRule']") is not None]
    assert len(inds) == 3 and all(i is not None for i in inds)


def test_doc_defaults_times_new_roman_vietnamese_black_14pt() -> None:
    """docs/decree30.md §1 Font: TNR in every slot, no theme fonts, vi-VN, black; 14 pt by default."""
    rpr = _part("word/styles.xml").find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert rpr is not None
    fonts = rpr.find(f"{W}rFonts")
    assert fonts is not None
    assert {str(k).removeprefix(W): v for k, v in fonts.attrib.items()} == dict.fromkeys(
        ("ascii", "hAnsi", "eastAsia", "cs"), "Times New Roman")
    assert rpr.find(f"{W}lang").get(f"{W}val") == "vi-VN"  # type: ignore[union-attr]
    assert rpr.find(f"{W}color").get(f"{W}val") == "000000"  # type: ignore[union-attr]
    assert rpr.find(f"{W}sz").get(f"{W}val") == "28"  # type: ignore[union-attr]
    assert b"Theme=" not in etree.tostring(_part("word/styles.xml"))


def test_page_setup_and_first_page_header() -> None:
    """docs/decree30.md §1 and §4: A4, margins 20/20/30/15 mm, page number from page 2, centred."""
    sect = _part("word/document.xml").find(f"{W}body/{W}sectPr")
    assert sect is not None
    size, margins = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar")
    assert size is not None and margins is not None
    assert (size.get(f"{W}w"), size.get(f"{W}h")) == ("11906", "16838")
    assert [margins.get(f"{W}{k}") for k in ("top", "bottom", "left", "right", "header")] == [
        "1134", "1134", "1701", "851", "567"]
    assert sect.find(f"{W}titlePg") is not None
    refs = {r.get(f"{W}type"): r.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
            for r in sect.iter(f"{W}headerReference")}
    assert refs == {"default": "rId4", "first": "rId5"}
    default, first = _part("word/header1.xml"), _part("word/header2.xml")
    assert "PAGE" in "".join(map(str, default.itertext()))
    assert "".join(map(str, first.itertext())) == ""


def _style(style_id: str) -> etree._Element:
    """One style element of the template."""
    style = _part("word/styles.xml").find(f"{W}style[@{W}styleId='{style_id}']")
    assert style is not None, style_id
    return style


@pytest.mark.parametrize(("style_id", "half_points", "bold", "italic", "jc"), [
    ("TTBSupervising", "26", False, False, "center"),
    ("TTBAgency", "26", True, False, "center"),
    ("TTBNumber", "26", False, False, "center"),
    ("TTBNational", "26", True, False, "center"),
    ("TTBMotto", "28", True, False, "center"),
    ("TTBDate", "28", False, True, "center"),
    ("TTBDocType", "28", True, False, "center"),
    ("TTBTitle", "28", True, False, "center"),
    ("TTBBody", "28", False, False, "both"),
    ("TTBHeading", "28", True, False, "both"),
    ("TTBRecipientsLabel", "24", True, True, "left"),
    ("TTBRecipient", "22", False, False, "left"),
    ("TTBAuthority", "28", True, False, "center"),
    ("TTBSignerTitle", "28", True, False, "center"),
    ("TTBSignerName", "28", True, False, "center"),
    ("TTBPageNumber", "28", False, False, "center"),
])
def test_style_sizes(style_id: str, half_points: str, bold: bool, italic: bool, jc: str) -> None:
    """docs/decree30.md §2.2 and §12 size_profile_14."""
    style = _style(style_id)
    assert style.find(f"{W}rPr/{W}sz").get(f"{W}val") == half_points  # type: ignore[union-attr]
    assert (style.find(f"{W}rPr/{W}b") is not None) is bold
    assert (style.find(f"{W}rPr/{W}i") is not None) is italic
    assert style.find(f"{W}pPr/{W}jc").get(f"{W}val") == jc  # type: ignore[union-attr]


def test_body_style_indent_and_spacing() -> None:
    """docs/decree30.md §3: first line 1 cm, ≥ 6 pt between paragraphs, 1–1.5 lines."""
    ppr = _style("TTBBody").find(f"{W}pPr")
    assert ppr is not None
    spacing, ind = ppr.find(f"{W}spacing"), ppr.find(f"{W}ind")
    assert spacing is not None and ind is not None
    assert ind.get(f"{W}firstLine") == "567"
    assert int(spacing.get(f"{W}before", "0")) + int(spacing.get(f"{W}after", "0")) >= 120
    assert spacing.get(f"{W}lineRule") == "auto" and 240 <= int(spacing.get(f"{W}line", "0")) <= 360


# --- (3) rendering ------------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=sorted(SAMPLES))
def rendered(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Path]:
    """Each sample rendered once: (context, path)."""
    ctx = SAMPLES[request.param]
    return ctx, _render(ctx, tmp_path_factory.mktemp(request.param) / "notice.docx")


def test_rendered_paragraphs_in_order(rendered: tuple[NoticeContext, Path]) -> None:
    ctx, path = rendered
    assert _paragraphs(path) == expected_paragraphs(ctx)


def test_rendered_document_is_schema_valid(rendered: tuple[NoticeContext, Path]) -> None:
    assert _errors(rendered[1]) == []


def test_special_characters_survive(rendered: tuple[NoticeContext, Path]) -> None:
    """Autoescape keeps & < and quotes (pitfalls.md docxtpl)."""
    ctx, path = rendered
    text = "\n".join(t for _, t in _paragraphs(path))
    assert "&" in text and "<" in text and '"' in text
    assert ctx["title"] in text


def test_rules_take_context_geometry(rendered: tuple[NoticeContext, Path]) -> None:
    """The three rules carry the side indents given in ctx['rules'] (agency, motto, title)."""
    ctx, path = rendered
    body = Document(str(path)).element.body
    inds = [p.find(f"{W}pPr/{W}ind") for p in body.iter(qn("w:p"))
            if p.find(f"{W}pPr/{W}pStyle[@{W}val='TTBRule']") is not None]
    got = [(int(i.get(f"{W}left")), int(i.get(f"{W}right"))) for i in inds]
    rules = ctx["rules"]
    assert got == [(rules[k]["left"], rules[k]["right"]) for k in ("agency", "motto", "title")]


def test_signature_kept_together(rendered: tuple[NoticeContext, Path]) -> None:
    """The signature row never splits and the last body paragraph stays with it (docs/decree30.md §11)."""
    _, path = rendered
    body = Document(str(path)).element.body
    tables = body.findall(f"{W}tbl")
    assert len(tables) == 2
    assert tables[1].find(f"{W}tr/{W}trPr/{W}cantSplit") is not None
    body_paras = [p for p in body.findall(f"{W}p")
                  if p.find(f"{W}pPr/{W}pStyle[@{W}val='TTBBody']") is not None]
    keep = [p.find(f"{W}pPr/{W}keepNext") is not None for p in body_paras]
    assert keep == [False] * (len(keep) - 1) + [True]


def test_missing_value_is_an_error(tmp_path: Path) -> None:
    """StrictUndefined: a context without 'title' fails instead of leaving a blank."""
    ctx = {k: v for k, v in samples.SAMPLE.items() if k != "title"}
    with pytest.raises(jinja2.UndefinedError):
        DocxTemplate(str(TEMPLATE)).render(ctx, jinja_env=_env(), autoescape=True)


def _pdf_pages(docx: Path) -> list[str]:
    """Convert with LibreOffice and return the -layout text of each page."""
    profile = docx.parent / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(docx.parent), str(docx)],
        check=True, capture_output=True, timeout=120,
    )
    pdf = docx.with_suffix(".pdf")
    assert pdf.exists(), "soffice exits 0 even when it cannot load the file (pitfalls.md)"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True).stdout
    return text.decode("utf-8").split("\f")


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")), reason="needs LibreOffice")
def test_pdf_layout(rendered: tuple[NoticeContext, Path]) -> None:
    """As printed: Quốc hiệu on one line, Số level with the date, page numbers from page 2 only."""
    ctx, path = rendered
    pages = [p for p in _pdf_pages(path) if p.strip()]
    lines = [" ".join(line.split()) for line in pages[0].splitlines()]
    assert any(ctx["national"] in line for line in lines)
    assert any(" ".join(ctx["number_line"].split()) in line and " ".join(ctx["date_line"].split()) in line
               for line in lines)
    assert not lines[0].strip().isdigit()
    for number, page in enumerate(pages[1:], start=2):
        assert page.strip().splitlines()[0].strip() == str(number)


# --- (4) the template contract ----------------------------------------------------------------------


def test_template_uses_only_notice_context_names() -> None:
    """design.md §5: no variable outside NoticeContext (and this template uses all of them)."""
    used = DocxTemplate(str(TEMPLATE)).get_undeclared_template_variables(jinja_env=_env())
    assert used == set(NoticeContext.__annotations__)


def test_manifest() -> None:
    """template.yaml names the template, its document type and the ttbgen versions it supports."""
    import yaml

    manifest = yaml.safe_load((TEMPLATE.parent / "template.yaml").read_text(encoding="utf-8"))
    assert {k: manifest[k] for k in ("name", "doc_type", "doc_type_name", "version", "ttbgen")} == {
        "name": "thong-bao-ket-luan", "doc_type": "TB", "doc_type_name": "THÔNG BÁO",
        "version": "1.1.0", "ttbgen": ">=0.1,<0.2",
    }
    assert manifest["description"]


def test_manifest_geometry_matches_generator() -> None:
    """The rule geometry the renderer reads from template.yaml is the template's real geometry."""
    import yaml

    manifest = yaml.safe_load((TEMPLATE.parent / "template.yaml").read_text(encoding="utf-8"))
    geometry = manifest["geometry"]
    assert (geometry["left_column"], geometry["right_column"], geometry["text_width"]) == (
        make_template.HEADER_LEFT_W, make_template.HEADER_RIGHT_W, make_template.TEXT_W)
    assert geometry["cell_margin"] == 0
