"""Templates shared across offices: search path, overrides, pins, manifests, template checks, sandbox."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from paths import ROOT

from ttbgen.build.pipeline import Builder, build_all
from ttbgen.build.template_check import check_template
from ttbgen.errors import SpecError, TtbgenError
from ttbgen.render.templates import read_custom_properties
from ttbgen.spec.office import search_path

TEMPLATES = ROOT / "templates"
SPEC = """\
office: {office}
template: {template}
number: 3
date: 2026-03-09
meeting:
  date: 2026-03-06
  time: 8 giờ 30
  place: tại trụ sở UBND tỉnh
  name: cuộc họp nghe báo cáo tiến độ
  chair: {{name: Nguyễn Văn A, title: Phó Chủ tịch UBND tỉnh}}
  attendees: [lãnh đạo Sở Tài chính]
tasks:
  heading: Nhiệm vụ
  items: [{{heading: Sở Tài chính, lead: Sở Tài chính, text: Chủ trì thực hiện.}}]
recipients: [Sở Tài chính]
"""


def write_spec(folder: Path, office: str = "ubnd-lang-son", template: str = "thong-bao-ket-luan") -> Path:
    """Write a small spec into a folder."""
    folder.mkdir(parents=True, exist_ok=True)
    spec = folder / "hop.yaml"
    spec.write_text(SPEC.format(office=office, template=template), encoding="utf-8")
    return spec


def copy_template(name: str, to: Path, version: str | None = None) -> Path:
    """Copy a shipped template folder, optionally changing its version."""
    target = to / name
    shutil.copytree(TEMPLATES / name, target)
    if version:
        manifest = target / "template.yaml"
        manifest.write_text(manifest.read_text(encoding="utf-8").replace("version: 1.1.0", f"version: {version}"),
                            encoding="utf-8")
    return target


def properties(path: Path) -> dict[str, str]:
    """Read a document's custom properties."""
    with zipfile.ZipFile(path) as zf:
        return read_custom_properties(zf)


def test_search_path_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env_dir, spec_dir = tmp_path / "shared-repo", tmp_path / "office" / "specs"
    env_dir.mkdir()
    spec_dir.mkdir(parents=True)
    (tmp_path / "office" / "templates").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TTBGEN_TEMPLATE_PATH", str(env_dir))
    roots = search_path(spec_dir)
    assert roots.index(spec_dir.resolve()) < roots.index((tmp_path / "office" / "templates").resolve())
    assert roots.index((tmp_path / "office" / "templates").resolve()) < roots.index(env_dir.resolve())
    assert roots[-1].name in ("templates", "builtin_templates")


def test_config_file_adds_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "shared").mkdir()
    (tmp_path / "ttbgen.yaml").write_text("template_path: [shared]\n", encoding="utf-8")
    spec_dir = tmp_path / "specs"
    spec_dir.mkdir()
    monkeypatch.chdir(tmp_path)
    assert (tmp_path / "shared").resolve() in search_path(spec_dir)


def test_office_overrides_one_template_without_copying_the_rest(tmp_path: Path) -> None:
    spec = write_spec(tmp_path / "specs")
    copy_template("thong-bao-ket-luan", tmp_path / "specs", version="1.5.0")
    first = Builder(tmp_path / "out").build(spec)[0]
    assert properties(first.output)["ttbgen.template-version"] == "1.5.0"  # the spec folder's copy wins
    other = Builder(tmp_path / "out2", templates=("giay-moi",)).build(spec)[0]
    assert properties(other.output)["ttbgen.template-version"] == "1.1.0"  # the rest still come from the project


def test_version_pin_and_its_error(tmp_path: Path) -> None:
    spec = write_spec(tmp_path, template="{name: thong-bao-ket-luan, version: '1'}")
    assert Builder(tmp_path / "out").build(spec)[0].written
    spec = write_spec(tmp_path, template="{name: thong-bao-ket-luan, version: '2.1'}")
    with pytest.raises(SpecError) as info:
        Builder(tmp_path / "out").build(spec)
    assert info.value.render().startswith(
        f"{spec}:2:11: template: the spec pins thong-bao-ket-luan version 2.1, but the template found is version "
        "1.1.0 (")


