"""How stream_chat reads a 200 stream's body: raw when it is plain, decoded when a proxy
compressed it. The service sends no Content-Encoding, so the plain read is the fast path (no
decoder and chunker layers per read); a gzip-compressed stream must still read the same."""

from __future__ import annotations

import asyncio
import gzip

import pytest

from app.core.client import ClientOptions, stream_chat
from app.core.events import AnswerDelta, Finished
from app.core.regions import resolve_endpoint
from app.core.request import ChatRequest, Turn
from tests import fakeserver as fs

KEY = "sk-test-0123456789"
FAST = ClientOptions(connect_timeout=10, read_timeout=30, backoff_base=0.01, backoff_max=0.05)
ANSWER = "Streaming 流式 🙂 ok " * 40


def encoded(scenario: fs.Scenario, encoding: str) -> fs.Scenario:
    """The same reply, its body compressed (gzip) or marked identity, sent with a length."""

    def render(ctx: fs.Context) -> fs.Reply:
        reply = scenario.render(ctx)
        body = b"".join(part for part in reply.parts if isinstance(part, bytes))
        if encoding == "gzip":
            body = gzip.compress(body)
        headers = [*reply.headers, ("content-encoding", encoding)]
        return fs.Reply(200, headers, [body], framing="length")

    return fs.Scenario(f"{scenario.name}-{encoding}", render)


def answer_of(fake: fs.FakeServer, api: str) -> list:
    endpoint = resolve_endpoint("cn-beijing", api, base_url=fake.base_url)
    request = ChatRequest("deepseek-v4-pro", (Turn("user", "Hello"),))

    async def collect() -> list:
        return [e async for e in stream_chat(request, endpoint, KEY, options=FAST)]

    return asyncio.run(collect())


@pytest.mark.parametrize("api", ["dashscope", "openai"])
@pytest.mark.parametrize("encoding", ["gzip", "identity", None])
def test_a_compressed_or_plain_stream_gives_the_whole_answer(fake_server, api, encoding):
    scenario = fs.answer_only(ANSWER)
    fake_server.enqueue(encoded(scenario, encoding) if encoding else scenario)
    events = answer_of(fake_server, api)
    assert "".join(e.text for e in events if isinstance(e, AnswerDelta)) == ANSWER
    assert isinstance(events[-1], Finished)
