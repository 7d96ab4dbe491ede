"""Limits that keep one streamed reply from running forever, whatever the server does.

The read timeout alone does not bound a reply: it measures silence between bytes, and a server
(or a proxy) that sends a keep-alive comment every few seconds resets it forever while no text
ever arrives. And a model stuck repeating itself never sends a finish reason. So, on top of the
SSE decoder's size caps (``sse``):

* **No content for longer than the read timeout** ends the reply as a timeout, keep-alives or
  not. Content is thinking or answer text: a model thinking for minutes is still sending
  content and is never cut.
* **A cap on the reply** (characters of thinking and answer together, and seconds since the
  reply started) ends an answer that never ends as ``length``, exactly as the service ends one
  that reaches its own output limit: the text is kept and the reply is complete as far as it
  went.

``ReplyWatch`` is checked by the client after every network read; it is pure and its clock can
be replaced in tests.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.core.errors import ErrorKind, make_failure
from app.core.events import AnswerDelta, Event, Failure, Finished, ThinkingDelta
from app.core.failure_sentences import KEEP_ALIVES_ONLY, detail

#: A reply's longest text (thinking and answer), far above any model's output limit.
DEFAULT_MAX_REPLY_CHARS = 2_000_000
#: A reply's longest duration.
DEFAULT_MAX_REPLY_SECONDS = 2 * 3600.0
#: The finish reason a capped reply ends with (the service's own for its output limit).
LENGTH = "length"


@dataclass(frozen=True, slots=True)
class ReplyLimits:
    """What one reply may take; None switches a cap off (the silence rule always holds)."""

    read_timeout: float = 300.0
    max_chars: int | None = DEFAULT_MAX_REPLY_CHARS
    max_seconds: float | None = DEFAULT_MAX_REPLY_SECONDS


class ReplyWatch:
    """Follows one reply's events; ``verdict`` says when the reply must end, and how."""

    def __init__(self, limits: ReplyLimits, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits
        self._clock = clock
        self.started = clock()
        self.last_content = self.started
        self.chars = 0

    def seen(self, event: Event) -> None:
        if isinstance(event, ThinkingDelta | AnswerDelta) and event.text:
            self.last_content = self._clock()
            self.chars += len(event.text)

    def seen_all(self, events: list[Event]) -> None:
        """``seen`` for the events of one network read (one clock reading for them all)."""
        chars = 0
        for event in events:
            if isinstance(event, ThinkingDelta | AnswerDelta):
                chars += len(event.text)
        if chars:
            self.last_content = self._clock()
            self.chars += chars

    def verdict(
        self, *, model: str | None = None, request_id: str | None = None
    ) -> Finished | Failure | None:
        """The terminal event that ends the reply now, or None to go on reading."""
        now = self._clock()
        limits = self.limits
        if limits.max_chars is not None and self.chars >= limits.max_chars:
            return Finished(LENGTH, request_id)
        if limits.max_seconds is not None and now - self.started >= limits.max_seconds:
            return Finished(LENGTH, request_id)
        silent = now - self.last_content
        if silent > limits.read_timeout:
            return make_failure(
                kind=ErrorKind.TIMEOUT,
                message=detail(KEEP_ALIVES_ONLY, seconds=round(silent)),
                request_id=request_id,
                model=model,
            )
        return None


def check_reply_minutes(value: Any) -> float:
    """The ``max_minutes`` setting: how long one reply may stream, 1 minute to a day."""
    if isinstance(value, bool):
        raise ValueError("The longest reply is a number of minutes.")
    number = float(value)
    if not 1 <= number <= 24 * 60:
        raise ValueError("The longest reply must be between 1 and 1440 minutes.")
    return number


__all__ = ["LENGTH", "ReplyLimits", "ReplyWatch", "check_reply_minutes"]
