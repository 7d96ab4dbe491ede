"""A message's writes: the prompt, the reply from its first row to its last word, edits and cuts.

Apart from ``store.py`` because they tell one story, a message's life in the history: a prompt
is written whole; a reply is written as ``streaming`` (owned by this process, before any token),
flushed while it streams, then finalised once with everything learned about it (usage, timings,
the failure); and each write moves its conversation up the list (``_touch``). ``HistoryStore``
inherits them from ``MessageWrites``, so callers still write ``store.finish_message(...)``; the
store keeps the connection, the lock and the transactions (``_write``) they run in.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.errors import Failure
from app.core.events import Usage
from app.core.history import opening, owner
from app.core.history.errors import HistoryError
from app.core.history.records import Message, MessageStatus
from app.core.sentences import notice

if TYPE_CHECKING:
    import contextlib


class MessageWrites:
    """The message writes of ``HistoryStore`` (mixed into it; never made on its own)."""

    if TYPE_CHECKING:  # what the store provides
        notices: list[str]

        def _write(
            self, conn: sqlite3.Connection | None = None
        ) -> contextlib.AbstractContextManager[sqlite3.Connection]: ...

        def get_message(self, message_id: int) -> Message | None: ...

        def maybe_daily_backup(self) -> Path | None: ...

    def add_user_message(
        self, conversation_id: int, text: str, *, created_at: float | None = None
    ) -> Message:
        now = time.time() if created_at is None else created_at
        with self._write() as conn:
            cur = conn.execute(
                "INSERT INTO messages (conversation_id, role, text, status, created_at) "
                "VALUES (?, 'user', ?, 'complete', ?)",
                (conversation_id, text, now),
            )
            self._touch(conn, conversation_id, now)
            message_id = int(cur.lastrowid or 0)
        found = self.get_message(message_id)
        assert found is not None
        return found

    def start_assistant_message(
        self,
        conversation_id: int,
        *,
        model: str,
        parameters: Mapping[str, Any] | None = None,
        started_at: float | None = None,
    ) -> Message:
        """Write the assistant row as ``streaming``, owned by this process, before any token."""
        now = time.time() if started_at is None else started_at
        pid, token = owner.current_owner()
        with self._write() as conn:
            cur = conn.execute(
                "INSERT INTO messages (conversation_id, role, status, model, parameters, "
                "created_at, started_at, flushed_at, owner_pid, owner_token) "
                "VALUES (?, 'assistant', 'streaming', ?, ?, ?, ?, ?, ?, ?)",
                (
                    conversation_id,
                    model,
                    json.dumps(dict(parameters or {})),
                    now,
                    now,
                    now,
                    pid,
                    token,
                ),
            )
            self._touch(conn, conversation_id, now)
            message_id = int(cur.lastrowid or 0)
        found = self.get_message(message_id)
        assert found is not None
        return found

    def flush_streaming(
        self,
        message_id: int,
        text: str,
        thinking: str,
        *,
        first_token_at: float | None = None,
        answer_started_at: float | None = None,
    ) -> None:
        """Save the text so far of a streaming reply (a no-op once it has been finalised)."""
        with self._write() as conn:
            conn.execute(
                "UPDATE messages SET text = ?, thinking = ?, flushed_at = ?, "
                "first_token_at = coalesce(first_token_at, ?), "
                "answer_started_at = coalesce(answer_started_at, ?) "
                "WHERE id = ? AND status = 'streaming'",
                (text, thinking, time.time(), first_token_at, answer_started_at, message_id),
            )

    def finish_message(
        self,
        message_id: int,
        status: MessageStatus,
        *,
        text: str,
        thinking: str,
        usage: Usage | None = None,
        request_id: str | None = None,
        first_token_at: float | None = None,
        answer_started_at: float | None = None,
        finished_at: float | None = None,
        failure: Failure | None = None,
        daily_backup: bool = True,
        finish_reason: str | None = None,
    ) -> None:
        """Finalise a reply: complete, stopped or failed, with everything learned about it.

        Then takes the daily backup if one is due (``daily_backup=False`` skips that, for
        callers on an event loop that must not wait for a copy of a large history)."""
        now = time.time() if finished_at is None else finished_at
        with self._write() as conn:
            conn.execute(
                "UPDATE messages SET status = ?, text = ?, thinking = ?, input_tokens = ?, "
                "output_tokens = ?, reasoning_tokens = ?, cached_tokens = ?, request_id = ?, "
                "first_token_at = coalesce(?, first_token_at), "
                "answer_started_at = coalesce(?, answer_started_at), finished_at = ?, "
                "flushed_at = ?, failure_kind = ?, failure_message = ?, failure_code = ?, "
                "failure_status = ?, finish_reason = ?, owner_pid = NULL, owner_token = NULL "
                "WHERE id = ?",
                (
                    str(status),
                    text,
                    thinking,
                    usage.input_tokens if usage else None,
                    usage.output_tokens if usage else None,
                    usage.reasoning_tokens if usage else None,
                    usage.cached_tokens if usage else None,
                    request_id or (failure.request_id if failure else None),
                    first_token_at,
                    answer_started_at,
                    now,
                    now,
                    str(failure.kind) if failure else None,
                    failure.message if failure else None,
                    failure.code if failure else None,
                    failure.status if failure else None,
                    finish_reason,
                    message_id,
                ),
            )
            row = conn.execute(
                "SELECT conversation_id FROM messages WHERE id = ?", (message_id,)
            ).fetchone()
            if row:
                self._touch(conn, row[0], now)
        if not daily_backup:
            return
        try:
            self.maybe_daily_backup()
        except HistoryError as exc:  # a failed backup must not fail the reply
            self.notices.append(notice(opening.BACKUP_FAILED, error=str(exc)))

    def update_message_text(self, message_id: int, text: str) -> None:
        with self._write() as conn:
            conn.execute("UPDATE messages SET text = ? WHERE id = ?", (text, message_id))

    def delete_messages_from(self, message_id: int, *, inclusive: bool = True) -> int:
        """Delete a message (or only what follows it) and everything after it in its
        conversation; returns how many rows went."""
        with self._write() as conn:
            row = conn.execute(
                "SELECT conversation_id FROM messages WHERE id = ?", (message_id,)
            ).fetchone()
            if row is None:
                return 0
            op = ">=" if inclusive else ">"
            cur = conn.execute(
                f"DELETE FROM messages WHERE conversation_id = ? AND id {op} ?",
                (row[0], message_id),
            )
            return cur.rowcount

    def _touch(self, conn: sqlite3.Connection, conversation_id: int, when: float) -> None:
        conn.execute(
            "UPDATE conversations SET updated_at = max(updated_at, ?) WHERE id = ?",
            (when, conversation_id),
        )
