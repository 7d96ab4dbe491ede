"""Benchmark of the streaming engine: prints figures, asserts nothing (not part of the suite).

    python3 tests/benchmarks/bench_stream.py

1. decoder + dialect parser alone, on a rendered 20,000-chunk reply (English, CJK and emoji),
   fed in 16 KiB reads, in 7-byte reads and one byte at a time: MB/s and events/s per API;
2. end to end through ``stream_chat`` against the fake server on 127.0.0.1: time to the first
   token and total time for a 5,000-chunk reply;
3. Stop: time from ``task.cancel()`` to the fake server seeing the connection closed.
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.core import protocols
from app.core.client import ClientOptions, stream_chat
from app.core.events import AnswerDelta, ThinkingDelta
from app.core.protocols import parser_for
from app.core.regions import resolve_endpoint
from app.core.request import ChatRequest, Turn
from app.core.sse import SseDecoder
from tests import fakeserver as fs

TEXT = "Streaming 流式输出 🙂 works; "


def render(api: str, chunks: int) -> bytes:
    path = fs.NATIVE_PATH if api == "dashscope" else fs.OPENAI_PATH
    body = {"model": "deepseek-v4-pro", "stream_options": {"include_usage": True}}
    request = fs.ReceivedRequest("POST", path, {}, body, b"")
    text = (TEXT * (chunks * 8 // len(TEXT) + 1))[: chunks * 8 // 2]
    scenario = fs.thinking_answer(text, text, chunk_size=8)
    reply = scenario.render(fs.Context(request, request.dialect or "", "rid"))
    return b"".join(p for p in reply.parts if isinstance(p, bytes))


def parse(api: str, raw: bytes, read: int) -> tuple[float, int]:
    start = time.perf_counter()
    decoder = SseDecoder()
    parser = parser_for(api)
    events = 0
    for i in range(0, len(raw), read):
        for sse in decoder.feed(raw[i : i + read]):
            events += len(parser.feed(sse))
    for sse in decoder.close():
        events += len(parser.feed(sse))
    events += len(parser.eof())
    return time.perf_counter() - start, events


def bench_parser() -> None:
    print("1. decoder + parser (20,000 chunks)")
    for api in protocols.names():
        raw = render(api, 20_000)
        for read in (16384, 7, 1):
            data = raw if read > 1 else raw[: len(raw) // 10]
            seconds, events = parse(api, data, read)
            print(
                f"   {api:9} {len(data) / 1e6:6.2f} MB in {read:5}-byte reads: "
                f"{len(data) / 1e6 / seconds:7.2f} MB/s, {events / seconds:9,.0f} events/s"
            )


async def end_to_end(fake: fs.FakeServer, api: str) -> tuple[float, float, int]:
    fake.enqueue(fs.thinking_answer(TEXT * 400, TEXT * 400, chunk_size=4))
    ep = resolve_endpoint("cn-beijing", api, base_url=fake.base_url)
    request = ChatRequest("deepseek-v4-pro", (Turn("user", "hi"),))
    start = time.perf_counter()
    first = None
    count = 0
    async for event in stream_chat(request, ep, "sk-bench", options=ClientOptions()):
        if isinstance(event, ThinkingDelta | AnswerDelta):
            count += 1
            if first is None:
                first = time.perf_counter() - start
    return first or 0.0, time.perf_counter() - start, count


async def cancel_latency(fake: fs.FakeServer, api: str) -> float:
    fake.enqueue(fs.slow("t " * 500, "a " * 500, delay=0.05))
    ep = resolve_endpoint("cn-beijing", api, base_url=fake.base_url)
    request = ChatRequest("deepseek-v4-pro", (Turn("user", "hi"),))
    got = asyncio.Event()

    async def consume() -> None:
        async for _ in stream_chat(request, ep, "sk-bench"):
            got.set()

    task = asyncio.create_task(consume())
    await got.wait()
    start = time.perf_counter()
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    await asyncio.to_thread(fake.wait_for_disconnect, 10)
    return time.perf_counter() - start


def main() -> None:
    bench_parser()
    with fs.FakeServer() as fake:
        print("2. end to end through stream_chat (fake server, 127.0.0.1)")
        for api in protocols.names():
            first, total, count = asyncio.run(end_to_end(fake, api))
            print(
                f"   {api:9} first token {first * 1000:6.1f} ms, {count} deltas in "
                f"{total * 1000:7.1f} ms ({count / total:,.0f} deltas/s)"
            )
    print("3. Stop: cancel() to connection closed, seen by the server")
    for api in protocols.names():
        with fs.FakeServer() as fake:
            seconds = asyncio.run(cancel_latency(fake, api))
            print(f"   {api:9} {seconds * 1000:6.1f} ms")


if __name__ == "__main__":
    main()
