"""What YAML accepts silently and ttbgen must not: each case warns or refuses, located, and the words survive."""

from __future__ import annotations

import shutil
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from paths import SPECS

from ttbgen.build.pipeline import BatchError, build_all
from ttbgen.check.dump import paragraph_texts
from ttbgen.errors import SpecError
from ttbgen.spec import load
from ttbgen.spec.lint import warnings_for
from ttbgen.spec.load import load_spec, parse_spec
from ttbgen.spec.nodes import Source
from ttbgen.spec.office import builtin_root, load_office

BASE = """\
office: ubnd-lang-son
date: 2026-03-10
meeting:
  date: 2026-03-02
  name: cuộc họp nghe báo cáo tiến độ chuyển đổi số
  chair: {name: Nguyễn Văn Bình, title: Phó Chủ tịch UBND tỉnh}
  heard:
    - Sở Khoa học và Công nghệ
tasks:
  heading: Nhiệm vụ thời gian tới
  items:
    - lead: Sở Tài chính
      text: Sở Tài chính chủ trì tham mưu kế hoạch năm 2026.
      due: 2026-03-31
recipients:
  - Sở Tài chính
archive: VT, TH
"""


def edit(*pairs: tuple[str, str], text: str = BASE) -> str:
    """Replace text in the base spec, checking each piece is there."""
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def warnings(tmp_path: Path, text: str) -> list[str]:
    """Load a spec and return its rendered warnings."""
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    return [w.render() for w in warnings_for(load_spec(path, load_office, display="x.yaml"))]


def document(tmp_path: Path, text: str) -> list[str]:
    """Build a spec and return the paragraphs of the document."""
    (tmp_path / "x.yaml").write_text(text, encoding="utf-8")
    built = build_all([tmp_path / "x.yaml"], tmp_path / "out")
    return paragraph_texts(built[0].output)


def shown(lines: list[str], start: str) -> bool:
    """Tell whether a paragraph starts so (the deadline may be printed after the text)."""
    return any(line.startswith(start) for line in lines)


def test_the_base_spec_is_quiet(tmp_path: Path) -> None:
    assert warnings(tmp_path, BASE) == []


def test_a_comment_inside_prose_is_named_with_its_words(tmp_path: Path) -> None:
    text = edit(("chủ trì tham mưu kế hoạch năm 2026.", "chủ trì rà soát kinh phí. #quan trọng, còn tiếp. Tuy nhiên"))
    assert warnings(tmp_path, text) == [
        "x.yaml:13:52: tasks.items[0].text: warning: '#quan trọng, còn tiếp. Tuy nhiên' is dropped: after a space, "
        "# starts a comment in YAML, so the text ends at 'Sở Tài chính chủ trì rà soát kinh phí.'; put the whole text "
        "in quotes to keep it [comment-in-text]"]


def test_comments_after_quoted_text_and_short_values_stay_silent(tmp_path: Path) -> None:
    text = edit(("office: ubnd-lang-son", "office: ubnd-lang-son   # tỉnh Lạng Sơn"),
                ("due: 2026-03-31", "due: 2026-03-31  # theo kế hoạch"),
                ("text: Sở Tài chính chủ trì tham mưu kế hoạch năm 2026.",
                 'text: "Sở Tài chính chủ trì tham mưu kế hoạch năm 2026."  # đã thống nhất'))
    assert warnings(tmp_path, text) == []


