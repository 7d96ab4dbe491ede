"""Local chat history: SQLite store, full-text search, backups, export and import.

The public surface is what front ends need; the modules behind it are split by concern:
``records`` (the frozen records), ``store`` (schema, migrations, messages), ``search`` (FTS5 and
the short-query fallback), ``backup`` (online backups, restore), ``exchange`` (SeekDesk JSON,
Markdown, ChatGPT import).
"""

from __future__ import annotations

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
from app.core.history.store import HistoryError, HistoryReadOnlyError, HistoryStore

__all__ = [
    "HIGHLIGHT_END",
    "HIGHLIGHT_START",
    "BackupInfo",
    "Conversation",
    "HistoryError",
    "HistoryReadOnlyError",
    "HistoryStore",
    "ImportResult",
    "Message",
    "MessageStatus",
    "SearchHit",
]
