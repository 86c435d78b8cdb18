"""The content tree (schema 2): every task reachable as data, numbering computed from the tree, meeting kinds,
the schema version, and the old form converted to the same tree."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from paths import spec_files

from ttbgen.compose.derive import body_blocks, derived_opening, node_blocks
from ttbgen.errors import SpecError
from ttbgen.spec.load import load_spec
from ttbgen.spec.model import NUMBER_STYLES, Node, Notice, iter_tasks
from ttbgen.spec.office import load_office

BASE = """\
office: ubnd-lang-son
date: 2024-02-05
meeting:
  date: 2024-02-01
  name: cuộc họp nghe báo cáo tiến độ
  chair: {name: Nguyễn Văn A, title: "Phó Chủ tịch UBND tỉnh, Trưởng Đoàn", short_title: Phó Chủ tịch UBND tỉnh}
"""

SCHEMA_1_BASE = BASE.replace(", short_title: Phó Chủ tịch UBND tỉnh", "")


def load(tmp_path: Path, text: str) -> Notice:
    """Write a spec and load it."""
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    return load_spec(path, load_office, display="x.yaml")


def error(tmp_path: Path, text: str) -> str:
    """Load a spec that must fail and return its located message."""
    with pytest.raises(SpecError) as info:
        load(tmp_path, text)
    return info.value.render()


def written_tasks(data: Any, in_proposals: bool = False) -> list[tuple[tuple[str, ...], str]]:
    """Find every lead and due the YAML text itself holds (read as plain strings, no ttbgen involved)."""
    found: list[tuple[tuple[str, ...], str]] = []
    if isinstance(data, dict):
        lead = data.get("by") if in_proposals else data.get("lead")  # a proposal's proposer is its lead
        if lead or data.get("due") or (data.get("support") and not in_proposals):
            found.append(((lead,) if isinstance(lead, str) else tuple(lead or ()), data.get("due", "")))
        for key, value in data.items():
            if key not in ("meeting", "signer", "invitation"):
                found += written_tasks(value, in_proposals or key == "proposals")
    elif isinstance(data, list):
        for value in data:
            found += written_tasks(value, in_proposals)
    return found


@pytest.mark.parametrize("spec", spec_files(), ids=lambda p: p.stem)
def test_every_lead_and_due_of_every_spec_is_a_task(spec: Path) -> None:
    notice = load_spec(spec, load_office)
    got = sorted((t.lead, str(t.due) if t.due else "") for t in iter_tasks(notice))
    raw = yaml.load(spec.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert got == sorted(written_tasks(raw))


def numbers(spec: str) -> list[str]:
    """Return the number paths of a spec's tasks."""
    return [t.number for t in iter_tasks(load_spec(Path("specs") / spec, load_office))]


def test_task_numbers_are_computed_from_the_tree() -> None:
    assert numbers("tong-ket-2024-12.yaml") == [
        "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7.a", "2.7.b", "2.7.c", "2.8.a.-1", "2.8.b.-1"]
    assert numbers("kiem-tra-trang-dinh-2024-09.yaml") == ["3.-1", "3.-2", "3.-3", "3.-4"]
    assert numbers("mai-son-2024-01-mtqg.yaml") == ["2.1", "2.2", "2.3"]  # the old form, converted


def test_a_task_carries_its_data(tmp_path: Path) -> None:
    notice = load(tmp_path, BASE + """\
content:
  - heading: Nhiệm vụ
    items:
      - heading: Về vốn
        items:
          - text: Sở Tài chính rà soát nguồn vốn.
            lead: Sở Tài chính
            support: [Sở Kế hoạch và Đầu tư, Kho bạc Nhà nước tỉnh]
            due: 2024-03
            id: t-1
""")
    (task,) = iter_tasks(notice)
    assert (task.number, task.lead, task.support, str(task.due), task.id) == (
        "1.a.-1", ("Sở Tài chính",), ("Sở Kế hoạch và Đầu tư", "Kho bạc Nhà nước tỉnh"), "2024-03", "t-1")
    assert task.text == "Sở Tài chính rà soát nguồn vốn."
    assert task.path == "content[0].items[0].items[0]"