def test_unknown_template_is_located(tmp_path: Path) -> None:
    spec = write_spec(tmp_path, template="thong-bao-ket-lun")
    with pytest.raises(SpecError) as info:
        Builder(tmp_path / "out").build(spec)
    assert info.value.render() == (f"{spec}:2:11: template: template 'thong-bao-ket-lun' not found; did you mean "
                                   "'thong-bao-ket-luan'?")


def test_unknown_template_far_from_any_lists_the_known_ones(tmp_path: Path) -> None:
    spec = write_spec(tmp_path, template="cong-van")
    with pytest.raises(SpecError) as info:
        Builder(tmp_path / "out").build(spec)
    message = info.value.render()
    assert message.startswith(f"{spec}:2:11: template: template 'cong-van' not found in: ")
    known = message.split("(known templates: ")[1].rstrip(")").split(", ")
    assert {"giay-moi", "thong-bao", "thong-bao-ket-luan"} <= set(known) and known == sorted(known)


def test_manifest_and_hash_are_recorded(tmp_path: Path) -> None:
    from ttbgen import __version__
    from ttbgen.check.dump import dump_docx
    from ttbgen.render.templates import load_manifest

    out = Builder(tmp_path / "out").build(write_spec(tmp_path))[0].output
    props = properties(out)
    manifest = load_manifest(TEMPLATES / "thong-bao-ket-luan")
    assert props["ttbgen.template"] == "thong-bao-ket-luan"
    assert props["ttbgen.template-version"] == manifest.version
    assert props["ttbgen.template-sha256"] == manifest.sha256
    assert props["ttbgen.version"] == __version__
    assert f"property ttbgen.template-version = {manifest.version}" in dump_docx(out)


def tampered(tmp_path: Path, old: str, new: str) -> Path:
    """Copy the conclusion template with a piece of its document.xml replaced."""
    folder = copy_template("thong-bao-ket-luan", tmp_path)
    docx = folder / "template.docx"
    with zipfile.ZipFile(docx) as zf:
        parts = [(i, zf.read(i)) for i in zf.infolist()]
    with zipfile.ZipFile(docx, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in parts:
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                assert old in text
                data = text.replace(old, new, 1).encode("utf-8")
            zf.writestr(info, data)
    return folder


def messages(folder: Path) -> list[str]:
    """Return the messages of `templates check` on a folder."""
    return [p.message for p in check_template(folder)]


def test_shipped_templates_pass_their_checks() -> None:
    for name in ("thong-bao-ket-luan", "giay-moi", "thong-bao"):
        assert check_template(TEMPLATES / name) == [], name


def test_check_catches_a_split_tag(tmp_path: Path) -> None:
    folder = tampered(tmp_path, "{{ title }}</w:t></w:r>",
                      "{{ ti</w:t></w:r><w:r><w:t>tle }}</w:t></w:r>")
    assert any("is split across Word runs" in m for m in messages(folder))


def test_check_catches_an_undeclared_variable(tmp_path: Path) -> None:
    folder = tampered(tmp_path, "{{ title }}", "{{ titel }}")
    from ttbgen.compose.context import NoticeContext

    names = ", ".join(NoticeContext.__annotations__)
    assert f"'titel' is not in the template context; the names are: {names}" in messages(folder)


def test_check_catches_smart_quotes(tmp_path: Path) -> None:
    folder = tampered(tmp_path, "{{ title }}", "{{ title ~ “x” }}")
    assert any("contains typographic quotes" in m for m in messages(folder))


@pytest.mark.parametrize("payload", [
    "{{ ''.__class__.__mro__ }}", "{{ title.__class__.__base__.__subclasses__() }}",
    "{% include '/etc/passwd' %}", "{% import 'os' as os %}", "{{ cycler.__init__.__globals__ }}",
])
def test_sandbox_escapes_fail_and_write_nothing(tmp_path: Path, payload: str) -> None:
    folder = tampered(tmp_path / "specs", "{{ title }}", payload)
    spec = write_spec(tmp_path / "specs")
    with pytest.raises(TtbgenError) as info:
        build_all([spec], tmp_path / "out")
    assert "the template tried something not allowed" in info.value.render()
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    assert messages(folder)  # and `templates check` reports it


def test_one_spec_two_offices(tmp_path: Path) -> None:
    from ttbgen.check.api import check_document
    from ttbgen.check.dump import paragraph_texts
    from ttbgen.check.findings import Level

    ubnd = Builder(tmp_path / "a").build(write_spec(tmp_path / "a", "ubnd-lang-son"))[0].output
    office = Builder(tmp_path / "b").build(write_spec(tmp_path / "b", "vp-ubnd-lang-son"))[0].output
    assert paragraph_texts(ubnd)[:2] == ["ỦY BAN NHÂN DÂN", "TỈNH LẠNG SƠN"]
    assert paragraph_texts(office)[:2] == ["UBND TỈNH LẠNG SƠN", "VĂN PHÒNG"]
    assert "Số: 03/TB-UBND" in paragraph_texts(ubnd) and "Số: 03/TB-VP" in paragraph_texts(office)
    assert paragraph_texts(ubnd)[-3:] == ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "Nguyễn Văn A"]
    assert paragraph_texts(office)[-2:] == ["CHÁNH VĂN PHÒNG", "Nguyễn Văn A"]
    for doc in (ubnd, office):
        assert [f.text_line() for f in check_document(doc) if f.level is Level.ERROR] == []


