"""A history written by schema version 1 opens in this version with nothing lost."""

from __future__ import annotations

import shutil
import sqlite3

from app.core import paths
from app.core.history import HistoryStore, MessageStatus
from app.core.history.schema import SCHEMA_VERSION
from tests.core.history.conftest import FIXTURES


def _v1_history():
    db = paths.data_dir() / "history.sqlite3"
    shutil.copy(FIXTURES / "history_v1.sqlite3", db)
    return db


def test_a_v1_history_is_upgraded_after_a_backup_and_keeps_every_word(isolated_dirs):
    db = _v1_history()
    with HistoryStore.open() as store:
        backups = store.backups()
        assert len(backups) == 1 and backups[0].reason == "before-v2"
        assert str(backups[0].path) in store.notices[0]
        conversations = store.list_conversations()
        assert [c.title for c in conversations] == [
            "分布式数据库的一致性",
            "Which is greater, 9.9 or 9.11?",
        ]
        numbers = store.messages(conversations[1].id)
        assert [m.status for m in numbers] == ["complete", "complete", "complete", "failed"]
        answer = numbers[1]
        assert answer.text == "9.9 is greater than 9.11."
        assert answer.thinking == "Compare the decimals: 0.90 vs 0.11."
        assert (answer.usage.input_tokens, answer.usage.output_tokens) == (14, 52)
        assert answer.usage.reasoning_tokens is None
        assert answer.parameters == {"temperature": 0.6}
        assert answer.request_id == "req-v1-0001"
        failed = numbers[3]
        assert (failed.failure_kind, failed.failure_message) == (
            "rate_limited",
            "Requests rate limit exceeded",
        )
        # The v1 process that was streaming this reply is long gone.
        last = store.messages(conversations[0].id)[-1]
        assert last.status is MessageStatus.INTERRUPTED
        assert last.text == "最终一致性允许短暂的不一致"
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()
    # The backup is the v1 file as it was, restorable as is.
    old = sqlite3.connect(backups[0].path)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    assert old.execute("SELECT count(*) FROM messages").fetchone()[0] == 8
    old.close()


def test_migrated_messages_are_searchable_in_english_and_chinese(isolated_dirs):
    _v1_history()
    with HistoryStore.open() as store:
        assert [h.message_id for h in store.search("greater than")] == [2]
        assert {h.message_id for h in store.search("一致性")} >= {5, 6}
        assert any(h.message_id is None for h in store.search("一致性"))  # the title
        assert [h.message_id for h in store.search("短暂")] == [8]


def test_opening_an_upgraded_history_again_changes_nothing(isolated_dirs):
    _v1_history()
    HistoryStore.open().close()
    with HistoryStore.open() as store:
        assert store.notices == []
        assert len(store.backups()) == 1
