"""Fixtures for the history tests: real SQLite files in the test's own data directory."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.events import Usage
from app.core.history import HistoryStore, MessageStatus

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


@pytest.fixture
def store(isolated_dirs) -> Iterator[HistoryStore]:
    opened = HistoryStore.open()
    yield opened
    opened.close()


def add_exchange(
    store: HistoryStore,
    conversation_id: int,
    prompt: str,
    answer: str,
    thinking: str = "",
    status: MessageStatus = MessageStatus.COMPLETE,
) -> tuple[int, int]:
    """Save a prompt and a finished reply the way ChatSession does; their ids."""
    user = store.add_user_message(conversation_id, prompt)
    reply = store.start_assistant_message(
        conversation_id, model="deepseek-v4-pro", parameters={"temperature": 0.6}
    )
    store.flush_streaming(reply.id, answer[: len(answer) // 2], thinking)
    store.finish_message(
        reply.id,
        status,
        text=answer,
        thinking=thinking,
        usage=Usage(12, 40, reasoning_tokens=31, cached_tokens=2),
        request_id=f"req-{reply.id}",
        first_token_at=reply.started_at,
        answer_started_at=reply.started_at,
    )
    return user.id, reply.id
