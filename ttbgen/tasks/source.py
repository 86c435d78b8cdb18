"""Where the register reads a notice's tasks: the one function to change when the spec model changes.

`iter_tasks` (ttbgen.spec.model) yields every task node of the content tree, at any depth, with its number
path ("2.3.b"); the register also wants the words of the node's plain children (a task's `-` bullets often
say what it must deliver and by when), so it finds the node itself by its key path.
"""

from __future__ import annotations

from collections.abc import Iterator

from ttbgen.records import record
from ttbgen.spec.deadlines import task_words
from ttbgen.spec.model import Node, Notice, PartialDate, content_tree, iter_tasks


@record
class TaskNode:
    """One task of a notice: every node that names a lead or supporting unit, or a deadline."""

    number: str  # its number path in the notice, "2.a", "2.3.b", "II.1"
    lead: tuple[str, ...]
    support: tuple[str, ...]
    due: PartialDate | None
    id: str  # the spec's explicit `id:`, or ""
    text: str  # its words: heading (unless it only names the lead), text, paragraphs, plain children
    path: str  # its key path in the spec, for located messages


def _by_path(nodes: tuple[Node, ...]) -> Iterator[tuple[str, Node]]:
    """Yield every node of a tree with its key path."""
    for node in nodes:
        yield node.path, node
        yield from _by_path(node.children)


def task_nodes(notice: Notice) -> Iterator[TaskNode]:
    """Yield every task of a notice, in document order, with its number path (iter_tasks)."""
    nodes = dict(_by_path(content_tree(notice)))
    for task in iter_tasks(notice):
        node = nodes.get(task.path)
        words = task_words(node) if node is not None else " ".join((task.text, *task.paragraphs))
        yield TaskNode(task.number, task.lead, task.support, task.due, task.id, words, task.path)
