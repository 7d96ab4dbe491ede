"""What a streaming chat produces, for every front end: a handful of frozen dataclasses.

Both APIs are parsed into these; the GUI, the CLI and the history store never see JSON.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.errors import Failure


@dataclass(frozen=True, slots=True)
class ThinkingDelta:
    """A piece of the model's reasoning (``reasoning_content``)."""

    text: str


@dataclass(frozen=True, slots=True)
class AnswerDelta:
    """A piece of the answer (``content``)."""

    text: str


@dataclass(frozen=True, slots=True)
class Usage:
    """Token counts; None where the service did not say. ``output_tokens`` includes reasoning."""

    input_tokens: int
    output_tokens: int
    reasoning_tokens: int | None = None
    cached_tokens: int | None = None


@dataclass(frozen=True, slots=True)
class Finished:
    """The stream ended properly (a terminal finish_reason or ``[DONE]``)."""

    finish_reason: str | None
    request_id: str | None


@dataclass(frozen=True, slots=True)
class Retrying:
    """A failure before the first token that will be retried after ``delay`` seconds."""

    attempt: int
    delay: float
    failure: Failure


Event = ThinkingDelta | AnswerDelta | Usage | Finished | Retrying | Failure

__all__ = ["AnswerDelta", "Event", "Failure", "Finished", "Retrying", "ThinkingDelta", "Usage"]
