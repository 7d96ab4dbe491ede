"""A fake Model Studio on 127.0.0.1: a real HTTP/1.1 server speaking both chat APIs byte for byte.

It runs an asyncio server in a background thread, so sync tests, async tests and tests that
start a ``seekdesk`` subprocess can all point at ``fake.base_url``. Every byte is written by hand
(status line, headers, chunked framing, SSE frames), so a scenario can drip one byte at a time,
stall, or drop the connection mid-answer, as a real network does::

    with FakeServer() as fake:
        fake.enqueue(error(429, "Throttling.RateQuota", "Requests rate limit exceeded"),
                     thinking_answer("Let me think.", "Hello!"))
        ... point the client at fake.base_url ...
        assert fake.requests[0].body["model"] == "deepseek-v4-pro"

Scenarios are served in order, one per request; with an empty queue the server answers with a
thinking-then-answer reply echoing the last user message. The dialect of each reply (OpenAI-
compatible or DashScope native) follows the request's path. The shapes follow
``shared/protocol.md``: ``data: {…}`` + ``[DONE]`` for the compatible API, ``id:N`` /
``event:result`` / ``:HTTP_STATUS/200`` / ``data:{…}`` with cumulative usage and a string
``"null"`` finish_reason for the native one.

Run ``python3 -m tests.fakeserver --port 8765`` to serve the echo reply in the foreground (for
demos of the window with ``SEEKDESK_BASE_URL=http://127.0.0.1:8765``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import email.utils
import http
import json
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

OPENAI_PATH = "/compatible-mode/v1/chat/completions"
NATIVE_PATH = "/api/v1/services/aigc/text-generation/generation"
OPENAI = "openai"
NATIVE = "dashscope"

Part = bytes | float  # bytes to write, or seconds to pause


@dataclass(frozen=True)
class ReceivedRequest:
    """A request as the server received it. ``raw`` is the body's bytes exactly as sent."""

    method: str
    path: str
    headers: dict[str, str]  # lower-case names
    body: Any  # parsed JSON, or None
    raw: bytes

    @property
    def dialect(self) -> str | None:
        path = self.path.split("?", 1)[0]
        if path.endswith(OPENAI_PATH):
            return OPENAI
        if path.endswith(NATIVE_PATH):
            return NATIVE
        return None

    @property
    def messages(self) -> list[dict[str, Any]]:
        body = self.body if isinstance(self.body, dict) else {}
        if self.dialect == NATIVE:
            return list(body.get("input", {}).get("messages", []))
        return list(body.get("messages", []))


@dataclass(frozen=True)
class Context:
    """What a scenario knows when it renders its reply."""

    request: ReceivedRequest
    dialect: str
    request_id: str

    @property
    def model(self) -> str:
        body = self.request.body if isinstance(self.request.body, dict) else {}
        return str(body.get("model", "deepseek-v4-pro"))


@dataclass(frozen=True)
class Reply:
    status: int
    headers: list[tuple[str, str]]
    parts: list[Part]
    #: "chunked" (streams) or "length" (a Content-Length body written at once).
    framing: str = "chunked"
    #: "complete", or "drop" to close the connection without finishing the body.
    ending: str = "complete"
    #: Write at most this many bytes per write (1 = drip), pausing ``split_delay`` between.
    split: int | None = None
    split_delay: float = 0.0


@dataclass(frozen=True)
class Scenario:
    name: str
    render: Callable[[Context], Reply] = field(repr=False)


# -- wire helpers ---------------------------------------------------------------------------


