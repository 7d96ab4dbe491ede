"""History schema version 5: conversations that keep every version (run by ``schema.py``).

Why a tree and not a list: Regenerate and Edit never delete. The new reply (or the edited
prompt and its reply) is a *sibling* of the old one — a message with the same parent — and the
conversation shows one *selected path* from a root to ``conversations.current_leaf``.

* ``messages.parent_id`` — the message this one follows (NULL: a first prompt). A child's id is
  always greater than its parent's (it is written later; ids are AUTOINCREMENT), so a path read
  ``ORDER BY id`` is in conversation order and the lazy loading by ``before_id`` still works.
  ``ON DELETE CASCADE``: deleting a message deletes its descendants, and the FTS and ledger
  triggers see each row go (the ledger keeps its own rows by design).
* ``conversations.current_leaf`` — the last message of the selected path (NULL: none yet).
* One trigger gives every new message its place: a message written without a parent follows
  the current leaf, and every new message becomes the current leaf. So the store's existing
  writes (``add_user_message``, ``start_assistant_message``, the importer) build the right tree
  with no change; a regenerate or an edit first moves ``current_leaf`` to where the new branch
  starts (``branches.start_branch_at``), then writes as usual.

The migration makes each existing conversation one linear path (each message's parent is the
one before it) and selects its last message, so an upgraded history reads exactly as before.
The store takes a backup before running it, as for every migration.
"""

from __future__ import annotations

V5 = """
ALTER TABLE messages ADD COLUMN parent_id INTEGER REFERENCES messages(id) ON DELETE CASCADE;
ALTER TABLE conversations ADD COLUMN current_leaf INTEGER;
UPDATE messages SET parent_id = (
    SELECT max(p.id) FROM messages p
    WHERE p.conversation_id = messages.conversation_id AND p.id < messages.id
);
UPDATE conversations SET current_leaf = (
    SELECT max(m.id) FROM messages m WHERE m.conversation_id = conversations.id
);
CREATE INDEX messages_by_parent ON messages(parent_id);
CREATE TRIGGER messages_branch_insert AFTER INSERT ON messages BEGIN
    UPDATE messages SET parent_id = (
        SELECT c.current_leaf FROM conversations c WHERE c.id = new.conversation_id
    ) WHERE id = new.id AND new.parent_id IS NULL;
    UPDATE conversations SET current_leaf = new.id WHERE id = new.conversation_id;
END;
"""

_LEAF = (
    "coalesce("
    "(SELECT m.id FROM messages m JOIN conversations c ON m.id = c.current_leaf"
    " WHERE c.id = ? AND m.conversation_id = ?),"
    " (SELECT max(id) FROM messages WHERE conversation_id = ?))"
)


def path_ids(
    conversation_id: int, *, before_id: int | None = None, limit: int | None = None
) -> tuple[str, tuple[int, ...]]:
    """SQL for the ids of a conversation's selected path, for ``id IN (…)``, and its
    parameters: from the current leaf (or, if it is missing, the newest message) up through the
    parents. With ``before_id`` (a message on the path) the walk starts at its parent; with
    ``limit`` it stops after that many messages, so opening the newest page of a long
    conversation, or the page before one, costs the page, not the whole path."""
    if before_id is not None:
        start = "(SELECT parent_id FROM messages WHERE id = ? AND conversation_id = ?)"
        params: tuple[int, ...] = (before_id, conversation_id)
    else:
        start, params = _LEAF, (conversation_id, conversation_id, conversation_id)
    bound = ""
    if limit is not None:
        bound, params = " AND path.depth < ?", (*params, limit)
    sql = (
        f"WITH RECURSIVE path(id, depth) AS (SELECT {start}, 1 UNION ALL "
        "SELECT m.parent_id, path.depth + 1 FROM messages m JOIN path ON m.id = path.id "
        f"WHERE m.parent_id IS NOT NULL{bound}) SELECT id FROM path"
    )
    return sql, params
