"""Components that share a paragraph or a row: split at breaks, tabs and wide gaps, each piece with its own runs;
Nơi nhận items in the row below the label."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import d30notice
import pytest

from ttbgen.check.components import (
    BAN_HANH,
    DIA_DANH_NGAY,
    NOI_NHAN_ITEM,
    QUOC_HIEU,
    SO_KY_HIEU,
    TIEU_NGU,
    Components,
    _header,
    find_components,
    segments,
)
from ttbgen.check.docmodel import Para
from ttbgen.check.reader import read_document


def para_of(template: Para, *texts: tuple[str, float, bool]) -> Para:
    """Return a copy of a paragraph holding runs (text, size, bold)."""
    runs = [replace(template.runs[0], text=text, size=size, bold=bold) for text, size, bold in texts]
    text = "".join(run.text for run in runs)
    return replace(template, runs=runs, raw=text, text=text, align="left", drawn=[], cell=None)


def a_para(make: Callable[..., Path]) -> Para:
    """Return a paragraph with runs from a generated notice."""
    return next(p for p in read_document(make()).paras if p.runs)


def test_a_line_break_makes_two_pieces_with_their_own_runs(make: Callable[..., Path]) -> None:
    para = para_of(a_para(make), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, True),
                   ("\nĐộc lập - Tự do - Hạnh phúc", 14, True))
    first, second = segments(para)
    assert (first.text, second.text) == ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
    assert [r.size for r in first.text_runs()] == [13] and [r.size for r in second.text_runs()] == [14]
    assert first.piece == second.piece == "line" and first.n == second.n == para.n


def test_a_header_laid_out_with_tabs_and_spaces(make: Callable[..., Path]) -> None:
    base = a_para(make)
    lines = [
        para_of(base, ("   ỦY BAN NHÂN DÂN            ", 13, True), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, True)),
        replace(para_of(base, ("  TỈNH LẠNG SƠN\t      ", 13, True), ("Độc lập - Tự do - Hạnh phúc", 14, True)), n=2),
        replace(para_of(base, ("Số:        /UBND-KT", 13, False), ("          Lạng Sơn, ngày      tháng 3 năm 2024",
                                                                    14, False)), n=3),
    ]
    comps = Components()
    _header(lines, comps)
    found = {name: [p.text.strip() for p in comps[name]] for name in (QUOC_HIEU, TIEU_NGU, BAN_HANH, SO_KY_HIEU,
                                                                      DIA_DANH_NGAY)}
    assert found == {
        QUOC_HIEU: ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], TIEU_NGU: ["Độc lập - Tự do - Hạnh phúc"],
        BAN_HANH: ["ỦY BAN NHÂN DÂN", "TỈNH LẠNG SƠN"], SO_KY_HIEU: ["Số:        /UBND-KT"],
        DIA_DANH_NGAY: ["Lạng Sơn, ngày      tháng 3 năm 2024"],
    }
    assert all(p.piece == "tab" for p in comps[TIEU_NGU])


def test_blanks_left_in_a_draft_do_not_split(make: Callable[..., Path]) -> None:
    for text in ("Số:          /TB-UBND", "Lạng Sơn, ngày        tháng        năm 2024"):
        para = para_of(a_para(make), (text, 13, False))
        assert segments(para) == [para]


def test_recipients_in_the_row_below_the_label(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def two_rows(n: d30notice.Notice) -> str:
        """The label alone in row 1, the items in row 2 of the same column (a form's layout)."""
        label = d30notice.para(n.recipients_label, d30notice._defaults(n, "noi_nhan_label"))
        items = "".join(d30notice.para(t, d30notice._defaults(n, "noi_nhan_item")) for t in n.recipients)
        right = "".join(d30notice.para(t, d30notice._defaults(n, "quyen_han")) for t in n.authority)
        right += d30notice.para(n.signer_title, d30notice._defaults(n, "chuc_vu"))
        name = d30notice.para(n.name, d30notice._defaults(n, "ho_ten"))
        return d30notice._table((d30notice.SIGN_LEFT, d30notice.SIGN_RIGHT), (label, right), (items, name))

    monkeypatch.setattr(d30notice, "signature_table", two_rows)
    comps = find_components(read_document(d30notice.build(tmp_path / "rows.docx")))
    assert [p.text for p in comps[NOI_NHAN_ITEM]] == d30notice.RECIPIENTS
