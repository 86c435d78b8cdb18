"""A template saved by LibreOffice Writer writes quotes inside tags as entities (&apos;): it still renders."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

from paths import ROOT

from ttbgen.build.pipeline import Builder
from ttbgen.check.dump import dump_docx
from ttbgen.render.engine import unescape_tags

TEMPLATE = ROOT / "templates" / "thong-bao-ket-luan"


def as_writer_saves(source: Path, target: Path) -> int:
    """Copy a template.docx with every quote inside a tag written as Writer writes it; return how many."""
    count = 0

    def entities(match: re.Match[str]) -> str:
        nonlocal count
        count += match.group(0).count("'")
        return match.group(0).replace("'", "&apos;").replace('"', "&quot;")

    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "word/document.xml":
                data = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", entities, data.decode("utf-8")).encode("utf-8")
            zout.writestr(item, data)
    return count


def test_a_template_saved_by_writer_renders_like_the_original(tmp_path: Path) -> None:
    spec = tmp_path / "example.yaml"
    shutil.copyfile(ROOT / "specs" / "example.yaml", spec)
    expected = dump_docx(Builder(tmp_path / "before").build(spec)[0].output)
    folder = tmp_path / "templates" / "thong-bao-ket-luan"
    folder.mkdir(parents=True)
    shutil.copyfile(TEMPLATE / "template.yaml", folder / "template.yaml")
    assert as_writer_saves(TEMPLATE / "template.docx", folder / "template.docx") > 0
    built = Builder(tmp_path / "after").build(spec)[0].output
    assert dump_docx(built).split("page ", 1)[1] == expected.split("page ", 1)[1]  # the hash differs, the text not


def test_only_entities_inside_tags_are_unescaped() -> None:
    xml = "<w:t>B &amp; C &apos;x&apos;</w:t><w:t>{{ a | join(&apos;, &apos;) }}{% if b == &quot;&amp;&quot; %}</w:t>"
    assert unescape_tags(xml) == (
        "<w:t>B &amp; C &apos;x&apos;</w:t><w:t>{{ a | join(', ') }}{% if b == \"&\" %}</w:t>")
