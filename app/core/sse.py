"""An incremental Server-Sent-Events decoder: raw bytes in, ``SseEvent`` records out.

Why not ``httpx.Response.aiter_lines()``: it decodes each network read before splitting and
splits like ``str.splitlines``, which also breaks on U+2028, U+2029 and U+0085 inside a JSON
string. Here raw bytes are buffered and split on CR, LF and CRLF only (a CR that ends one read
and an LF that starts the next are one line end), and only complete lines are decoded, so a CJK
character or an emoji split across reads is never mangled.

Both Model Studio dialects are read by this one decoder:

* ``data:`` with or without the single optional space, ``id:`` and ``event:`` lines;
* comment lines (``: ping``, ``:keepalive``) are skipped, except ``:HTTP_STATUS/NNN``, the
  in-band status of the native API (an old capture omits the colon), which is kept on the event;
* an event is dispatched on a blank line, and at EOF if anything is pending.

Bounded by design: a server (or anything in between) that sends a line that never ends, or an
event whose ``data:`` lines never stop, would otherwise make the client buffer it without limit
(gigabytes within seconds). A line longer than ``MAX_LINE_BYTES`` or an event larger than
``MAX_EVENT_BYTES`` raises ``SseTooLarge`` (a ``SseDecodeError``: the stream is malformed, and the
text that arrived before it is kept). Real frames are a few hundred bytes; both caps are far above
anything the service sends.

An error never swallows what came before it: when a read completes some events and then hits
invalid UTF-8 or a cap, ``feed`` returns those events and the error is raised by the next
``feed``/``close``, so the valid text of the same read still reaches the user.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINE_END = re.compile(rb"\r\n|\r|\n")
_HTTP_STATUS = re.compile(r"^:?HTTP_STATUS/(\d{3})")
_BOM = "\ufeff"

#: Longest line kept while waiting for its end (a JSON frame is a few hundred bytes).
MAX_LINE_BYTES = 4 * 1024 * 1024
#: Largest event (its ``data:`` lines together).
MAX_EVENT_BYTES = 8 * 1024 * 1024


class SseDecodeError(ValueError):
    """The bytes are not an event stream that can be read (invalid UTF-8, or over a size cap)."""


class SseTooLarge(SseDecodeError):
    """A line or an event grew past its cap: refused rather than buffered without limit."""


@dataclass(frozen=True, slots=True)
class SseEvent:
    """One dispatched SSE event. ``data`` joins the event's ``data:`` lines with LF."""

    data: str
    event: str | None = None
    id: str | None = None
    #: The status of a ``:HTTP_STATUS/NNN`` comment within this event, if any.
    status: int | None = None


