"""``ClientOptions``: what one ``stream_chat`` call may be told (timeouts, retries, caps).

Apart from ``app.core.client`` so that building options never imports the HTTP stack: the
window makes a session's options long before its first request, and ``httpx`` with ``ssl``
is about 16 MB and 40 ms that an idle window does not need (``app.core.client`` re-exports it).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core import limits


@dataclass(frozen=True, slots=True)
class ClientOptions:
    connect_timeout: float = 10.0
    #: Longest silence tolerated between two reads; long, because a model may think quietly.
    read_timeout: float = 300.0
    #: Retries, only before the first token.
    max_retries: int = 3
    backoff_base: float = 0.5
    backoff_max: float = 8.0
    #: A Retry-After longer than this is not waited for: the failure is reported instead.
    retry_after_max: float = 60.0
    #: Caps on one reply (see ``limits``): an answer that never ends stops as ``length``.
    max_reply_chars: int | None = limits.DEFAULT_MAX_REPLY_CHARS
    max_reply_seconds: float | None = limits.DEFAULT_MAX_REPLY_SECONDS


__all__ = ["ClientOptions"]
