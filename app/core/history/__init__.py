"""Local chat history: SQLite store, full-text search, backups, export and import.

The public surface is what front ends need; the modules behind it are split by concern:
``records`` (the frozen records), ``rows`` (rows to records), ``store`` (conversations and
messages), ``message_writes`` (a message's writes, mixed into the store), ``opening`` (connect,
set damaged files aside, migrate), ``schema`` (the migrations), ``errors`` (the one exception
family, translated from ``sqlite3.Error`` at the store's boundary), ``search`` (FTS5 and the
short-query fallback), ``backup`` (online backups, restore), ``exchange`` (SeekDesk JSON,
Markdown, ChatGPT import).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core.history.errors import (
    ConversationGoneError,
    HistoryBugError,
    HistoryError,
    HistoryReadOnlyError,
    StorageCorruptError,
    StorageError,
    StorageFullError,
    StorageLockedError,
    StorageReadOnlyError,
    StorageUnavailableError,
)
from app.core.history.records import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    BackupInfo,
    Conversation,
    ImportResult,
    Message,
    MessageStatus,
    SearchHit,
)

if TYPE_CHECKING:
    from app.core.history.store import HistoryStore


def __getattr__(name: str) -> object:
    """``HistoryStore`` is imported when first asked for: its SQLite, backup and migration
    modules are not needed by what only reads the records (``seekdesk ask --no-save``, the
    window before its history opens off the UI thread)."""
    if name == "HistoryStore":
        from app.core.history.store import HistoryStore

        return HistoryStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "HIGHLIGHT_END",
    "HIGHLIGHT_START",
    "BackupInfo",
    "Conversation",
    "ConversationGoneError",
    "HistoryBugError",
    "HistoryError",
    "HistoryReadOnlyError",
    "HistoryStore",
    "ImportResult",
    "Message",
    "MessageStatus",
    "SearchHit",
    "StorageCorruptError",
    "StorageError",
    "StorageFullError",
    "StorageLockedError",
    "StorageReadOnlyError",
    "StorageUnavailableError",
]
