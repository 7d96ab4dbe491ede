"""What every dialect shares: the stream parser's frame, usage, error payloads, request ids.

A dialect (``openai``, ``dashscope``) only decides how a decoded ``data`` object becomes deltas
and where its finish reason and usage live. Everything else is common, because the service
mixes the two shapes freely (a native-style error frame inside an OpenAI-compatible stream, an
SSE-framed error body on a 400):

* any ``{"error": …}`` payload, any ``event:error`` frame, and any object with ``code`` and
  ``message``/``msg`` but no ``choices``/``output`` is a terminal failure, whose status comes
  from the frame's ``:HTTP_STATUS/NNN`` line;
* usage is cumulative in the native API and sent once in the compatible one: the last one seen
  is emitted once, just before ``Finished``;
* the request id comes from the ``x-request-id`` header, else the body's ``request_id``, else
  the uuid of a ``chatcmpl-<uuid>`` id;
* EOF without an end marker is a dropped connection; a body with no event at all (an empty 200,
  or lines that are not SSE) is a malformed stream.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.core import untrusted
from app.core.errors import ErrorKind, make_failure
from app.core.events import Event, Finished, Usage
from app.core.request import ChatRequest
from app.core.sse import SseEvent

#: finish_reason values that mean "still generating" (JSON null is None; native sends "null").
_NOT_FINISHED = (None, "", "null")


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _dict(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def delta_text(value: Any) -> str:
    """A delta's text: null, "" and absent are all "nothing"."""
    return value if isinstance(value, str) else ""


def has_token_counts(usage: Mapping[str, Any]) -> bool:
    """Whether ``parse_usage`` would read a ``Usage`` from ``usage`` (cheaper than reading it)."""
    for key in ("prompt_tokens", "input_tokens", "completion_tokens", "output_tokens"):
        value = usage.get(key)
        # (a plain int first: the native API repeats its usage in every event)
        if value.__class__ is int or _int(value) is not None:
            return True
    return False


def parse_usage(usage: Mapping[str, Any]) -> Usage | None:
    """Read token counts under either API's field names (both are accepted everywhere)."""
    input_tokens = _int(usage.get("prompt_tokens"))
    if input_tokens is None:
        input_tokens = _int(usage.get("input_tokens"))
    output_tokens = _int(usage.get("completion_tokens"))
    if output_tokens is None:
        output_tokens = _int(usage.get("output_tokens"))
    if input_tokens is None and output_tokens is None:
        return None
    reasoning = None
    for key in ("completion_tokens_details", "output_tokens_details"):
        reasoning = _int(_dict(usage.get(key)).get("reasoning_tokens"))
        if reasoning is not None:
            break
    cached = None
    for key in ("prompt_tokens_details", "input_tokens_details"):
        cached = _int(_dict(usage.get(key)).get("cached_tokens"))
        if cached is not None:
            break
    if cached is None:
        cached = _int(usage.get("cached_tokens"))
    return Usage(input_tokens or 0, output_tokens or 0, reasoning, cached)


def error_fields(obj: Mapping[str, Any]) -> tuple[str | None, str | None] | None:
    """(code, message) if ``obj`` is an error payload of either API, else None."""
    err = obj.get("error")
    if err is not None and err is not False:
        if isinstance(err, dict):
            code = err.get("code") or err.get("type")
            message = err.get("message") or err.get("msg")
        else:
            code, message = None, str(err)
        return (str(code) if code else None, str(message) if message else None)
    if "choices" in obj or "output" in obj:
        return None
    code = obj.get("code")
    message = obj.get("message") or obj.get("msg")
    if code and ("message" in obj or "msg" in obj):
        return str(code), str(message) if message else None
    return None


def request_id_from(obj: Mapping[str, Any]) -> str | None:
    rid = obj.get("request_id")
    return rid if isinstance(rid, str) and rid else None


