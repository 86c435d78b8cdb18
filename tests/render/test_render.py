"""What goes into a spec comes out of the document intact: special characters, NFC, no lost text."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from paths import ROOT

from ttbgen.build.pipeline import Builder
from ttbgen.check.dump import paragraph_texts
from ttbgen.render.engine import CompiledTemplate

TEMPLATE = ROOT / "templates" / "thong-bao-ket-luan" / "template.docx"

SPEC = """\
office: {office}
number: 7
date: 2024-02-05
title: {title}
meeting:
  date: 2024-02-01
  name: cuộc họp về dự án "Cầu & Đường <Bắc>"
  chair: {{name: Nguyễn Thị Ánh, title: Phó Chủ tịch UBND tỉnh}}
tasks:
  heading: Nhiệm vụ
  items:
    - {{heading: Công ty B & Cộng sự <X>, text: 'Chủ trì "ngay" các việc; a < b > c & d'}}
recipients: [Sở Tài chính & Kế hoạch]
"""


def render(tmp_path: Path, title: str, office: str = "ubnd-lang-son") -> list[str]:
    """Build a spec with the given title and return the document's paragraph texts."""
    spec = tmp_path / "x.yaml"
    spec.write_text(SPEC.format(title=title, office=office), encoding="utf-8")
    builder = Builder(tmp_path / "out")
    out = builder.build(spec)[0].output
    return paragraph_texts(out)


def test_xml_special_characters_survive(tmp_path: Path) -> None:
    texts = render(tmp_path, "'Kết luận về B & C <D> \"E\"'")
    assert "Kết luận về B & C <D> \"E\"" in texts
    assert "a) Công ty B & Cộng sự <X>: Chủ trì \"ngay\" các việc; a < b > c & d" in texts
    assert any('cuộc họp về dự án "Cầu & Đường <Bắc>"' in t for t in texts)
    assert "- Sở Tài chính & Kế hoạch;" in texts


def test_decomposed_input_comes_out_nfc(tmp_path: Path) -> None:
    title = unicodedata.normalize("NFD", "Kết luận của Phó Chủ tịch Ủy ban nhân dân tỉnh")
    texts = render(tmp_path, title)
    assert "Kết luận của Phó Chủ tịch Ủy ban nhân dân tỉnh" in texts
    assert all(unicodedata.is_normalized("NFC", t) for t in texts)


def test_number_and_office_header(tmp_path: Path) -> None:
    texts = render(tmp_path, "Kết luận", office="vp-ubnd-lang-son")
    assert texts[:2] == ["UBND TỈNH LẠNG SƠN", "VĂN PHÒNG"]
    assert "Số: 07/TB-VP" in texts
    assert "Lạng Sơn, ngày 05 tháng 02 năm 2024" in texts


NOISE = ["\n<w:p ", "\n<w:p>", "\n<w:pPr>", "{_{", "}_}", "{_%", "%_}", "{_", "_}", "<w:tab/>", "<w:tbl>", "\n",
         "<", ">"]
TEXT = st.lists(st.sampled_from(["\t", "\n", "\a", "\f", "x", "ư", "{_", "_}", " "]), max_size=6).map("".join)
RUN = st.builds(lambda t, tag: f"<w:r>{tag}{t}</w:t></w:r>", TEXT,
                st.sampled_from(["<w:t>", '<w:t xml:space="preserve">']))
PARAGRAPH = st.builds(lambda runs, head: head + "".join(runs) + "</w:p>", st.lists(RUN, max_size=3),
                      st.sampled_from(["<w:p>", "\n<w:p>", '\n<w:p w:rsidR="1">']))
XML = st.lists(st.one_of(PARAGRAPH, st.sampled_from(NOISE)), max_size=8).map("".join)


def finished_before(xml: str) -> str:
    """What the renderer did to rendered XML before issue 15 looked before each step."""
    import re

    from docxtpl import DocxTemplate

    xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
    xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
    if re.search(r"<w:t(?: [^>]*)?>[^<]*[\t\a\n\f]", xml):
        xml = str(DocxTemplate(io.BytesIO()).resolve_listing(xml))
    return xml


@settings(max_examples=400, deadline=None)
@given(XML)
def test_the_finishing_steps_change_what_they_changed_before(xml: str) -> None:
    assert CompiledTemplate(TEMPLATE)._finish(xml) == finished_before(xml)
