"""Property (hypothesis): a spec file written the way a clerk types YAML by hand loses no word silently.

The files are generated as text, not dumped from data: plain unquoted values, ` #` inside a value, commas,
`[…]` lists, typed numbers (2024, 0123, 1.000, "2. " before a heading), `~` in lists. Every word typed in a
value position must reach the document's text, or be named in a warning, or the build is refused with located
errors (and nothing written). 300 examples run in CI; `TTBGEN_TYPED_EXAMPLES=2000` is the longer run
(docs/development.md).
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ttbgen.build.pipeline import BatchError, Builder
from ttbgen.check.dump import paragraph_texts
from ttbgen.errors import SpecError

EXAMPLES = int(os.environ.get("TTBGEN_TYPED_EXAMPLES", "300"))
LOCATED = re.compile(r"^\S*x\.yaml:\d+:\d+: ")

# Words as clerks type them: syllables with their tone marks, unit names, numbers YAML would read as numbers.
SYLLABLES = ("rà", "soát", "kinh", "phí", "quan", "trọng", "còn", "tiếp", "tuy", "nhiên", "chủ", "trì", "đơn", "vị",
             "thực", "hiện", "báo", "cáo", "kết", "quả", "giải", "ngân", "vốn", "đầu", "tư", "hoàn", "thành",
             "trước", "ngày", "tháng", "năm", "Sở", "Tài", "chính", "UBND", "các", "xã", "phường", "Phòng", "Kinh",
             "tế", "Chủ", "tịch", "PCT", "HĐND", "tỉnh", "Ban", "Dân", "tộc", "(để", "b/c)", "hòa", "khỏe")
NUMBERS = ("2024", "0123", "1.000", "61,2%", "15", "3.5", "0x1F", "1e3", "12:30", "yes", "no", "on", "null")
WORD = st.one_of(st.sampled_from(SYLLABLES), st.sampled_from(NUMBERS))


@st.composite
def phrase(draw: st.DrawFn, commas: bool = True) -> str:
    """A few words, sometimes with commas between them; it starts with a syllable (a plain YAML scalar)."""
    first = draw(st.sampled_from(SYLLABLES[:-4]))
    rest = draw(st.lists(st.tuples(WORD, st.booleans()), max_size=6))
    return first + "".join((", " if comma and commas else " ") + word for word, comma in rest)


@st.composite
def value(draw: st.DrawFn) -> str:
    """A prose value typed on one line: a phrase, maybe followed by ` #` and more words (a comment to YAML)."""
    text = draw(phrase())
    if draw(st.integers(0, 3)) == 0:
        text += draw(st.sampled_from([" #", "  # ", " #!"])) + draw(phrase())
    return text


@st.composite
def heading(draw: st.DrawFn) -> str:
    """A heading, sometimes numbered by hand."""
    return draw(st.sampled_from(["", "", "2. ", "b) ", "II. ", "1.2. "])) + draw(value())


@dataclass
class Typed:
    """A spec file as typed, and the values typed in it."""

    lines: list[str] = field(default_factory=list)
    values: list[str] = field(default_factory=list)

    def scalar(self, prefix: str, text: str) -> None:
        """Type `prefix text`."""
        self.lines.append(prefix + text)
        self.values.append(text)

    def items(self, indent: str, items: list[str], flow: bool) -> None:
        """Type a list: `[a, b]` after the key, or one `- item` a line."""
        if flow:
            self.lines[-1] += " [" + ", ".join(items) + "]"
        else:
            self.lines += [f"{indent}- {item}" for item in items]
        self.values += items


@st.composite
def prose_list(draw: st.DrawFn) -> tuple[list[str], bool]:
    """Items of a prose list and whether it is typed in brackets (then without comments, which would eat `]`)."""
    flow = draw(st.booleans())
    items = draw(st.lists(phrase() if flow else value(), min_size=1, max_size=4))
    if not flow and draw(st.integers(0, 5)) == 0:
        items.insert(draw(st.integers(0, len(items))), "~")
    return items, flow


@st.composite
def typed_specs(draw: st.DrawFn) -> Typed:
    """A whole spec as a clerk types it."""
    t = Typed(lines=["office: ubnd-lang-son", "date: 2026-03-10", "meeting:", "  date: 2026-03-02"])
    t.scalar("  name: ", draw(value()))
    if draw(st.booleans()):
        t.scalar("  place: ", draw(value()))
    t.lines.append("  chair: {name: Nguyễn Văn Bình, title: Phó Chủ tịch UBND tỉnh}")
    if draw(st.booleans()):
        t.lines.append("  heard:")
        t.items("    ", *draw(prose_list()))
    if draw(st.booleans()):
        t.lines.append("assessment:")
        t.scalar("  heading: ", draw(heading()))
        t.lines.append("  paragraphs:")
        t.items("    ", *draw(prose_list()))
    t.lines.append("tasks:")
    t.scalar("  heading: ", draw(heading()))
    t.lines.append("  items:")
    for _ in range(draw(st.integers(1, 3))):
        lead = draw(st.sampled_from(["Sở Tài chính", "Sở Nội vụ", "UBND các xã, phường", ""]))
        t.scalar("    - text: ", draw(st.sampled_from(["", "a) ", "2. "])) + draw(value()))
        if lead:
            t.scalar("      lead: ", lead)
        if draw(st.integers(0, 3)) == 0:
            t.scalar("      support: ", draw(st.sampled_from(["Sở Y tế", "Công an tỉnh", "Sở Tài chính"])))
    t.lines.append("recipients:")
    items, flow = draw(prose_list())
    t.items("  ", ["Sở Tài chính", "Sở Nội vụ", "UBND các xã, phường", *items] if not flow else
            ["Sở Tài chính", "Sở Nội vụ", *items], flow)
    t.lines.append("archive: VT, TH")
    return t


def words(text: str) -> set[str]:
    """The words of a text, case-folded."""
    return set(re.findall(r"\w+", text.casefold()))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(typed_specs())
def test_every_typed_word_reaches_the_document_or_a_message(typed: Typed) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        spec = Path(tmp) / "x.yaml"
        spec.write_text("\n".join(typed.lines) + "\n", encoding="utf-8")
        try:
            rendered = Builder(Path(tmp) / "out").render(spec)
        except (SpecError, BatchError) as exc:  # refused: every mistake located, nothing written
            assert all(LOCATED.match(line) for line in exc.render().splitlines()), exc.render()
            assert not (Path(tmp) / "out").exists()
            return
        docx = Path(tmp) / "x.docx"
        docx.write_bytes(rendered[0].data)
        shown = words(" ".join(paragraph_texts(docx)) + " ".join(w.render() for w in rendered[0].warnings))
    for typed_value in typed.values:
        lost = words(typed_value) - shown
        assert not lost, (typed_value, lost, "\n".join(typed.lines))
