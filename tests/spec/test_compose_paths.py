"""The loader composes most specs without the prescan's event pass (issue 15): both ways must give the same
tree, and every refusal (anchors, deep nesting, syntax) the same words at the same place."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from paths import ROOT, SHARED

from ttbgen.errors import SpecError
from ttbgen.spec import nodes

YAML_FILES = sorted({*ROOT.glob("specs/**/*.yaml"), *ROOT.glob("tests/**/*.yaml"), *ROOT.glob("templates/**/*.yaml"),
                     *SHARED.glob("**/*.yaml")})


def shape(node: yaml.Node | None) -> object:
    """A comparable picture of a node tree: kinds, tags, values, styles and places."""
    if node is None:
        return None
    place = (node.start_mark.index, node.end_mark.index)
    if isinstance(node, yaml.ScalarNode):
        return ("scalar", node.tag, node.value, node.style, place)
    if isinstance(node, yaml.SequenceNode):
        return ("seq", node.tag, node.flow_style, place, [shape(n) for n in node.value])
    return ("map", node.tag, node.flow_style, place, [(shape(k), shape(v)) for k, v in node.value])


def worded(text: str) -> object:
    """What compose() says of a text, or the tree it gives."""
    try:
        return shape(nodes.compose(nodes.Source("s.yaml", text)))
    except SpecError as exc:
        return exc.render()


def outcome(text: str, checked: bool) -> object:
    """What compose() says of a text, the fast way when it applies or always the checked way."""
    if not checked:
        return worded(text)
    with mock.patch.object(nodes, "_compose_plain", lambda source: None):
        return worded(text)


def test_the_fast_way_is_taken_here() -> None:
    """Without it this file would compare the checked way with itself."""
    assert nodes._nesting_bounded()
    assert nodes._compose_plain(nodes.Source("s.yaml", "a: [1, {b: c}]\n")) is not None


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: str(p.relative_to(p.parents[1])))
def test_every_yaml_file_composes_the_same_both_ways(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    if nodes.text_errors("s.yaml", text):
        return  # refused before composing, the same for both ways
    assert outcome(text, checked=False) == outcome(text, checked=True)


def nested(depth: int, flow: bool) -> str:
    """A spec nested `depth` levels deep, in block or flow style."""
    if flow:
        return "a: " + "[" * (depth - 1) + "x" + "]" * (depth - 1) + "\n"
    return "".join("  " * i + "- \n" for i in range(depth - 1)) + "  " * (depth - 1) + "- x\n"


@pytest.mark.parametrize("depth", [31, 32, 33, 40, 1500])
@pytest.mark.parametrize("flow", [False, True])
def test_deep_nesting_is_refused_at_the_same_place(depth: int, flow: bool) -> None:
    text = nested(depth, flow)
    fast = outcome(text, checked=False)
    assert fast == outcome(text, checked=True)
    assert ("nested more than 32 levels" in str(fast)) == (depth > 32), fast


def test_without_a_nesting_limit_in_libyaml_every_spec_is_prescanned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nodes, "_nesting_bounded", lambda: False)
    assert nodes._compose_plain(nodes.Source("s.yaml", "a: b\n")) is None


pieces = st.sampled_from(["a: b\n", "- x\n", "  - y\n", "k: [1, {c: d}]\n", "&a x\n", "*a\n", "b: &x 1\nc: *x\n",
                          "[[[\n", "]\n", "{a: \n", "'q\n", '"e\\q"\n', "t: !!python/name:os.system\n", "---\n",
                          "x: |\n  text\n", "? k\n: v\n", "n: ~\n", "\t- tab\n", "- - - - z\n", "m: 'it''s'\n"])


@settings(max_examples=400, deadline=None)
@given(st.lists(pieces, max_size=8))
def test_any_text_composes_the_same_both_ways(parts: list[str]) -> None:
    text = "".join(parts)
    assert outcome(text, checked=False) == outcome(text, checked=True)
