"""A stream that never ends a line, or sends broken bytes, is refused in bounded memory, and the
text that arrived before it is kept (the user sees the partial answer, not a hang or a crash)."""

from __future__ import annotations

import asyncio
import resource

import pytest

from app.core.client import ClientOptions, stream_chat
from app.core.errors import ErrorKind
from app.core.events import AnswerDelta, Failure
from app.core.regions import resolve_endpoint
from app.core.request import ChatRequest, Turn
from app.core.sse import MAX_EVENT_BYTES, MAX_LINE_BYTES, SseDecodeError, SseDecoder, SseTooLarge
from tests import fakeserver as fs

FAST = ClientOptions(connect_timeout=10, read_timeout=30, backoff_base=0.01, backoff_max=0.05)


def test_a_line_that_never_ends_is_refused_once_it_passes_the_cap():
    decoder = SseDecoder()
    block = b"x" * 65536
    decoder.feed(b"data: ")
    with pytest.raises(SseTooLarge):
        for _ in range(MAX_LINE_BYTES // len(block) + 2):
            decoder.feed(block)
    # The decoder holds nothing of it afterwards, and stays failed.
    assert len(decoder._buffer) == 0
    with pytest.raises(SseTooLarge):
        decoder.feed(b"\n\n")


def test_an_event_whose_data_lines_never_stop_is_refused():
    decoder = SseDecoder()
    line = b"data: " + b"y" * 60000 + b"\n"
    with pytest.raises(SseTooLarge):
        for _ in range(MAX_EVENT_BYTES // len(line) + 2):
            decoder.feed(line)


def test_events_of_normal_size_pass_however_many_there_are():
    decoder = SseDecoder()
    frame = b"data: " + b"z" * 1000 + b"\n\n"
    count = 0
    for _ in range(MAX_EVENT_BYTES // len(frame) * 2):
        count += len(decoder.feed(frame))
    assert count == MAX_EVENT_BYTES // len(frame) * 2


def test_invalid_utf8_keeps_the_events_completed_earlier_in_the_same_read():
    decoder = SseDecoder()
    events = decoder.feed(b"data: one\n\ndata: two\n\ndata: \xff\n\n")
    assert [e.data for e in events] == ["one", "two"]
    with pytest.raises(SseDecodeError):
        decoder.close()


def _collect(fake: fs.FakeServer, api: str) -> list:
    async def run() -> list:
        request = ChatRequest("deepseek-v4-pro", (Turn("user", "hi"),))
        endpoint = resolve_endpoint("cn-beijing", api, base_url=fake.base_url)
        return [e async for e in stream_chat(request, endpoint, "sk-test-0123", options=FAST)]

    return asyncio.run(run())


def test_a_server_sending_an_endless_line_gets_a_malformed_stream_with_the_text_kept(fake_server):
    fake_server.enqueue(fs.endless_line("Before the flood", megabytes=24))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    events = _collect(fake_server, "openai")
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert "".join(e.text for e in events if isinstance(e, AnswerDelta)) == "Before the flood"
    failure = events[-1]
    assert isinstance(failure, Failure)
    assert failure.kind is ErrorKind.MALFORMED_STREAM
    assert "exceeded" in failure.message
    # 24 MB were sent; the client held at most about one capped line of it.
    assert grown_mb < 20


def test_bad_utf8_after_a_whole_answer_keeps_the_answer(fake_server):
    fake_server.enqueue(fs.invalid_utf8_after("All of this was valid"))
    events = _collect(fake_server, "openai")
    assert "".join(e.text for e in events if isinstance(e, AnswerDelta)) == (
        "All of this was valid"
    )
    failure = events[-1]
    assert isinstance(failure, Failure)
    assert failure.kind is ErrorKind.MALFORMED_STREAM
