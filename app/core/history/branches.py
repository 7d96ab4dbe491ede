"""Conversations that keep every version: siblings, the selected path, deleting with Undo.

The tree lives in two columns (``branches_schema``): each message's ``parent_id`` and each
conversation's ``current_leaf``. ``HistoryStore.messages`` returns the selected path, so
everything that reads a conversation (the window, ``history show``, Markdown export, the context
sent to the model) sees exactly the path the user chose; this module is the rest:

* ``start_branch_at`` — before a regenerate or an edit writes its new message, move the
  conversation's leaf to where the branch starts (the prompt, for a new reply; the prompt's
  parent, for an edited prompt); the insert trigger then hangs the new message there;
* ``siblings`` / ``branch_positions`` — the ``‹ 2 / 3 ›`` a message with siblings shows;
* ``select`` — switch to a sibling: the path then runs down its newest descendants;
* ``delete_subtree`` / ``restore`` — Delete removes a message and everything after it on every
  branch, and hands back the rows so Undo can put them back exactly (same ids);
* ``all_messages`` — every message of every branch, for the lossless JSON export.

Pure Python on the store's connection; every write is one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.core.history.records import Message
from app.core.history.rows import MESSAGE_COLUMNS, message_from_row
from app.core.history.store import HistoryStore


@dataclass(frozen=True, slots=True)
class Removed:
    """What ``delete_subtree`` removed, enough to put it back: the rows as they were (column
    names and values) and the leaf the conversation had."""

    conversation_id: int
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    previous_leaf: int | None

    @property
    def count(self) -> int:
        return len(self.rows)


def current_leaf(store: HistoryStore, conversation_id: int) -> int | None:
    rows = store._read("SELECT current_leaf FROM conversations WHERE id = ?", (conversation_id,))
    return rows[0][0] if rows else None


def start_branch_at(store: HistoryStore, conversation_id: int, parent_id: int | None) -> None:
    """The next message written in the conversation follows ``parent_id`` (None: a new first
    prompt), beside whatever already follows it."""
    with store.transaction() as conn:
        conn.execute(
            "UPDATE conversations SET current_leaf = ? WHERE id = ?", (parent_id, conversation_id)
        )


def siblings(store: HistoryStore, message: Message) -> list[int]:
    """Ids of the messages sharing ``message``'s parent (itself included), oldest first."""
    if message.parent_id is None:
        rows = store._read(
            "SELECT id FROM messages WHERE conversation_id = ? AND parent_id IS NULL ORDER BY id",
            (message.conversation_id,),
        )
    else:
        rows = store._read(
            "SELECT id FROM messages WHERE parent_id = ? ORDER BY id", (message.parent_id,)
        )
    return [row[0] for row in rows]


def branch_positions(store: HistoryStore, messages: list[Message]) -> dict[int, tuple[int, int]]:
    """For each of ``messages`` (a path) that has siblings: (its 1-based position, how many)."""
    positions: dict[int, tuple[int, int]] = {}
    for message in messages:
        ids = siblings(store, message)
        if len(ids) > 1:
            positions[message.id] = (ids.index(message.id) + 1, len(ids))
    return positions


