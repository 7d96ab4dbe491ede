"""How much of the model's context the next request will use: the context meter's figure.

The service reports exactly how many input tokens the last request used. The next request sends
that same conversation plus the last answer (never its thinking) and the new prompt, so the
figure is the reported input, plus the answer's reported tokens, plus an estimate for the text
added since. Only the new text is estimated, and the result says so (``estimated``).

The estimate uses DeepSeek's published rule of thumb (about 0.3 token per Latin character and
0.6 per Chinese character), rounded up: a meter that reads a little high warns early rather than
late. SeekDesk has no tokenizer, and the seed gives none.

The limit: the seed says context length is shown in the Model Studio console and gives no
figure, so the catalog knows none and the meter shows no limit (and no warning) rather than a
guessed one. ``context_limit`` is the one place that would learn it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from app.core import catalog

#: Fraction of the limit at which the composer warns that the request may not fit.
WARN_AT = 0.9
_WIDE = (
    (0x1100, 0x11FF),
    (0x2E80, 0x9FFF),
    (0xA960, 0xA97F),
    (0xAC00, 0xD7AF),
    (0xF900, 0xFAFF),
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFFEF),
    (0x20000, 0x3FFFF),
)


def _is_wide(char: str) -> bool:
    code = ord(char)
    return any(lo <= code <= hi for lo, hi in _WIDE)


def estimate_tokens(text: str) -> int:
    """A rough token count for ``text`` (never used for anything but the meter)."""
    if not text:
        return 0
    wide = sum(1 for c in text if ord(c) >= 0x1100 and _is_wide(c))
    return math.ceil(0.6 * wide + 0.3 * (len(text) - wide))


def context_limit(model: str) -> int | None:
    """The model's context window in tokens, where the catalog knows it (today: nowhere)."""
    limit = getattr(catalog.lookup(model), "context_tokens", None)
    return int(limit) if isinstance(limit, int) and limit > 0 else None


@dataclass(frozen=True, slots=True)
class ContextEstimate:
    tokens: int
    #: True when part of ``tokens`` is an estimate (always, once new text is typed).
    estimated: bool
    limit: int | None

    @property
    def fraction(self) -> float | None:
        return self.tokens / self.limit if self.limit else None

    @property
    def warn(self) -> bool:
        """The request is likely to exceed the model's context (only when the limit is known)."""
        return self.fraction is not None and self.fraction >= WARN_AT


def next_request(
    model: str,
    *,
    last_input: int | None,
    last_answer: int | None,
    new_text: str,
    unreported_text: str = "",
) -> ContextEstimate:
    """The next request's size: the last reported input and answer, plus estimates for the
    prompt being typed and for any earlier text the service has not counted
    (``unreported_text``, e.g. the whole conversation when no reply reported usage)."""
    exact = (last_input or 0) + (last_answer or 0)
    guessed = estimate_tokens(new_text) + estimate_tokens(unreported_text)
    estimated = bool(new_text or unreported_text) or last_input is None
    return ContextEstimate(exact + guessed, estimated, context_limit(model))


__all__ = ["WARN_AT", "ContextEstimate", "context_limit", "estimate_tokens", "next_request"]
