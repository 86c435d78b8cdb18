"""Issue 13, item 1: a template (or any document) that carries active content is refused, naming the part.

Each case is built here from the shipped template in a few lines. `build` through it exits 2 and writes
nothing, `templates check` exits 1 and names the part, and `ttbgen check` on a notice carrying the same thing
reports active-content; no case makes a request to the local listener.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile import (
    PNG,
    REL,
    SPEC,
    Edit,
    Listener,
    add_rel,
    drawing,
    field,
    hostile_template,
    in_body,
    members,
    picture,
    run,
    snapshot,
    write_package,
)

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
DOC_RELS = "word/_rels/document.xml.rels"


def attached_template(url: str) -> Edit:
    """settings.xml attaches a remote macro template."""
    def edit(parts: dict[str, bytes]) -> None:
        settings = parts["word/settings.xml"].decode()
        parts["word/settings.xml"] = settings.replace(
            "<w:zoom", f'<w:attachedTemplate xmlns:r="{REL}" r:id="rIdT"/><w:zoom', 1).encode()
        add_rel(parts, "word/_rels/settings.xml.rels", f'<Relationship Id="rIdT" Type="{REL}/attachedTemplate" '
                f'Target="{url}/evil.dotm" TargetMode="External"/>')
    return edit


def with_field(instr: str) -> Edit:
    """The body starts with a field."""
    return lambda parts: in_body(parts, field(instr))


def macros(parts: dict[str, bytes]) -> None:
    """A VBA project, related and declared."""
    parts["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    add_rel(parts, DOC_RELS, '<Relationship Id="rIdV" Type="http://schemas.microsoft.com/office/2006/relationships/'
            'vbaProject" Target="vbaProject.bin"/>')


def ole_object(parts: dict[str, bytes]) -> None:
    """An embedded OLE object shown in the body."""
    parts["word/embeddings/oleObject1.bin"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    add_rel(parts, DOC_RELS, f'<Relationship Id="rIdO" Type="{REL}/oleObject" Target="embeddings/oleObject1.bin"/>')
    in_body(parts, '<w:p><w:r><w:object><o:OLEObject xmlns:o="urn:schemas-microsoft-com:office:office" '
                   f'xmlns:r="{REL}" Type="Embed" ProgID="Package" r:id="rIdO"/></w:object></w:r></w:p>')


def activex(parts: dict[str, bytes]) -> None:
    """An ActiveX control."""
    parts["word/activeX/activeX1.xml"] = (b'<?xml version="1.0"?><ax:ocx xmlns:ax="http://schemas.microsoft.com/'
                                          b'office/2006/activeX" ax:classid="{8BD21D40-EC42-11CE-9E0D-00AA006002F3}"/>')
    add_rel(parts, DOC_RELS, '<Relationship Id="rIdA" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/control" Target="activeX/activeX1.xml"/>')
    in_body(parts, f'<w:p><w:r><w:object><w:control xmlns:r="{REL}" r:id="rIdA" w:name="CheckBox1"/></w:object>'
                   "</w:r></w:p>")


def beacon(url: str) -> Edit:
    """A picture linked to a web server: opening the document reports to it."""
    def edit(parts: dict[str, bytes]) -> None:
        add_rel(parts, DOC_RELS, f'<Relationship Id="rIdB" Type="{REL}/image" Target="{url}/beacon.png" '
                'TargetMode="External"/>')
        in_body(parts, drawing("rIdB"))
    return edit


def local_file(parts: dict[str, bytes]) -> None:
    """A VML picture linked to a local file."""
    add_rel(parts, DOC_RELS, f'<Relationship Id="rIdF" Type="{REL}/image" Target="file:///etc/secret.png" '
            'TargetMode="External"/>')
    in_body(parts, picture("rIdF"))


def member(name: str) -> Edit:
    """A zip member with a hostile name."""
    def edit(parts: dict[str, bytes]) -> None:
        parts[name] = PNG
    return edit


def cases(url: str) -> dict[str, tuple[Edit, str, str]]:
    """Each hostile package: its edit, the part the message must name, and what the message says."""
    return {
        "attached-template": (attached_template(url), "word/_rels/settings.xml.rels", "attachedTemplate"),
        "attached-template-element": (attached_template(url), "word/settings.xml", "an attached template"),
        "ddeauto": (with_field(' DDEAUTO "c:\\\\windows\\\\system32\\\\cmd.exe" "/k calc" '), "word/document.xml",
                    "the field DDEAUTO is not allowed"),
        "dde": (with_field(' DDE "excel" "sheet1" "r1c1" '), "word/document.xml", "the field DDE is not allowed"),
        "includetext": (with_field(f' INCLUDETEXT "{url}/x.docx" '), "word/document.xml",
                        "the field INCLUDETEXT is not allowed"),
        "includepicture": (with_field(f' INCLUDEPICTURE "{url}/p.png" \\\\d '), "word/document.xml",
                           "the field INCLUDEPICTURE is not allowed"),
        "macros": (macros, "word/vbaProject.bin", "macros (VBA) are not allowed"),
        "ole": (ole_object, "word/embeddings/oleObject1.bin", "an embedded object (OLE) is not allowed"),
        "activex": (activex, "word/activeX/activeX1.xml", "an ActiveX control is not allowed"),
        "web-beacon": (beacon(url), DOC_RELS, f"points outside the document to {url}/beacon.png"),
        "local-file": (local_file, DOC_RELS, "file:///etc/secret.png"),
        "dotdot-name": (member("../../evil.png"), "../../evil.png", "unsafe zip member name"),
        "absolute-name": (member("/tmp/evil.png"), "/tmp/evil.png", "unsafe zip member name"),
    }


NAMES = sorted(cases("http://x"))


@pytest.mark.parametrize("case", NAMES)
def test_build_through_a_hostile_template_is_refused(in_tmp: Path, listener: Listener, case: str) -> None:
    edit, part, message = cases(listener.url)[case]
    hostile_template(in_tmp, edit)
    (in_tmp / "a.yaml").write_text(SPEC, encoding="utf-8")
    before = snapshot(in_tmp)
    outcome = run("build", "a.yaml", "--pdf")
    outcome.assert_refused(2)
    outcome.assert_line(f"{part}: ", message)
    assert snapshot(in_tmp) == before  # nothing written: no out/, no PDF
    assert listener.requests == []


@pytest.mark.parametrize("case", NAMES)
def test_templates_check_names_the_part(in_tmp: Path, listener: Listener, case: str) -> None:
    edit, part, message = cases(listener.url)[case]
    folder = hostile_template(in_tmp, edit)
    before = snapshot(in_tmp)
    outcome = run("templates", "check", folder)
    outcome.assert_refused(1, "failed")
    outcome.assert_line(f"{part}: ", message)
    assert snapshot(in_tmp) == before
    assert listener.requests == []


@pytest.mark.parametrize("case", NAMES)
def test_check_reports_active_content_in_any_document(tmp_path: Path, built: dict[str, Path], listener: Listener,
                                                      case: str) -> None:
    edit, part, message = cases(listener.url)[case]
    parts = members(built["example"])
    edit(parts)
    doc = write_package(tmp_path / "notice.docx", parts)
    before = snapshot(tmp_path)
    outcome = run("check", doc)
    outcome.assert_refused(1)
    outcome.assert_line("active-content", message)
    assert part in outcome.output
    assert snapshot(tmp_path) == before
    assert listener.requests == []


def test_a_clean_notice_has_no_active_content(built: dict[str, Path]) -> None:
    outcome = run("check", built["example"])
    assert "active-content" not in outcome.output, outcome.output


def test_a_template_cannot_build_a_dde_field_from_pieces(in_tmp: Path) -> None:
    """The gate runs on what the tags produce too: 'DD' ~ 'EAUTO' is refused after rendering."""
    def edit(parts: dict[str, bytes]) -> None:
        in_body(parts, '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">'
                       "{{ 'DD' ~ 'EAUTO' }} cmd</w:instrText></w:r>"
                       '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    hostile_template(in_tmp, edit)
    (in_tmp / "a.yaml").write_text(SPEC, encoding="utf-8")
    outcome = run("build", "a.yaml")
    outcome.assert_refused(2, "word/document.xml: the field DDEAUTO is not allowed")
    assert not (in_tmp / "out").exists()


def sign(parts: dict[str, bytes]) -> None:
    """Add an XML digital signature as Word's Sign does: origin part, signature part, their relationships."""
    parts["_xmlsignatures/origin.sigs"] = b""
    parts["_xmlsignatures/sig1.xml"] = b'<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"/>'
    sig = "http://schemas.openxmlformats.org/package/2006/relationships/digital-signature"
    add_rel(parts, "_rels/.rels",
            f'<Relationship Id="rIdSig" Type="{sig}/origin" Target="_xmlsignatures/origin.sigs"/>')
    add_rel(parts, "_xmlsignatures/_rels/origin.sigs.rels",
            f'<Relationship Id="rId1" Type="{sig}/signature" Target="sig1.xml"/>')


