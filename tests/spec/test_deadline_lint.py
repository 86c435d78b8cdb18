"""Deadline warnings at build time: a due the text contradicts, and a deadline on a day off."""

from __future__ import annotations

from pathlib import Path

import pytest

from ttbgen.spec.lint import warnings_for
from ttbgen.spec.load import load_spec
from ttbgen.spec.office import load_office

SPEC = """\
office: ubnd-lang-son
date: 2026-03-10
meeting:
  date: 2026-03-02
  name: cuộc họp nghe báo cáo tiến độ chuyển đổi số
  chair: {{name: Nguyễn Văn Bình, title: Phó Chủ tịch UBND tỉnh}}
tasks:
  heading: Nhiệm vụ thời gian tới
  items:
    - lead: Sở Tài chính
      due: {due}
      text: {text}
recipients: [Sở Tài chính]
archive: VT, TH
"""


def rendered(tmp_path: Path, due: str, text: str) -> list[str]:
    path = tmp_path / "x.yaml"
    path.write_text(SPEC.format(due=due, text=text), encoding="utf-8")
    return [w.render() for w in warnings_for(load_spec(path, load_office, display="x.yaml"))]


def test_text_and_due_that_disagree_warn_at_the_due(tmp_path: Path) -> None:
    assert rendered(tmp_path, "2026-04-15", "Tham mưu kế hoạch, báo cáo trước ngày 31/3/2026.") == [
        "x.yaml:11:12: tasks.items[0].due: warning: due is 2026-04-15 but the text says 'trước ngày 31/3/2026' "
        "(31/3/2026); make them agree [deadline-text-mismatch]"]


@pytest.mark.parametrize(("due", "text"), [
    ("2026-03-31", "Tham mưu kế hoạch, báo cáo trước ngày 31/3/2026."),
    ("2026-04", "Rà soát dữ liệu; hoàn thành trong tháng 4/2026."),
    ("2026-06-30", "Hoàn thành trong quý II/2026."),
    ("2026-04-15", "Tham mưu kế hoạch."),  # the text states no deadline: the due stands alone
    ("2026-03-24", "Tham mưu, trong 10 ngày làm việc kể từ ngày ký."),  # 10 working days from Tue 10/3/2026
])
def test_agreeing_or_silent_texts_pass(tmp_path: Path, due: str, text: str) -> None:
    assert rendered(tmp_path, due, text) == []


@pytest.mark.parametrize(("due", "reason"), [
    ("2026-04-30", "Ngày Chiến thắng"), ("2026-05-01", "Ngày Quốc tế Lao động"), ("2026-09-02", "Quốc khánh"),
    ("2026-11-24", "Ngày Văn hóa Việt Nam"), ("2026-03-29", "Chủ nhật"),
])
def test_a_deadline_on_a_day_off_warns(tmp_path: Path, due: str, reason: str) -> None:
    assert rendered(tmp_path, due, "Tham mưu kế hoạch.") == [
        f"x.yaml:11:12: tasks.items[0].due: warning: the deadline {due} is a day off ({reason}); choose a working "
        "day [deadline-day-off]"]


def test_a_worked_saturday_is_a_working_day(tmp_path: Path) -> None:
    assert rendered(tmp_path, "2026-08-22", "Tham mưu kế hoạch.") == []
