"""Read YAML as nodes, so every value keeps its line and column and every scalar stays text."""

from __future__ import annotations

import codecs
import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from ttbgen.errors import Mark, SpecError
from ttbgen.i18n import N_, _
from ttbgen.records import record
from ttbgen.safefile import read_bounded
from ttbgen.spec.clerk import raise_all, text_errors
from ttbgen.vn import nfc

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader is ~13× faster (pitfalls.md)
_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}
MAX_BYTES = 1_000_000  # a spec is a few kilobytes; anything larger is a mistake (docs/limits.md)
MAX_DEPTH = 32  # nesting of lists and mappings; a real spec nests about 8 deep (docs/limits.md)


@record
class Source:
    """A YAML file's display name and text."""

    name: str
    text: str


def mark_of(source: str, node: yaml.Node) -> Mark:
    """Return the 1-based file:line:col of a node."""
    return Mark(source, node.start_mark.line + 1, node.start_mark.column + 1)


def decode(name: str, data: bytes) -> str:
    """Decode a spec's bytes: UTF-8 (BOM allowed) or UTF-16 with a BOM; anything else is an error."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    elif data.count(0) * 4 >= len(data) > 0:  # every other byte NUL: UTF-16 text saved without its BOM
        raise SpecError(_("the file looks like UTF-16 without a byte-order mark; open it in an editor and save it "
                          "as UTF-8"), Mark(name, 1, 1))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SpecError(
            _("the file is not UTF-8 (byte 0x{byte:02x}); it may be in Windows-1258 or TCVN3: "
              "open it in an editor and save it as UTF-8").format(byte=data[exc.start]),
            Mark(name, line, exc.start - data.rfind(b"\n", 0, exc.start)),
        ) from None


def read_source(path: Path, display: str | None = None) -> Source:
    """Read a YAML file from disk, refusing files too large to be a spec."""
    name = display or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SpecError(_("the file is {size} bytes; a spec may be at most {limit} bytes").format(
                size=size, limit=MAX_BYTES), Mark(name, 1, 1))
    except OSError as exc:
        raise SpecError(_("{name}: cannot read the file: {reason}").format(name=name, reason=exc.strerror or exc)) \
            from None
    data = read_bounded(path, MAX_BYTES, SpecError, _("the spec"))  # a FIFO or /dev/zero is refused (issue 13)
    return Source(name, decode(name, data))


def compose(source: Source) -> yaml.Node | None:
    """Parse text to a node tree; YAML syntax errors become located SpecErrors."""
    raise_all(text_errors(source.name, source.text))  # what YAML would misread, reported before it reads
    try:
        return _compose_plain(source) or _compose_checked(source)
    except yaml.reader.ReaderError as exc:
        raise _control_character(source, chr(exc.character) if isinstance(exc.character, int) else "") from None
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(source, exc) from None
    except yaml.YAMLError as exc:
        raise SpecError(_("YAML error: {problem}").format(problem=exc), Mark(source.name, 1, 1)) from None


def _compose_checked(source: Source) -> yaml.Node | None:
    """Refuse anchors, aliases and deep nesting first, then compose."""
    _prescan(source)
    return yaml.compose(source.text, Loader=_Loader)


def _compose_plain(source: Source) -> yaml.Node | None:
    """Compose without the prescan's event pass when nothing it refuses can be there (issue 15), else None.

    Without '&' and '*' there is no anchor or alias; libyaml's own nesting limit keeps the C composer's
    recursion bounded, and the tree's depth is measured after. Anything else (an error, a deep tree) goes the
    checked way, so every refusal keeps its words and its place.
    """
    if "&" in source.text or "*" in source.text or not _nesting_bounded():
        return None
    try:
        root = yaml.compose(source.text, Loader=_Loader)
    except yaml.YAMLError:
        return None
    return root if root is None or not _deeper_than(root, MAX_DEPTH) else None


@functools.cache
def _nesting_bounded() -> bool:
    """Tell whether the C composer is in use and its libyaml refuses deep nesting (libyaml PR 287, 2024)."""
    if _Loader is yaml.SafeLoader:
        return False
    try:
        yaml.compose("[" * 2000 + "]" * 2000, Loader=_Loader)
    except yaml.YAMLError:
        return True
    return False


def _deeper_than(root: yaml.Node, limit: int) -> bool:
    """Tell whether lists and mappings nest more than `limit` levels in a composed tree."""
    stack: list[tuple[yaml.Node, int]] = [(root, 1)] if isinstance(root, yaml.CollectionNode) else []
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        children = node.value if isinstance(node, yaml.SequenceNode) else [n for pair in node.value for n in pair]
        stack += [(child, depth + 1) for child in children if isinstance(child, yaml.CollectionNode)]
    return False


def _prescan(source: Source) -> None:
    """Refuse, before composing, what could blow up: anchors and aliases (a small file expanding into
    billions of nodes) and deep nesting (the C composer recurses, and crashes past some thousands of levels)."""
    depth, last = 0, None  # last: the last event read, where a libyaml error is looked for
    try:
        loader = _Loader(source.text)  # what yaml.parse does, without a generator between each event and us
        try:
            while loader.check_event():
                event = loader.get_event()
                if getattr(event, "anchor", None) or type(event) is yaml.AliasEvent:
                    raise SpecError(_("anchors and aliases (&, *) are not supported; write the value out"),
                                    _event_mark(source, event))
                depth += _NESTING.get(type(event), 0)  # a dict lookup per event, not two isinstance (issue 15)
                if depth > MAX_DEPTH:
                    raise _too_deep(source, _index(event.start_mark))
                last = event
        finally:
            loader.dispose()
    except yaml.YAMLError:
        # libyaml reads a flow collection ahead before it yields its events, and may give up with a nesting
        # limit of its own first (PyYAML 6.0.4 stops at about 1,000); find our limit's place in the text.
        where = _index(last.end_mark) if last is not None else 0
        index = _flow_overflow(source.text, where, MAX_DEPTH - depth)
        if index is not None:
            raise _too_deep(source, index) from None
        raise


# How each parser event changes the nesting depth (the event classes PyYAML's parsers yield, no subclasses).
_NESTING: dict[type, int] = {yaml.SequenceStartEvent: 1, yaml.MappingStartEvent: 1, yaml.SequenceEndEvent: -1,
                             yaml.MappingEndEvent: -1}


def _index(mark: Any) -> int:
    """Return a parser mark's index in the text (0 when libyaml gives none)."""
    return mark.index if mark is not None else 0


