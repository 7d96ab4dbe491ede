"""A reply cannot run forever, whatever the server does: keep-alives without text end it as a
timeout (long thinking still counts as text), an answer that never ends is stopped as ``length``
with its text kept, and a "Retry-After: 0" never makes SeekDesk hammer the service."""

from __future__ import annotations

import asyncio

import pytest

from app.core import protocols
from app.core.client import ClientOptions, stream_chat
from app.core.errors import ErrorKind
from app.core.events import AnswerDelta, Failure, Finished, Retrying, ThinkingDelta
from app.core.regions import resolve_endpoint
from app.core.request import ChatRequest, Turn
from tests import fakeserver as fs

APIS = pytest.mark.parametrize("api", list(protocols.names()))
QUICK = ClientOptions(connect_timeout=10, read_timeout=1.0, backoff_base=0.01, backoff_max=0.05)


def collect(fake: fs.FakeServer, api: str, options: ClientOptions) -> list:
    async def run() -> list:
        request = ChatRequest("deepseek-v4-pro", (Turn("user", "hi"),))
        endpoint = resolve_endpoint("cn-beijing", api, base_url=fake.base_url)
        return [e async for e in stream_chat(request, endpoint, "sk-test-0123", options=options)]

    return asyncio.run(run())


def answer(events: list) -> str:
    return "".join(e.text for e in events if isinstance(e, AnswerDelta))


@APIS
def test_keep_alives_without_text_end_the_reply_as_a_timeout_with_the_text_kept(fake_server, api):
    # The server pings every 0.1 s for 20 s: the read timeout (1 s) never fires on its own.
    fake_server.enqueue(fs.keepalive_only("Half an answer", seconds=20, interval=0.1))
    events = collect(fake_server, api, QUICK)
    assert answer(events) == "Half an answer"
    failure = events[-1]
    assert isinstance(failure, Failure) and failure.kind is ErrorKind.TIMEOUT
    assert "only keep-alives" in failure.message


@APIS
def test_long_thinking_counts_as_text_and_is_never_cut(fake_server, api):
    # Thinking trickles in for about 3 s, each piece well within the 1 s read timeout.
    fake_server.enqueue(fs.slow("Let me think about this " * 3, "Done.", delay=0.25))
    events = collect(fake_server, api, QUICK)
    assert "".join(e.text for e in events if isinstance(e, ThinkingDelta)).startswith("Let me")
    assert answer(events) == "Done."
    assert isinstance(events[-1], Finished) and events[-1].finish_reason != "length"


@APIS
def test_an_answer_that_never_ends_stops_at_the_length_cap_with_its_text(fake_server, api):
    fake_server.enqueue(fs.endless_answer("la ", pieces=200_000))
    options = ClientOptions(read_timeout=30, max_reply_chars=3000)
    events = collect(fake_server, api, options)
    ending = events[-1]
    assert isinstance(ending, Finished) and ending.finish_reason == "length"
    text = answer(events)
    assert 3000 <= len(text) < 200_000 * 3  # stopped near the cap, not at the server's end
    assert text.startswith("la la la")


def test_an_answer_that_never_ends_stops_at_the_time_cap(fake_server):
    fake_server.enqueue(fs.endless_answer("tick ", pieces=100_000, delay=0.02))
    options = ClientOptions(read_timeout=30, max_reply_seconds=0.5)
    events = collect(fake_server, "openai", options)
    ending = events[-1]
    assert isinstance(ending, Finished) and ending.finish_reason == "length"
    assert 0 < len(answer(events)) < 100_000 * 5


@pytest.mark.parametrize("retry_after", ["0", "-5", "soon", "0.0001"])
def test_a_retry_after_of_zero_or_nonsense_still_waits_the_backoff_and_grows(
    fake_server, retry_after
):
    for _ in range(3):
        fake_server.enqueue(fs.error(429, "Throttling", "slow down", retry_after=retry_after))
    fake_server.enqueue(fs.answer_only("ok"))
    options = ClientOptions(read_timeout=30, backoff_base=0.05, backoff_max=1.0)
    events = collect(fake_server, "openai", options)
    delays = [e.delay for e in events if isinstance(e, Retrying)]
    assert answer(events) == "ok" and len(delays) == 3
    # Each retry waits at least the base, and the later ones at least the growing backoff.
    assert all(d >= 0.05 for d in delays)
    assert delays[1] >= 0.05 and delays[2] >= 0.1


def test_the_longest_reply_is_a_setting_both_front_ends_send_with(isolated_dirs):
    from app.cli import build_parser
    from app.cli.ask_config import resolve_config
    from app.core.settings import Settings, load_settings, save_settings

    with pytest.raises(ValueError, match="between 1 and 1440 minutes"):
        Settings().with_value("max_minutes", "0")
    save_settings(Settings().with_value("max_minutes", "30"))
    saved = load_settings().settings
    assert saved.max_minutes == 30
    args = build_parser().parse_args(["ask", "hello"])
    assert resolve_config(args, saved, environ={}).max_reply_seconds == 30 * 60
