"""The checker's memos (issue 15): one style sheet per distinct styles and theme, resolved formatting kept with
it, visible runs and folded text computed once, the rule set read with libyaml. None may change a finding:
a document checked after others is judged as when checked alone."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import d30notice
import handmade
import pytest

from ttbgen.check import activescan, reader, styles
from ttbgen.check.api import check_document
from ttbgen.check.reader import read_document
from ttbgen.check.rules.base import text_width
from ttbgen.check.ruleset import DEFAULT_PATH, RuleSetError, load_yaml


def _notices(tmp_path: Path) -> list[Path]:
    """Return notices that share a template (same styles) or not, and fail different rules."""
    return [
        d30notice.build(tmp_path / "plain.docx"),
        d30notice.build(tmp_path / "sizes.docx", fmt=d30notice.with_fmt("body", size=12)),
        handmade.build(tmp_path / "handmade.docx"),
        d30notice.build(tmp_path / "rows.docx", header_rows=2, page_field="footer"),
        d30notice.build(tmp_path / "cv.docx", doc_type="", title="", subject="V/v báo cáo tiến độ",
                        kinh_gui="Kính gửi: Sở Nội vụ"),
    ]


def _forget_all() -> None:
    """Forget every memo of the checker, as in a new process."""
    styles._SHEETS.clear()
    reader._FACTS.clear()
    activescan._CLEAN.clear()
    activescan._CLEAN_NAMES.clear()
    text_width.cache_clear()


def _lines(path: Path) -> list[str]:
    return [f.text_line() for f in check_document(path)]


def test_documents_checked_in_a_row_are_judged_as_alone(tmp_path: Path) -> None:
    paths = _notices(tmp_path)
    alone = []
    for path in paths:
        _forget_all()
        alone.append(_lines(path))
    assert any(alone), "the notices should fail some rules"
    in_a_row = [_lines(path) for path in [*paths, *reversed(paths)]]
    assert in_a_row == alone + alone[::-1]


def test_style_sheet_shared_by_notices_of_one_template(tmp_path: Path) -> None:
    first, second, other = _notices(tmp_path)[:3]
    styles._SHEETS.clear()
    sheets = [read_document(path) for path in (first, second, other)]
    assert len(styles._SHEETS) == 2
    assert sheets[0].paras[0].runs[0] is not sheets[1].paras[0].runs[0]  # runs are still each document's own


def test_paragraph_properties_out_of_order(tmp_path: Path) -> None:
    """A pPr after the runs still formats the paragraph; a sectPr in a second pPr still ends the section."""
    body = ('<w:p><w:r><w:t>Một</w:t></w:r><w:pPr><w:jc w:val="center"/></w:pPr></w:p>'
            '<w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:pPr><w:sectPr/></w:pPr><w:r><w:t>Hai</w:t></w:r></w:p>'
            '<w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:t>Ba</w:t></w:r></w:p><w:sectPr/>')
    files: dict[str, str | bytes] = dict(d30notice.parts(d30notice.Notice(page_field="none")))
    files["word/document.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?>\n<w:document {d30notice.NS}>'
                                  f"<w:body>{body}</w:body></w:document>")
    path = tmp_path / "order.docx"
    path.write_bytes(d30notice.pack(files))
    paras = read_document(path).paras
    assert [(p.text, p.align, p.section) for p in paras] == [("Một", "center", 0), ("Hai", "right", 0),
                                                           ("Ba", "right", 1)]


def test_visible_runs_follow_a_replaced_paragraph(tmp_path: Path) -> None:
    para = next(p for p in read_document(handmade.build(tmp_path / "h.docx")).paras if len(p.text_runs()) > 1)
    assert len(para.letter_runs()) > 1
    cut = replace(para, runs=para.runs[:1])
    assert cut.text_runs() == para.runs[:1] and len(para.text_runs()) > 1
    assert cut.letter_runs() == para.runs[:1]


def test_default_rule_set_read_alike_with_libyaml(tmp_path: Path) -> None:
    assert load_yaml(DEFAULT_PATH, fast=True) == load_yaml(DEFAULT_PATH)
    twice = tmp_path / "dup.yaml"
    twice.write_text("body:\n  first_line_cm: [1, 1.27]\n  first_line_cm: [1, 1]\n", encoding="utf-8")
    for fast in (False, True):  # the same message: the key's mapping starts on line 2
        with pytest.raises(RuleSetError, match=r"dup\.yaml:2: duplicate key 'first_line_cm'"):
            load_yaml(twice, fast=fast)


def test_style_sheets_kept_are_bounded() -> None:
    styles._SHEETS.clear()
    built = []
    for i in range(styles.SHEETS_KEPT + 3):
        sheet = styles.cached_sheet(b"<styles %d/>" % i, None, lambda: styles.StyleSheet(None, None))
        built.append(sheet)
        assert len(styles._SHEETS) == min(i + 1, styles.SHEETS_KEPT)
    assert styles.cached_sheet(b"<styles %d/>" % (len(built) - 1), None, lambda: styles.StyleSheet(None, None)) \
        is built[-1]  # the newest stays
    assert b"<styles 0/>" not in {key[0] for key in styles._SHEETS}  # the oldest went first


def test_a_huge_style_sheet_is_not_kept() -> None:
    """Only sheets of real size are kept: a batch of documents with huge styles parts keeps memory flat."""
    styles._SHEETS.clear()
    huge = b"<styles>" + b" " * styles.SHEET_BYTES_KEPT + b"</styles>"
    first = styles.cached_sheet(huge, None, lambda: styles.StyleSheet(None, None))
    assert styles._SHEETS == {}
    assert styles.cached_sheet(huge, None, lambda: styles.StyleSheet(None, None)) is not first


def test_facts_read_from_parts_are_keyed_by_bytes(tmp_path: Path) -> None:
    reader._FACTS.clear()
    plain = d30notice.build(tmp_path / "plain.docx")
    again = d30notice.build(tmp_path / "again.docx", fmt=d30notice.with_fmt("body", size=12))
    first, second = read_document(plain), read_document(again)
    assert first.paras[0].text == second.paras[0].text and len(reader._FACTS.values) == 2  # the two .rels, shared
    other = d30notice.build(tmp_path / "other.docx", extra_rels=['<Relationship Id="rIdX" Type="x/y" Target="a.xml"/>'])
    assert read_document(other).sections == first.sections
    assert len(reader._FACTS.values) == 3  # its document.xml.rels differs: read anew
