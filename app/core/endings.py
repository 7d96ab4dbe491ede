"""How a reply ended, when the user should be told: the one decision both front ends show.

A reply that looks complete may not be: the model stopped at the output limit (``length``),
the service's filter stopped it (``content_filter``), it asked for a tool, or it billed output
tokens and said nothing (all of them thinking). Each case gets a kind here; the window shows a
quiet notice under the reply (in the user's language) and the command line the English
``sentence`` on stderr. Failures are not endings: they have their own panel and sentence
(``app.core.errors``).

``finish_reason`` is what the service said (``stop``, ``length``, ``tool_calls``,
``content_filter``, or any future word, which is named as it came). It is stored with the reply,
so the notice reads the same after a restart.

Continue: Model Studio's DeepSeek page (the seed) documents no prefix/partial continuation of an
assistant message, so SeekDesk does not guess one: Continue sends ``CONTINUE_PROMPT`` as a plain
new turn, with the cut reply in its context as the user saw it (``app.core.context``).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from app.core.history.records import Message, MessageStatus

#: What Continue sends after a reply cut at the length limit (a plain new turn; see above).
CONTINUE_PROMPT = "continue"
#: finish_reason values that say nothing the user needs to hear.
_NORMAL = ("stop", "", None)


class EndingKind(enum.StrEnum):
    LENGTH = "length"  # cut at the output limit (max_tokens); Continue is offered
    EMPTY = "empty"  # complete, but no answer text (output tokens may still be billed)
    CONTENT_FILTER = "content_filter"  # the service's moderation ended it
    TOOL_CALLS = "tool_calls"  # the model asked for a tool; SeekDesk runs none
    OTHER = "other"  # a finish_reason SeekDesk does not know, named as it came


@dataclass(frozen=True, slots=True)
class Ending:
    """A reply's ending worth telling. ``empty`` also marks a length/filter ending that came
    before any answer text; token counts are None where the service gave none."""

    kind: EndingKind
    finish_reason: str | None
    empty: bool = False
    output_tokens: int | None = None
    reasoning_tokens: int | None = None

    @property
    def can_continue(self) -> bool:
        return self.kind is EndingKind.LENGTH

    @property
    def sentence(self) -> str:
        """The English sentence (the command line's; the window has its own translated ones)."""
        tokens = _tokens(self)
        if self.kind is EndingKind.LENGTH:
            if self.empty:
                return f"Cut off at the length limit before any answer text{tokens}."
            return "Cut off at the length limit (max_tokens)."
        if self.kind is EndingKind.EMPTY:
            return f"The model returned no answer text{tokens}."
        if self.kind is EndingKind.CONTENT_FILTER:
            return "Stopped by the service's content filter (finish reason content_filter)."
        if self.kind is EndingKind.TOOL_CALLS:
            return "The model asked to call a tool; SeekDesk runs no tools, so the reply ends here."
        return f"The reply ended with finish reason “{self.finish_reason}”."


def _tokens(ending: Ending) -> str:
    if ending.output_tokens is None:
        return ""
    if ending.reasoning_tokens:
        return (
            f" ({ending.output_tokens:,} output tokens, "
            f"{ending.reasoning_tokens:,} of them thinking)"
        )
    return f" ({ending.output_tokens:,} output tokens)"


def ending_of(
    status: MessageStatus,
    finish_reason: str | None,
    text: str,
    output_tokens: int | None = None,
    reasoning_tokens: int | None = None,
) -> Ending | None:
    """The ending to tell for a reply, or None when it ended normally (or did not complete:
    stopped, failed and interrupted replies say so themselves)."""
    if status is not MessageStatus.COMPLETE:
        return None
    empty = not text.strip()
    reason = (finish_reason or "").strip() or None
    if reason == "length":
        kind = EndingKind.LENGTH
    elif reason == "content_filter":
        kind = EndingKind.CONTENT_FILTER
    elif reason == "tool_calls":
        kind = EndingKind.TOOL_CALLS
    elif reason not in _NORMAL:
        kind = EndingKind.OTHER
    elif empty:
        kind = EndingKind.EMPTY
    else:
        return None
    return Ending(kind, reason, empty, output_tokens, reasoning_tokens)


def ending_of_message(message: Message) -> Ending | None:
    """``ending_of`` for a stored reply (None for a prompt)."""
    if message.role != "assistant":
        return None
    usage = message.usage
    return ending_of(
        message.status,
        message.finish_reason,
        message.text,
        usage.output_tokens if usage else None,
        usage.reasoning_tokens if usage else None,
    )


__all__ = [
    "CONTINUE_PROMPT",
    "Ending",
    "EndingKind",
    "ending_of",
    "ending_of_message",
]
