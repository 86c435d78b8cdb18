"""Write a spec as a person would: block lists, `>-` for long paragraphs, quotes only where YAML needs
them, `# import: …` notes above the keys they are about; and prove that the text reads back as written."""

from __future__ import annotations

import json
from typing import Any

import yaml

from ttbgen.importer.notes import Notes

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
WIDTH = 110  # columns of a written line, as the shipped specs are wrapped
FOLD_AT = 96  # a text longer than this (after its key) is written as a folded `>-` block
_NULL = "tag:yaml.org,2002:null"


def plain_ok(text: str) -> bool:
    """Tell whether a text reads back unchanged when written without quotes (ttbgen reads values as text)."""
    if not text or text != text.strip() or "\n" in text or "\t" in text:
        return False
    try:
        node = yaml.compose(f"k: {text}", Loader=_Loader)
    except yaml.YAMLError:
        return False
    if not isinstance(node, yaml.MappingNode) or len(node.value) != 1:
        return False
    value = node.value[0][1]
    return isinstance(value, yaml.ScalarNode) and value.style in (None, "") and value.tag != _NULL \
        and value.value == text


def _printable(char: str) -> bool:
    """Tell whether a character may stand as it is inside double quotes (YAML 1.1 §5.1, printable)."""
    code = ord(char)
    # NEL, LS and PS are line breaks to YAML 1.1: inside quotes they would fold, so they are escaped too.
    return 0x20 <= code <= 0x7E or (0xA0 <= code <= 0xD7FF and code not in (0x2028, 0x2029)) or \
        (0xE000 <= code <= 0xFFFD and code != 0xFEFF) or code >= 0x10000


def quoted(text: str) -> str:
    """Return a double-quoted YAML scalar (JSON's escapes are YAML's; unprintable characters escaped)."""
    return "".join(c if _printable(c) else f"\\u{ord(c):04x}" for c in json.dumps(text, ensure_ascii=False))


def foldable(text: str) -> bool:
    """Tell whether a text survives a folded block scalar: single spaces, no edges, no line breaks."""
    return text == text.strip() and "  " not in text and "\n" not in text and "\t" not in text and \
        not text.startswith(("#", "-", " "))


def folded(text: str, indent: int) -> list[str]:
    """Wrap a text at spaces into the lines of a `>-` block indented by `indent` spaces."""
    room = max(WIDTH - indent, 40)
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > room:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return [" " * indent + line for line in lines]


def scalar(text: str, indent: int, room: int) -> list[str]:
    """Return a scalar's text after `key: ` or `- `: plain, quoted, or a folded block on the next lines."""
    if len(text) > room and foldable(text):
        return [">-", *folded(text, indent)]
    return [text if plain_ok(text) else quoted(text)]


class Writer:
    """Emits a spec value tree (dicts, lists, texts) as YAML lines, notes as comments."""

    def __init__(self, notes: Notes | None = None) -> None:
        self.notes = notes or Notes()
        self.lines: list[str] = []

    def comment(self, path: str, indent: int) -> None:
        """Write the notes of a key path as `# import: …` lines."""
        for message in self.notes.at(path):
            self.lines.append(" " * indent + f"# import: {message}")

    def mapping(self, data: dict[str, Any], indent: int, path: str, first_prefix: str = "") -> None:
        """Write a mapping's keys; the first line may follow a `- ` already written."""
        for i, (key, value) in enumerate(data.items()):
            sub = f"{path}.{key}" if path else key
            prefix = first_prefix if i == 0 and first_prefix else " " * indent
            if not (i == 0 and first_prefix):
                self.comment(sub, indent)
            self.entry(prefix + self.key(key), value, indent, sub)

    def key(self, key: str) -> str:
        """Return a key as written, quoted when YAML needs it."""
        return key if plain_ok(key) else quoted(key)

    def entry(self, head: str, value: Any, indent: int, path: str) -> None:
        """Write `head: value` (a key) for a scalar, list or mapping value."""
        if value is None:
            self.lines.append(f"{head}: ~")
        elif isinstance(value, dict):
            self.lines.append(f"{head}:")
            self.mapping(value, indent + 2, path)
        elif isinstance(value, list):
            if not value:
                self.lines.append(f"{head}: []")
                return
            self.lines.append(f"{head}:")
            self.sequence(value, indent + 2, path)
        else:
            first, *rest = scalar(str(value), indent + 2, WIDTH - len(head) - 2)
            self.lines.append(f"{head}: {first}")
            self.lines.extend(rest)

    def sequence(self, items: list[Any], indent: int, path: str) -> None:
        """Write a block list, one `- ` item a line."""
        for i, item in enumerate(items):
            sub = f"{path}[{i}]"
            self.comment(sub, indent)
            if isinstance(item, dict) and len(item) == 1 and isinstance(next(iter(item.values())), list) \
                    and path.endswith("recipients"):
                label, children = next(iter(item.items()))
                self.lines.append(" " * indent + f"- {self.key(label)}:")
                self.sequence(children, indent + 4, f"{sub}.{label}")
            elif isinstance(item, dict):
                self.mapping(item, indent + 2, sub, " " * indent + "- ")
            else:
                first, *rest = scalar(str(item), indent + 2, WIDTH - indent - 2)
                self.lines.append(" " * indent + f"- {first}")
                self.lines.extend(rest)


def key_paths(value: Any, path: str = "") -> set[str]:
    """Return the key path of every value in a spec, as notes name them."""
    paths = {path}
    if isinstance(value, dict):
        for key, child in value.items():
            paths |= key_paths(child, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            paths |= key_paths(child, f"{path}[{i}]")
    return paths


def to_yaml(data: dict[str, Any], notes: Notes | None = None, header: list[str] | None = None) -> str:
    """Return the YAML text of a spec (or office profile), with its header comment lines; a note about a key
    the spec leaves out goes to the top."""
    notes = notes or Notes()
    present = key_paths(data)
    placed = Notes()
    for path, message in notes.all():
        placed.add(path if path in present else "", message)
    writer = Writer(placed)
    writer.lines += [f"# {line}" if line else "#" for line in header or []]
    writer.comment("", 0)
    writer.mapping(data, 0, "")
    return "\n".join(writer.lines) + "\n"


def read_back(text: str) -> Any:
    """Read written YAML back as ttbgen does: every scalar as the text written, ~ as None."""
    return _value(yaml.compose(text, Loader=_Loader))


def _value(node: yaml.Node | None) -> Any:
    """Convert a composed node to plain data, scalars kept as text."""
    if node is None:
        return None
    if isinstance(node, yaml.MappingNode):
        return {_value(k): _value(v) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_value(v) for v in node.value]
    return None if node.tag == _NULL and getattr(node, "style", None) in (None, "") else node.value


def plain_data(value: Any) -> Any:
    """Return a spec value tree with every scalar as text (what `read_back` gives for it)."""
    if isinstance(value, dict):
        return {str(k): plain_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain_data(v) for v in value]
    return None if value is None else str(value)
