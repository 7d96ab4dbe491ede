"""The body of a chunked HTTP/1.1 stream, read straight from its connection: one piece of body
per network read, instead of one per chunk.

Why: Model Studio sends every SSE event in a chunk of its own, so a fast reply of 35,000 deltas
is 35,000 chunks. Read through ``httpx.Response.aiter_raw`` each chunk climbs seven generator
layers (h11's reader and connection, httpcore's connection, byte stream and pool, httpx's
transport stream, bound stream and ``aiter_raw``): about 0.45 s of CPU for that reply, more than
decoding and parsing it. Here a network read of up to 64 KiB (hundreds of chunks) is unframed in
one loop of ``bytes.find`` and slices and handed on as one piece, so the SSE decoder splits many
events at once and the client checks its limits once per read, as it always meant to.

Only where it is exactly the same reading: a plain HTTP/1.1 response (no Content-Encoding) with
``Transfer-Encoding: chunked``, served by httpcore's ``AsyncHTTP11Connection`` whose body nobody
has started to read. ``direct_body`` returns None otherwise (another transport, HTTP/2, a
Content-Length body, a version of httpx/httpcore laid out differently), and the caller reads
through httpx as before. The installed versions take this path (a test checks it).

Errors are httpx's, as the caller's taxonomy expects: a network read fails with the
``httpcore`` error httpx would map (``ReadTimeout``, ``ReadError``…), mapped to the same httpx
class with the request attached; a malformed chunk line or footer, an over-long chunk line and
an end of connection before the last chunk raise ``httpx.RemoteProtocolError``, as h11 does.
(One leniency: trailer fields after the last chunk, which nothing reads, are skipped unchecked,
where h11 would refuse a malformed one; the reply has ended by then.)
Closing works as before: the response's ``aclose`` (the caller's ``async with``) finds the
connection's HTTP state unfinished, as it is after any early stop, and closes the connection
instead of reusing it.
"""

from __future__ import annotations

import re
from collections.abc import AsyncGenerator
from typing import Any

from app.core import lean_imports

with lean_imports.without(*lean_imports.HTTPX_EXTRAS):  # as in app.core.client
    import h11
    import httpcore
    import httpx

#: What one network read asks for (httpcore's own ``READ_NUM_BYTES``).
READ_BYTES = 64 * 1024
#: Longest chunk-size or trailer line waited for (httpcore's limit on an incomplete h11 event).
MAX_LINE_BYTES = 100 * 1024
#: A chunk-size line as h11 accepts it: 1-20 hex digits, extensions ignored, trailing blanks.
_CHUNK_LINE = re.compile(rb"([0-9A-Fa-f]{1,20})(?:;.*)?[ \t]*")
#: httpcore's errors as httpx raises them (httpx's own map, most specific first).
_ERRORS: tuple[tuple[type[Exception], type[httpx.HTTPError]], ...] = (
    (httpcore.ReadTimeout, httpx.ReadTimeout),
    (httpcore.WriteTimeout, httpx.WriteTimeout),
    (httpcore.PoolTimeout, httpx.PoolTimeout),
    (httpcore.ConnectTimeout, httpx.ConnectTimeout),
    (httpcore.TimeoutException, httpx.TimeoutException),
    (httpcore.ReadError, httpx.ReadError),
    (httpcore.WriteError, httpx.WriteError),
    (httpcore.ConnectError, httpx.ConnectError),
    (httpcore.NetworkError, httpx.NetworkError),
    (httpcore.RemoteProtocolError, httpx.RemoteProtocolError),
    (httpcore.LocalProtocolError, httpx.LocalProtocolError),
    (httpcore.ProtocolError, httpx.ProtocolError),
)
_NETWORK_ERRORS = (httpcore.TimeoutException, httpcore.NetworkError, httpcore.ProtocolError)