def positions_of(store: HistoryStore, message_ids: list[int]) -> dict[int, tuple[int, int]]:
    """``branch_positions`` for messages known by id (what the window has on screen)."""
    positions: dict[int, tuple[int, int]] = {}
    for start in range(0, len(message_ids), 500):
        chunk = message_ids[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        rows = store._read(
            "SELECT m.id, "
            "(SELECT count(*) FROM messages s WHERE s.conversation_id = m.conversation_id "
            " AND s.parent_id IS m.parent_id AND s.id <= m.id), "
            "(SELECT count(*) FROM messages s WHERE s.conversation_id = m.conversation_id "
            " AND s.parent_id IS m.parent_id) "
            f"FROM messages m WHERE m.id IN ({marks})",
            tuple(chunk),
        )
        positions.update({row[0]: (row[1], row[2]) for row in rows if row[2] > 1})
    return positions


def newest_leaf_under(store: HistoryStore, message_id: int) -> int:
    """Follow the newest child down from ``message_id`` to a message with no children."""
    leaf = message_id
    while True:
        rows = store._read("SELECT max(id) FROM messages WHERE parent_id = ?", (leaf,))
        if not rows or rows[0][0] is None:
            return leaf
        leaf = rows[0][0]


def select(store: HistoryStore, message_id: int) -> None:
    """Show the branch through ``message_id``: the path runs down its newest descendants."""
    found = store.get_message(message_id)
    if found is None:
        raise KeyError(message_id)
    leaf = newest_leaf_under(store, message_id)
    with store.transaction() as conn:
        conn.execute(
            "UPDATE conversations SET current_leaf = ? WHERE id = ?",
            (leaf, found.conversation_id),
        )


def select_sibling(store: HistoryStore, message_id: int, step: int) -> int | None:
    """Switch to the sibling ``step`` places away (‹ -1, › +1); its id, or None at an end."""
    message = store.get_message(message_id)
    if message is None:
        return None
    ids = siblings(store, message)
    index = ids.index(message_id) + step
    if not 0 <= index < len(ids):
        return None
    select(store, ids[index])
    return ids[index]


_SUBTREE = (
    "WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL "
    "SELECT m.id FROM messages m JOIN sub ON m.parent_id = sub.id) "
)


def delete_subtree(store: HistoryStore, message_id: int) -> Removed | None:
    """Delete a message and all that follows it on every branch; the path then ends at its
    parent's newest remaining branch. Returns what ``restore`` needs (None: no such message)."""
    message = store.get_message(message_id)
    if message is None:
        return None
    with store.transaction() as conn:
        cursor = conn.execute(
            _SUBTREE + "SELECT * FROM messages WHERE id IN (SELECT id FROM sub) ORDER BY id",
            (message_id,),
        )
        columns = tuple(d[0] for d in cursor.description)
        rows = tuple(tuple(row) for row in cursor.fetchall())
        leaf = conn.execute(
            "SELECT current_leaf FROM conversations WHERE id = ?", (message.conversation_id,)
        ).fetchone()[0]
        conn.execute("DELETE FROM messages WHERE id = ?", (message_id,))  # cascades down
        if message.parent_id is not None:
            remaining = conn.execute(
                "SELECT max(id) FROM messages WHERE parent_id = ?", (message.parent_id,)
            ).fetchone()[0]
            new_leaf = message.parent_id if remaining is None else remaining
        else:
            new_leaf = conn.execute(
                "SELECT max(id) FROM messages WHERE conversation_id = ? AND parent_id IS NULL",
                (message.conversation_id,),
            ).fetchone()[0]
        conn.execute(
            "UPDATE conversations SET current_leaf = ? WHERE id = ?",
            (new_leaf, message.conversation_id),
        )
    if new_leaf is not None and new_leaf != message.parent_id:
        select(store, new_leaf)
    return Removed(message.conversation_id, columns, rows, leaf)


def restore(store: HistoryStore, removed: Removed) -> None:
    """Undo ``delete_subtree``: the rows come back with their ids, the path as it was."""
    names = ", ".join(removed.columns)
    marks = ", ".join("?" for _ in removed.columns)
    with store.transaction() as conn:
        # The insert trigger hangs a parentless row under the current leaf: none, for a first
        # prompt put back (every other row carries its parent).
        conn.execute(
            "UPDATE conversations SET current_leaf = NULL WHERE id = ?", (removed.conversation_id,)
        )
        conn.executemany(f"INSERT INTO messages ({names}) VALUES ({marks})", removed.rows)
        conn.execute(
            "UPDATE conversations SET current_leaf = ? WHERE id = ?",
            (removed.previous_leaf, removed.conversation_id),
        )


def all_messages(store: HistoryStore, conversation_id: int) -> list[Message]:
    """Every message of every branch, oldest first (parents before their children)."""
    rows = store._read(
        f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? ORDER BY id",
        (conversation_id,),
    )
    return [message_from_row(row) for row in rows]


__all__ = [
    "Removed",
    "all_messages",
    "branch_positions",
    "current_leaf",
    "delete_subtree",
    "newest_leaf_under",
    "positions_of",
    "restore",
    "select",
    "select_sibling",
    "siblings",
    "start_branch_at",
]