def _json(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def _service_headers(ctx: Context, content_type: str) -> list[tuple[str, str]]:
    now_ms = int(time.time() * 1000)
    return [
        ("content-type", content_type),
        ("x-request-id", ctx.request_id),
        ("x-dashscope-call-gateway", "true"),
        ("req-cost-time", "231"),
        ("req-arrive-time", str(now_ms - 231)),
        ("resp-start-time", str(now_ms)),
        ("x-envoy-upstream-service-time", "229"),
        ("vary", "Origin,Access-Control-Request-Method,Access-Control-Request-Headers"),
        ("date", email.utils.formatdate(usegmt=True)),
        ("server", "istio-envoy"),
    ]


_SSE = "text/event-stream;charset=UTF-8"
_JSON = "application/json; charset=utf-8"


def _pieces(text: str, size: int) -> list[str]:
    size = max(1, size)
    return [text[i : i + size] for i in range(0, len(text), size)]


class _Frames:
    """Builds the SSE frames of one reply in the request's dialect."""

    def __init__(self, ctx: Context, newline: str = "\n", *, thinking_mode: bool = True) -> None:
        self.ctx = ctx
        self.nl = newline
        self.native = ctx.dialect == NATIVE
        self.thinking_mode = thinking_mode
        self.next_id = 1
        self.created = int(time.time())
        self.chat_id = f"chatcmpl-{ctx.request_id}"
        messages = ctx.request.messages
        self.input_tokens = 9 + sum(len(str(m.get("content", ""))) // 3 + 4 for m in messages)
        self.reasoning_tokens = 0
        self.output_tokens = 0

    def _chunk(self, choices: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
        return {
            "id": self.chat_id,
            "object": "chat.completion.chunk",
            "created": self.created,
            "model": self.ctx.model,
            "choices": choices,
            "system_fingerprint": None,
            **extra,
        }

    def data(self, obj: Any) -> bytes:
        nl = self.nl
        return f"data: {_json(obj)}{nl}{nl}".encode()

    def native_event(self, obj: Any, *, event: str = "result", status: int = 200) -> bytes:
        nl = self.nl
        frame = f"id:{self.next_id}{nl}event:{event}{nl}:HTTP_STATUS/{status}{nl}data:{_json(obj)}"
        self.next_id += 1
        return f"{frame}{nl}{nl}".encode()

    def usage(self, cached: int | None = None) -> dict[str, Any]:
        if self.native:
            usage: dict[str, Any] = {
                "input_tokens": self.input_tokens,
                "output_tokens": self.output_tokens,
                "total_tokens": self.input_tokens + self.output_tokens,
            }
            if self.reasoning_tokens:
                usage["output_tokens_details"] = {"reasoning_tokens": self.reasoning_tokens}
            if cached is not None:
                usage["prompt_tokens_details"] = {"cached_tokens": cached}
            return usage
        usage = {
            "prompt_tokens": self.input_tokens,
            "completion_tokens": self.output_tokens,
            "total_tokens": self.input_tokens + self.output_tokens,
        }
        if self.reasoning_tokens:
            usage["completion_tokens_details"] = {"reasoning_tokens": self.reasoning_tokens}
        if cached is not None:
            usage["prompt_tokens_details"] = {"cached_tokens": cached}
        return usage

    def _native_message(self, content: str, reasoning: str, reason: str, usage: bool) -> bytes:
        message = {"content": content, "role": "assistant"}
        if self.thinking_mode:
            message["reasoning_content"] = reasoning
        obj: dict[str, Any] = {
            "output": {"choices": [{"message": message, "finish_reason": reason}]},
        }
        if usage:
            obj["usage"] = self.usage()
        obj["request_id"] = self.ctx.request_id
        return self.native_event(obj)

    def start(self) -> list[bytes]:
        if self.native:
            return []
        delta: dict[str, Any] = {"content": None, "role": "assistant"}
        if self.thinking_mode:
            delta["reasoning_content"] = ""
        else:
            delta["content"] = ""
        return [self.data(self._chunk([{"index": 0, "delta": delta, "finish_reason": None}]))]

    def thinking(self, piece: str, usage: bool = True) -> bytes:
        self.reasoning_tokens += 1
        self.output_tokens += 1
        if self.native:
            return self._native_message("", piece, "null", usage)
        delta = {"content": None, "reasoning_content": piece}
        return self.data(self._chunk([{"index": 0, "delta": delta, "finish_reason": None}]))

    def answer(self, piece: str, usage: bool = True) -> bytes:
        self.output_tokens += 1
        if self.native:
            return self._native_message(piece, "", "null", usage)
        delta: dict[str, Any] = {"content": piece}
        if self.thinking_mode:
            delta["reasoning_content"] = None
        return self.data(self._chunk([{"index": 0, "delta": delta, "finish_reason": None}]))

    def finish(self, reason: str, usage: bool, cached: int | None = None) -> list[bytes]:
        if self.native:
            message = {"content": "", "role": "assistant"}
            if self.thinking_mode:
                message["reasoning_content"] = ""
            obj: dict[str, Any] = {
                "output": {"choices": [{"message": message, "finish_reason": reason}]},
            }
            if usage:
                obj["usage"] = self.usage(cached)
            obj["request_id"] = self.ctx.request_id
            return [self.native_event(obj)]
        frames = [
            self.data(
                self._chunk(
                    [{"index": 0, "delta": {"content": ""}, "finish_reason": reason}], usage=None
                )
            )
        ]
        body = self.ctx.request.body if isinstance(self.ctx.request.body, dict) else {}
        wants_usage = bool((body.get("stream_options") or {}).get("include_usage"))
        if usage and wants_usage:
            frames.append(self.data(self._chunk([], usage=self.usage(cached))))
        frames.append(f"data: [DONE]{self.nl}{self.nl}".encode())
        return frames

    def error_frame(self, code: str, message: str, status: int, shape: str | None) -> bytes:
        shape = shape or ("native" if self.native else "openai")
        if shape == "native":
            obj = {"request_id": self.ctx.request_id, "code": code, "message": message}
            return self.native_event(obj, event="error", status=status)
        return self.data(_openai_error(code, message, self.ctx.request_id))


def _openai_error(code: str, message: str, request_id: str) -> dict[str, Any]:
    native_style = code != code.lower() or "." in code
    kind = code if native_style else "invalid_request_error"
    return {
        "error": {"message": message, "type": kind, "param": None, "code": code},
        "request_id": request_id,
    }


def _stream(
    ctx: Context,
    thinking: str,
    answer: str,
    *,
    chunk_size: int,
    delay: float,
    usage: bool,
    finish: str | None,
    newline: str,
    cached_tokens: int | None = None,
) -> tuple[_Frames, list[Part]]:
    """The frames of a reply; ``finish=None`` stops after the last answer piece."""
    frames = _Frames(ctx, newline, thinking_mode=bool(thinking))
    parts: list[Part] = []

    def add(frame: bytes) -> None:
        if delay and parts:
            parts.append(delay)
        parts.append(frame)

    for frame in frames.start():
        add(frame)
    for piece in _pieces(thinking, chunk_size):
        add(frames.thinking(piece, usage))
    for piece in _pieces(answer, chunk_size):
        add(frames.answer(piece, usage))
    if finish is not None:
        for frame in frames.finish(finish, usage, cached_tokens):
            add(frame)
    return frames, parts


# -- scenarios ------------------------------------------------------------------------------


def thinking_answer(
    thinking: str,
    answer: str,
    *,
    chunk_size: int = 8,
    delay: float = 0.0,
    usage: bool = True,
    finish_reason: str = "stop",
    newline: str = "\n",
    cached_tokens: int | None = None,
) -> Scenario:
    """A normal streamed reply: thinking, then the answer, the finish, usage, the end marker."""

    def render(ctx: Context) -> Reply:
        _, parts = _stream(
            ctx,
            thinking,
            answer,
            chunk_size=chunk_size,
            delay=delay,
            usage=usage,
            finish=finish_reason,
            newline=newline,
            cached_tokens=cached_tokens,
        )
        return Reply(200, _service_headers(ctx, _SSE), parts)

    return Scenario("thinking_answer", render)


def answer_only(answer: str, **kwargs: Any) -> Scenario:
    """A reply without thinking (thinking off, or a non-thinking model)."""
    scenario = thinking_answer("", answer, **kwargs)
    return Scenario("answer_only", scenario.render)


def slow(thinking: str, answer: str, *, delay: float, chunk_size: int = 4) -> Scenario:
    """A steady, slow stream: one small piece every ``delay`` seconds."""
    scenario = thinking_answer(thinking, answer, chunk_size=chunk_size, delay=delay)
    return Scenario("slow", scenario.render)


def drip(thinking: str, answer: str, *, delay: float = 0.0, newline: str = "\n") -> Scenario:
    """A normal reply written one byte per write, so reads split inside UTF-8 characters."""

    def render(ctx: Context) -> Reply:
        _, parts = _stream(
            ctx, thinking, answer, chunk_size=3, delay=0.0, usage=True, finish="stop",
            newline=newline,
        )  # fmt: skip
        return Reply(200, _service_headers(ctx, _SSE), parts, split=1, split_delay=delay)

    return Scenario("drip", render)


def error(
    status: int,
    code: str,
    message: str,
    *,
    sse_framed: bool = False,
    retry_after: int | float | str | None = None,
) -> Scenario:
    """An error before any streaming: a non-200 with the dialect's error body."""

    def render(ctx: Context) -> Reply:
        if ctx.dialect == NATIVE:
            obj: dict[str, Any] = {"request_id": ctx.request_id, "code": code, "message": message}
        else:
            obj = _openai_error(code, message, ctx.request_id)
        if sse_framed:
            frames = _Frames(ctx)
            if ctx.dialect == NATIVE:
                body = frames.native_event(obj, event="error", status=status)
            else:
                body = frames.data(obj)
            headers = _service_headers(ctx, _SSE)
        else:
            body = _json(obj).encode()
            headers = _service_headers(ctx, _JSON)
        if retry_after is not None:
            headers.append(("retry-after", str(retry_after)))
        return Reply(status, headers, [body], framing="length")

    return Scenario(f"error {status} {code}", render)


def midstream_error(
    code: str,
    message: str,
    *,
    status: int = 400,
    after_answer: str = "partial ",
    shape: str | None = None,
) -> Scenario:
    """A 200 stream that sends some answer, then an error frame, then ends.

    ``shape``: None for the dialect's own (``data: {"error":…}`` in the compatible API,
    ``event:error`` + ``:HTTP_STATUS/NNN`` in the native one), or "native"/"openai" to force one.
    """

    def render(ctx: Context) -> Reply:
        frames, parts = _stream(
            ctx, "", after_answer, chunk_size=8, delay=0.0, usage=True, finish=None, newline="\n"
        )
        parts.append(frames.error_frame(code, message, status, shape))
        return Reply(200, _service_headers(ctx, _SSE), parts)

    return Scenario(f"midstream_error {code}", render)


def dropped(after_answer: str, *, thinking: str = "") -> Scenario:
    """Some answer, then the connection closes mid-body (an incomplete chunked body)."""

    def render(ctx: Context) -> Reply:
        _, parts = _stream(
            ctx, thinking, after_answer, chunk_size=8, delay=0.0, usage=True, finish=None,
            newline="\n",
        )  # fmt: skip
        return Reply(200, _service_headers(ctx, _SSE), parts, ending="drop")

    return Scenario("dropped", render)


def truncated(after_answer: str, *, thinking: str = "") -> Scenario:
    """Some answer, then a cleanly ended body with no finish_reason and no ``[DONE]``."""

    def render(ctx: Context) -> Reply:
        _, parts = _stream(
            ctx, thinking, after_answer, chunk_size=8, delay=0.0, usage=True, finish=None,
            newline="\n",
        )  # fmt: skip
        return Reply(200, _service_headers(ctx, _SSE), parts)

    return Scenario("truncated", render)


def stall(after_answer: str, seconds: float) -> Scenario:
    """Some answer, then silence for ``seconds``, then the connection closes."""

    def render(ctx: Context) -> Reply:
        _, parts = _stream(
            ctx, "", after_answer, chunk_size=8, delay=0.0, usage=True, finish=None, newline="\n"
        )
        parts.append(float(seconds))
        return Reply(200, _service_headers(ctx, _SSE), parts, ending="drop")

    return Scenario("stall", render)


_HTML = (
    "<html>\r\n<head><title>{code} {phrase}</title></head>\r\n<body>\r\n"
    "<center><h1>{code} {phrase}</h1></center>\r\n<hr><center>nginx</center>\r\n"
    "</body>\r\n</html>\r\n"
)


def html(status: int = 502) -> Scenario:
    """An HTML error page from a proxy in front of the service (no request id)."""

    def render(ctx: Context) -> Reply:
        phrase = http.HTTPStatus(status).phrase
        body = _HTML.format(code=status, phrase=phrase).encode()
        headers = [
            ("server", "nginx"),
            ("date", email.utils.formatdate(usegmt=True)),
            ("content-type", "text/html"),
        ]
        return Reply(status, headers, [body], framing="length")

    return Scenario(f"html {status}", render)


def garbage() -> Scenario:
    """A 200 "stream" of lines that are neither SSE nor JSON."""

    def render(ctx: Context) -> Reply:
        body = b"hello there\n<html>not a stream</html>\n\ndata: {this is not json\n\n"
        return Reply(200, _service_headers(ctx, _SSE), [body])

    return Scenario("garbage", render)


def endless_line(after_answer: str, megabytes: int) -> Scenario:
    """Some answer, then one ``data:`` line that never ends (``megabytes`` of it, 64 KiB per write).

    What a broken or hostile server does to a client that buffers lines without limit."""

    def render(ctx: Context) -> Reply:
        _, parts = _stream(
            ctx, "", after_answer, chunk_size=8, delay=0.0, usage=True, finish=None, newline="\n"
        )
        parts.append(b'data: {"choices":[{"delta":{"content":"')
        block = b"x" * 65536
        parts.extend([block] * (megabytes * 16))
        return Reply(200, _service_headers(ctx, _SSE), parts, ending="drop")

    return Scenario("endless_line", render)


def invalid_utf8_after(answer: str) -> Scenario:
    """A whole answer and a bad UTF-8 byte written in the same read, with no end marker."""

    def render(ctx: Context) -> Reply:
        _, parts = _stream(
            ctx, "", answer, chunk_size=8, delay=0.0, usage=True, finish=None, newline="\n"
        )
        body = b"".join(p for p in parts if isinstance(p, bytes)) + b"data: \xff\xfe\n\n"
        return Reply(200, _service_headers(ctx, _SSE), [body])

    return Scenario("invalid_utf8_after", render)


def keepalive_only(after_answer: str, seconds: float, *, interval: float = 0.1) -> Scenario:
    """Some answer, then only ``: ping`` comments every ``interval`` for ``seconds``, then the
    connection closes: what resets a read timeout forever without ever sending content."""

    def render(ctx: Context) -> Reply:
        _, parts = _stream(
            ctx, "", after_answer, chunk_size=8, delay=0.0, usage=True, finish=None, newline="\n"
        )
        for _ in range(max(1, int(seconds / interval))):
            parts += [interval, b": ping\n\n"]
        return Reply(200, _service_headers(ctx, _SSE), parts, ending="drop")

    return Scenario("keepalive_only", render)


def endless_answer(piece: str, pieces: int, *, delay: float = 0.0) -> Scenario:
    """An answer that never finishes: ``pieces`` deltas of ``piece`` and no finish_reason, then
    the connection closes (a model stuck repeating itself)."""

    def render(ctx: Context) -> Reply:
        frames = _Frames(ctx)
        parts: list[Part] = list(frames.start())
        frame = frames.answer(piece, False)
        for _ in range(pieces):
            if delay:
                parts.append(delay)
            parts.append(frame)
        return Reply(200, _service_headers(ctx, _SSE), parts, ending="drop")

    return Scenario("endless_answer", render)


def empty_200() -> Scenario:
    """A 200 with an empty body."""

    def render(ctx: Context) -> Reply:
        return Reply(200, _service_headers(ctx, _SSE), [], framing="length")

    return Scenario("empty_200", render)


def _last_user_text(ctx: Context) -> str:
    for message in reversed(ctx.request.messages):
        if message.get("role") == "user":
            return str(message.get("content", ""))
    return ""


def _wants_thinking(ctx: Context) -> bool:
    from app.core import catalog

    body = ctx.request.body if isinstance(ctx.request.body, dict) else {}
    flag = body.get("enable_thinking")
    if ctx.dialect == NATIVE:
        flag = (body.get("parameters") or {}).get("enable_thinking")
    return catalog.lookup(ctx.model).thinking_enabled(flag if isinstance(flag, bool) else None)


def echo() -> Scenario:
    """The default reply: thinks about the last user message (if thinking is on), echoes it."""

    def render(ctx: Context) -> Reply:
        text = _last_user_text(ctx)
        thinking = f"The user wrote: {text}. I will echo it." if _wants_thinking(ctx) else ""
        return thinking_answer(thinking, f"You said: {text}").render(ctx)

    return Scenario("echo", render)


def _invalid_key(ctx: Context) -> Reply:
    if ctx.dialect == NATIVE:
        obj: dict[str, Any] = {
            "code": "InvalidApiKey",
            "message": "Invalid API-key provided.",
            "request_id": ctx.request_id,
        }
    else:
        obj = _openai_error(
            "invalid_api_key",
            "Incorrect API key provided. For details, see: "
            "https://help.aliyun.com/zh/model-studio/error-code#apikey-error",
            ctx.request_id,
        )
    return Reply(401, _service_headers(ctx, _JSON), [_json(obj).encode()], framing="length")


def _native_check(ctx: Context) -> Reply | None:
    """The native API refuses thinking without incremental output, as the real one does."""
    body = ctx.request.body if isinstance(ctx.request.body, dict) else {}
    params = body.get("parameters") or {}
    if params.get("enable_thinking") is True and params.get("incremental_output") is not True:
        return error(
            400,
            "InvalidParameter",
            'The incremental_output parameter must be "true" when enable_thinking is true',
        ).render(ctx)
    return None


# -- the server -----------------------------------------------------------------------------


class FakeServer:
    """The fake service; a context manager that starts and stops it (see the module doc)."""

    def __init__(self, *, port: int = 0, expected_key: str | None = None) -> None:
        self.requests: list[ReceivedRequest] = []
        self.expected_key = expected_key
        self.disconnects = 0
        self._port = port
        self._queue: deque[Scenario] = deque()
        self._lock = threading.Lock()
        self._disconnected = threading.Event()
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.Server | None = None
        self._thread: threading.Thread | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._startup_error: BaseException | None = None
        self.base_url = ""

    # public API -------------------------------------------------------------------------------

    def enqueue(self, *scenarios: Scenario) -> None:
        with self._lock:
            self._queue.extend(scenarios)

    def wait_for_disconnect(self, timeout: float = 10) -> bool:
        """True once a client has closed its connection in the middle of a reply."""
        return self._disconnected.wait(timeout)

    @property
    def port(self) -> int:
        return int(self.base_url.rsplit(":", 1)[1])

    def start(self) -> FakeServer:
        self._thread = threading.Thread(target=self._run, name="fake-model-studio", daemon=True)
        self._thread.start()
        self._ready.wait(30)
        if self._startup_error is not None:
            raise RuntimeError("the fake server did not start") from self._startup_error
        return self

    def stop(self) -> None:
        loop = self._loop
        if loop is None or self._thread is None:
            return
        with contextlib.suppress(Exception):
            asyncio.run_coroutine_threadsafe(self._shutdown(), loop).result(30)
        loop.call_soon_threadsafe(loop.stop)
        self._thread.join(30)
        self._thread = None

    def __enter__(self) -> FakeServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # server thread ----------------------------------------------------------------------------

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            self._server = loop.run_until_complete(
                asyncio.start_server(self._connection, "127.0.0.1", self._port, limit=1 << 20)
            )
            port = self._server.sockets[0].getsockname()[1]
            self.base_url = f"http://127.0.0.1:{port}"
        except BaseException as exc:  # reported by start()
            self._startup_error = exc
            self._ready.set()
            loop.close()
            return
        self._ready.set()
        try:
            loop.run_forever()
        finally:
            loop.close()

    async def _shutdown(self) -> None:
        assert self._server is not None
        self._server.close()
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.wait(list(self._tasks), timeout=10)
        await self._server.wait_closed()

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        try:
            while True:
                request = await _read_request(reader)
                if request is None:
                    break
                with self._lock:
                    self.requests.append(request)
                keep_alive = await self._respond(request, reader, writer)
                if not keep_alive:
                    break
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass
        finally:
            self._tasks.discard(task)
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()

    def _reply_for(self, request: ReceivedRequest) -> Reply:
        ctx = Context(request, request.dialect or OPENAI, str(uuid.uuid4()))
        if request.dialect is None:
            body = b"404 page not found\n"
            return Reply(404, [("content-type", "text/plain")], [body], framing="length")
        if request.method != "POST":
            return Reply(405, [("content-type", "text/plain")], [b"405\n"], framing="length")
        key = self.expected_key
        if key is not None and request.headers.get("authorization") != f"Bearer {key}":
            return _invalid_key(ctx)
        if ctx.dialect == NATIVE:
            refused = _native_check(ctx)
            if refused is not None:
                return refused
        with self._lock:
            scenario = self._queue.popleft() if self._queue else echo()
        return scenario.render(ctx)

    async def _respond(
        self, request: ReceivedRequest, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> bool:
        """Send the reply; False when the connection must be closed afterwards."""
        reply = self._reply_for(request)
        phrase = http.HTTPStatus(reply.status).phrase
        head = [f"HTTP/1.1 {reply.status} {phrase}"]
        head += [f"{name}: {value}" for name, value in reply.headers]
        if reply.framing == "length":
            size = sum(len(p) for p in reply.parts if isinstance(p, bytes))
            head.append(f"content-length: {size}")
        else:
            head.append("transfer-encoding: chunked")
        writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1"))

        async def send_body() -> None:
            await writer.drain()
            for part in reply.parts:
                if isinstance(part, float):
                    await asyncio.sleep(part)
                    continue
                if reply.framing == "length":
                    writer.write(part)
                    await writer.drain()
                    continue
                step = reply.split or len(part) or 1
                for i in range(0, len(part), step):
                    piece = part[i : i + step]
                    writer.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                    await writer.drain()
                    if reply.split:
                        await asyncio.sleep(reply.split_delay)
            if reply.ending == "complete" and reply.framing == "chunked":
                writer.write(b"0\r\n\r\n")
                await writer.drain()

        sender = asyncio.ensure_future(send_body())
        watcher = asyncio.ensure_future(reader.read(65536))
        try:
            done, _ = await asyncio.wait({sender, watcher}, return_when=asyncio.FIRST_COMPLETED)
            if sender in done and sender.exception() is None:
                return reply.ending == "complete"
            self._note_disconnect()
            return False
        finally:
            for task in (sender, watcher):
                if not task.done():
                    task.cancel()
                with contextlib.suppress(BaseException):
                    await task

    def _note_disconnect(self) -> None:
        with self._lock:
            self.disconnects += 1
        self._disconnected.set()


async def _read_request(reader: asyncio.StreamReader) -> ReceivedRequest | None:
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError:
        return None
    lines = head.decode("latin-1").split("\r\n")
    method, target, _version = lines[0].split(" ", 2)
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if line:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
    if headers.get("transfer-encoding", "").lower() == "chunked":
        raw = bytearray()
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await reader.readuntil(b"\r\n")
                break
            raw += await reader.readexactly(size)
            await reader.readexactly(2)
        body_bytes = bytes(raw)
    else:
        body_bytes = await reader.readexactly(int(headers.get("content-length", "0") or 0))
    try:
        body = json.loads(body_bytes) if body_bytes else None
    except ValueError:
        body = None
    return ReceivedRequest(method, target, headers, body, body_bytes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the fake Model Studio in the foreground.")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--key", help="accept only this API key (others get 401)")
    args = parser.parse_args(argv)
    with FakeServer(port=args.port, expected_key=args.key) as fake:
        print(f"Fake Model Studio on {fake.base_url} (Ctrl-C to stop)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
