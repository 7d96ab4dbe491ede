"""The records the history hands out: conversations, messages and their states.

These are the shapes every front end codes against (the window's sidebar and chat view, the CLI's
``history`` command), so they are frozen dataclasses with exactly these fields. Rows in SQLite are
turned into them in ``store.py``; nothing outside the history package sees a ``sqlite3.Row``.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.events import Usage


class MessageStatus(enum.StrEnum):
    """Where a message is in its life: ``streaming → complete | stopped | failed | interrupted``.

    User messages are always ``complete``. ``interrupted`` is only ever set when the store is
    opened and finds a ``streaming`` row whose owning process no longer exists.
    """

    STREAMING = "streaming"
    COMPLETE = "complete"
    STOPPED = "stopped"
    FAILED = "failed"
    INTERRUPTED = "interrupted"


@dataclass(frozen=True, slots=True)
class Conversation:
    id: int
    title: str
    model: str
    region: str
    api: str
    created_at: float
    updated_at: float
    #: Fields whose stored value broke the history's rules and is shown replaced (``validate``).
    repaired: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Message:
    id: int
    conversation_id: int
    role: str  # "user" | "assistant"
    text: str
    thinking: str
    status: MessageStatus
    model: str | None
    parameters: Mapping[str, Any]
    usage: Usage | None
    request_id: str | None
    created_at: float
    started_at: float | None
    first_token_at: float | None
    answer_started_at: float | None
    finished_at: float | None  # epoch seconds, like every time above
    failure_kind: str | None
    failure_message: str | None
    failure_code: str | None
    failure_status: int | None
    #: Fields whose stored value broke the history's rules and is shown replaced (``validate``).
    repaired: tuple[str, ...] = ()
    #: The service's finish_reason (``stop``, ``length``…); None when unknown (see endings.py).
    finish_reason: str | None = None
    #: The message this one follows (None: a first prompt); siblings share it (branches.py).
    parent_id: int | None = None


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One search result: a message (``message_id`` set) or a conversation title (None).

    ``snippet`` marks matched text with ``HIGHLIGHT_START`` / ``HIGHLIGHT_END``; front ends
    replace the markers with bold, colour or ANSI as they see fit. Lower ``rank`` is better.
    """

    conversation_id: int
    message_id: int | None
    title: str
    snippet: str
    rank: float
    role: str | None = None
    created_at: float | None = None


#: Markers around matched text in ``SearchHit.snippet`` (private-use characters, never typed).
HIGHLIGHT_START = "\ue000"
HIGHLIGHT_END = "\ue001"


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """A backup file in ``backups/`` of the data directory."""

    path: Path
    created_at: float
    size: int
    reason: str


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did: conversations added and those skipped because already present."""

    added: int = 0
    skipped: int = 0
    messages: int = 0
    conversation_ids: tuple[int, ...] = field(default_factory=tuple)


__all__ = [
    "HIGHLIGHT_END",
    "HIGHLIGHT_START",
    "BackupInfo",
    "Conversation",
    "ImportResult",
    "Message",
    "MessageStatus",
    "SearchHit",
]
