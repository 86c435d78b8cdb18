"""A task's deadline is printed in the notice when its text does not state it (print_due in the manifest)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ttbgen.compose.derive import build_context
from ttbgen.errors import TemplateError
from ttbgen.render.templates import load_manifest
from ttbgen.spec.load import load_spec
from ttbgen.spec.office import load_office

SPEC = """\
office: ubnd-lang-son
date: 2026-03-10
meeting:
  date: 2026-03-02
  name: cuộc họp về chuyển đổi số
  chair: {name: Nguyễn Văn Bình, title: Phó Chủ tịch UBND tỉnh}
tasks:
  heading: Nhiệm vụ
  items:
    - {lead: Sở Tài chính, due: 2026-03-31, text: Tham mưu bố trí kinh phí.}
    - {lead: Sở Y tế, due: 2026-04, text: Rà soát dữ liệu; hoàn thành trong tháng 4/2026.}
    - {lead: Sở Nội vụ, due: 2026-06, heading: Sở Nội vụ, bullets: [Sắp xếp bộ máy;, Báo cáo kết quả.]}
    - Các nội dung khác thực hiện theo quy định.
recipients: [Sở Tài chính, Sở Y tế, Sở Nội vụ]
archive: VT
"""


def body(tmp_path: Path, mode: str) -> list[str]:
    path = tmp_path / "x.yaml"
    path.write_text(SPEC, encoding="utf-8")
    context = build_context(load_spec(path, load_office), print_due=mode)
    return [b["number"] + b["lead"] + b["text"] for b in context["body"]][-8:-1]  # the points; closing last


def test_missing_deadlines_are_printed(tmp_path: Path) -> None:
    assert body(tmp_path, "missing") == [
        "a) Sở Tài chính: Tham mưu bố trí kinh phí; thời hạn hoàn thành: trước ngày 31/3/2026.",
        "b) Sở Y tế: Rà soát dữ liệu; hoàn thành trong tháng 4/2026.",
        "c) Sở Nội vụ",
        "- Sắp xếp bộ máy;",
        "- Báo cáo kết quả.",
        "- Thời hạn hoàn thành: trong tháng 6/2026.",
        "d) Các nội dung khác thực hiện theo quy định.",
    ]


def test_never_and_always(tmp_path: Path) -> None:
    never = body(tmp_path, "never")
    assert not any("Thời hạn" in line or "thời hạn" in line for line in never)
    always = body(tmp_path, "always")
    assert always[1] == ("b) Sở Y tế: Rà soát dữ liệu; hoàn thành trong tháng 4/2026; thời hạn hoàn thành: trong "
                         "tháng 4/2026.")  # the lead the text does not name runs in (issue 10)


def test_manifest_refuses_an_unknown_print_due(tmp_path: Path) -> None:
    (tmp_path / "template.docx").write_bytes(b"")
    (tmp_path / "template.yaml").write_text("name: t\nprint_due: sometimes\n", encoding="utf-8")
    with pytest.raises(TemplateError, match="print_due must be missing, always or never, got 'sometimes'"):
        load_manifest(tmp_path)


TREE = """\
office: ubnd-lang-son
date: 2026-03-10
meeting:
  date: 2026-03-02
  name: cuộc họp về chuyển đổi số
  chair: {name: Nguyễn Văn Bình, title: Phó Chủ tịch UBND tỉnh}
content:
  - heading: Nhiệm vụ
    items:
      - heading: Về dữ liệu
        items:
          - {lead: Sở Tài chính, due: 2026-04-15, text: Rà soát kinh phí.}
          - {lead: Sở Y tế, due: 2026-03-31, text: Báo cáo trước ngày 31/3/2026.}
recipients: [Sở Tài chính, Sở Y tế]
archive: VT
"""


def test_a_nested_task_of_the_content_tree_gets_its_deadline(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(TREE, encoding="utf-8")
    lines = [b["number"] + b["lead"] + b["text"] for b in build_context(load_spec(path, load_office))["body"]]
    assert "- Sở Tài chính: Rà soát kinh phí; thời hạn hoàn thành: trước ngày 15/4/2026." in lines
    assert "- Sở Y tế: Báo cáo trước ngày 31/3/2026." in lines


def test_build_refuses_the_report_template(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from ttbgen.cli import main

    path = tmp_path / "x.yaml"
    path.write_text(TREE, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(path), "-t", "bao-cao-nhiem-vu", "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "write it with `ttbgen tasks SPEC... --report`" in result.output
    assert not (tmp_path / "out").exists()
