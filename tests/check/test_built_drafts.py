"""Drafts ttbgen writes pass its own checker: a year-only date ("ngày   tháng   năm 2026"), a bullet that
starts with "Nơi nhận" in the content."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from paths import SPECS

from ttbgen.build.pipeline import Builder
from ttbgen.check.api import check_document
from ttbgen.check.components import BODY, NOI_NHAN_LABEL, find_components
from ttbgen.check.reader import read_document


def build(tmp_path: Path, text: str) -> Path:
    """Build one spec text; return the document."""
    spec = tmp_path / "x.yaml"
    spec.write_text(text, encoding="utf-8")
    return Builder(tmp_path / "out").build(spec)[0].output


@pytest.mark.parametrize("date", ["2026", "2026-03"])
def test_a_draft_with_a_blank_day_and_month_passes(tmp_path: Path, date: str) -> None:
    text = re.sub(r"(?m)^date: .*$", f"date: {date}", (SPECS / "example.yaml").read_text(encoding="utf-8"), count=1)
    out = build(tmp_path, text)
    assert [f.text_line() for f in check_document(out) if f.level.value != "not-evaluated"] == []


def test_a_bullet_naming_nơi_nhận_hồ_sơ_is_content(tmp_path: Path) -> None:
    text = (SPECS / "example.yaml").read_text(encoding="utf-8")
    bullet = '        - "Nơi nhận hồ sơ: Bộ phận một cửa UBND xã"\n'
    text = text.replace("        - Phân công cán bộ phụ trách;\n", "        - Phân công cán bộ phụ trách;\n" + bullet)
    assert "Nơi nhận hồ sơ" in text
    out = build(tmp_path, text)
    comps = find_components(read_document(out))
    assert comps[NOI_NHAN_LABEL][0].text.strip() == "Nơi nhận:"
    assert any("Nơi nhận hồ sơ" in para.text for para in comps[BODY])
    assert [f.text_line() for f in check_document(out) if f.level.value != "not-evaluated"] == []
