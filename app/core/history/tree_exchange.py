"""Branches in exports and imports: the JSON tree, its checks, and ChatGPT's every branch.

**SeekDesk JSON.** Each message carries ``parent`` — the index (0-based, in the conversation's
``messages`` list) of the message it follows, or ``null`` for a first prompt — and each
conversation ``selected``, the index of the last message of the path shown. Messages are listed
oldest first, so a parent always comes before its children. A file whose conversations are all
linear (each message's parent is the one before it) keeps ``version`` 1: an older SeekDesk,
which ignores the new fields, reads it exactly right. A file with a branch is ``version`` 2,
because an older SeekDesk would read its versions as one long thread; it refuses version 2 and
says so. A file without ``parent`` fields (any version 1 file) imports as one linear path.

**ChatGPT.** ``mapping`` is a tree too: every node reachable from a root (without following a
cycle) is imported with its place in the tree, messages SeekDesk does not keep (system, tools,
images) are skipped and their children hang from the nearest kept ancestor, and the branch
ChatGPT showed (``current_node``) is the one selected.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from app.core.history.validate import Checker

#: The version written when a conversation of the file has a branch.
TREE_VERSION = 2


def is_linear(parents: Sequence[int | None]) -> bool:
    return all(parent == (index - 1 if index else None) for index, parent in enumerate(parents))


def checked_tree(
    raw: Mapping[str, Any], messages: Sequence[Any], check: Checker
) -> tuple[tuple[int | None, ...] | None, int | None]:
    """The parents and the selected index of a conversation in a SeekDesk export, checked (a
    parent must be an earlier message); (None, None) when the file has no tree (version 1)."""
    if not any(isinstance(m, Mapping) and "parent" in m for m in messages):
        return None, None
    parents: list[int | None] = []
    for index, message in enumerate(messages):
        value = message.get("parent") if isinstance(message, Mapping) else None
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < index
        ):
            raise check.refuse(
                f"message {index + 1}'s parent", value, "it must be the index of an earlier message"
            )
        parents.append(value)
    selected = raw.get("selected")
    if selected is not None and (
        isinstance(selected, bool) or not isinstance(selected, int)
        or not 0 <= selected < len(messages)
    ):  # fmt: skip
        raise check.refuse("selected", selected, "it must be the index of one of its messages")
    return tuple(parents), selected


def exported_tree(
    ids: Sequence[int], parent_ids: Sequence[int | None], leaf: int | None
) -> tuple[list[int | None], int | None]:
    """Stored ids and parents as export indexes: (each message's parent index, selected)."""
    index = {message_id: i for i, message_id in enumerate(ids)}
    parents = [index.get(p) if p is not None else None for p in parent_ids]
    return parents, index.get(leaf) if leaf is not None else (len(ids) - 1 if ids else None)


def chatgpt_tree(
    nodes: Mapping[str, Mapping[str, Any]], shown: Sequence[str]
) -> tuple[list[str], list[int | None], int | None]:
    """Every node reachable from a root, parents first: (node ids in order, each one's parent
    index among those kept by ``keep`` later — see ``collapse``, here the raw tree index), and
    the index of the last node of ``shown`` (ChatGPT's branch)."""
    children: dict[str | None, list[str]] = {}
    for node_id, node in nodes.items():
        parent = node.get("parent")
        children.setdefault(parent if parent in nodes else None, []).append(node_id)
    order: list[str] = []
    parents: list[int | None] = []
    where: dict[str, int] = {}
    stack: list[tuple[str, int | None]] = [(n, None) for n in reversed(children.get(None, []))]
    while stack:
        node_id, parent_index = stack.pop()
        if node_id in where:
            continue
        where[node_id] = len(order)
        order.append(node_id)
        parents.append(parent_index)
        for child in reversed(children.get(node_id, [])):
            if child not in where:
                stack.append((child, where[node_id]))
    selected = where.get(shown[-1]) if shown and all(n in where for n in shown) else None
    return order, parents, selected


def collapse(
    parents: Sequence[int | None], kept: Sequence[bool], selected: int | None
) -> tuple[list[int | None], int | None]:
    """Drop the nodes not ``kept``: each kept node hangs from its nearest kept ancestor. Returns
    the parents as indexes among the kept nodes, and the selected one (the nearest kept
    ancestor of ``selected``)."""
    new_index: dict[int, int] = {}
    nearest: list[int | None] = []  # per raw index: the nearest kept node at or above it
    for raw, parent in enumerate(parents):
        above = nearest[parent] if parent is not None else None
        if kept[raw]:
            new_index[raw] = len(new_index)
            nearest.append(raw)
        else:
            nearest.append(above)
    result: list[int | None] = []
    for raw, parent in enumerate(parents):
        if kept[raw]:
            above = nearest[parent] if parent is not None else None
            result.append(new_index[above] if above is not None else None)
    chosen = nearest[selected] if selected is not None else None
    return result, new_index[chosen] if chosen is not None else None


def apply_tree(
    db: Any, conversation_id: int, parents: Sequence[int | None], selected: int | None
) -> None:
    """Give a just-imported conversation its tree: its rows were written in file order (the
    insert trigger chained them); set each one's parent and the selected leaf."""
    ids = [
        row[0]
        for row in db.execute(
            "SELECT id FROM messages WHERE conversation_id = ? ORDER BY id", (conversation_id,)
        )
    ]
    db.executemany(
        "UPDATE messages SET parent_id = ? WHERE id = ?",
        [(ids[p] if p is not None else None, ids[i]) for i, p in enumerate(parents[: len(ids)])],
    )
    leaf = ids[selected] if selected is not None and selected < len(ids) else None
    if leaf is None and ids:
        leaf = ids[-1]
    db.execute(
        "UPDATE conversations SET current_leaf = ? WHERE id = ?", (leaf, conversation_id)
    )


__all__ = [
    "TREE_VERSION",
    "apply_tree",
    "chatgpt_tree",
    "checked_tree",
    "collapse",
    "exported_tree",
    "is_linear",
]