def test_a_comment_in_prose_is_an_error_with_strict(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text(edit(("năm 2026.", "năm 2026. #còn tiếp")), encoding="utf-8")
    with pytest.raises(BatchError) as caught:
        build_all([tmp_path / "x.yaml"], tmp_path / "out", strict=True)
    assert "[comment-in-text]" in caught.value.render()
    assert not (tmp_path / "out").exists()


def test_commas_inside_brackets_split_a_recipient(tmp_path: Path) -> None:
    text = edit(("recipients:\n  - Sở Tài chính\n",
                 "recipients: [Sở Tài chính, TT HĐND tỉnh (để b/c), Chủ tịch, các PCT UBND tỉnh]\n"))
    assert warnings(tmp_path, text) == [
        "x.yaml:15:51: recipients[2]: warning: 'Chủ tịch' looks like the rest of 'TT HĐND tỉnh (để b/c)': inside "
        "[ ] every comma starts a new item, so this prints as a line of its own; write the list as lines starting "
        "with '- ' [comma-in-list]",
        "x.yaml:15:61: recipients[3]: warning: 'các PCT UBND tỉnh' looks like the rest of 'Chủ tịch': inside [ ] "
        "every comma starts a new item, so this prints as a line of its own; write the list as lines starting with "
        "'- ' [comma-in-list]"]


def test_lists_of_codes_and_whole_names_in_brackets_are_fine(tmp_path: Path) -> None:
    text = edit(("recipients:\n  - Sở Tài chính\n",
                 "recipients: [Sở Tài chính, Sở Nội vụ, {Văn phòng UBND tỉnh: [LĐVP, TH, KT]}]\n"),
                ("heard:\n    - Sở Khoa học và Công nghệ", "heard: [Sở Khoa học và Công nghệ, Sở Tài chính]"))
    assert warnings(tmp_path, text) == []


@pytest.mark.parametrize(("typed", "number"), [("2. Nhiệm vụ thời gian tới", "2."), ("II. Nhiệm vụ", "II."),
                                               ("b) Nhiệm vụ", "b)"), ("2.1. Nhiệm vụ", "2.1.")])
def test_a_number_typed_by_hand_is_named(tmp_path: Path, typed: str, number: str) -> None:
    text = edit(("heading: Nhiệm vụ thời gian tới", f"heading: {typed}"))
    assert warnings(tmp_path, text) == [
        f"x.yaml:10:12: tasks.heading: warning: '{number}' is numbered by hand; ttbgen numbers headings and points "
        f"itself, so it would print twice: remove '{number}' [hand-numbering]"]


def test_a_number_typed_before_a_point_is_named(tmp_path: Path) -> None:
    text = edit(("text: Sở Tài chính chủ trì", "text: a) Sở Tài chính chủ trì"))
    assert [w.split(": warning: ")[1][:31] for w in warnings(tmp_path, text)] == ["'a)' is numbered by hand; ttbge"]


def test_headings_that_start_with_a_year_or_a_name_are_not_numbers(tmp_path: Path) -> None:
    text = edit(("heading: Nhiệm vụ thời gian tới", "heading: 2026 là năm chuyển đổi số"))
    assert warnings(tmp_path, text) == []


def test_a_lead_the_text_does_not_name_becomes_the_run_in_heading(tmp_path: Path) -> None:
    text = edit(("text: Sở Tài chính chủ trì tham mưu", "text: Chủ trì tham mưu"))
    assert shown(document(tmp_path, text), "a) Sở Tài chính: Chủ trì tham mưu kế hoạch năm 2026")


def test_a_lead_the_text_names_adds_no_heading(tmp_path: Path) -> None:
    assert shown(document(tmp_path, BASE), "a) Sở Tài chính chủ trì tham mưu kế hoạch năm 2026")


def test_an_empty_heading_turns_the_run_in_heading_off(tmp_path: Path) -> None:
    text = edit(("text: Sở Tài chính chủ trì tham mưu", 'heading: ""\n      text: Chủ trì tham mưu'))
    assert shown(document(tmp_path, text), "a) Chủ trì tham mưu kế hoạch năm 2026")


def test_a_supporting_unit_the_text_does_not_name_is_named_in_a_warning(tmp_path: Path) -> None:
    named = edit(("      due: 2026-03-31\n", "      due: 2026-03-31\n      support: Sở Nội vụ\n"),
                 ("kế hoạch năm 2026.", "kế hoạch năm 2026, phối hợp với Sở Nội vụ."))
    assert warnings(tmp_path, named) == []
    silent = edit(("      due: 2026-03-31\n", "      due: 2026-03-31\n      support: [Sở Nội vụ, Sở Y tế]\n"),
                  ("kế hoạch năm 2026.", "kế hoạch năm 2026 với Sở Y tế."))
    assert warnings(tmp_path, silent) == [
        "x.yaml:15:17: tasks.items[0].support[0]: warning: 'Sở Nội vụ' supports this task, but the document prints "
        "only the task's words, which do not name it; write it in the text (e.g. 'phối hợp với Sở Nội vụ') "
        "[support-not-shown]"]


def test_a_supporting_unit_in_the_content_tree_is_checked_too(tmp_path: Path) -> None:
    tree = edit(("tasks:\n  heading: Nhiệm vụ thời gian tới\n  items:\n",
                 "content:\n  - heading: Nhiệm vụ\n    items:\n"),
                ("    - lead: Sở Tài chính\n", "      - lead: Sở Tài chính\n        support: Sở Y tế\n"),
                ("      text: Sở Tài chính", "        text: Sở Tài chính"), ("      due: 2026", "        due: 2026"))
    found = [w.split(": warning: ")[0] for w in warnings(tmp_path, tree)]
    assert found == ["x.yaml:13:18: content[0].items[0].support"]


def test_template_braces_in_a_text_reach_the_document_exactly(tmp_path: Path) -> None:
    typed = "Mẫu {_{ x }_} và {_% if %_} giữ nguyên, {{ y }} cũng vậy"
    text = edit(("heard:\n    - Sở Khoa học và Công nghệ", f'heard:\n    - "{typed}"'))
    assert any(typed in line for line in document(tmp_path, text))


def test_several_mistakes_are_reported_in_file_order(tmp_path: Path) -> None:
    text = edit(("date: 2026-03-10", "date: 10/03/2026"), ("due: 2026-03-31", "due: cuối tháng"),
                ("heard:\n    - Sở Khoa học và Công nghệ", "heard:\n    - ~"))
    (tmp_path / "x.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        load_spec(tmp_path / "x.yaml", load_office, display="x.yaml")
    lines = caught.value.render().splitlines()
    assert [line.split(": ")[0] for line in lines] == ["x.yaml:2:7", "x.yaml:8:7", "x.yaml:14:12"]


def test_an_office_symbol_with_the_type_code_is_refused(tmp_path: Path) -> None:
    offices = tmp_path / "offices"
    offices.mkdir()
    profile = (builtin_root() / "offices" / "ubnd-lang-son.yaml").read_text(encoding="utf-8")
    assert "symbol: UBND" in profile
    (offices / "ubnd-lang-son.yaml").write_text(profile.replace("symbol: UBND", "symbol: TB-UBND", 1),
                                               encoding="utf-8")
    (tmp_path / "x.yaml").write_text(BASE, encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        load_spec(tmp_path / "x.yaml", load_office, display="x.yaml")
    assert caught.value.render().endswith(
        "symbol: 'TB-UBND': an office profile's symbol is the issuer's code only, 'UBND'; ttbgen adds the type of "
        "document in front ('TB-UBND', 'GM-UBND'), so 'TB-UBND' would print as 'TB-TB-UBND'. (In a spec, 'symbol:' "
        "is the whole symbol, e.g. 'TB-UBND'.)")


def test_the_shipped_examples_have_no_clerk_warnings(tmp_path: Path) -> None:
    for spec in sorted(SPECS.glob("*.yaml")):
        shutil.copy(spec, tmp_path / spec.name)
        notice = load_spec(tmp_path / spec.name, load_office, display=spec.name)
        assert [w.render() for w in notice.notes] == [], spec.name


# Characters around the bad ones: controls, NEL, noncharacters, and the escapes double quotes turn into them.
TRICKY = ["\x01", "\x08", "\x0b", "\x1f", "\x7f", "\x85", "\x9f", "\ufdd0", "\U0001fffe", "\t", "\\x01", "\\u0085",
          "\\t", "\\n", "\\\\", "a", "ư", " "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TRICKY), min_size=1, max_size=6), st.sampled_from(['"', "'", ""]))
def test_bad_characters_are_found_with_or_without_the_shortcut(pieces: list[str], quote: str) -> None:
    """Values are searched for bad characters only when the YAML text could give them one (issue 15): the words
    and place of every refusal are the same as when every value is searched."""
    text = BASE.replace("cuộc họp nghe báo cáo", f"cuộc họp {quote}x{''.join(pieces)}x{quote}", 1) \
        if not quote else BASE.replace("name: cuộc họp nghe báo cáo tiến độ chuyển đổi số",
                                       f"name: {quote}x{''.join(pieces)}x{quote}", 1)
    source = Source("s.yaml", text)
    office = load_office("ubnd-lang-son", builtin_root())

    def outcome() -> str:
        try:
            return repr(parse_spec(source, lambda _name: office).meeting.name)
        except (SpecError, BatchError) as exc:
            return exc.render()

    fast = outcome()
    with mock.patch.object(load, "values_are_clean", lambda _text: False):
        assert fast == outcome()
