"""A conversation's own setup: its system prompt and its sampling parameters (schema 6).

Why in the history and not in the settings: a system prompt belongs to one conversation (an
"assistant" chosen for a new chat fills it in, and the user can edit it later), and a
conversation continued tomorrow, from the window or ``ask --continue``, must be sent with the
same instructions. The system prompt is sent as the first message in both APIs
(``app.core.context``); the parameters are the conversation's choice, and each reply still
records the parameters really sent (``messages.parameters``).

Kept apart from ``store.py`` (a module near its size limit, and a different concern): two
columns, read and written here on the store's connection.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from app.core import untrusted
from app.core.history.store import HistoryStore


@dataclass(frozen=True, slots=True)
class Setup:
    system_prompt: str = ""
    parameters: Mapping[str, float | int] = field(default_factory=dict)


def _parameters(raw: Any) -> dict[str, float | int]:
    try:
        value = untrusted.loads(raw) if isinstance(raw, str) and raw else {}
    except ValueError:
        return {}
    if not isinstance(value, dict):
        return {}
    return {
        str(k): v
        for k, v in value.items()
        if isinstance(v, int | float) and not isinstance(v, bool)
    }


def setup_of(store: HistoryStore, conversation_id: int) -> Setup:
    """The conversation's setup (empty for an unknown id)."""
    rows = store._read(
        "SELECT system_prompt, parameters FROM conversations WHERE id = ?", (conversation_id,)
    )
    if not rows:
        return Setup()
    system, parameters = rows[0]
    return Setup(system if isinstance(system, str) else "", _parameters(parameters))


def set_system_prompt(store: HistoryStore, conversation_id: int, text: str) -> None:
    with store.transaction() as conn:
        conn.execute(
            "UPDATE conversations SET system_prompt = ? WHERE id = ?", (text, conversation_id)
        )


def set_preset(store: HistoryStore, conversation_id: int, name: str) -> None:
    """Record the preset a conversation was begun from (the ledger's ``preset``, schema 7)."""
    with store.transaction() as conn:
        conn.execute("UPDATE conversations SET preset = ? WHERE id = ?", (name, conversation_id))


def preset_of(store: HistoryStore, conversation_id: int) -> str | None:
    rows = store._read("SELECT preset FROM conversations WHERE id = ?", (conversation_id,))
    return rows[0][0] if rows and isinstance(rows[0][0], str) else None


def set_parameters(
    store: HistoryStore, conversation_id: int, parameters: Mapping[str, float | int]
) -> None:
    with store.transaction() as conn:
        conn.execute(
            "UPDATE conversations SET parameters = ? WHERE id = ?",
            (json.dumps(dict(parameters)), conversation_id),
        )


__all__ = ["Setup", "preset_of", "set_parameters", "set_preset", "set_system_prompt", "setup_of"]