def test_five_levels_deep(tmp_path: Path) -> None:
    notice = load(tmp_path, BASE + """\
headings: roman
content:
  - heading: Kết quả
    items:
      - heading: Về kinh tế
        run_in: false
        items:
          - heading: Nông nghiệp
            text: tăng trưởng khá.
            items:
              - text: Trồng trọt đạt kế hoạch.
                items:
                  - Lúa đạt 98%.
                  - text: Ngô đạt 102%.
                    lead: Sở Nông nghiệp và Phát triển nông thôn
""")
    shown = [(b["number"], b["lead"], b["text"]) for b in body_blocks(notice)][2:]
    assert shown == [("I. ", "", "KẾT QUẢ"), ("1. ", "Về kinh tế", ""), ("a) ", "Nông nghiệp: ", "tăng trưởng khá."),
                     ("- ", "", "Trồng trọt đạt kế hoạch."), ("+ ", "", "Lúa đạt 98%."),
                     ("+ ", "Sở Nông nghiệp và Phát triển nông thôn: ", "Ngô đạt 102%."),  # the lead runs in
                     ("", "", "Ủy ban nhân dân tỉnh thông báo để các cơ quan, đơn vị, địa phương biết, thực hiện./.")]
    assert [t.number for t in iter_tasks(notice)] == ["I.1.a.-1.+2"]


def test_numbered_paragraph_without_heading_and_heading_emphasis(tmp_path: Path) -> None:
    notice = load(tmp_path, BASE + """\
content:
  - number: decimal
    text: Đoàn kiểm tra ghi nhận kết quả.
  - heading: Nhiệm vụ
    numbering: decimal
    items:
      - heading: "Hạn chế, khó khăn:"
        run_in: false
        emphasis: bold
        text: Tiến độ còn chậm.
      - {heading: Sở Y tế, emphasis: italic, text: chủ trì.}
""")
    blocks = body_blocks(notice)[2:6]
    assert [(b["kind"], b["number"], b["lead"], b["text"], b["emphasis"], b["keep"]) for b in blocks] == [
        ("point", "1. ", "", "Đoàn kiểm tra ghi nhận kết quả.", "", False),
        ("heading", "2. ", "", "Nhiệm vụ", "", False),
        ("point", "2.1. ", "Hạn chế, khó khăn:", "", "bold", True),
        ("paragraph", "", "", "Tiến độ còn chậm.", "", False),
    ]
    assert body_blocks(notice)[6]["lead"] == "Sở Y tế: " and body_blocks(notice)[6]["emphasis"] == "italic"


@pytest.mark.parametrize(("kind", "first", "second"), [
    ("hop", "đã chủ trì cuộc họp", "Sau khi nghe báo cáo và ý kiến của các đại biểu dự họp, đồng chí"),
    ("hoi-nghi", "Tham dự Hội nghị có: Sở Y tế.", "các đại biểu dự Hội nghị, đồng chí"),
    ("lam-viec", "Tham dự buổi làm việc có", "dự buổi làm việc, đồng chí"),
    ("kiem-tra", "đã chủ trì kiểm tra tiến độ", "Sau khi kiểm tra thực tế tại xã Chi Lăng, Đoàn đã họp nghe"),
    ("giao-ban", "Tham dự giao ban có", "các thành viên dự giao ban, đồng chí"),
])
def test_meeting_kinds_word_the_opening(tmp_path: Path, kind: str, first: str, second: str) -> None:
    name = "buổi kiểm tra tiến độ dự án" if kind == "kiem-tra" else "cuộc họp nghe báo cáo tiến độ"
    text = BASE.replace("cuộc họp nghe báo cáo tiến độ", name) + \
        f"  kind: {kind}\n  attendees: [Sở Y tế]\n  visited: [xã Chi Lăng]\n"
    opening = derived_opening(load(tmp_path, text))
    assert first in opening[0] and second in opening[1]
    # The second mention uses the short title; the first the full one.
    assert "Phó Chủ tịch UBND tỉnh, Trưởng Đoàn" in opening[0]
    assert opening[1].endswith("Nguyễn Văn A, Phó Chủ tịch UBND tỉnh kết luận như sau:")


