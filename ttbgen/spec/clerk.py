"""Mistakes a clerk makes that YAML accepts without a word: found here, before they lose or change text.

YAML reads `text: A. #B` as "A." and a comment, `[X (để b/c), Chủ tịch, các PCT]` as three items, `~` in a
list as "nothing", and a file re-saved as ANSI as valid (garbled) text. Each finding here is located and
either refuses the spec (an error) or is named in a warning, so no word the clerk typed vanishes silently.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from dataclasses import field

import yaml

from ttbgen.errors import Mark, SpecError
from ttbgen.i18n import _
from ttbgen.records import record
from ttbgen.spec.lint import SpecWarning, names_unit

_NULL = "tag:yaml.org,2002:null"
# The content parts `order` lists; the same names as load.PARTS (kept here so this module stands alone).
_PARTS = ("assessment", "tasks", "proposals", "sections")
# Values that are codes, names of files or numbers, not prose: a comment after them loses nothing typed.
_SHORT_KEYS = {"office", "date", "time", "number", "due", "symbol", "numbering", "headings", "template", "version",
               "name_of_template", "honorific", "drafter", "archive", "units", "initials", "unit"}
# Lists of codes or names of parts, where a short or lower-case item is normal.
_CODE_LISTS = {"order", "template", "house_style", "authority", "archive", "units"}
# A number typed by hand at the start of a heading or point: "2.", "2.1.", "II.", "b)", "3)".
_HAND_NUMBER = re.compile(r"^\s*((?:\d{1,2}\.)+(?:\d{1,2})?|[IVX]{1,5}\.|[a-zđ]\)|\d{1,2}\))\s+\S")
# Characters that end a line for YAML but not for an editor's line count, so every later error is one line off.
_LINE_BREAKS = {"\u2028": "LINE SEPARATOR", "\u2029": "PARAGRAPH SEPARATOR", "\x85": "NEXT LINE"}
_LINE_BREAK = re.compile("[" + "".join(_LINE_BREAKS) + "]")
_COMMENT = re.compile(r"([ \t]+)#([^\n]*)")  # a comment after a value: spaces, #, the rest of the line
MAX_LIST = 500  # load.MAX_ITEMS: a longer list is refused by the loader, so it is not walked here
MAX_EACH = 20  # errors of one kind found in the raw text
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
# UTF-8 bytes of a Vietnamese letter read as Windows-1252: a lead byte (À–ï) and one or more continuation
# bytes (0x80–0xBF and the cp1252 characters at 0x80–0x9F).
_MOJIBAKE = re.compile("[\u00c0-\u00ef][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6"
                       "\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]+")


class SpecErrors(SpecError):
    """Several located mistakes in one spec, reported together in file order (like yamllint)."""

    def __init__(self, errors: list[SpecError]) -> None:
        ordered = sorted(errors, key=_order_key)
        super().__init__(ordered[0].message, ordered[0].mark, ordered[0].path)
        self.errors = ordered

    def render(self) -> str:
        """Return one located line per mistake."""
        return "\n".join(e.render() for e in self.errors)


def _order_key(error: SpecError) -> tuple[int, int]:
    """Sort errors by place in the file; unlocated ones first."""
    return (error.mark.line, error.mark.column) if error.mark else (0, 0)


def flatten(error: SpecError) -> list[SpecError]:
    """Return the single errors inside an error."""
    return list(error.errors) if isinstance(error, SpecErrors) else [error]


def raise_all(errors: list[SpecError]) -> None:
    """Raise every collected error at once, dropping those caused by another (an ancestor's follow-up)."""
    kept: list[SpecError] = []
    for error in (e for err in errors for e in flatten(err)):
        if any(_caused_by(error, other) for other in kept) or error.render() in {k.render() for k in kept}:
            continue
        kept = [k for k in kept if not _caused_by(k, error)] + [error]
    if len(kept) == 1:
        raise kept[0]
    if kept:
        raise SpecErrors(kept)


def _caused_by(error: SpecError, other: SpecError) -> bool:
    """Tell whether an error about a mapping or list follows from an error inside it (e.g. an empty point)."""
    return bool(error.path) and other.path.startswith((error.path + ".", error.path + "["))


# --- the text as typed -----------------------------------------------------------------------------------------

def locate(name: str, text: str, index: int) -> Mark:
    """Return the 1-based line and column of a text index, counting only \\n as a line break (as editors do)."""
    return Mark(name, text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index))