def _too_deep(source: Source, index: int) -> SpecError:
    """The located error for a spec nested deeper than MAX_DEPTH at a text index."""
    line = source.text.count("\n", 0, index) + 1
    column = index - source.text.rfind("\n", 0, index)
    return SpecError(_("lists and mappings are nested more than {limit} levels deep here; a spec never needs "
                       "that many").format(limit=MAX_DEPTH), Mark(source.name, line, column))


def _flow_overflow(text: str, start: int, room: int) -> int | None:
    """Return the index of the first '[' or '{' after start that nests more than room levels, if any."""
    depth, quote = 0, ""
    for index in range(start, len(text)):
        char = text[index]
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "[{":
            depth += 1
            if depth > room:
                return index
        elif char in "]}":
            depth -= 1
    return None


def _event_mark(source: Source, event: yaml.Event) -> Mark | None:
    """Return the 1-based place of a parser event."""
    mark = event.start_mark
    return Mark(source.name, mark.line + 1, mark.column + 1) if mark else None


def _control_character(source: Source, char: str) -> SpecError:
    """Locate a character YAML refuses (a control character pasted from another program)."""
    index = source.text.find(char) if char else -1
    if index < 0:
        return SpecError(_("the file contains a control character; remove it"), Mark(source.name, 1, 1))
    line = source.text.count("\n", 0, index) + 1
    column = index - source.text.rfind("\n", 0, index)
    return SpecError(_("the file contains a control character (U+{code:04X}) that a spec cannot hold; remove it")
                     .format(code=ord(char)), Mark(source.name, line, column))


# libyaml's words for the mistakes clerks make most, in plain words.
_PLAIN = {
    "mapping values are not allowed in this context": N_("unexpected ': ' here"),
    "found character that cannot start any token": N_("a character that cannot start a value (put the text in "
                                                        "quotes)"),
}
# The rest of libyaml's words, kept as they are in English and put plainly in the Vietnamese catalogue (the
# catalogue has them; _plain_problem translates whatever it passes on).
_LIBYAML_WORDS = (
    N_("could not find expected ':'"), N_("found unexpected end of stream"),
    N_("block sequence entries are not allowed in this context"), N_("mapping values are not allowed here"),
    N_("found a tab character that violates indentation"), N_("found unexpected ':'"),
)


