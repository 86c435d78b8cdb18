"""What a spec may expand to: the number of values and characters of the whole notice (docs/limits.md).

Each list and text has its own limit (MAX_ITEMS, MAX_TEXT), but nested lists multiply: a spec within
every per-list limit could expand to 480,000 paragraphs (issue 13). This bounds the whole tree before any
conversion, derivation or rendering.
"""

from __future__ import annotations

import yaml

from ttbgen.errors import Mark, SpecError
from ttbgen.i18n import _

MAX_VALUES = 5_000  # scalar values in one spec; a real notice has a few hundred
MAX_CHARACTERS = 300_000  # characters of all text in one spec; a real notice has well under 30,000


def check_expansion(root: yaml.Node, name: str, max_items: int) -> None:
    """Refuse a spec whose values or characters, all together, exceed what a notice can hold.

    A list longer than `max_items` is left to the per-list check, whose message names the list's key path.
    """
    values = characters = 0
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            values += 1
            characters += len(str(node.value))
            if values > MAX_VALUES or characters > MAX_CHARACTERS:
                raise _too_large(node, name, values > MAX_VALUES)
        elif isinstance(node, yaml.SequenceNode) and len(node.value) <= max_items:
            stack.extend(reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            stack.extend(v for pair in reversed(node.value) for v in reversed(pair))


def _too_large(node: yaml.Node, name: str, by_values: bool) -> SpecError:
    """The located error at the value where the spec went over a limit."""
    mark = Mark(name, node.start_mark.line + 1, node.start_mark.column + 1)
    if by_values:
        return SpecError(_("the spec holds more than {limit} values in all (limit MAX_VALUES); a notice never "
                           "needs that many; split it").format(limit=MAX_VALUES), mark)
    return SpecError(_("the spec holds more than {limit} characters of text in all (limit MAX_CHARACTERS); a "
                       "notice never needs that much; split it").format(limit=MAX_CHARACTERS), mark)