def text_errors(name: str, text: str) -> list[SpecError]:
    """Find what must be fixed in the file before YAML reads it: invisible line breaks, half characters,
    garbled (mojibake) text; at most MAX_EACH of each kind (a whole file of them says enough)."""
    errors: list[SpecError] = []
    for match in itertools.islice(_LINE_BREAK.finditer(text), MAX_EACH):
        char = match[0]
        errors.append(SpecError(_("an invisible line break (U+{code:04X} {name}, pasted from a web page or PDF) is "
                                  "in the text; delete it, or press Enter there if a new line is meant")
                                .format(code=ord(char), name=_LINE_BREAKS[char]), locate(name, text, match.start())))
    for match in itertools.islice(_SURROGATE_ESCAPE.finditer(text), MAX_EACH):
        errors.append(SpecError(_("'{escape}' is half of a character (a UTF-16 surrogate) and cannot be printed; "
                                  "type the character itself instead of its code").format(escape=match[0]),
                                locate(name, text, match.start())))
    return errors + mojibake_errors(name, text)


def repair(garbled: str) -> str | None:
    """Return what a run of mojibake letters read before it was garbled, or None when it is not mojibake."""
    try:
        return garbled.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return None


def mojibake_errors(name: str, text: str) -> list[SpecError]:
    """Find words that are UTF-8 re-read as Windows-1252 ("soÃ¡t" for "soát"): one error a line."""
    errors: list[SpecError] = []
    seen_lines: set[int] = set()
    for match in _MOJIBAKE.finditer(text):
        if repair(match[0]) is None:
            continue
        where = locate(name, text, match.start())
        if where.line in seen_lines:
            continue
        if len(seen_lines) == MAX_EACH:
            break
        seen_lines.add(where.line)
        start = max(text.rfind(c, 0, match.start()) for c in " \n\t\"'[,:") + 1
        ends = [i for i in (text.find(c, match.end()) for c in " \n\t\"',]") if i >= 0]
        word = text[start: min(ends, default=len(text))]
        errors.append(SpecError(_("the text is garbled: '{word}' should read '{fixed}'. The file was saved as "
                                  "UTF-8, then opened and saved again as ANSI (Windows-1252), which changes every "
                                  "Vietnamese letter; take the text from the original file and save it as UTF-8")
                                .format(word=word, fixed=_MOJIBAKE.sub(lambda m: repair(m[0]) or m[0], word)),
                                where))
    return errors


# C0/C1 controls, surrogates and Unicode's noncharacters (U+FDD0–U+FDEF, and the last two code points of every
# plane): one class, searched in C rather than a Python loop over every character of every text (issue 15).
_PLANE_ENDS = "".join(chr(plane | end) for plane in range(0, 0x110000, 0x10000) for end in (0xFFFE, 0xFFFF))
_BAD_CHARACTER = re.compile(f"[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef{_PLANE_ENDS}]")


# What may make a value bad, less tab, line feed and carriage return (a YAML text holds them everywhere; a text value
# loses them when its white space is collapsed), with everything from U+D800 up taken as suspect: four ranges are
# searched ten times faster than the exact class, and a text with such characters is searched value by value.
_SUSPECT_IN_SOURCE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\U0010ffff]")


def values_are_clean(text: str) -> bool:
    """Tell whether no text value read from a YAML text can hold a bad character: the text holds none, and no
    backslash escape in double quotes can write one (issue 15: one search instead of one per value)."""
    return "\\" not in text and _SUSPECT_IN_SOURCE.search(text) is None