def test_one_meeting_spec_renders_invitation_and_conclusion(tmp_path: Path) -> None:
    from ttbgen.check.api import check_document
    from ttbgen.check.dump import paragraph_texts
    from ttbgen.check.findings import Level

    spec = write_spec(tmp_path, template="[thong-bao-ket-luan, giay-moi]")
    built = Builder(tmp_path / "out").build(spec)
    assert [b.output.name for b in built] == ["hop.docx", "hop.giay-moi.docx"]
    invitation = paragraph_texts(built[1].output)
    assert "GIẤY MỜI" in invitation and "Số: /GM-UBND" in invitation
    assert "Thời gian: 8 giờ 30, thứ Sáu, ngày 06/3/2026." in invitation
    assert "Địa điểm: trụ sở UBND tỉnh." in invitation
    for b in built:
        assert [f.text_line() for f in check_document(b.output) if f.level is Level.ERROR] == [], b.output.name


def test_house_style_narrows_and_refuses_wider_ranges(tmp_path: Path) -> None:
    offices = tmp_path / "offices"
    offices.mkdir()
    base = (TEMPLATES / "offices" / "ubnd-lang-son.yaml").read_text(encoding="utf-8")
    (offices / "narrow.yaml").write_text(base + "house_style: {sizes_pt: {body: [14, 14]}}\n", encoding="utf-8")
    (offices / "wide.yaml").write_text(base + "house_style: {sizes_pt: {body: [12, 14]}}\n", encoding="utf-8")
    assert Builder(tmp_path / "out").build(write_spec(tmp_path, "narrow"))[0].written
    with pytest.raises(TtbgenError) as info:
        Builder(tmp_path / "out").build(write_spec(tmp_path, "wide"))
    assert "body" in info.value.render() and "wider" in info.value.render()


def test_invitation_without_invitees_is_located(tmp_path: Path) -> None:
    spec = write_spec(tmp_path, template="[thong-bao-ket-luan, giay-moi]")
    spec.write_text(spec.read_text(encoding="utf-8").replace("  attendees: [lãnh đạo Sở Tài chính]\n", ""),
                    encoding="utf-8")
    with pytest.raises(SpecError) as info:
        Builder(tmp_path / "out").build(spec)
    assert info.value.render() == (
        f"{spec}:2:11: invitation.invitees: invitation.invitees is needed for a Giấy mời (who is invited)")
