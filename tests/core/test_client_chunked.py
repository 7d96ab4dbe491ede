"""The service's stream is read straight from the connection, a network read at a time
(``app.core.chunked_body``), instead of one chunk at a time through httpx's layers. A user must
not be able to tell: the same text from every split of the bytes, and the same failure (with
the partial text kept) from every broken body, as reading through httpx gives."""

from __future__ import annotations

import asyncio
import random

import h11
import httpx
import pytest

from app.core import chunked_body
from app.core.chunked_body import ChunkedDecoder
from app.core.client import ClientOptions, stream_chat, stream_chat_batches
from app.core.events import AnswerDelta, Failure
from app.core.regions import resolve_endpoint
from app.core.request import ChatRequest, Turn
from tests import fakeserver as fs

KEY = "sk-test-0123456789"
FAST = ClientOptions(connect_timeout=10, read_timeout=5, max_retries=0)
ANSWER = "Streaming 流式 🙂 ok " * 60


def ask(fake: fs.FakeServer, api: str = "dashscope") -> list:
    endpoint = resolve_endpoint("cn-beijing", api, base_url=fake.base_url)
    request = ChatRequest("deepseek-v4-pro", (Turn("user", "Hello"),))

    async def collect() -> list:
        return [e async for e in stream_chat(request, endpoint, KEY, options=FAST)]

    return asyncio.run(collect())


def seen(events: list) -> tuple:
    """What a user sees of a reply: its text and how it ended (not the request id)."""
    text = "".join(e.text for e in events if isinstance(e, AnswerDelta))
    end = events[-1]
    how = end.kind if isinstance(end, Failure) else (type(end).__name__, end.finish_reason)
    return text, how


def raw_body(body: bytes, *, drop: bool = False) -> fs.Scenario:
    """A 200 event stream whose chunked body is written as given (framing errors included)."""

    def render(ctx: fs.Context) -> fs.Reply:
        headers = [("content-type", "text/event-stream"), ("transfer-encoding", "chunked")]
        ending = "drop" if drop else "complete"
        return fs.Reply(200, headers, [body], framing="length", ending=ending)

    return fs.Scenario("raw", render)


