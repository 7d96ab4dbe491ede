"""``stream_chat()``: one chat request, streamed, as core events — the only place SeekDesk talks
HTTP to Model Studio.

Why it is shaped like this:

* **Retries only before the first token.** Once any thinking or answer text has arrived the
  reply is being billed and shown, so a failure after that is reported, never silently
  re-asked. Before it, throttles (429, honouring ``Retry-After``), server faults (500 family,
  502, 503, 504) and connect errors are retried with bounded exponential backoff and full
  jitter, each retry announced by a ``Retrying`` event. An error frame inside a 200 stream that
  arrives before any text counts as "before".
* **Cancellation is real.** The response lives in an ``async with`` inside this generator, so
  cancelling the consuming task, or ``aclose()`` on the generator, closes the connection at once
  (and so stops the generation, and its billing, on the server).
* **A fast stream is read a network read at a time.** The service sends each event in a chunk
  of its own; the body is unframed straight from the connection (``chunked_body``) and the
  events of one read travel through the layers here as one list (``stream_chat_batches``;
  ``stream_chat`` hands them out one by one), so 35,000 deltas are not 35,000 trips through
  every generator.
* **The key only leaves over HTTPS** (plain HTTP to loopback alone), checked here even for an
  ``Endpoint`` built by hand, and it is never part of anything logged: ``redacted()`` masks it.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections.abc import AsyncGenerator, AsyncIterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from app import __version__
from app.core import chunked_body, lean_imports, limits, protocols, untrusted
from app.core.client_options import ClientOptions
from app.core.errors import ErrorKind
from app.core.events import AnswerDelta, Event, Failure, Finished, Retrying, ThinkingDelta
from app.core.regions import ConfigError, Endpoint, is_loopback_host
from app.core.request import ChatRequest
from app.core.sse import SseDecodeError, SseDecoder
from app.core.transport_failures import name_the_place
from app.core.transport_failures import transport_failure as _transport_failure

with lean_imports.without(*lean_imports.HTTPX_EXTRAS):  # httpx's CLI, httpcore's trio
    import httpcore  # noqa: F401  (httpx imports it at the first request; trio hidden here)
    import httpx

USER_AGENT = f"SeekDesk/{__version__}"
#: How much of an error body is read (an error is small; a proxy page need not be read whole).
_ERROR_BODY_LIMIT = 64 * 1024


@dataclass(frozen=True, slots=True)
class PreparedRequest:
    method: str
    url: str
    headers: dict[str, str]
    body: dict[str, Any]

    def __repr__(self) -> str:  # a request in a log, a traceback or an f-string: never the key
        return f"PreparedRequest({self.redacted()!r})"

    __str__ = __repr__

    def redacted(self) -> dict[str, Any]:
        """The request as it may be shown or logged: the key replaced by ``***``."""
        headers = {
            name: ("Bearer ***" if name.lower() == "authorization" else value)
            for name, value in self.headers.items()
        }
        return {"method": self.method, "url": self.url, "headers": headers, "body": self.body}


def check_endpoint(endpoint: Endpoint) -> None:
    """Refuse to send a key anywhere but over HTTPS (or plain HTTP to this machine)."""
    parts = urlsplit(endpoint.url)
    host = parts.hostname or ""
    if parts.scheme == "https" and host:
        return
    if parts.scheme == "http" and host and is_loopback_host(host):
        return
    raise ConfigError(
        f"Refusing to send the API key to {parts.scheme}://{host or '?'}: only https://, or "
        "http:// to 127.0.0.1 or localhost, is allowed."
    )


def _check_key(api_key: str) -> None:
    if not api_key:
        raise ConfigError("No API key: set one in Settings or in DASHSCOPE_API_KEY.")
    if not api_key.isascii() or not api_key.isprintable() or any(c.isspace() for c in api_key):
        # Never echo the key itself.
        raise ConfigError("The API key contains spaces or characters an API key cannot have.")


def prepare_request(request: ChatRequest, endpoint: Endpoint, api_key: str) -> PreparedRequest:
    """The exact HTTP request ``stream_chat`` sends (shown by ``--dry-run``, redacted)."""
    check_endpoint(endpoint)
    _check_key(api_key)
    dialect = endpoint.dialect
    headers = {
        "Authorization": f"Bearer {api_key}",
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        **dialect.headers,
    }
    return PreparedRequest("POST", endpoint.url, headers, dialect.build_body(request))


def _timeout(options: ClientOptions) -> httpx.Timeout:
    return httpx.Timeout(
        connect=options.connect_timeout,
        read=options.read_timeout,
        write=options.connect_timeout,
        pool=options.connect_timeout,
    )


def _retry_delay(failure: Failure, attempt: int, options: ClientOptions) -> float | None:
    """Seconds to wait before retry number ``attempt`` (1-based), or None not to retry."""
    if not failure.retryable or attempt > options.max_retries:
        return None
    if failure.retry_after is not None and failure.retry_after > options.retry_after_max:
        return None
    # Never at once, whatever Retry-After says (0, negative, unparsable): at least the backoff
    # base, growing with each attempt like any other retry, with jitter in its upper half.
    ceiling = max(
        options.backoff_base, min(options.backoff_max, options.backoff_base * 2 ** (attempt - 1))
    )
    backoff = random.uniform(max(options.backoff_base, ceiling / 2), ceiling)
    return max(backoff, failure.retry_after or 0.0)


async def stream_chat(
    request: ChatRequest,
    endpoint: Endpoint,
    api_key: str,
    *,
    options: ClientOptions | None = None,
    http: httpx.AsyncClient | None = None,
) -> AsyncGenerator[Event, None]:
    """Yields Retrying (before a retry), ThinkingDelta, AnswerDelta, Usage, and always ends with
    exactly one terminal event: Finished or Failure. Cancelling the consuming task (or
    ``aclose()``) closes the HTTP connection at once.

    Raises ConfigError (before sending anything) for an endpoint or key that must not be used.
    Consume it with ``contextlib.aclosing`` when you may stop early, so the connection is closed
    at once rather than when the generator is collected.
    """
    batches = stream_chat_batches(request, endpoint, api_key, options=options, http=http)
    async with contextlib.aclosing(batches) as events:
        async for batch in events:
            for event in batch:
                yield event


async def stream_chat_batches(
    request: ChatRequest,
    endpoint: Endpoint,
    api_key: str,
    *,
    options: ClientOptions | None = None,
    http: httpx.AsyncClient | None = None,
) -> AsyncGenerator[list[Event], None]:
    """``stream_chat``'s events, a list at a time: the events of one network read together.

    For a consumer that keeps up with a fast stream (``seekdesk ask``): a read of a fast stream
    holds hundreds of events, and each hop of an async generator costs about a microsecond per
    item, so the client's layers pass lists and only the consumer goes through them one by one.
    Same events, same order, same guarantees (the terminal event last, in a list of its own).
    """
    options = options or ClientOptions()
    prepared = prepare_request(request, endpoint, api_key)
    async with contextlib.AsyncExitStack() as stack:
        client = http
        if client is None:
            # Proxy settings come from the environment, but this machine is never proxied.
            local = is_loopback_host(urlsplit(prepared.url).hostname or "")
            client = await stack.enter_async_context(
                httpx.AsyncClient(trust_env=not local, follow_redirects=False)
            )
        events = await stack.enter_async_context(
            contextlib.aclosing(_with_retries(client, prepared, endpoint.dialect, request, options))
        )
        async for batch in events:
            yield batch


def _has_text(batch: list[Event]) -> bool:
    return any(isinstance(event, ThinkingDelta | AnswerDelta) for event in batch)


async def _with_retries(
    client: httpx.AsyncClient,
    prepared: PreparedRequest,
    dialect: protocols.Dialect,
    request: ChatRequest,
    options: ClientOptions,
) -> AsyncGenerator[list[Event], None]:
    attempt = 0
    while True:
        attempt += 1
        started = False
        retry: Retrying | None = None
        async with contextlib.aclosing(
            _attempt(client, prepared, dialect, request.model, options)
        ) as attempt_events:
            async for batch in attempt_events:
                if not started and _has_text(batch):
                    started = True
                elif not started and isinstance(batch[-1], Failure):
                    # (a terminal event comes in a list of its own)
                    delay = _retry_delay(batch[-1], attempt, options)
                    if delay is not None:
                        retry = Retrying(attempt, delay, batch[-1])
                        break
                yield batch
        if retry is None:
            return
        yield [retry]
        await asyncio.sleep(retry.delay)


async def _attempt(
    client: httpx.AsyncClient,
    prepared: PreparedRequest,
    dialect: protocols.Dialect,
    model: str,
    options: ClientOptions,
) -> AsyncGenerator[list[Event], None]:
    """One HTTP exchange, in lists of events; always ends with a terminal event, in a list of
    its own (unless cancelled or closed).

    Deltas are yielded as they are read; the terminal event is yielded once the response is
    closed, so a consumer that lingers over a Finished or Failure holds no connection.
    """
    parser: protocols.StreamParser | None = None
    outcome: list[Event] = []
    try:
        async with client.stream(
            prepared.method,
            prepared.url,
            headers=prepared.headers,
            json=prepared.body,
            timeout=_timeout(options),
        ) as response:
            if response.status_code != 200:
                body = await _read_limited(response)
                outcome = [
                    dialect.read_error(response.status_code, response.headers, body, model=model)
                ]
            else:
                parser = dialect.parser(
                    model=model, request_id=response.headers.get("x-request-id")
                )
                content_type = response.headers.get("content-type", "").lower()
                if content_type.startswith("text/html"):
                    outcome = parser.fail(
                        kind=ErrorKind.MALFORMED_STREAM,
                        message="The server replied with a web page, not a Model Studio "
                        "stream (a proxy or a captive portal?).",
                    )
                elif "json" in content_type:
                    # Not a stream: an error object (or a non-streamed reply not asked for).
                    outcome = _json_reply(parser, await _read_limited(response))
                else:
                    watch = limits.ReplyWatch(_reply_limits(options))
                    reader = _read_stream(response, parser, watch, model)
                    async with contextlib.aclosing(reader) as batches:
                        async for batch in batches:
                            if isinstance(batch[-1], Finished | Failure):
                                outcome = [batch.pop()]
                            if batch:
                                yield batch
    except SseDecodeError as exc:
        assert parser is not None
        outcome = parser.fail(kind=ErrorKind.MALFORMED_STREAM, message=str(exc))
    except httpx.HTTPError as exc:
        if isinstance(exc.__context__, asyncio.CancelledError | GeneratorExit):
            # Closing the response while being cancelled or closed failed: stay cancelled.
            raise exc.__context__ from None
        outcome = [_transport_failure(exc, parser, model)]
    if outcome:
        yield outcome


def _reply_limits(options: ClientOptions) -> limits.ReplyLimits:
    return limits.ReplyLimits(
        options.read_timeout, options.max_reply_chars, options.max_reply_seconds
    )


async def _read_stream(
    response: httpx.Response,
    parser: protocols.StreamParser,
    watch: limits.ReplyWatch,
    model: str,
) -> AsyncGenerator[list[Event], None]:
    """The events of a 200 stream, a list per network read (never an empty one), until the
    parser has its terminal event, the body ends, or ``watch`` ends the reply (no content for
    too long, or over a cap). A terminal event ends the last list."""
    decoder = SseDecoder()
    # The service sends each event in a chunk of its own: read from the connection, a network
    # read is one piece of body however many chunks it holds (``chunked_body``). Otherwise a
    # body with no Content-Encoding is read raw: aiter_bytes would pass each read through two
    # more generator layers (identity decoder, chunker) for nothing.
    body: AsyncIterator[bytes] | None = chunked_body.direct_body(response)
    if body is None:
        encoding = response.headers.get("content-encoding", "").strip().lower()
        raw = encoding in ("", "identity")
        body = response.aiter_raw() if raw else response.aiter_bytes()
    feed = parser.feed
    # (httpx types both as AsyncIterator; they are async generators, with aclose)
    async with contextlib.aclosing(body) as chunks:  # type: ignore[type-var]
        async for chunk in chunks:
            batch: list[Event] = []
            for sse in decoder.feed(chunk):
                batch += feed(sse)
                if parser.done:
                    break
            watch.seen_all(batch)
            if parser.done:
                yield batch
                return
            ending = watch.verdict(model=model, request_id=parser.request_id)
            if ending is not None:
                parser.done = True
                batch.append(ending)
                yield batch
                return
            if batch:
                yield batch
    batch = []
    for sse in decoder.close():
        batch += feed(sse)
    batch += parser.eof()
    if batch:
        yield batch


def _json_reply(parser: protocols.StreamParser, body: bytes) -> list[Event]:
    """A 200 reply with a JSON body: an error object if it is one, else a malformed stream."""
    try:
        obj = untrusted.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        obj = None
    if isinstance(obj, dict):
        fields = protocols.error_fields(obj)
        if fields is not None and any(fields):
            rid = obj.get("request_id")
            request_id = parser.request_id or (rid if isinstance(rid, str) and rid else None)
            code, message = fields
            return parser.fail(code=code, message=message, request_id=request_id)
    return parser.fail(
        kind=ErrorKind.MALFORMED_STREAM,
        message="The service replied with JSON instead of a stream.",
    )


async def _read_limited(response: httpx.Response) -> bytes:
    body = bytearray()
    # (httpx types aiter_bytes() as AsyncIterator; it is an async generator, with aclose)
    async with contextlib.aclosing(response.aiter_bytes()) as chunks:  # type: ignore[type-var]
        async for chunk in chunks:
            body += chunk
            if len(body) >= _ERROR_BODY_LIMIT:
                break
    return bytes(body[:_ERROR_BODY_LIMIT])


__all__ = [
    "USER_AGENT",
    "ClientOptions",
    "PreparedRequest",
    "check_endpoint",
    "name_the_place",
    "prepare_request",
    "stream_chat",
    "stream_chat_batches",
]
