"""Reading a ChatGPT data export's ``conversations.json``: every branch, text only, with the one
ChatGPT showed selected (``tree_exchange``).

A conversation there is a tree (``mapping``: node id → node with ``parent`` and ``children``);
``current_node`` is the leaf the user last saw, and its chain of parents is the branch to import.
The file comes from outside, so the tree cannot be trusted to be one: parents may form a cycle,
point at nodes that are missing, or ``current_node`` may be absent. Then the longest acyclic
chain of parents is imported (ending at the deepest node, the later one on a tie), found in time
linear in the number of nodes; a walk that follows links blindly could loop forever.

Only the fields SeekDesk uses are checked (ChatGPT adds fields freely); their rules are those of
``validate``, and the first broken one refuses the whole file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from app.core.history import tree_exchange
from app.core.history.validate import (
    MAX_TEXT,
    Checker,
    CleanConversation,
    CleanMessage,
    ImportFormatError,
    shown,
)


def is_chatgpt(data: Any) -> bool:
    """The shape of a ChatGPT export: a list of objects that each have a ``mapping``."""
    return isinstance(data, list) and all(isinstance(c, Mapping) and "mapping" in c for c in data)


def conversation(raw: Mapping[str, Any], number: int) -> CleanConversation:
    """ChatGPT conversation ``number`` (1-based) as a clean record, or InvalidField."""
    check = Checker(f"ChatGPT conversation {number}")
    title = check.text(raw, "title") or ""
    where = f"ChatGPT conversation {number}" + (f" ({shown(title, 40)})" if title else "")
    check = Checker(where)
    raw_id = check.text(raw, "id") or check.text(raw, "conversation_id")
    created = check.time(raw, "create_time")
    updated = check.time(raw, "update_time")
    mapping = check.mapping(raw, "mapping") or {}
    current = raw.get("current_node")
    if current is not None and not isinstance(current, str):
        raise check.refuse("current_node", current, "it must be a node id or null")
    nodes = {}
    for node_id, node in mapping.items():
        if node is None:
            continue
        if not isinstance(node, Mapping):
            raise check.refuse(f"mapping[{shown(node_id, 30)}]", node, "a node must be an object")
        parent = node.get("parent")
        if parent is not None and not isinstance(parent, str):
            raise check.refuse(
                f"mapping[{shown(node_id, 30)}].parent", parent, "it must be a node id or null"
            )
        nodes[node_id] = node
    if not raw_id:
        raw_id = hashlib.sha1(f"{title}|{raw.get('create_time')}".encode()).hexdigest()
    start = created or 0.0
    # Every branch, with ChatGPT's shown one selected (tree_exchange); a shown branch no root
    # reaches (a cycle in the file) is imported alone, as before.
    chain = branch(nodes, current)
    order, tree, selected = tree_exchange.chatgpt_tree(nodes, chain)
    if selected is None:
        order, tree, selected = chain, [i - 1 if i else None for i in range(len(chain))], None
        selected = len(chain) - 1 if chain else None
    made = [_message(nodes[n], f"{where}, node {shown(n, 30)}", start) for n in order]
    parents, chosen = tree_exchange.collapse(tree, [m is not None for m in made], selected)
    messages = tuple(m for m in made if m is not None)
    model = next((m.model for m in messages if m.model), None) or ""
    return CleanConversation(
        uid=f"chatgpt:{raw_id}",
        title=title or "Untitled",
        model=model,
        region="",
        api="chatgpt-import",
        created_at=start,
        updated_at=updated if updated is not None else start,
        messages=messages,
        parents=tuple(parents),
        selected=chosen,
    )


def branch(nodes: Mapping[str, Mapping[str, Any]], current: str | None) -> list[str]:
    """Node ids from the root to the leaf to import, each at most once (oldest first)."""
    if current is None or current not in nodes:
        current = _deepest(nodes)
    chain: list[str] = []
    seen: set[str] = set()
    node_id = current
    while node_id is not None and node_id in nodes and node_id not in seen:
        seen.add(node_id)
        chain.append(node_id)
        node_id = nodes[node_id].get("parent")
    chain.reverse()
    return chain


def _deepest(nodes: Mapping[str, Mapping[str, Any]]) -> str | None:
    """The node whose acyclic chain of parents is longest (the later one on a tie).

    Each node's length is found once: a walk goes up until it meets a node already measured, a
    missing parent, or a node on the walk itself (a cycle, whose members all reach the whole
    cycle and no further).
    """
    length: dict[str, int] = {}
    for start in nodes:
        path: list[str] = []
        on_path: dict[str, int] = {}
        node_id: str | None = start
        while node_id is not None and node_id in nodes and node_id not in length:
            if node_id in on_path:
                cycle = path[on_path[node_id] :]
                for member in cycle:
                    length[member] = len(cycle)
                path = path[: on_path[node_id]]
                break
            on_path[node_id] = len(path)
            path.append(node_id)
            node_id = nodes[node_id].get("parent")
        base = length.get(node_id, 0) if node_id is not None and node_id in length else 0
        for offset, member in enumerate(reversed(path), 1):
            length[member] = base + offset
    best: str | None = None
    for node_id in nodes:
        if best is None or length[node_id] >= length[best]:
            best = node_id
    return best


def _message(node: Mapping[str, Any], where: str, created: float) -> CleanMessage | None:
    """The node's user or assistant text, or None for anything else (system, tools, images)."""
    check = Checker(where)
    message = check.mapping(node, "message")
    if not message:
        return None
    author = Checker(where).mapping(message, "author") or {}
    role = author.get("role")
    if role not in ("user", "assistant"):
        return None
    content = check.mapping(message, "content") or {}
    if content.get("content_type") not in ("text", "multimodal_text"):
        return None  # code, browsing results, thoughts of tools…
    parts = Checker(f"{where}, content").listing(content, "parts", 100_000)
    text = "\n".join(p for p in parts if isinstance(p, str)).strip()
    if not text:
        return None
    if len(text) > MAX_TEXT:
        raise check.refuse("content.parts", text, f"it is longer than {MAX_TEXT} characters")
    meta = check.mapping(message, "metadata") or {}
    model = Checker(f"{where}, metadata").text(meta, "model_slug") if role == "assistant" else None
    when = check.time(message, "create_time")
    return CleanMessage(
        role=role,
        text=text,
        model=model,
        created_at=when if when is not None else created,
    )


__all__ = ["ImportFormatError", "branch", "conversation", "is_chatgpt"]