def chunked(frames: bytes, size: int = 7) -> bytes:
    """``frames`` framed in chunks of ``size`` bytes, then the last chunk."""
    pieces = [frames[i : i + size] for i in range(0, len(frames), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in pieces) + b"0\r\n\r\n"


FRAMES = (
    'id:1\nevent:result\n:HTTP_STATUS/200\ndata:{"output":{"choices":[{"message":'
    '{"content":"Hello 流式","role":"assistant"},"finish_reason":"null"}]}}\n\n'
    'id:2\nevent:result\n:HTTP_STATUS/200\ndata:{"output":{"choices":[{"message":'
    '{"content":" world","role":"assistant"},"finish_reason":"stop"}]},'
    '"usage":{"input_tokens":3,"output_tokens":4}}\n\n'
).encode()

#: The end of the first event; a second chunk that declares two bytes fewer than it carries.
FIRST = FRAMES.index(b"\n\n") + 2
CUT_SHORT = b"%x\r\n%s\r\n0\r\n\r\n" % (len(FRAMES) - FIRST - 2, FRAMES[FIRST:])


def direct_reads(monkeypatch) -> list[bool]:
    """Whether each reply's body was read from the connection (True) or through httpx."""
    taken: list[bool] = []
    direct = chunked_body.direct_body

    def counted(response: httpx.Response):
        body = direct(response)
        taken.append(body is not None)
        return body

    monkeypatch.setattr(chunked_body, "direct_body", counted)
    return taken


@pytest.fixture
def through_httpx(monkeypatch):
    """Switch the direct read off: the body goes through httpx, as it did before."""

    def switch_off() -> None:
        monkeypatch.setattr(chunked_body, "direct_body", lambda response: None)

    return switch_off


def test_the_service_stream_is_read_from_the_connection_with_the_installed_httpx(
    fake_server, monkeypatch
):
    # If an httpx or httpcore upgrade lays its streams out differently the direct read quietly
    # steps aside (still correct, but slow again): this test says so.
    taken = direct_reads(monkeypatch)
    fake_server.enqueue(fs.answer_only(ANSWER, chunk_size=8))
    assert seen(ask(fake_server)) == (ANSWER, ("Finished", "stop"))
    assert taken == [True]


@pytest.mark.parametrize("api", ["dashscope", "openai"])
def test_a_reply_dripped_byte_by_byte_reads_the_same_either_way(fake_server, through_httpx, api):
    fake_server.enqueue(fs.drip("", ANSWER[:200]))
    direct = seen(ask(fake_server, api))
    through_httpx()
    fake_server.enqueue(fs.drip("", ANSWER[:200]))
    assert seen(ask(fake_server, api)) == direct == (ANSWER[:200], ("Finished", "stop"))


@pytest.mark.parametrize(
    ("name", "body", "drop"),
    [
        ("chunk extensions and a trailer", chunked(FRAMES)[:-5] + b"0;x=1\r\nT: 1\r\n\r\n", False),
        ("a chunk not ended by CRLF", chunked(FRAMES[:FIRST], FIRST) + CUT_SHORT, False),
        ("a chunk size that is not hex", b"zz\r\n" + chunked(FRAMES), False),
        ("the connection closed inside a chunk", chunked(FRAMES)[:-80], True),
        ("the connection closed before the last chunk", chunked(FRAMES[:FIRST])[:-5], True),
        ("a chunk line that never ends", b"5" + b" " * 110_000, True),
    ],
)  # fmt: skip
def test_a_broken_body_fails_the_same_way_it_does_through_httpx(
    fake_server, through_httpx, name, body, drop
):
    fake_server.enqueue(raw_body(body, drop=drop))
    direct = seen(ask(fake_server))
    through_httpx()
    fake_server.enqueue(raw_body(body, drop=drop))
    assert seen(ask(fake_server)) == direct, name


def _h11_body(raw: bytes) -> tuple[bytes, bool]:
    """What h11 (httpx's parser) reads from a chunked body: its bytes, and whether it ended."""
    conn = h11.Connection(h11.CLIENT)
    conn.send(h11.Request(method="GET", target="/", headers=[("Host", "x")]))
    conn.send(h11.EndOfMessage())
    conn.receive_data(b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n" + raw)
    body = b""
    while True:
        event = conn.next_event()
        if isinstance(event, h11.Data):
            body += bytes(event.data)
        elif isinstance(event, h11.EndOfMessage):
            return body, True
        elif event is h11.NEED_DATA:
            return body, False


def test_every_split_of_a_chunked_body_reads_as_h11_reads_it():
    rng = random.Random(7)
    for _ in range(2000):
        payloads = [rng.randbytes(rng.randrange(1, 40)) for _ in range(rng.randrange(0, 8))]
        raw = b"".join(
            b"%x%s\r\n%s\r\n" % (len(p), rng.choice([b"", b";ext=1", b"  "]), p) for p in payloads
        )
        raw += b"0\r\n" + rng.choice([b"", b"Trailer: 1\r\n"]) + b"\r\n"
        if rng.random() < 0.3:
            raw = raw[: rng.randrange(len(raw))]
        decoder = ChunkedDecoder()
        body, at = b"", 0
        while at < len(raw):
            step = rng.randrange(1, 24)
            body += decoder.feed(raw[at : at + step])
            at += step
        assert (body, decoder.done) == _h11_body(raw), raw


def test_the_end_of_the_connection_before_the_last_chunk_is_a_protocol_error():
    decoder = ChunkedDecoder()
    assert decoder.feed(b"5\r\nhel") == b"hel"
    with pytest.raises(httpx.RemoteProtocolError, match="incomplete chunked read"):
        decoder.eof()
    decoder = ChunkedDecoder()
    assert decoder.feed(b"5\r\nhello\r\n0\r\n\r\nanything after") == b"hello"
    decoder.eof()  # the body was whole


def test_a_whole_read_of_many_chunks_is_one_piece_of_body():
    decoder = ChunkedDecoder()
    assert decoder.feed(chunked(FRAMES, 3)) == FRAMES
    assert decoder.done


def test_a_body_sent_with_a_length_is_read_through_httpx(fake_server, monkeypatch):
    taken = direct_reads(monkeypatch)

    def with_length(ctx: fs.Context) -> fs.Reply:
        headers = [("content-type", "text/event-stream")]
        return fs.Reply(200, headers, [FRAMES], framing="length", ending="drop")

    fake_server.enqueue(fs.Scenario("length", with_length))
    assert seen(ask(fake_server)) == ("Hello 流式 world", ("Finished", "stop"))
    assert taken == [False]


def test_the_events_of_one_read_come_together_and_the_ending_on_its_own(fake_server):
    # 300 events written at once: a handful of reads, not 300 hops through each layer.
    frames = b"".join(
        b'data:{"output":{"choices":[{"message":{"content":"w%d "},"finish_reason":"null"}]}}\n\n'
        % i
        for i in range(300)
    )
    frames += b'data:{"output":{"choices":[{"message":{"content":""},"finish_reason":"stop"}]}}\n\n'
    fake_server.enqueue(raw_body(chunked(frames, 90)))
    endpoint = resolve_endpoint("cn-beijing", "dashscope", base_url=fake_server.base_url)
    request = ChatRequest("deepseek-v4-pro", (Turn("user", "Hello"),))

    async def collect() -> list[list]:
        stream = stream_chat_batches(request, endpoint, KEY, options=FAST)
        return [batch async for batch in stream]

    batches = asyncio.run(collect())
    events = [event for batch in batches for event in batch]
    assert seen(events) == ("".join(f"w{i} " for i in range(300)), ("Finished", "stop"))
    assert all(batches)
    assert batches[-1] == [events[-1]]
    assert len(batches) < 30, len(batches)
