"""Two SeekDesk processes start at once on a machine that has no history yet: one creates it,
the other waits for it. The one that waited did not upgrade anything, so it must not say
"Your history was upgraded" or leave a "before upgrade" copy of a history that was never old."""

from __future__ import annotations

import sqlite3
import threading
import time

from app.core.history import HistoryStore, schema


def test_a_start_that_waited_for_another_creating_the_history_claims_no_upgrade(tmp_path):
    path = tmp_path / "history.sqlite3"
    # The first process, half-way through creating the history: version 1 is committed and it
    # holds the write lock while it builds the later versions.
    first = sqlite3.connect(path, isolation_level=None)
    first.execute("PRAGMA journal_mode = WAL")
    first.execute("BEGIN IMMEDIATE")
    for statement in schema._split(schema.MIGRATIONS[1]):
        first.execute(statement)
    first.execute("PRAGMA user_version = 1")
    first.execute("COMMIT")
    first.execute("PRAGMA foreign_keys = OFF")
    first.execute("BEGIN IMMEDIATE")
    for version in range(2, schema.SCHEMA_VERSION + 1):
        for statement in schema._split(schema.MIGRATIONS[version]):
            first.execute(statement)
    first.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION}")

    # The second process starts now: it reads version 1 and waits for the lock.
    opened: list[HistoryStore] = []
    second = threading.Thread(
        target=lambda: opened.append(HistoryStore.open(path, busy_timeout_ms=30_000))
    )
    second.start()
    deadline = time.monotonic() + 30
    backups = tmp_path / "backups"
    while not (backups.is_dir() and any(backups.iterdir())) and time.monotonic() < deadline:
        time.sleep(0.01)  # until the second one has read version 1 and copied it
    first.execute("COMMIT")
    first.close()
    second.join(30)

    (store,) = opened
    try:
        assert not any("upgraded" in notice for notice in store.notices)
        assert store.backups() == []
        assert store.list_conversations() == []  # and the history it got works
    finally:
        store.close()
