"""Print a task's deadline in the notice when its words do not already state it, so that what is tracked
(`due`, the register) is what the units read. A template chooses with `print_due` in its manifest:
missing (the default), always, or never."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from ttbgen.spec.deadlines import find_deadlines, from_due, issued_on, task_words
from ttbgen.spec.model import Node, Notice, content_tree

PRINT_DUE = ("missing", "always", "never")


def due_words(node: Node) -> str:
    """Return the words that state a task's deadline: "thời hạn hoàn thành: trước ngày 31/3/2026"."""
    assert node.due is not None
    return f"thời hạn hoàn thành: {from_due(node.due).wording()}"


def with_deadline(node: Node) -> Node:
    """Add the deadline to a task: after its text when it has only a text, else as its last line (a `-` line
    when its children are `-` lines, else a paragraph)."""
    words = due_words(node)
    line = words[0].upper() + words[1:] + "."
    if node.children and node.children[-1].number == "dash":
        return replace(node, children=(*node.children, Node("dash", text=line, path=f"{node.path}.due")))
    if node.children or node.paragraphs or not node.text:
        return replace(node, paragraphs=(*node.paragraphs, line))
    text = node.text.rstrip()
    return replace(node, text=f"{text.rstrip('.;:')}; {words}" + ("." if text.endswith(".") else ""))


def needs_deadline(node: Node, mode: str, issued: dt.date) -> bool:
    """Tell whether a node's deadline must be printed: it has a due, and its words state none (or always)."""
    if node.due is None or mode == "never":
        return False
    return mode == "always" or not any(d.dated for d in find_deadlines(task_words(node), issued))


def printed(nodes: tuple[Node, ...], mode: str, notice: Notice) -> tuple[Node, ...]:
    """Return a content tree with the deadlines its tasks leave unsaid written in."""
    out = []
    for node in nodes:
        children = printed(node.children, mode, notice)
        if any(new is not old for new, old in zip(children, node.children, strict=True)):  # copy only if changed
            node = replace(node, children=children)
        out.append(with_deadline(node) if needs_deadline(node, mode, issued_on(notice)) else node)
    return tuple(out)


def printed_deadlines(notice: Notice, mode: str = "missing") -> Notice:
    """Return the notice with the deadlines its task texts leave unsaid written into its content tree."""
    if mode == "never":
        return notice
    return replace(notice, content=printed(content_tree(notice), mode, notice))
