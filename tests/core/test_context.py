"""What the next request carries after a reply was stopped, cut, emptied or failed — checked in
what the fake server received, and the one rule (``app.core.context``) on records alone."""

from __future__ import annotations

import asyncio
import contextlib

import pytest

from app.core.context import context_turns, left_out, sent_as_context
from app.core.endings import EndingKind, ending_of_message
from app.core.events import AnswerDelta
from app.core.history import HistoryStore, Message, MessageStatus
from app.core.regions import resolve_endpoint
from app.core.request import Turn
from app.core.session import ChatSession, SessionConfig
from tests.fakeserver import error, midstream_error, slow, thinking_answer

KEY = "sk-test-0123456789abcdef-context"


@pytest.fixture
def store(isolated_dirs):
    opened = HistoryStore.open()
    yield opened
    opened.close()


def session_for(store, fake, api: str = "openai") -> ChatSession:
    endpoint = resolve_endpoint("cn-beijing", api, base_url=fake.base_url)
    config = SessionConfig(endpoint=endpoint, api_key=KEY, model="deepseek-v4-pro")
    return ChatSession(store, config)


def run(agen) -> list:
    async def collect():
        return [event async for event in agen]

    return asyncio.run(collect())


def received(fake) -> list[tuple[str, str]]:
    return [(m["role"], m["content"]) for m in fake.requests[-1].messages]


def stop_after_first_words(session: ChatSession, prompt: str) -> None:
    """Stop as the window's Stop does: close the reply's stream (never leave it to the GC)."""

    async def main():
        async with contextlib.aclosing(session.send(prompt)) as events:
            async for event in events:
                if isinstance(event, AnswerDelta):
                    return

    asyncio.run(main())


@pytest.mark.parametrize("api", ["openai", "dashscope"])
def test_a_stopped_reply_is_sent_with_the_words_the_user_saw(store, fake_server, api):
    fake_server.enqueue(slow("mulling it over", "one two three four five six", delay=0.2))
    fake_server.enqueue(thinking_answer("", "Seven."))
    session = session_for(store, fake_server, api)
    stop_after_first_words(session, "Count slowly")
    stopped = store.messages(session.conversation_id)[-1]
    assert stopped.status is MessageStatus.STOPPED and stopped.text

    run(session.send("Go on"))

    assert received(fake_server) == [
        ("user", "Count slowly"),
        ("assistant", stopped.text),
        ("user", "Go on"),
    ]
    assert "mulling" not in str(fake_server.requests[-1].messages)  # thinking never


def test_a_reply_cut_at_the_length_limit_stays_in_context_and_says_so(store, fake_server):
    fake_server.enqueue(thinking_answer("plan", "The first half of", finish_reason="length"))
    fake_server.enqueue(thinking_answer("", "the story."))
    session = session_for(store, fake_server)
    run(session.send("Tell a story"))
    cut = store.messages(session.conversation_id)[-1]
    assert cut.status is MessageStatus.COMPLETE and cut.finish_reason == "length"
    assert ending_of_message(cut).kind is EndingKind.LENGTH

    run(session.send("continue"))

    assert received(fake_server) == [
        ("user", "Tell a story"),
        ("assistant", "The first half of"),
        ("user", "continue"),
    ]


def test_a_failed_reply_with_no_text_is_left_out_with_its_prompt(store, fake_server):
    fake_server.enqueue(
        thinking_answer("", "Hello!"),
        error(401, "InvalidApiKey", "Invalid API-key provided."),
        thinking_answer("", "Fine now."),
    )
    session = session_for(store, fake_server)
    run(session.send("Hi"))
    run(session.send("Are you there?"))
    history = store.messages(session.conversation_id)
    assert history[-1].status is MessageStatus.FAILED and not history[-1].text
    assert left_out(history) == {history[-2].id, history[-1].id}

    run(session.send("Something else"))

    assert received(fake_server) == [
        ("user", "Hi"),
        ("assistant", "Hello!"),
        ("user", "Something else"),
    ]


def test_a_reply_that_failed_part_way_is_sent_with_its_partial_text(store, fake_server):
    fake_server.enqueue(
        midstream_error("InternalError", "boom", status=500, after_answer="Half an "),
        thinking_answer("", "Answer."),
    )
    session = session_for(store, fake_server)
    run(session.send("Question"))
    run(session.send("Again"))
    assert received(fake_server)[:2] == [("user", "Question"), ("assistant", "Half an ")]


def test_a_complete_reply_without_answer_text_is_left_out_and_named_with_its_tokens(
    store, fake_server
):
    fake_server.enqueue(thinking_answer("only thoughts, no words", ""))
    fake_server.enqueue(thinking_answer("", "Now with words."))
    session = session_for(store, fake_server)
    run(session.send("Say nothing"))
    empty = store.messages(session.conversation_id)[-1]
    ending = ending_of_message(empty)
    assert ending.kind is EndingKind.EMPTY and ending.output_tokens
    assert "no answer text" in ending.sentence and "output tokens" in ending.sentence

    run(session.send("Try again"))
    assert received(fake_server) == [("user", "Try again")]


def test_the_finish_reason_survives_a_restart(store, fake_server):
    fake_server.enqueue(thinking_answer("", "Cut", finish_reason="length"))
    session = session_for(store, fake_server)
    run(session.send("Long please"))
    conversation_id = session.conversation_id
    store.close()
    with HistoryStore.open() as again:
        assert again.messages(conversation_id)[-1].finish_reason == "length"


# --- the rule on records alone ------------------------------------------------------------------


def message(id_: int, role: str, text: str, status=MessageStatus.COMPLETE, thinking="") -> Message:
    return Message(
        id=id_, conversation_id=1, role=role, text=text, thinking=thinking, status=status,
        model=None, parameters={}, usage=None, request_id=None, created_at=0.0,
        started_at=None, first_token_at=None, answer_started_at=None, finished_at=None,
        failure_kind=None, failure_message=None, failure_code=None, failure_status=None,
    )  # fmt: skip


def test_each_ending_of_a_reply_decides_whether_its_exchange_is_sent():
    history = [
        message(1, "user", "a"),
        message(2, "assistant", "A", thinking="secret"),
        message(3, "user", "b"),
        message(4, "assistant", "B so f", MessageStatus.STOPPED),
        message(5, "user", "c"),
        message(6, "assistant", "", MessageStatus.STOPPED, thinking="was thinking"),
        message(7, "user", "d"),
        message(8, "assistant", "D par", MessageStatus.INTERRUPTED),
        message(9, "user", "e"),
        message(10, "assistant", "   ", MessageStatus.FAILED),
    ]
    assert context_turns(history, system="Be brief.") == [
        Turn("system", "Be brief."),
        Turn("user", "a"), Turn("assistant", "A"),
        Turn("user", "b"), Turn("assistant", "B so f"),
        Turn("user", "d"), Turn("assistant", "D par"),
    ]  # fmt: skip
    assert left_out(history) == {5, 6, 9, 10}
    assert not sent_as_context(message(11, "assistant", "live", MessageStatus.STREAMING))


def test_a_blank_system_prompt_is_not_sent():
    assert context_turns([message(1, "user", "a"), message(2, "assistant", "A")], " \n") == [
        Turn("user", "a"),
        Turn("assistant", "A"),
    ]