# libyaml's words for an unclosed bracket, by the bracket, and where ttbgen points instead: the bracket.
_UNCLOSED = {
    "did not find expected ',' or ']'": N_("the '[' opened here is never closed: end the list with ']' on this line, "
                                           "or write it as lines starting with '- '"),
    "did not find expected ',' or '}'": N_("the '{' opened here is never closed: end it with '}' on this line"),
}


def _plain_problem(exc: yaml.MarkedYAMLError) -> tuple[Any, str]:
    """Return where a syntax error is and what it is in ttbgen's own words (libyaml's wording differs between
    versions, so only its known problems are reworded and no message depends on the rest)."""
    mark = exc.problem_mark or exc.context_mark
    problem = (exc.problem or "").strip()
    if problem in _UNCLOSED and exc.context_mark is not None:
        return exc.context_mark, _(_UNCLOSED[problem])
    if "escape" in problem and exc.problem_mark is not None:
        return exc.problem_mark, _("a backslash starts an escape in a text in double quotes, and this one is "
                                   "unknown; write \\\\ for a backslash, or use single quotes")
    if (exc.context or "").endswith("quoted scalar") and exc.context_mark is not None:
        return exc.context_mark, _("the quote opened here is never closed")
    if problem.startswith("did not find expected key") or problem.startswith("did not find expected '-'"):
        return mark, _("this line is indented differently from the lines above it")
    return mark, _(_PLAIN.get(problem, problem))


def _syntax_error(source: Source, exc: yaml.MarkedYAMLError) -> SpecError:
    """Turn a YAML syntax error into a located, plain-worded SpecError."""
    mark, problem = _plain_problem(exc)
    where = Mark(source.name, mark.line + 1, mark.column + 1) if mark else None
    if _has_tab(source.text, where):
        problem = _("a tab character on this line")
    return SpecError(_("YAML syntax error: {problem}{hint}").format(problem=problem, hint=_hint(source.text, where)),
                     where)


def _has_tab(text: str, where: Mark | None) -> bool:
    """Tell whether the line of an error holds a tab (YAML indents with spaces only)."""
    lines = text.splitlines()
    return where is not None and where.line <= len(lines) and "\t" in lines[where.line - 1]


def _hint(text: str, where: Mark | None) -> str:
    """Explain the most common YAML mistakes of people used to word processors."""
    if _has_tab(text, where):
        return _(" (indent with spaces, not tabs)")
    return _(" (check the indentation and the quotes on this line)")