class SseDecoder:
    """Feed it bytes as they arrive; it returns the events those bytes complete.

    ``ignored_lines`` counts lines that were neither a known field, a comment nor blank (what
    a proxy's HTML page or other garbage looks like), for diagnostics.
    """

    def __init__(self) -> None:
        self._buffer = bytearray()
        self._skip_lf = False  # the previous read ended with CR: an LF next is the same line end
        self._first_line = True
        self._data: list[str] = []
        self._event: str | None = None
        self._id: str | None = None
        self._last_id: str | None = None
        self._status: int | None = None
        # The last ``:HTTP_STATUS/NNN`` line read and its status, to skip the regex on repeats.
        self._status_line = ""
        self._status_value: int | None = None
        self._pending = False
        self._data_bytes = 0
        self._error: SseDecodeError | None = None
        self.ignored_lines = 0
        self.lines = 0

    def feed(self, chunk: bytes) -> list[SseEvent]:
        """Consume one network read; return the events completed by it (possibly none)."""
        self._raise_pending()
        if not chunk:
            return []
        if self._skip_lf:
            self._skip_lf = False
            if chunk[:1] == b"\n":
                chunk = chunk[1:]
        buffer = self._buffer
        scanned = len(buffer)  # what is buffered already holds no line end
        buffer += chunk
        if b"\r" in chunk:
            lines: list[bytes] = []
            start = 0
            for match in _LINE_END.finditer(buffer, scanned):
                lines.append(bytes(buffer[start : match.start()]))
                start = match.end()
                if match.group() == b"\r" and start == len(buffer):
                    self._skip_lf = True
        else:
            # The common case, and the hot path of a fast stream: LF only (what is buffered
            # holds no line end at all), so a plain split finds the same lines.
            lines = bytes(buffer).split(b"\n")
            start = len(buffer) - len(lines.pop())
        events: list[SseEvent] = []
        error: SseDecodeError | None = None
        try:
            self._read(lines, events)
        except SseDecodeError as exc:
            error = exc
        del buffer[:start]
        if error is None and len(buffer) > MAX_LINE_BYTES:
            limit = MAX_LINE_BYTES // (1024 * 1024)
            error = SseTooLarge(f"A line of the stream exceeded {limit} MB.")
        if error is not None:
            return self._defer(error, events)
        return events

    def close(self) -> list[SseEvent]:
        """End of stream: a last unterminated line counts, and a pending event is dispatched."""
        self._raise_pending()
        events: list[SseEvent] = []
        if self._buffer:
            line = bytes(self._buffer)
            self._buffer.clear()
            self._read([line], events)
        event = self._dispatch()
        if event is not None:
            events.append(event)
        return events

    def _defer(self, error: SseDecodeError, events: list[SseEvent]) -> list[SseEvent]:
        """Keep ``error`` for the next call; hand out what was complete before it."""
        self._buffer.clear()
        self._error = error
        if not events:
            self._raise_pending()
        return events

    def _raise_pending(self) -> None:
        if self._error is not None:
            raise self._error

    def _read(self, lines: list[bytes], events: list[SseEvent]) -> None:
        """Take complete lines into the pending event; append each event a blank line ends.

        The hot loop of a fast stream (five lines an event in the native API), so it is one
        loop over the lines rather than a call per line.
        """
        append = self._data.append
        count = 0
        try:
            for raw in lines:
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    reason = exc.reason
                    raise SseDecodeError(f"The stream is not UTF-8 text ({reason}).") from None
                count += 1
                if self._first_line:
                    self._first_line = False
                    line = line.removeprefix(_BOM)
                if not line:
                    event = self._dispatch()
                    if event is not None:
                        events.append(event)
                    continue
                first = line[0]
                if first == ":" or first == "H":
                    if line == self._status_line:  # the native API repeats it in every event
                        self._status = self._status_value
                        self._pending = True
                        continue
                    status = _HTTP_STATUS.match(line)
                    if status is not None:
                        self._status = self._status_value = int(status.group(1))
                        self._status_line = line
                        self._pending = True
                        continue
                    if first == ":":
                        continue  # keep-alive or other comment
                name, colon, value = line.partition(":")
                if colon and value.startswith(" "):
                    value = value[1:]
                if name == "data":
                    self._data_bytes += len(raw)
                    if self._data_bytes > MAX_EVENT_BYTES:
                        limit = MAX_EVENT_BYTES // (1024 * 1024)
                        raise SseTooLarge(f"An event of the stream exceeded {limit} MB.")
                    append(value)
                elif name == "event":
                    self._event = value
                elif name == "id":
                    if "\0" not in value:
                        self._id = value
                elif name == "retry":
                    continue
                else:
                    self.ignored_lines += 1
                    continue
                self._pending = True
        finally:
            self.lines += count

    def _dispatch(self) -> SseEvent | None:
        """Emit the pending event (if it has data, or is an ``event:error`` without data)."""
        if not self._pending:
            return None
        if self._id is not None:
            self._last_id = self._id
        event = None
        if self._data or self._event == "error":
            event = SseEvent("\n".join(self._data), self._event, self._last_id, self._status)
        self._data.clear()  # (the same list: ``_read`` holds its append)
        self._data_bytes = 0
        self._event = None
        self._id = None
        self._status = None
        self._pending = False
        return event
