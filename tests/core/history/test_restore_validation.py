"""A user restores a history file that was edited by hand or crafted: it is checked with the
same rules as an import before anything is replaced, and refused naming the row and field."""

from __future__ import annotations

import sqlite3

import pytest

from app.core.history import HistoryStore
from app.core.history.backup import BackupError
from tests.core.history.conftest import add_exchange


@pytest.mark.parametrize(
    ("table", "column", "value", "said"),
    [
        ("messages", "status", "exploded", "status is 'exploded'"),
        ("messages", "created_at", "yesterday", "created_at is 'yesterday'"),
        ("messages", "output_tokens", -3, "output_tokens is -3"),
        ("messages", "parameters", "[1, 2]", "parameters is '[1, 2]'"),
        ("conversations", "updated_at", 1e300, "updated_at is 1e+300"),
    ],
)
def test_a_backup_with_a_row_that_breaks_the_rules_is_refused_before_anything_changes(
    store, tmp_path, table, column, value, said
):
    # The file to restore: a real backup of another history, then edited in an SQLite tool.
    with HistoryStore.open(tmp_path / "other.sqlite3") as other:
        conv = other.create_conversation("From elsewhere")
        add_exchange(other, conv.id, "imported?", "maybe")
        crafted = other.backup_now()
    db = sqlite3.connect(crafted)
    db.execute(f"UPDATE {table} SET {column} = ?", (value,))
    db.commit()
    db.close()

    mine = store.create_conversation("Mine")
    add_exchange(store, mine.id, "keep me", "kept")
    backups_before = store.backups()
    with pytest.raises(BackupError) as refused:
        store.restore(crafted)
    assert said in str(refused.value) and "Nothing was replaced" in str(refused.value)
    # The history is exactly as it was, and no safety copy was even needed.
    assert [c.title for c in store.list_conversations()] == ["Mine"]
    assert store.backups() == backups_before
