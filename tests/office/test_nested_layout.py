"""Layout of nested content on the rendered page (issue 11): a heading-only point stays with what follows
it, and a wrapped Nơi nhận line hangs under its text. Real LibreOffice, read back with pdftotext -bbox."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from paths import SPECS

needs_office = pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                                  reason="LibreOffice and poppler-utils are not installed (.ci/run installs them)")
GROUPS = 36
FILLER_WORDS = "các cơ quan đơn vị tiếp tục triển khai thực hiện nhiệm vụ được giao bảo đảm tiến độ chất lượng"


def filler(k: int) -> str:
    """A paragraph whose length varies from group to group, so that headings fall at every height of a page."""
    words = FILLER_WORDS.split()
    count = 8 + (k * 17) % 70
    return " ".join(words[i % len(words)] for i in range(count)).capitalize() + "."


def keep_spec() -> str:
    """A spec with many heading-only points, each followed by one bullet."""
    lines = ["schema: 2", "office: ubnd-lang-son", "date: 2024-12", "meeting:", "  date: 2024-12-20",
             "  name: cuộc họp kiểm tra bố cục", "  chair: {title: Chủ tịch UBND tỉnh}", "content:",
             "  - heading: Nội dung", "    numbering: decimal", "    items:"]
    for k in range(1, GROUPS + 1):
        lines += [f"      - heading: Đoạn dẫn số {k}", "        run_in: false", f"        paragraphs: [{filler(k)}]",
                  f"      - heading: 'Hạn chế thứ {k}:'", "        items:",
                  f"          - Nội dung thứ {k} của hạn chế."]
    return "\n".join(lines) + "\n"


def build_pdfs(folder: Path) -> tuple[Path, Path]:
    """Build the spec, and a control copy whose body paragraphs lost keepNext; render both."""
    from ttbgen.build.pipeline import build_all
    from ttbgen.office.pdf import convert_to_pdf

    spec = folder / "keep.yaml"
    spec.write_text(keep_spec(), encoding="utf-8")
    built = build_all([spec], folder / "out")[0].output
    control = folder / "out" / "control.docx"
    with zipfile.ZipFile(built) as src, zipfile.ZipFile(control, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                data = re.sub(rb'(<w:pStyle w:val="TTBBody"/>)<w:keepNext/>', rb"\1", data)
            dst.writestr(item, data)
    pdfs = convert_to_pdf([built, control], folder / "pdf")
    return pdfs[0], pdfs[1]


def split_points(pdf: Path) -> list[int]:
    """Return the groups whose heading-only point ends a page while its bullet starts the next one."""
    from ttbgen.check.rendered import find_phrase, read_pages

    pages = read_pages(pdf)

    def page_of(phrase: str) -> int:
        found = [p.number for p in pages if find_phrase(p.words, phrase)]
        assert found, phrase
        return found[0]

    return [k for k in range(1, GROUPS + 1)
            if page_of(f"Hạn chế thứ {k}:") != page_of(f"Nội dung thứ {k} của hạn chế")]


@needs_office
def test_a_heading_only_point_is_kept_with_the_next_paragraph(tmp_path: Path) -> None:
    kept, control = build_pdfs(tmp_path)
    # Without keepNext some heading ends a page alone: the document does test the layout.
    assert split_points(control), "the control layout never splits a point from its bullet; lengthen the spec"
    assert split_points(kept) == []


@needs_office
def test_a_wrapped_recipient_line_hangs_under_its_text(tmp_path: Path) -> None:
    from ttbgen.build.pipeline import build_all
    from ttbgen.check.rendered import find_phrase, read_pages
    from ttbgen.office.pdf import convert_to_pdf

    built = build_all([SPECS / "tong-ket-2024-12.yaml"], tmp_path / "out")[0].output
    pages = read_pages(convert_to_pdf([built], tmp_path / "pdf")[0])
    phrase = "Thường trực Tỉnh ủy, Thường trực HĐND tỉnh, Đoàn đại biểu Quốc hội tỉnh;"
    words = next(w for w in (find_phrase(p.words, phrase) for p in pages) if w)
    first, rest = words[0], [w for w in words if w.y0 > words[0].y0 + 3]
    assert rest, "the recipient line no longer wraps; make it longer"
    dash = next(w for p in pages for w in p.words if w.text == "-" and abs(w.y0 - first.y0) < 3 and w.x1 <= first.x0)
    continuation = min(w.x0 for w in rest)
    assert abs(continuation - first.x0) < 1.5  # under the text …
    assert continuation > dash.x0 + 3  # … not under the "-"