def bad_character(value: str) -> str | None:
    """Return a description of a character no document may hold (C0/C1 controls, U+FFFE/U+FFFF, surrogates)."""
    match = _BAD_CHARACTER.search(value)
    return f"U+{ord(match[0]):04X}" if match else None


# --- the tree YAML read --------------------------------------------------------------------------------------

@record(frozen=False)
class Findings:
    """What the tree walk found: errors that refuse the spec, warnings that name the words at risk."""

    source: str
    text: str
    errors: list[SpecError] = field(default_factory=list)
    warnings: list[SpecWarning] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list, repr=False)

    def line_starts(self) -> list[int]:
        """Return the index where each line starts (computed once)."""
        if not self._starts:
            self._starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        return self._starts

    def locate(self, index: int) -> Mark:
        """Return the place of a text index in O(log n), as editors count lines."""
        line = bisect.bisect_right(self.line_starts(), index)
        return Mark(self.source, line, index - self._starts[line - 1] + 1)

    def mark(self, node: yaml.Node) -> Mark:
        """Return where a node starts."""
        return Mark(self.source, node.start_mark.line + 1, node.start_mark.column + 1)

    def error(self, message: str, node: yaml.Node, path: str) -> None:
        """Record a located error."""
        self.errors.append(SpecError(message, self.mark(node), path))

    def warn(self, message: str, mark: Mark, path: str, rule: str) -> None:
        """Record a located warning."""
        self.warnings.append(SpecWarning(message, mark, path, rule))


def walk(node: yaml.Node, path: str = "", key: str = "") -> Iterator[tuple[str, str, yaml.Node, yaml.Node | None]]:
    """Yield (key path, key, node, parent) for every node, in file order; free-form house styles are skipped."""
    # A stack rather than nested generators: each node is yielded once, not passed up through every level.
    stack: list[tuple[str, str, yaml.Node, yaml.Node | None]] = [(path, key, node, None)]
    while stack:
        entry = stack.pop()
        yield entry
        path, key, node = entry[0], entry[1], entry[2]
        if isinstance(node, yaml.MappingNode):
            children = []
            for key_node, value in node.value:
                name = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
                if name != "house_style":
                    children.append((f"{path}.{name}" if path else name, name, value, node))
            stack += reversed(children)
        elif isinstance(node, yaml.SequenceNode) and len(node.value) <= MAX_LIST:  # longer: the loader refuses it
            stack += reversed([(f"{path}[{i}]", key, item, node) for i, item in enumerate(node.value)])


def read_tree(source: str, text: str, root: yaml.Node | None) -> Findings:
    """Walk a composed spec and collect every clerk mistake in it."""
    found = Findings(source, text)
    if root is None:
        return found
    for path, key, node, parent in walk(root):
        if isinstance(parent, yaml.SequenceNode):
            empty_item(found, node, path, key)
        if isinstance(node, yaml.SequenceNode) and node.flow_style and key not in _CODE_LISTS \
                and len(node.value) <= MAX_LIST:
            fragments(found, node, path)
        if isinstance(node, yaml.ScalarNode) and node.tag != _NULL:
            comment_after(found, node, path, key)
            hand_number(found, node, path, key, parent)
    dropped_by_order(found, root)
    return found


def empty_item(found: Findings, node: yaml.Node, path: str, key: str) -> None:
    """A list item that is ~, empty or only punctuation would print as "~", "- :" or an empty paragraph."""
    if key in _CODE_LISTS or not isinstance(node, yaml.ScalarNode):
        return
    if node.tag == _NULL or not node.value.strip(" ;:.,\u00a0"):
        shown = f" ({node.value})" if node.tag == _NULL and node.value else f" ('{node.value}')" if node.value else ""
        found.error(_("an empty item{shown} in the list; write its text, or remove the line").format(shown=shown),
                    node, path)


