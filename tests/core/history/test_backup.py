"""Backups users can see and restore: daily, before upgrades, before restores; the last 7 kept."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time

import pytest

from app.core import paths
from app.core.history import HistoryStore
from app.core.history.backup import KEEP, BackupError
from tests.core.history.conftest import FIXTURES, add_exchange


def _age_backups(store: HistoryStore, days: float) -> None:
    """Pretend every backup was taken ``days`` ago (renaming it, since the name holds the time)."""
    for info in store.backups():
        stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(info.created_at - days * 86400))
        info.path.rename(info.path.with_name(f"history-{stamp}-{info.reason}.sqlite3"))


def test_the_first_use_of_a_day_takes_a_backup(isolated_dirs):
    with HistoryStore.open() as store:
        assert store.backups() == []  # nothing to save yet
        conv = store.create_conversation("Worth keeping")
        add_exchange(store, conv.id, "hello", "hi")
        (daily,) = store.backups()
        assert daily.reason == "daily" and daily.path.parent == paths.data_dir() / "backups"
    with HistoryStore.open() as store:
        assert len(store.backups()) == 1  # not again the same day
        _age_backups(store, 1.5)
    with HistoryStore.open() as store:
        backups = store.backups()
        assert len(backups) == 2 and backups[0].created_at > backups[1].created_at
    copy = sqlite3.connect(backups[0].path)
    assert copy.execute("SELECT title FROM conversations").fetchall() == [("Worth keeping",)]
    assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    copy.close()


def test_only_the_newest_seven_backups_are_kept(store):
    store.create_conversation("Something")
    taken = []
    for _ in range(KEEP + 3):
        taken.append(store.backup_now("manual"))
    names = [b.path for b in store.backups()]
    assert len(names) == KEEP
    assert names == list(reversed(taken))[:KEEP]
    assert not any(p.exists() for p in taken[:3])


def test_restoring_a_backup_brings_the_old_history_back_and_keeps_the_current_one(store):
    conv = store.create_conversation("Before the accident")
    add_exchange(store, conv.id, "remember this", "I will")
    backup = store.backup_now("manual")
    store.delete_conversation(conv.id)
    store.create_conversation("After the accident")
    safety = store.restore(backup)
    assert [c.title for c in store.list_conversations()] == ["Before the accident"]
    assert [m.text for m in store.messages(conv.id)] == ["remember this", "I will"]
    assert [h.conversation_id for h in store.search("remember this")] == [conv.id]
    assert safety.exists()
    # The safety copy holds what was there just before the restore: undo is possible.
    store.restore(safety)
    assert [c.title for c in store.list_conversations()] == ["After the accident"]


def test_restoring_a_v1_backup_upgrades_it(store):
    store.restore(FIXTURES / "history_v1.sqlite3")
    titles = [c.title for c in store.list_conversations()]
    assert "分布式数据库的一致性" in titles
    assert [h.message_id for h in store.search("greater than")] == [2]


def test_files_that_are_not_healthy_histories_are_refused(store, tmp_path):
    store.create_conversation("Keep me")
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(os.urandom(8192))
    other = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    newer = tmp_path / "newer.sqlite3"
    shutil.copy(FIXTURES / "history_v1.sqlite3", newer)
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA user_version = 42")
    conn.commit()
    conn.close()
    for bad, words in [
        (tmp_path / "missing.sqlite3", "does not exist"),
        (garbage, "not a SeekDesk history"),
        (other, "not a SeekDesk history"),
        (newer, "newer version"),
    ]:
        with pytest.raises(BackupError, match=words):
            store.restore(bad)
    assert [c.title for c in store.list_conversations()] == ["Keep me"]


def test_backups_are_listed_by_the_time_in_their_names_and_impossible_dates_are_skipped(store):
    store.backups_dir.mkdir(parents=True, exist_ok=True)
    for stamp in ("20240229-235959", "20260101-000000", "20230229-120000", "20261301-000000",
                  "20260431-000000", "20260101-240000", "20260101-006000"):  # fmt: skip
        (store.backups_dir / f"history-{stamp}-manual.sqlite3").write_bytes(b"")
    listed = store.backups()
    assert [time.strftime("%Y%m%d-%H%M%S", time.localtime(b.created_at)) for b in listed] == [
        "20260101-000000",
        "20240229-235959",  # a leap day is a day; 29 February 2023, 13th month, 31 April are not
    ]
