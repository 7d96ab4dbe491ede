"""HistoryStore: conversations and messages in one SQLite file, safe across threads and processes.

Why it is built this way:

* **Plain synchronous sqlite3, one connection, one lock.** Every call is short (a few rows), so
  the store stays simple; the connection is shared between threads under an ``RLock``, which lets
  ChatSession write from ``asyncio.to_thread`` while the window reads on its own thread.
* **WAL + busy timeout + ``BEGIN IMMEDIATE``.** Readers never block the writer, and two processes
  (the window and a ``seekdesk ask``) queue for the write lock instead of failing or corrupting
  the file; taking the write lock at ``BEGIN`` avoids the lock-upgrade deadlock that would bypass
  the busy timeout.
* **Nothing is lost on open** (``opening.py``). A damaged file is moved aside (never deleted) and
  the user is told where; a file from a newer SeekDesk is opened read-only and left untouched; a
  schema migration is preceded by a backup; streaming rows whose writer died are marked
  ``interrupted`` with their text kept, while rows owned by a live process are left alone.
* **One exception family** (``errors.py``). Every public method runs under ``guard``, so callers
  see a ``HistoryError`` that knows its failure kind (a full disk, a lock held too long, a bug…)
  and never a raw ``sqlite3.Error``.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from app.core import paths
from app.core.history import backup as _backup
from app.core.history import opening, owner, schema
from app.core.history.branches_schema import path_ids
from app.core.history.errors import HistoryError, HistoryReadOnlyError, guard
from app.core.history.message_writes import MessageWrites
from app.core.history.records import BackupInfo, Conversation, Message, SearchHit
from app.core.history.rows import (
    CONVERSATION_COLUMNS,
    MESSAGE_COLUMNS,
    conversation_from_row,
    message_from_row,
    new_uid,
)
from app.core.sentences import notice

#: How long a write waits for another process's write to finish before it is "locked".
BUSY_TIMEOUT_MS = 15_000
_READ = "The history could not be read"
_SAVE = "The history could not be saved"
_BACKUP = "The history could not be backed up"

__all__ = ["HistoryError", "HistoryReadOnlyError", "HistoryStore", "default_path"]


def default_path() -> Path:
    return paths.data_dir() / "history.sqlite3"


class HistoryStore(MessageWrites):
    """The local history. Open with ``HistoryStore.open()``; read ``notices`` and show them.

    A message's writes (the prompt, a streaming reply, edits) come from ``MessageWrites``."""

    def __init__(self, path: Path | None = None, *, busy_timeout_ms: int | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        #: Sentences for the user about what happened on open (file moved aside, backup taken…).
        self.notices: list[str] = []
        #: True when the database comes from a newer SeekDesk, or its folder cannot be written:
        #: readable, never written (``read_only_reason`` says why, for the latter).
        self.read_only = False
        self.read_only_reason: str | None = None
        self._lock = threading.RLock()
        self._last_backup_check = 0.0
        timeout = BUSY_TIMEOUT_MS if busy_timeout_ms is None else busy_timeout_ms
        with guard(f"The history at {self.path} could not be opened"):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = self._open_connection(timeout)

    @classmethod
    def open(cls, path: Path | None = None, *, busy_timeout_ms: int | None = None) -> HistoryStore:
        """Open (creating or upgrading) the history; problems become ``notices``, not crashes.

        Raises a ``HistoryError`` only when the history cannot be used at all."""
        return cls(path, busy_timeout_ms=busy_timeout_ms)

    @property
    def backups_dir(self) -> Path:
        return self.path.parent / "backups"

    # -- opening --------------------------------------------------------------------------

    def _open_connection(self, busy_timeout_ms: int) -> sqlite3.Connection:
        opened = opening.open_database(self.path, self.backups_dir, busy_timeout_ms)
        self.notices += opened.notices
        self.read_only = opened.read_only
        self.read_only_reason = opened.read_only_reason
        conn = self._conn = opened.conn
        if self.read_only:
            return conn
        self._mark_interrupted(conn)
        try:
            if self._daily_backup_due(conn):
                _backup.take(self.path, self.backups_dir, "daily")
        except (OSError, sqlite3.Error) as exc:  # the history is still usable without it
            self.notices.append(notice(opening.BACKUP_FAILED, error=str(exc)))
        return conn

    def _mark_interrupted(self, conn: sqlite3.Connection) -> None:
        rows = conn.execute(
            "SELECT id, owner_pid, owner_token FROM messages WHERE status = 'streaming'"
        ).fetchall()
        dead = [row[0] for row in rows if not owner.is_alive(row[1], row[2])]
        if not dead:
            return
        with self._write(conn):
            conn.executemany(
                "UPDATE messages SET status = 'interrupted', "
                "finished_at = coalesce(flushed_at, first_token_at, started_at, created_at) "
                "WHERE id = ? AND status = 'streaming'",
                [(i,) for i in dead],
            )

    # -- plumbing -------------------------------------------------------------------------

    @contextlib.contextmanager
    def _write(self, conn: sqlite3.Connection | None = None) -> Iterator[sqlite3.Connection]:
        """One write transaction, holding the lock (re-entrant: nested uses join the outer).

        Any ``sqlite3.Error``/``OSError`` inside becomes a ``HistoryError`` (``guard``)."""
        if self.read_only:
            raise HistoryReadOnlyError(
                self.read_only_reason
                or "This history was written by a newer version of SeekDesk and is read-only here."
            )
        conn = conn or self._conn
        with self._lock, guard(_SAVE):
            if conn.in_transaction:
                yield conn
                return
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                # SQLite may have rolled back by itself (a full disk): the first error stands.
                if conn.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def transaction(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        """A write transaction for the history package's own modules (import, restore)."""
        return self._write()

    def _read(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock, guard(_READ):
            return self._conn.execute(sql, params).fetchall()

    def close(self) -> None:
        with self._lock, guard("The history could not be closed"):
            self._conn.close()

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- conversations --------------------------------------------------------------------

    def list_conversations(self, limit: int = 200, offset: int = 0) -> list[Conversation]:
        """Newest activity first."""
        rows = self._read(
            f"SELECT {CONVERSATION_COLUMNS} FROM conversations "
            "ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [conversation_from_row(row) for row in rows]

    def count_conversations(self) -> int:
        return int(self._read("SELECT count(*) FROM conversations")[0][0])

    def get_conversation(self, conversation_id: int) -> Conversation | None:
        rows = self._read(
            f"SELECT {CONVERSATION_COLUMNS} FROM conversations WHERE id = ?", (conversation_id,)
        )
        return conversation_from_row(rows[0]) if rows else None

    def conversation_uid(self, conversation_id: int) -> str | None:
        rows = self._read("SELECT uid FROM conversations WHERE id = ?", (conversation_id,))
        return rows[0][0] if rows else None

    def find_conversation_by_uid(self, uid: str) -> int | None:
        rows = self._read("SELECT id FROM conversations WHERE uid = ?", (uid,))
        return int(rows[0][0]) if rows else None

    def create_conversation(
        self,
        title: str = "",
        model: str = "",
        region: str = "",
        api: str = "",
        *,
        created_at: float | None = None,
        updated_at: float | None = None,
        uid: str | None = None,
    ) -> Conversation:
        now = time.time() if created_at is None else created_at
        updated = now if updated_at is None else updated_at
        with self._write() as conn:
            cur = conn.execute(
                "INSERT INTO conversations (uid, title, model, region, api, created_at, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (uid or new_uid(), title, model, region, api, now, updated),
            )
            new_id = int(cur.lastrowid or 0)
        return Conversation(new_id, title, model, region, api, now, updated)

    def rename_conversation(self, conversation_id: int, title: str) -> None:
        with self._write() as conn:
            conn.execute(
                "UPDATE conversations SET title = ? WHERE id = ?", (title, conversation_id)
            )

    def update_conversation_settings(
        self, conversation_id: int, *, model: str, region: str, api: str
    ) -> None:
        """Record the model/region/API the conversation last used."""
        with self._write() as conn:
            conn.execute(
                "UPDATE conversations SET model = ?, region = ?, api = ? WHERE id = ?",
                (model, region, api, conversation_id),
            )

    def delete_conversation(self, conversation_id: int) -> bool:
        """Delete a conversation and its messages; False if there was none."""
        with self._write() as conn:
            cur = conn.execute("DELETE FROM conversations WHERE id = ?", (conversation_id,))
            return cur.rowcount > 0

    # -- messages (their writes: MessageWrites) --------------------------------------------

    def messages(
        self, conversation_id: int, *, limit: int | None = None, before_id: int | None = None
    ) -> list[Message]:
        """The selected path (``branches``), oldest → newest. With ``limit``: the newest
        ``limit`` messages before ``before_id``, so a long conversation can be opened at its end
        and loaded backwards on scroll."""
        path, path_params = path_ids(conversation_id, before_id=before_id, limit=limit)
        where = f"conversation_id = ? AND id IN ({path})"
        params: tuple[Any, ...] = (conversation_id, *path_params)
        if before_id is not None:
            where += " AND id < ?"
            params += (before_id,)
        if limit is None:
            sql = f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE {where} ORDER BY id"
        else:
            sql = (
                f"SELECT * FROM (SELECT {MESSAGE_COLUMNS} FROM messages WHERE {where} "
                "ORDER BY id DESC LIMIT ?) ORDER BY id"
            )
            params += (limit,)
        return [message_from_row(row) for row in self._read(sql, params)]

    def messages_after(self, conversation_id: int, after_id: int, limit: int) -> list[Message]:
        """The selected path's oldest ``limit`` messages after ``after_id``, oldest → newest:
        reading on from a page opened at a search hit, without reading the whole path."""
        path, path_params = path_ids(conversation_id)
        sql = (
            f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? "
            f"AND id IN ({path}) AND id > ? ORDER BY id LIMIT ?"
        )
        params = (conversation_id, *path_params, after_id, limit)
        return [message_from_row(row) for row in self._read(sql, params)]

    def count_messages(self, conversation_id: int) -> int:
        rows = self._read(
            "SELECT count(*) FROM messages WHERE conversation_id = ?", (conversation_id,)
        )
        return int(rows[0][0])

    def get_message(self, message_id: int) -> Message | None:
        rows = self._read(f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE id = ?", (message_id,))
        return message_from_row(rows[0]) if rows else None

    # -- search and backups ---------------------------------------------------------------

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Ranked hits over titles, prompts, answers and thinking (see ``search.py``)."""
        from app.core.history import search as _search

        with self._lock, guard("The history could not be searched"):
            return _search.search(self._conn, query, limit)

    def backups(self) -> list[BackupInfo]:
        with guard(_READ):
            return _backup.list_backups(self.backups_dir)

    def backup_now(self, reason: str = "manual") -> Path:
        """Take a backup now, through its own connection (the store stays usable meanwhile)."""
        with guard(_BACKUP):
            return _backup.take(self.path, self.backups_dir, reason)

    def maybe_daily_backup(self) -> Path | None:
        """Take the daily backup if none is younger than a day (cheap to call often)."""
        if self.read_only:
            return None
        with self._lock, guard(_BACKUP):
            due = self._daily_backup_due(self._conn)
        if not due:
            return None
        with guard(_BACKUP):
            return _backup.take(self.path, self.backups_dir, "daily")

    def _daily_backup_due(self, conn: sqlite3.Connection) -> bool:
        now = time.time()
        if now - self._last_backup_check < 600:
            return False
        if not conn.execute("SELECT 1 FROM conversations LIMIT 1").fetchone():
            return False  # nothing worth a copy yet; look again next time
        self._last_backup_check = now
        latest = _backup.list_backups(self.backups_dir)
        return not (latest and now - latest[0].created_at < _backup.DAILY_SECONDS)

    def restore(self, source: Path) -> Path:
        """Replace the history with a backup; the current one is backed up first (returned)."""
        if self.read_only:
            raise HistoryReadOnlyError("This history is read-only; it cannot be replaced here.")
        with self._lock, guard(f"The history could not be restored from {source}"):
            safety = _backup.restore(self._conn, Path(source), self.backups_dir)
            version = schema.user_version(self._conn)
            if version < schema.SCHEMA_VERSION:
                schema.migrate(self._conn)
            self._mark_interrupted(self._conn)
        return safety
