"""ChatSession against the real fake server and a real SQLite history: every word is kept."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from app.core import paths
from app.core.events import AnswerDelta, Finished, Usage
from app.core.history import HistoryStore, MessageStatus
from app.core.history.exchange import export_json, export_markdown
from app.core.regions import ConfigError, resolve_endpoint
from app.core.session import (
    ChatSession,
    ReplyEnded,
    ReplyStarted,
    SessionConfig,
    make_title,
)
from tests.fakeserver import error, midstream_error, slow, thinking_answer

KEY = "sk-test-0123456789abcdef-never-stored"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def store(isolated_dirs):
    opened = HistoryStore.open()
    yield opened
    opened.close()


def config(fake, api: str = "openai", **kwargs) -> SessionConfig:
    endpoint = resolve_endpoint("cn-beijing", api, base_url=fake.base_url)
    return SessionConfig(endpoint=endpoint, api_key=KEY, model="deepseek-v4-pro", **kwargs)


def run(agen) -> list:
    async def collect():
        return [event async for event in agen]

    return asyncio.run(collect())


def sent_messages(fake, index: int = -1) -> list[dict]:
    return fake.requests[index].messages


def test_a_first_prompt_starts_a_titled_conversation_and_saves_the_whole_reply(store, fake_server):
    fake_server.enqueue(thinking_answer("Compare 0.90 with 0.11.", "9.9 is greater."))
    session = ChatSession(store, config(fake_server))
    events = run(session.send("Which is greater, 9.9 or 9.11?\nThink carefully."))

    started, *middle, ended = events
    assert isinstance(started, ReplyStarted) and session.conversation_id == started.conversation_id
    assert isinstance(ended, ReplyEnded) and ended.assistant_message_id == started.reply.id
    assert ended.status is MessageStatus.COMPLETE
    assert "".join(e.text for e in middle if isinstance(e, AnswerDelta)) == "9.9 is greater."
    assert any(isinstance(e, Usage) for e in middle) and isinstance(middle[-1], Finished)

    conversation = store.get_conversation(session.conversation_id)
    assert conversation.title == "Which is greater, 9.9 or 9.11?"
    assert (conversation.model, conversation.region, conversation.api) == (
        "deepseek-v4-pro",
        "cn-beijing",
        "openai",
    )
    user, reply = store.messages(session.conversation_id)
    assert user.text == "Which is greater, 9.9 or 9.11?\nThink carefully."
    assert reply.id == started.assistant_message_id
    assert (reply.text, reply.thinking) == ("9.9 is greater.", "Compare 0.90 with 0.11.")
    assert reply.status is MessageStatus.COMPLETE and reply.model == "deepseek-v4-pro"
    assert reply.usage is not None and reply.usage.output_tokens > 0
    assert reply.request_id == middle[-1].request_id and reply.request_id
    assert reply.started_at <= reply.first_token_at <= reply.answer_started_at
    assert reply.answer_started_at <= reply.finished_at


@pytest.mark.parametrize("api", ["openai", "dashscope"])
def test_later_turns_carry_earlier_answers_but_never_their_thinking(store, fake_server, api):
    fake_server.enqueue(
        thinking_answer("secret reasoning one", "Answer one."),
        thinking_answer("secret reasoning two", "Answer two."),
    )
    session = ChatSession(store, config(fake_server, api))
    run(session.send("Question one"))
    run(session.send("Question two"))
    raw = fake_server.requests[-1].raw.decode()
    assert "secret reasoning" not in raw
    assert [(m["role"], m["content"]) for m in sent_messages(fake_server)] == [
        ("user", "Question one"),
        ("assistant", "Answer one."),
        ("user", "Question two"),
    ]
    assert store.count_messages(session.conversation_id) == 4


def test_a_failed_reply_is_kept_with_its_failure_and_left_out_of_later_turns(store, fake_server):
    fake_server.enqueue(
        thinking_answer("", "Hello!"),
        error(400, "InvalidParameter", "Range of input length should be [1, 98304]"),
        thinking_answer("", "Fine now."),
    )
    session = ChatSession(store, config(fake_server))
    run(session.send("Hi"))
    events = run(session.send("A very long question"))
    assert events[-1].status is MessageStatus.FAILED
    failed = store.get_message(events[-1].assistant_message_id)
    assert failed.status is MessageStatus.FAILED
    assert failed.failure_kind == "bad_parameter" and failed.failure_status == 400
    assert failed.failure_code == "InvalidParameter"
    assert "Range of input length" in failed.failure_message

    run(session.send("Something else"))
    assert [m["content"] for m in sent_messages(fake_server)] == ["Hi", "Hello!", "Something else"]


def test_retry_of_a_failed_reply_sends_its_prompt_once_and_keeps_the_failed_one_beside_it(
    store, fake_server
):
    fake_server.enqueue(
        thinking_answer("", "Hello!"),
        midstream_error("DataInspectionFailed", "Output data may contain inappropriate content."),
        thinking_answer("", "Here is a clean answer."),
    )
    session = ChatSession(store, config(fake_server))
    run(session.send("Hi"))
    events = run(session.send("Tell me something"))
    failed = store.get_message(events[-1].assistant_message_id)
    assert failed.status is MessageStatus.FAILED and failed.text == "partial "
    assert failed.failure_kind == "content_filtered"

    retried = run(session.regenerate(failed.id))
    assert retried[-1].status is MessageStatus.COMPLETE
    assert [m["content"] for m in sent_messages(fake_server)] == [
        "Hi",
        "Hello!",
        "Tell me something",
    ]
    messages = store.messages(session.conversation_id)
    assert [(m.role, m.text) for m in messages] == [
        ("user", "Hi"),
        ("assistant", "Hello!"),
        ("user", "Tell me something"),
        ("assistant", "Here is a clean answer."),
    ]
    kept = store.get_message(failed.id)  # a sibling now, one ‹ › away: no word is lost
    assert kept.text == "partial " and kept.parent_id == messages[2].id


def test_regenerate_shows_a_new_reply_and_keeps_the_old_one(store, fake_server):
    fake_server.enqueue(thinking_answer("", "First take."), thinking_answer("", "Second take."))
    session = ChatSession(store, config(fake_server))
    first = run(session.send("Write a haiku"))
    run(session.regenerate(first[0].assistant_message_id))
    assert [m.text for m in store.messages(session.conversation_id)] == [
        "Write a haiku",
        "Second take.",
    ]
    assert [m["content"] for m in sent_messages(fake_server)] == ["Write a haiku"]
    assert store.get_message(first[0].assistant_message_id).text == "First take."


def test_edit_and_resend_shows_the_edited_branch_and_keeps_the_original(store, fake_server):
    fake_server.enqueue(
        thinking_answer("", "Paris."),
        thinking_answer("", "About 2 million."),
        thinking_answer("", "Berlin."),
    )
    session = ChatSession(store, config(fake_server))
    first = run(session.send("Capital of France?"))
    run(session.send("Population?"))
    run(session.edit_and_resend(first[0].user_message_id, "Capital of Germany?"))
    assert [m.text for m in store.messages(session.conversation_id)] == [
        "Capital of Germany?",
        "Berlin.",
    ]
    assert [m["content"] for m in sent_messages(fake_server)] == ["Capital of Germany?"]
    # The original prompt is still there (and found), on its own branch.
    original = first[0].user_message_id
    assert store.get_message(original).text == "Capital of France?"
    assert original in [h.message_id for h in store.search("Capital of France")]


def test_stopping_keeps_the_partial_answer_and_closes_the_connection(store, fake_server):
    fake_server.enqueue(slow("", "one two three four five six seven eight", delay=0.3))
    session = ChatSession(store, config(fake_server))
    seen: list = []
    answered = asyncio.Event()

    async def consume():
        async for event in session.send("Count slowly"):
            seen.append(event)
            if isinstance(event, AnswerDelta):
                answered.set()

    async def main():
        task = asyncio.create_task(consume())
        await asyncio.wait_for(answered.wait(), 60)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(main())
    assert fake_server.wait_for_disconnect(30)
    reply = store.get_message(seen[0].assistant_message_id)
    assert reply.status is MessageStatus.STOPPED
    partial = "".join(e.text for e in seen if isinstance(e, AnswerDelta))
    assert partial and reply.text == partial
    assert not any(isinstance(e, ReplyEnded) for e in seen)


def test_breaking_out_of_the_loop_also_marks_the_reply_stopped(store, fake_server):
    fake_server.enqueue(slow("", "alpha beta gamma delta epsilon", delay=0.3))
    session = ChatSession(store, config(fake_server))

    async def main():
        async with contextlib.aclosing(session.send("Greek letters")) as events:
            async for event in events:
                if isinstance(event, ReplyStarted):
                    reply_id = event.assistant_message_id
                if isinstance(event, AnswerDelta):
                    return reply_id
        raise AssertionError("no answer")

    reply_id = asyncio.run(main())
    reply = store.get_message(reply_id)
    assert reply.status is MessageStatus.STOPPED and reply.text


def test_a_growing_answer_is_on_disk_while_it_streams(store, fake_server):
    answer = " ".join(f"word{i}" for i in range(60))
    fake_server.enqueue(slow("thinking first ", answer, delay=0.1, chunk_size=6))
    session = ChatSession(store, config(fake_server))
    seen_on_disk: list[str] = []

    async def main():
        other = HistoryStore.open()  # another connection, as the window beside a CLI would
        try:
            async for event in session.send("Say many words"):
                if isinstance(event, ReplyStarted):
                    reply_id = event.assistant_message_id
                if isinstance(event, AnswerDelta):
                    row = other.get_message(reply_id)
                    if row.status is MessageStatus.STREAMING and row.text:
                        seen_on_disk.append(row.text)
        finally:
            other.close()

    asyncio.run(main())
    assert seen_on_disk, "the partial answer was never flushed while streaming"
    assert all(answer.startswith(text) for text in seen_on_disk)
    final = store.messages(session.conversation_id)[-1]
    assert final.text == answer and final.thinking == "thinking first "


def test_the_key_is_never_saved_or_exported(store, fake_server):
    fake_server.enqueue(thinking_answer("hmm", "Hello!"))
    session = ChatSession(store, config(fake_server))
    run(session.send("Hi"))
    assert "sk-test" not in repr(session.config)
    assert KEY not in json.dumps(export_json(store)) and KEY not in export_markdown(store)
    store.close()
    for file in paths.data_dir().rglob("*"):
        if file.is_file():
            assert KEY.encode() not in file.read_bytes(), file


def test_a_bad_configuration_saves_and_sends_nothing(store, fake_server):
    endpoint = resolve_endpoint("cn-beijing", "openai", base_url=fake_server.base_url)
    session = ChatSession(store, SessionConfig(endpoint=endpoint, api_key="", model="m"))
    with pytest.raises(ConfigError):
        run(session.send("Hi"))
    assert store.count_conversations() == 0 and fake_server.requests == []


@pytest.mark.parametrize(
    ("prompt", "title"),
    [
        ("  \n  Hello there\nsecond line", "Hello there"),
        (
            "Explain the difference between eventual consistency and strong consistency in "
            "distributed databases",
            "Explain the difference between eventual consistency and…",
        ),
        ("请" * 80, "请" * 60 + "…"),
        ("", "New conversation"),
    ],
)
def test_titles_come_from_the_first_line_of_the_first_prompt(prompt, title):
    assert make_title(prompt) == title
    assert len(make_title(prompt)) <= 61


_ASKER = textwrap.dedent(
    """
    import asyncio, sys
    from app.core.history import HistoryStore
    from app.core.regions import resolve_endpoint
    from app.core.session import ChatSession, SessionConfig

    async def main():
        store = HistoryStore.open()
        endpoint = resolve_endpoint("cn-beijing", "openai", base_url=sys.argv[1])
        cfg = SessionConfig(endpoint=endpoint, api_key="sk-crash-test", model="deepseek-v4-pro")
        async for event in ChatSession(store, cfg).send("Tell me a long story"):
            pass

    asyncio.run(main())
    """
)


def test_a_reply_streaming_in_a_killed_process_is_interrupted_with_its_text(fake_server):
    story = " ".join(f"w{i}" for i in range(400))
    fake_server.enqueue(slow("", story, delay=0.05))
    proc = subprocess.Popen([sys.executable, "-c", _ASKER, fake_server.base_url], cwd=REPO)
    try:
        with HistoryStore.open() as watcher:
            deadline = time.monotonic() + 90
            flushed = ""
            while time.monotonic() < deadline:
                conversations = watcher.list_conversations()
                if conversations:
                    messages = watcher.messages(conversations[0].id)
                    if len(messages) == 2 and len(messages[1].text) > 40:
                        flushed = messages[1].text
                        break
                time.sleep(0.1)
            assert flushed, "the streaming process never flushed its answer"
            assert messages[1].status is MessageStatus.STREAMING  # alive: left alone
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
    with HistoryStore.open() as store:
        reply = store.messages(store.list_conversations()[0].id)[1]
        assert reply.status is MessageStatus.INTERRUPTED
        assert story.startswith(reply.text) and len(reply.text) >= len(flushed)


def test_stopping_before_the_first_token_leaves_no_reply_streaming(store, fake_server):
    fake_server.enqueue(slow("", "never seen", delay=0.5))
    session = ChatSession(store, config(fake_server))

    async def main():
        async with contextlib.aclosing(session.send("Quick, stop")) as events:
            async for event in events:
                assert isinstance(event, ReplyStarted)
                return event.assistant_message_id

    reply = store.get_message(asyncio.run(main()))
    assert reply.status is MessageStatus.STOPPED and reply.text == ""
