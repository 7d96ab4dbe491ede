"""The names front ends code against are exported deliberately and keep their exact fields."""

from __future__ import annotations

import dataclasses

import app.core.history as history
from app.core.history import Conversation, Message, MessageStatus


def test_the_public_surface_is_pinned():
    assert sorted(history.__all__) == sorted(
        [
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
    )


def test_records_have_the_agreed_fields_and_states():
    assert [s.value for s in MessageStatus] == [
        "streaming",
        "complete",
        "stopped",
        "failed",
        "interrupted",
    ]
    assert [f.name for f in dataclasses.fields(Conversation)] == [
        "id", "title", "model", "region", "api", "created_at", "updated_at", "repaired",
    ]  # fmt: skip
    assert [f.name for f in dataclasses.fields(Message)] == [
        "id", "conversation_id", "role", "text", "thinking", "status", "model", "parameters",
        "usage", "request_id", "created_at", "started_at", "first_token_at",
        "answer_started_at", "finished_at", "failure_kind", "failure_message", "failure_code",
        "failure_status", "repaired", "finish_reason", "parent_id",
    ]  # fmt: skip
    assert Message.__dataclass_params__.frozen and Conversation.__dataclass_params__.frozen


def test_no_front_end_handles_sqlite_itself():
    """The history translates every sqlite3.Error into its own family (app.core.history.errors),
    so the window and the command line catch HistoryError and never import sqlite3."""
    import re
    from pathlib import Path

    app = Path(history.__file__).resolve().parents[2]
    offenders = [
        str(path.relative_to(app))
        for front_end in ("ui", "cli")
        for path in sorted((app / front_end).rglob("*.py"))
        if re.search(r"^\s*(import sqlite3|from sqlite3 import)", path.read_text("utf-8"), re.M)
    ]
    assert offenders == []
