"""When a turn fails for a reason that is not the service's: a full, read-only, locked or
damaged history, or a bug in SeekDesk. Each is told as what it is (never as "the reply could not
be read, check any proxy"), a bug leaves its traceback in the log without the key, and what the
history can still take is kept."""

from __future__ import annotations

import asyncio

import pytest

from app.core import paths
from app.core.client import ClientOptions
from app.core.errors import HINTS, ErrorKind, failure_for
from app.core.events import AnswerDelta
from app.core.history import HistoryError, HistoryStore, MessageStatus
from app.core.regions import resolve_endpoint
from app.core.session import ChatSession, SessionConfig
from tests.core.history.conditions import (
    damage_messages,
    fill_disk,
    held_by_another_program,
    make_read_only,
)
from tests.fakeserver import thinking_answer

KEY = "sk-test-0123456789abcdef-never-logged"


@pytest.fixture
def store(isolated_dirs):
    opened = HistoryStore.open(busy_timeout_ms=200)
    yield opened
    opened.close()


def config(fake, **kwargs) -> SessionConfig:
    endpoint = resolve_endpoint("cn-beijing", "openai", base_url=fake.base_url)
    return SessionConfig(endpoint=endpoint, api_key=KEY, model="deepseek-v4-pro", **kwargs)


def run_until_error(agen) -> tuple[list, BaseException | None]:
    """The events a front end saw, and the exception the turn ended with (if any)."""
    seen: list = []

    async def collect() -> BaseException | None:
        try:
            async for event in agen:
                seen.append(event)
        except Exception as exc:
            return exc
        return None

    return seen, asyncio.run(collect())


def started(store, fake) -> ChatSession:
    """A session whose conversation already holds one exchange."""
    fake.enqueue(thinking_answer("", "Hello!"))
    session = ChatSession(store, config(fake))
    _, error = run_until_error(session.send("Hi"))
    assert error is None
    return session


def test_a_disk_that_fills_up_while_the_answer_streams_is_a_full_disk(store, fake_server):
    session = started(store, fake_server)
    fake_server.enqueue(thinking_answer("", "A long answer. " * 3000))
    fill_disk(store)

    events, error = run_until_error(session.send("Tell me everything"))

    assert "".join(e.text for e in events if isinstance(e, AnswerDelta)).startswith("A long")
    assert isinstance(error, HistoryError)
    failure = failure_for(error, secrets=[KEY])
    assert failure.kind is ErrorKind.STORAGE_FULL
    assert failure.hint == HINTS[ErrorKind.STORAGE_FULL]
    assert "disk is full" in failure.message
    assert not paths.log_file().exists()  # not a bug: nothing to report


@pytest.mark.parametrize(
    ("fault", "kind"),
    [
        ("read_only", ErrorKind.STORAGE_READ_ONLY),
        ("locked", ErrorKind.STORAGE_LOCKED),
        ("damaged", ErrorKind.STORAGE_CORRUPT),
    ],
)
def test_a_history_that_cannot_take_the_prompt_sends_nothing_and_says_why(
    store, fake_server, fault, kind
):
    session = started(store, fake_server)
    sent_before = len(fake_server.requests)
    fake_server.enqueue(thinking_answer("", "Never asked."))

    if fault == "read_only":
        make_read_only(store)
        _, error = run_until_error(session.send("Second question"))
    elif fault == "locked":
        with held_by_another_program(store.path):
            _, error = run_until_error(session.send("Second question"))
    else:
        damage_messages(store.path)
        _, error = run_until_error(session.send("Second question"))

    assert isinstance(error, HistoryError)
    assert failure_for(error).kind is kind
    assert failure_for(error).hint == HINTS[kind]
    assert len(fake_server.requests) == sent_before


def test_a_bug_in_the_middle_of_a_turn_is_an_internal_error_kept_with_the_reply(store, fake_server):
    fake_server.enqueue(thinking_answer("", "Never read."))
    # A value of the wrong type that slipped through: the client fails with a TypeError.
    broken = ClientOptions(connect_timeout="soon")  # type: ignore[arg-type]
    session = ChatSession(store, config(fake_server, options=broken))

    events, error = run_until_error(session.send("Hi"))

    assert isinstance(error, TypeError)
    failure = failure_for(error, secrets=[KEY])
    assert failure.kind is ErrorKind.INTERNAL
    reply = store.get_message(events[0].assistant_message_id)
    assert reply.status is MessageStatus.FAILED
    assert reply.failure_kind == "internal"  # not "malformed_stream"
    assert str(paths.log_file()) in reply.failure_message
    log = paths.log_file().read_text(encoding="utf-8")
    assert "TypeError" in log and "Traceback" in log
    assert log.count("TypeError: unsupported operand") == 1  # the session and the front end
    assert KEY not in log and KEY not in reply.failure_message


def test_a_closed_history_is_reported_as_a_bug(store, fake_server):
    session = started(store, fake_server)
    store.close()

    _, error = run_until_error(session.send("Again"))

    assert isinstance(error, HistoryError)
    assert failure_for(error).kind is ErrorKind.INTERNAL
    assert "Cannot operate on a closed database" in paths.log_file().read_text(encoding="utf-8")