class ChunkedDecoder:
    """Undoes chunked transfer coding: ``feed`` bytes as read, get the body bytes they carry.

    Pure and incremental (a chunk line, a chunk or its CRLF may be split across reads anywhere);
    raises ``httpx.RemoteProtocolError`` where h11 would. ``done`` once the last chunk (size 0)
    and its trailer have arrived; anything after it is ignored.
    """

    def __init__(self) -> None:
        self._pending = b""  # an unfinished chunk line or CRLF, kept for the next read
        self._left = 0  # bytes of the current chunk still to come
        self._footer = False  # a chunk's data ended: its CRLF comes next
        self._trailer = False  # the last chunk came: trailer lines until a blank one
        self.done = False

    def feed(self, data: bytes) -> bytes:
        if self.done:
            return b""
        if self._pending:
            data = self._pending + data
            self._pending = b""
        pieces: list[bytes] = []
        pos, end = 0, len(data)
        while pos < end:
            if self._left:
                stop = pos + self._left
                if stop > end:  # the chunk goes on in the next read
                    pieces.append(data[pos:] if pos else data)
                    self._left = stop - end
                    break
                pieces.append(data[pos:stop])
                self._left = 0
                self._footer = True
                pos = stop
                if pos == end:
                    break
            if self._footer:
                if end - pos < 2:
                    if data[pos:] != b"\r"[: end - pos]:
                        raise _malformed_footer(data[pos:])
                    self._pending = data[pos:]
                    break
                if data[pos : pos + 2] != b"\r\n":
                    raise _malformed_footer(data[pos : pos + 2])
                self._footer = False
                pos += 2
            line_end = data.find(b"\r\n", pos)
            if line_end < 0:
                self._pending = data[pos:]
                if len(self._pending) > MAX_LINE_BYTES:
                    raise httpx.RemoteProtocolError("Receive buffer too long")
                break
            line = data[pos:line_end]
            pos = line_end + 2
            if self._trailer:
                if not line:  # the blank line after the trailer fields: the body is whole
                    self.done = True
                    break
                continue  # a trailer field: not wanted
            match = _CHUNK_LINE.fullmatch(line)
            if match is None:
                raise httpx.RemoteProtocolError(f"illegal chunk header: {line!r}")
            self._left = int(match.group(1), 16)
            if not self._left:
                self._trailer = True
        return b"".join(pieces)

    def eof(self) -> None:
        """The connection ended: fine only after the last chunk."""
        if not self.done:
            raise httpx.RemoteProtocolError(
                "peer closed connection without sending complete message body "
                "(incomplete chunked read)"
            )


def _malformed_footer(got: bytes) -> httpx.RemoteProtocolError:
    return httpx.RemoteProtocolError(f"malformed chunk footer: {got!r} (expected b'\\r\\n')")


def _http11_connection(response: httpx.Response) -> Any | None:
    """The httpcore HTTP/1.1 connection behind ``response``'s body, if it is laid out as the
    installed httpx and httpcore lay it out; None for anything else."""
    stream: Any = response.stream
    for name in ("_stream", "_httpcore_stream", "_stream"):  # bound, transport, pool streams
        stream = getattr(stream, name, None)
    connection = getattr(stream, "_connection", None)
    if not isinstance(connection, httpcore.AsyncHTTP11Connection):
        return None
    if not hasattr(connection, "_h11_state") or not hasattr(connection, "_network_stream"):
        return None
    return connection


def direct_body(response: httpx.Response) -> AsyncGenerator[bytes, None] | None:
    """The body of ``response`` read from its connection, one piece per network read; None
    where that is not exactly what ``aiter_raw`` would give (then read it through httpx)."""
    if response.is_stream_consumed or response.is_closed or response.http_version != "HTTP/1.1":
        return None
    headers = response.headers
    if headers.get("content-encoding", "").strip().lower() not in ("", "identity"):
        return None
    if headers.get("transfer-encoding", "").strip().lower() != "chunked":
        return None
    connection = _http11_connection(response)
    if connection is None:
        return None
    state = connection._h11_state
    if getattr(state, "their_state", None) is not h11.SEND_BODY:  # (its body not begun)
        return None
    try:
        buffered, closed = state.trailing_data
    except AttributeError:
        return None
    response.is_stream_consumed = True
    timeout = response.request.extensions.get("timeout", {}).get("read")
    return _read(response, connection._network_stream, bytes(buffered), closed, timeout)


async def _read(
    response: httpx.Response, network: Any, buffered: bytes, closed: bool, timeout: float | None
) -> AsyncGenerator[bytes, None]:
    decoder = ChunkedDecoder()
    data = buffered  # what came with the headers (h11 holds it unparsed)
    while True:
        if data:
            body = decoder.feed(data)
            if body:
                yield body
            if decoder.done:
                return
        if closed:  # h11 had seen the end of the connection already
            break
        try:
            data = await network.read(READ_BYTES, timeout=timeout)
        except _NETWORK_ERRORS as exc:
            raise _mapped(exc, response) from exc
        if not data:
            break
    try:
        decoder.eof()
    except httpx.RemoteProtocolError as exc:
        exc.request = response.request
        raise


def _mapped(exc: Exception, response: httpx.Response) -> httpx.HTTPError:
    """The httpx error httpx itself would raise for ``exc``, with the request attached."""
    for source, target in _ERRORS:
        if isinstance(exc, source):
            mapped = target(str(exc))
            break
    else:  # pragma: no cover (every httpcore network error is listed)
        mapped = httpx.TransportError(str(exc))
    if isinstance(mapped, httpx.RequestError):
        mapped.request = response.request
    return mapped