def _is_fragment(value: str) -> bool:
    """Tell whether a list item reads like the tail of its neighbour: lower-case start, or a lone word."""
    letters = [c for c in value if c.isalpha()]
    if not letters:
        return False
    lone_word = len(value.split()) <= 2 and any(c.islower() for c in letters)
    return letters[0].islower() or lone_word


def fragments(found: Findings, node: yaml.SequenceNode, path: str) -> None:
    """Inside `[…]` every comma starts an item: "…(để b/c), Chủ tịch, các PCT" becomes three lines."""
    for i, (before, item) in enumerate(zip(node.value, node.value[1:], strict=False), start=1):
        if not (isinstance(before, yaml.ScalarNode) and isinstance(item, yaml.ScalarNode)) or item.style:
            continue
        if _is_fragment(item.value):
            found.warn(_("'{item}' looks like the rest of '{before}': inside [ ] every comma starts a new item, "
                         "so this prints as a line of its own; write the list as lines starting with '- '").format(
                             item=item.value, before=before.value), found.mark(item), f"{path}[{i}]",
                       "comma-in-list")


def comment_after(found: Findings, node: yaml.ScalarNode, path: str, key: str) -> None:
    """A ` #` after unquoted prose starts a comment: the words after it never reach the document."""
    if node.style or key in _SHORT_KEYS:
        return
    match = _COMMENT.match(found.text, node.end_mark.index)  # only what follows the value on its line
    if match and match[2].strip():
        found.warn(_("'#{dropped}' is dropped: after a space, # starts a comment in YAML, so the text ends at "
                     "'{last}'; put the whole text in quotes to keep it").format(
                         dropped=match[2].rstrip(), last=_tail(node.value)), found.locate(match.start(2) - 1), path,
                   "comment-in-text")


def _tail(value: str) -> str:
    """Return the end of a long text, whole words, to show where it stops."""
    return value if len(value) <= 60 else "…" + value[-50:].partition(" ")[2]


def hand_number(found: Findings, node: yaml.ScalarNode, path: str, key: str, parent: yaml.Node | None) -> None:
    """`heading: 2. Nhiệm vụ` prints "2. 2. Nhiệm vụ": ttbgen numbers headings and points itself."""
    in_items = key == "items" and isinstance(parent, yaml.SequenceNode)
    if key not in ("heading", "text") and not in_items:
        return
    if key == "text" and ".items[" not in path:
        return
    match = _HAND_NUMBER.match(node.value)
    if match:
        found.warn(_("'{number}' is numbered by hand; ttbgen numbers headings and points itself, so it would "
                     "print twice: remove '{number}'").format(number=match[1]), found.mark(node), path,
                   "hand-numbering")


def dropped_by_order(found: Findings, root: yaml.Node) -> None:
    """A section with content that `order` leaves out would silently not be printed."""
    if not isinstance(root, yaml.MappingNode):
        return
    entries = {str(k.value): (k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode)}
    order = entries.get("order", (None, None))[1]
    if order is None or order.tag == _NULL:
        return
    listed = {str(n.value).strip() for n in order.value if isinstance(n, yaml.ScalarNode)} \
        if isinstance(order, yaml.SequenceNode) else {str(order.value).strip()}
    for part in _PARTS:
        key_node, value = entries.get(part, (None, None))
        if key_node is not None and value is not None and value.tag != _NULL and part not in listed:
            found.error(_("'{part}' has content, but 'order' leaves it out, so it would not be printed; add "
                          "{part} to order, or remove the section").format(part=part), key_node, part)


# --- the model ----------------------------------------------------------------------------------------------

def run_in_heading(lead: tuple[str, ...], text: str, paragraphs: tuple[str, ...]) -> str:
    """Return the lead as a point's run-in heading ("a) Sở Tài chính: …") when its text does not name it.

    Published notices name the unit in charge either in the sentence or before it; a lead the text does not
    name would otherwise never show. An explicit `heading:` (even empty) is the clerk's choice and wins.
    """
    said = " ".join((text, *paragraphs))
    if not lead or all(names_unit(said, unit) for unit in lead):
        return ""
    return ", ".join(lead)