def messages(request: ChatRequest) -> list[dict[str, str]]:
    """The turns as chat messages: role and content only, never any reasoning."""
    return [{"role": turn.role, "content": turn.text} for turn in request.turns]


class StreamParser:
    """Turns the SSE events of one 200 response into core events, for one dialect.

    ``feed`` returns the events an SSE event produces; ``eof`` those the end of the body
    produces. Once a terminal event (``Finished`` or ``Failure``) is returned, ``done`` is true
    and the rest is ignored, so the caller can stop reading and close the connection.
    """

    def __init__(self, *, model: str | None = None, request_id: str | None = None) -> None:
        self.model = model
        self.done = False
        self._header_request_id = request_id or None
        self._body_request_id: str | None = None
        self._chunk_request_id: str | None = None
        # The latest usage object with token counts; read once, when the reply ends (the native
        # API repeats its cumulative usage in every event: 35,000 events, one figure wanted).
        self._usage_seen: Mapping[str, Any] | None = None
        self._finish_reason: str | None = None
        self._saw_event = False

    @property
    def request_id(self) -> str | None:
        return self._header_request_id or self._body_request_id or self._chunk_request_id

    def feed(self, event: SseEvent) -> list[Event]:
        if self.done:
            return []
        data = event.data.strip()
        if not data and event.event != "error":
            return []
        self._saw_event = True
        if data == "[DONE]":
            return self._on_done()
        try:
            obj = untrusted.loads(data) if data else {}
        except ValueError:
            obj = None
        if not isinstance(obj, dict):
            if event.event == "error":
                return self._fail(status=event.status, message=data or None)
            snippet = data[:80]
            return self._fail(
                kind=ErrorKind.MALFORMED_STREAM,
                message=f"The reply contained data that is not a JSON object: {snippet!r}.",
            )
        rid = request_id_from(obj)
        if rid:
            self._body_request_id = rid
        fields = error_fields(obj)
        if fields is None and event.event == "error":
            fields = (None, None)
        if fields is not None:
            code, message = fields
            return self._fail(status=event.status, code=code, message=message)
        return self._on_chunk(obj)

    def eof(self) -> list[Event]:
        """The body ended: finished if a terminal finish_reason came, else a failure."""
        if self.done:
            return []
        if self._finish_reason is not None:
            return self._finish()
        if not self._saw_event:
            return self._fail(
                kind=ErrorKind.MALFORMED_STREAM,
                message="The service sent a reply with no events in it.",
            )
        return self._fail(
            kind=ErrorKind.CONNECTION_DROPPED,
            message="The reply ended before the answer was complete.",
        )

    def fail(self, **kwargs: Any) -> list[Event]:
        """A terminal failure found by the caller (transport error, undecodable bytes)."""
        if self.done:
            return []
        return self._fail(**kwargs)

    # -- for dialects -------------------------------------------------------------------------

    def _on_chunk(self, obj: Mapping[str, Any]) -> list[Event]:
        raise NotImplementedError

    def _on_done(self) -> list[Event]:
        return self._finish()

    def _note_finish(self, reason: Any) -> bool:
        """Record a terminal finish_reason; True if this one is terminal."""
        if reason in _NOT_FINISHED or not isinstance(reason, str):
            return False
        self._finish_reason = reason
        return True

    def _note_usage(self, usage: Any) -> None:
        if isinstance(usage, dict) and has_token_counts(usage):
            self._usage_seen = usage

    def _finish(self) -> list[Event]:
        self.done = True
        events: list[Event] = []
        usage = parse_usage(self._usage_seen) if self._usage_seen is not None else None
        if usage is not None:
            events.append(usage)
        events.append(Finished(self._finish_reason, self.request_id))
        return events

    def _fail(self, **kwargs: Any) -> list[Event]:
        self.done = True
        if kwargs.get("status") == 200:
            kwargs["status"] = None  # an error frame "with status 200" has no useful status
        kwargs.setdefault("request_id", self.request_id)
        return [make_failure(model=self.model, **kwargs)]
