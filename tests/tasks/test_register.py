"""The register of every example spec, its stable ids, and the JSON register's published schema."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from paths import ROOT, spec_files

from ttbgen.cli import main
from ttbgen.errors import TtbgenError
from ttbgen.spec.load import load_spec
from ttbgen.spec.office import load_office
from ttbgen.tasks.export import REGISTER_SCHEMA, schema_json
from ttbgen.tasks.register import default_ids, load_tasks
from ttbgen.tasks.source import TaskNode

GOLDEN = Path(__file__).parent / "golden"


def run(*args: str) -> str:
    """Run `ttbgen` from the repository folder and return what it printed."""
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("fmt", ["csv", "json"])
@pytest.mark.parametrize("spec", spec_files(), ids=lambda p: p.stem)
def test_register_matches_golden(spec: Path, fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """tests/tasks/golden/<spec>.<fmt> (TTBGEN_UPDATE_GOLDEN=1 rewrites them; review the diff)."""
    monkeypatch.chdir(ROOT)
    printed = run("tasks", f"specs/{spec.name}", "--format", fmt)
    golden = GOLDEN / f"{spec.stem}.{fmt}"
    if os.environ.get("TTBGEN_UPDATE_GOLDEN") == "1":
        golden.write_bytes(printed.encode("utf-8"))
    assert printed == golden.read_bytes().decode("utf-8"), f"{golden.name} differs"


def test_every_example_task_is_registered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    rows = load_tasks([Path("specs")])
    assert len({r.id for r in rows}) == len(rows) > 0
    # every point with a lead or a due is a task, and only those
    assert [r.number for r in rows if r.notice.spec.endswith("mai-son-2024-01-mtqg.yaml")] == ["2.1", "2.2", "2.3"]


def test_json_register_follows_the_published_schema(monkeypatch: pytest.MonkeyPatch) -> None:
    import jsonschema

    monkeypatch.chdir(ROOT)
    assert (ROOT / "docs" / "tasks.schema.json").read_text(encoding="utf-8") == schema_json(), \
        "regenerate docs/tasks.schema.json from ttbgen.tasks.export"
    jsonschema.Draft202012Validator.check_schema(REGISTER_SCHEMA)
    data = json.loads(run("tasks", "specs", "--format", "json", "--as-of", "2026-04-05"))
    jsonschema.validate(data, REGISTER_SCHEMA, format_checker=jsonschema.FormatChecker())
    assert data["as_of"] == "2026-04-05"


SPEC = """\
office: ubnd-lang-son
number: 20
date: 2026-03-10
meeting:
  date: 2026-03-06
  name: cuộc họp về chuyển đổi số
  chair: {{name: Nguyễn Văn Bình, title: Phó Chủ tịch UBND tỉnh}}
tasks:
  heading: Nhiệm vụ
  items:
{items}recipients: [Sở Tài chính, Sở Y tế, Sở Nội vụ]
archive: VT
"""
FINANCE = "    - {lead: Sở Tài chính, due: 2026-03-31, text: 'Tham mưu bố trí kinh phí.'}\n"
HEALTH = "    - {lead: Sở Y tế, text: 'Rà soát cơ sở dữ liệu y tế, báo cáo trước ngày 15/4/2026.'}\n"
INTERIOR = "    - {lead: Sở Nội vụ, text: 'Sắp xếp bộ máy.'}\n"


def ids(tmp_path: Path, items: str) -> dict[str, str]:
    """Return lead → id for a spec with these task lines."""
    spec = tmp_path / "x.yaml"
    spec.write_text(SPEC.format(items=items), encoding="utf-8")
    return {r.lead[0]: r.id for r in load_tasks([spec])}


def test_ids_survive_an_edit_of_the_text_and_a_task_inserted_before(tmp_path: Path) -> None:
    before = ids(tmp_path, FINANCE + HEALTH)
    edited = ids(tmp_path, FINANCE + HEALTH.replace("Rà soát", "Khẩn trương rà soát, cập nhật"))
    inserted = ids(tmp_path, INTERIOR + FINANCE + INTERIOR.replace("Nội vụ", "Tư pháp") + HEALTH)
    assert before["Sở Y tế"] == edited["Sở Y tế"] == inserted["Sở Y tế"] == "ubnd-lang-son-20260306-so-y-te-1"
    assert before["Sở Tài chính"] == inserted["Sở Tài chính"]


def test_an_explicit_id_wins_and_a_second_task_of_one_lead_is_numbered(tmp_path: Path) -> None:
    got = load_tasks([_spec(tmp_path, FINANCE.replace("due:", "id: TC-01, due:") + FINANCE + FINANCE)])
    assert [r.id for r in got] == ["TC-01", "ubnd-lang-son-20260306-so-tai-chinh-2",
                                   "ubnd-lang-son-20260306-so-tai-chinh-3"]


def test_a_task_without_due_takes_the_deadline_its_text_states(tmp_path: Path) -> None:
    row = load_tasks([_spec(tmp_path, HEALTH)])[0]
    assert row.deadline is not None and row.deadline_source == "text"
    assert (row.deadline.label, row.deadline.phrase) == ("15/4/2026", "trước ngày 15/4/2026")


def test_a_duplicate_id_is_a_located_error(tmp_path: Path) -> None:
    with pytest.raises(TtbgenError, match=r"x\.yaml:\d+:\d+: id: task id 'A' is used twice"):
        load_tasks([_spec(tmp_path, FINANCE.replace("due:", "id: A, due:") * 2)])


def _spec(tmp_path: Path, items: str) -> Path:
    spec = tmp_path / "x.yaml"
    spec.write_text(SPEC.format(items=items), encoding="utf-8")
    return spec


UNITS = ["Sở Tài chính", "Sở Y tế", "Sở Nội vụ", "Sở Tư pháp", "Công an tỉnh", "UBND các xã, phường"]


@given(tasks=st.lists(st.tuples(st.sampled_from(UNITS), st.text(min_size=1, max_size=20)), min_size=1, max_size=8),
       data=st.data())
@settings(max_examples=60, deadline=None)
def test_ids_are_stable_under_edits_and_insertions_of_other_leads(tmp_path_factory: pytest.TempPathFactory,
                                                                  tasks: list[tuple[str, str]],
                                                                  data: st.DataObject) -> None:
    notice = load_spec(_spec(tmp_path_factory.mktemp("ids"), FINANCE), load_office)
    nodes = [TaskNode(str(i), (lead,), (), None, "", text, "") for i, (lead, text) in enumerate(tasks)]
    before = default_ids(notice, nodes)
    at = data.draw(st.integers(0, len(nodes) - 1))
    edited = [*nodes[:at], replace(nodes[at], text=nodes[at].text + " (sửa)"), *nodes[at + 1:]]
    assert default_ids(notice, edited) == before
    newcomer = data.draw(st.sampled_from([u for u in UNITS if u != nodes[at].lead[0]]))
    inserted = [*nodes[:at], TaskNode("x", (newcomer,), (), None, "", "mới", ""), *nodes[at:]]
    after = default_ids(notice, inserted)
    kept = [*after[:at], *after[at + 1:]]
    # every task keeps its id, except those of the newcomer's own lead after it (docs/tasks.md says so)
    assert [k for k, n in zip(kept, nodes, strict=True) if n.lead[0] != newcomer] == \
        [b for b, n in zip(before, nodes, strict=True) if n.lead[0] != newcomer]
    assert after[at + 1] == before[at]  # the task the new one was put before keeps its id