class Reader:
    """Walks a node tree, checking kinds and keys, with the source name for error locations."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._seen: set[int] = set()
        self.marks: dict[str, Mark] = {}  # key path → where its value stands, for later warnings
        self.errors: list[SpecError] = []  # mistakes collected so that one run reports them all
        self.clean_text = False  # True: the YAML text holds nothing a value could turn into a bad character

    def error(self, message: str, node: yaml.Node, path: str) -> SpecError:
        """Build a located error."""
        return SpecError(message, mark_of(self.source, node), path)

    def visit(self, node: yaml.Node, path: str) -> None:
        """Refuse aliases (a node reached twice) and explicit tags such as !!python/object."""
        if id(node) in self._seen:
            raise self.error(_("anchors and aliases (&, *) are not supported; write the value out"),
                             node, path)
        self._seen.add(id(node))
        if path not in self.marks:  # not setdefault: a Mark is built only for a path seen the first time
            self.marks[path] = mark_of(self.source, node)
        if node.tag not in _ALLOWED_TAGS:
            raise self.error(_("the tag {tag} is not allowed in a spec; remove it").format(
                tag=node.tag.replace(_STD, "!!")), node, path)

    def is_null(self, node: yaml.Node) -> bool:
        """Tell whether a node is an empty or ~ scalar written without quotes."""
        # Only an unquoted ~, null or nothing resolves to the null tag; a quoted "null" stays text.
        return isinstance(node, yaml.ScalarNode) and node.tag == _STD + "null"

    def scalar(self, node: yaml.Node, path: str) -> str:
        """Return a scalar's text exactly as written (045 stays 045, no stays no), NFC-normalised."""
        self.visit(node, path)
        if isinstance(node, yaml.MappingNode) and len(node.value) == 1:
            raise self.error(_("expected a text, got a mapping: a ': ' inside a text starts a key in YAML; "
                               "put the whole text in quotes"), node, path)
        if not isinstance(node, yaml.ScalarNode):
            raise self.error(_("expected a text, got a {kind}").format(kind=kind_name(node)), node, path)
        return nfc(node.value)

    def mapping(self, node: yaml.Node, path: str, allowed: list[str],
                homes: Callable[[str], str] | None = None) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """Return a mapping's entries by key, refusing duplicates and unknown keys (with a suggestion)."""
        entries, errors = self.mapping_entries(node, path, allowed, homes)
        raise_all(errors)
        return entries

    def mapping_entries(self, node: yaml.Node, path: str, allowed: list[str], homes: Callable[[str], str] | None = None,
                        ) -> tuple[dict[str, tuple[yaml.Node, yaml.Node]], list[SpecError]]:
        """Return a mapping's good entries by key, and an error for each duplicate or unknown key (`homes` says
        where an unknown key belongs; asked only when there is one)."""
        self.visit(node, path)
        if not isinstance(node, yaml.MappingNode):
            raise self.error(_("expected a mapping (key: value lines), got a {kind}").format(
                kind=kind_name(node)), node, path)
        entries: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        errors: list[SpecError] = []  # every bad key of the mapping is reported, not only the first
        for key_node, value_node in node.value:
            key = self.scalar(key_node, path)
            where = f"{path}.{key}" if path else key
            if key in entries:
                first = mark_of(self.source, entries[key][0])
                errors.append(self.error(_("duplicate key '{key}' (first defined at line {line})").format(
                    key=key, line=first.line), key_node, where))
            elif key not in allowed:
                errors.append(self.error(unknown_key_message(key, allowed, homes(key) if homes else ""), key_node,
                                         where))
            else:
                entries[key] = (key_node, value_node)
        return entries, errors

    def sequence(self, node: yaml.Node, path: str) -> list[yaml.Node]:
        """Return a sequence's items."""
        self.visit(node, path)
        if not isinstance(node, yaml.SequenceNode):
            raise self.error(_("expected a list (lines starting with '- '), got a {kind}").format(
                kind=kind_name(node)), node, path)
        return list(node.value)


def kind_name(node: yaml.Node) -> str:
    """Name a node's kind for messages."""
    if isinstance(node, yaml.MappingNode):
        return _("mapping")
    if isinstance(node, yaml.SequenceNode):
        return _("list")
    return _("text '{value}'").format(value=str(node.value)[:40])


# Keys a clerk may write in Vietnamese, and the English key each one means.
VIETNAMESE_KEYS = {
    "cơ quan": "office", "số": "number", "ký hiệu": "symbol", "ngày": "date", "trích yếu": "title",
    "cuộc họp": "meeting", "tên": "name", "chủ trì": "chair", "địa điểm": "place", "thành phần": "attendees",
    "chức vụ": "title", "họ tên": "name", "nhiệm vụ": "tasks", "nơi nhận": "recipients", "lưu": "archive",
    "người ký": "signer", "thẩm quyền": "authority", "thời hạn": "due", "chủ trì thực hiện": "lead",
    "phối hợp": "support", "nội dung": "text", "đánh giá": "assessment", "kiến nghị": "proposals",
}


def unknown_key_message(key: str, allowed: list[str], home: str = "") -> str:
    """Say that a key is unknown: where it belongs, its English name, or the closest allowed key."""
    if home:
        return _("'{key}' does not belong here; it goes {home} (check the indentation)").format(key=key, home=home)
    english = VIETNAMESE_KEYS.get(key.lower().strip())
    if english in allowed:
        return _("unknown key '{key}': keys are written in English; did you mean '{english}'?").format(
            key=key, english=english)
    import difflib  # only for a mistake: not imported by a build of good specs (issue 15)

    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if close:
        return _("unknown key '{key}'; did you mean '{close}'?").format(key=key, close=close[0])
    return _("unknown key '{key}'; allowed keys: {allowed}").format(key=key, allowed=", ".join(allowed))
