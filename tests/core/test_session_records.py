"""The session hands its front end the records it writes: what a reply shows when it starts and
when it ends is exactly what the history holds, with no read back by the front end."""

from __future__ import annotations

import asyncio

import pytest

from app.core.history import HistoryStore, MessageStatus
from app.core.regions import resolve_endpoint
from app.core.session import ChatSession, ReplyEnded, ReplyStarted, SessionConfig
from tests.fakeserver import error, midstream_error, thinking_answer

KEY = "sk-test-0123456789abcdef-records"


@pytest.fixture
def store(isolated_dirs):
    opened = HistoryStore.open()
    yield opened
    opened.close()


def session_for(store: HistoryStore, fake, conversation_id: int | None = None) -> ChatSession:
    endpoint = resolve_endpoint("cn-beijing", "openai", base_url=fake.base_url)
    config = SessionConfig(endpoint=endpoint, api_key=KEY, model="deepseek-v4-pro")
    return ChatSession(store, config, conversation_id=conversation_id)


def run(agen) -> list:
    async def collect():
        return [event async for event in agen]

    return asyncio.run(collect())


def test_a_new_chat_starts_with_its_conversation_prompt_and_reply_records(store, fake_server):
    fake_server.enqueue(thinking_answer("Compare.", "9.9 is greater."))
    events = run(session_for(store, fake_server).send("Which is greater, 9.9 or 9.11?"))
    started = events[0]
    assert isinstance(started, ReplyStarted)
    stored = store.get_conversation(started.conversation_id)
    assert started.conversation is not None and stored is not None
    assert (started.conversation.id, started.conversation.title) == (stored.id, stored.title)
    assert started.conversation.title.startswith("Which")
    assert started.user.text == "Which is greater, 9.9 or 9.11?"
    assert started.user.id == started.user_message_id
    assert started.reply.status is MessageStatus.STREAMING and started.reply.role == "assistant"


def test_the_ended_reply_is_the_stored_record_times_usage_and_request_id_included(
    store, fake_server
):
    fake_server.enqueue(thinking_answer("Compare 0.90 with 0.11.", "9.9 is greater."))
    events = run(session_for(store, fake_server).send("Which is greater?"))
    ended = events[-1]
    assert isinstance(ended, ReplyEnded)
    assert ended.reply == store.get_message(ended.assistant_message_id)
    assert ended.reply.text == "9.9 is greater." and ended.reply.usage is not None
    assert ended.reply.request_id and ended.reply.finished_at is not None


def test_a_later_turn_names_no_new_conversation(store, fake_server):
    fake_server.enqueue(thinking_answer("", "One."), thinking_answer("", "Two."))
    first = run(session_for(store, fake_server).send("One?"))
    cid = first[0].conversation_id
    second = run(session_for(store, fake_server, cid).send("Two?"))
    assert second[0].conversation is None and second[0].conversation_id == cid


def test_a_failed_reply_ends_with_its_stored_failure(store, fake_server):
    fake_server.enqueue(midstream_error("InternalError", "boom", status=500))
    events = run(session_for(store, fake_server).send("Hello"))
    ended = events[-1]
    assert isinstance(ended, ReplyEnded) and ended.status is MessageStatus.FAILED
    assert ended.reply == store.get_message(ended.assistant_message_id)
    assert ended.reply.failure_kind and ended.reply.text == "partial "


def test_a_refused_request_ends_with_the_stored_failure_and_request_id(store, fake_server):
    fake_server.enqueue(error(401, "InvalidApiKey", "Invalid API-key provided."))
    events = run(session_for(store, fake_server).send("Hello"))
    ended = events[-1]
    assert isinstance(ended, ReplyEnded)
    assert ended.reply == store.get_message(ended.assistant_message_id)
    assert ended.reply.failure_status == 401 and ended.reply.request_id
