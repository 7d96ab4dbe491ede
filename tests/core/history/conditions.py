"""Real storage faults for tests, made by SQLite itself (tests run as root, so chmod cannot
make a file read-only, and no tiny file system is at hand):

* a full disk: ``PRAGMA max_page_count`` at the file's current size, so the next page the
  history needs fails with SQLITE_FULL exactly as a full disk does;
* a read-only history: ``PRAGMA query_only``, so any write fails with SQLITE_READONLY;
* a locked history: another connection holding ``BEGIN EXCLUSIVE`` while the store's busy timeout
  is short;
* a damaged history: the ``messages`` table's first page overwritten on disk while the store is
  open (another connection's write makes the store drop its cache and read the bad page).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from app.core.history import HistoryStore


def connection(store: HistoryStore) -> sqlite3.Connection:
    """The store's own connection: the faults below are properties of a connection."""
    return store._conn  # (a test reaching the real connection on purpose)


def fill_disk(store: HistoryStore) -> None:
    conn = connection(store)
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")


def free_disk(store: HistoryStore) -> None:
    connection(store).execute("PRAGMA max_page_count = 1073741823")


def make_read_only(store: HistoryStore) -> None:
    connection(store).execute("PRAGMA query_only = ON")


@contextlib.contextmanager
def held_by_another_program(path: Path) -> Iterator[None]:
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def damage_messages(path: Path) -> None:
    """Overwrite the root page of the ``messages`` table in the file itself."""
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        root = other.execute("SELECT rootpage FROM sqlite_master WHERE name = 'messages'")
        page = root.fetchone()[0]
        size = other.execute("PRAGMA page_size").fetchone()[0]
        with open(path, "r+b") as fh:
            fh.seek((page - 1) * size)
            fh.write(b"\xff" * size)
        # A write elsewhere: every other connection then reads the file afresh.
        other.execute(
            "INSERT INTO conversations (uid, title, created_at, updated_at) "
            "VALUES ('damage', 'damage', 0, 0)"
        )
    finally:
        other.close()