def test_a_signed_notice_is_not_active_content(tmp_path: Path, built: dict[str, Path]) -> None:
    """A signature is what an office sends out: `check` does not report it; a template may not carry one."""
    parts = members(built["example"])
    sign(parts)
    outcome = run("check", write_package(tmp_path / "signed.docx", parts))
    assert "active-content" not in outcome.output, outcome.output
    outcome.assert_refused(outcome.code)


def test_a_signed_template_is_refused(in_tmp: Path) -> None:
    hostile_template(in_tmp, sign)
    (in_tmp / "a.yaml").write_text(SPEC, encoding="utf-8")
    outcome = run("build", "a.yaml")
    outcome.assert_refused(2)
    outcome.assert_line("_xmlsignatures/sig1.xml: ", "a digital signature is not allowed in a template")
    assert not (in_tmp / "out").exists()


def test_every_document_of_a_batch_is_gated(in_tmp: Path) -> None:
    """A part rendered clean for one document is not trusted for the next (issue 15 skips only byte-equal parts):
    a trích yếu that makes the template's field a DDEAUTO is refused after a clean notice, and the next clean
    notice still renders."""
    from ttbgen.build.pipeline import Builder
    from ttbgen.errors import TemplateError

    def edit(parts: dict[str, bytes]) -> None:
        in_body(parts, '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">'
                       "{{ title }}</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>")
    hostile_template(in_tmp, edit)
    for name, title in (("a", "về chuyển đổi số"), ("b", "DDEAUTO cmd"), ("c", "về cải cách hành chính")):
        (in_tmp / f"{name}.yaml").write_text(f"{SPEC}title: {title}\n", encoding="utf-8")
    builder = Builder(in_tmp / "out")
    builder.render(in_tmp / "a.yaml")
    with pytest.raises(TemplateError, match=r"word/document\.xml: the field DDEAUTO is not allowed"):
        builder.render(in_tmp / "b.yaml")
    assert builder.render(in_tmp / "c.yaml")