@pytest.mark.parametrize(("written", "kind"),
                         [("kiểm tra", "kiem-tra"), ("hội nghị", "hoi-nghi"), ("giao-ban", "giao-ban")])
def test_meeting_kind_in_vietnamese_or_ascii(tmp_path: Path, written: str, kind: str) -> None:
    assert load(tmp_path, BASE + f"  kind: {written}\n").meeting.kind == kind
    assert "meeting.kind: expected one of hop, hoi-nghi" in error(tmp_path, BASE + "  kind: hội thảo\n")


def test_free_text_still_overrides_the_derived_opening(tmp_path: Path) -> None:
    notice = load(tmp_path, BASE + "  kind: kiem-tra\nopening:\n  - Ngày 01/02/2024, Đoàn đã kiểm tra.\n")
    assert body_blocks(notice)[0]["text"] == "Ngày 01/02/2024, Đoàn đã kiểm tra."


@pytest.mark.parametrize(("extra", "message"), [
    ("schema: 1\ncontent: [Một đoạn.]\n", "x.yaml:8:10: content: 'content' needs schema: 2"),
    ("schema: 1\n", "meeting.chair.short_title: 'short_title' needs schema: 2"),
    ("schema: 3\n", "schema: expected one of 1, 2, got '3'"),
    ("content: [Một đoạn.]\ntasks: {items: [Một việc.]}\n", "tasks: 'content' holds the whole content"),
    ("content:\n  - number: bullet\n    text: x\n", "content[0].number: expected one of decimal, roman, letters"),
    ("content:\n  - heading: A\n    items: [{lead: Sở Y tế}]\n", "content[0].items[0]: the node is empty"),
    ("content:\n  - {text: a, lead: Sở Y tế, id: t1}\n  - {text: b, lead: Sở Y tế, id: t1}\n",
     "content[1].id: task id 't1' is already used at content[0]"),
    ("content:\n  - {text: a, id: 'một'}\n", "content[0].id: a task id uses letters"),
    ("content:\n  - {text: a, run_in: yes}\n", "content[0].run_in: expected one of true, false"),
])
def test_tree_mistakes_are_located(tmp_path: Path, extra: str, message: str) -> None:
    base = BASE if "short_title" in message or "schema" not in extra else SCHEMA_1_BASE
    assert message in error(tmp_path, base + extra)


def test_schema_1_spec_without_new_keys_loads(tmp_path: Path) -> None:
    assert load(tmp_path, SCHEMA_1_BASE + "schema: 1\ntasks: {items: [Một việc.]}\n").schema == 1


styles = st.sampled_from(NUMBER_STYLES)
nodes: st.SearchStrategy[Node] = st.recursive(
    st.builds(Node, number=styles, text=st.just("x")),
    lambda children: st.builds(Node, number=styles, text=st.just("x"),
                               children=st.lists(children, max_size=4).map(tuple)),
    max_leaves=30,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(nodes, min_size=1, max_size=5).map(tuple))
def test_sibling_labels_count_up_per_style(tree: tuple[Node, ...]) -> None:
    """Whatever the tree, each style's labels among siblings run 1, 2, 3 …, and 2.1. sits under 2."""
    labels = [b["number"] for b in node_blocks(tree, "", False)]
    assert len(labels) == count(tree)
    check_siblings(tree, "", iter(labels))


def count(tree: tuple[Node, ...]) -> int:
    """Count the nodes of a tree."""
    return sum(1 + count(n.children) for n in tree)


def check_siblings(tree: tuple[Node, ...], stem: str, labels: Any) -> None:
    """Walk the tree in document order, checking each label against its expected value."""
    from ttbgen.vn import letter, roman

    seen: dict[str, int] = {}
    for n in tree:
        seen[n.number] = seen.get(n.number, 0) + 1
        k = seen[n.number]
        want = {"decimal": f"{stem}{k}. ", "roman": f"{roman(k)}. ", "letters": f"{letter(k - 1)}) ",
                "dash": "- ", "plus": "+ ", "none": ""}[n.number]
        assert next(labels) == want
        check_siblings(n.children, f"{stem}{k}." if n.number == "decimal" else "", labels)
