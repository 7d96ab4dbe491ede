"""The reply a session is streaming, and how it reaches the history as it grows and ends.

:class:`~app.core.session.ChatSession` runs the turn; this module holds what it knows of the
reply (:class:`Reply`) and the writes: a flush of the growing text every
:data:`FLUSH_INTERVAL` (so a crash loses at most that much), and the final write — complete,
failed or stopped — which is never done on the event loop's thread: another program holding
the history's write lock would freeze the window for SQLite's busy timeout.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
from dataclasses import dataclass, field

from app.core.errors import Failure
from app.core.events import Usage
from app.core.history import HistoryStore, Message, MessageStatus

__all__ = ["FLUSH_INTERVAL", "Reply", "final_record", "finish", "finish_off_loop", "flush_loop"]

#: Seconds between flushes of a growing reply (the most a crash can lose, plus one write).
FLUSH_INTERVAL = 0.5


@dataclass(slots=True)
class Reply:
    """What is known about the reply being streamed (mutable, private to one run)."""

    message_id: int
    text: list[str] = field(default_factory=list)
    thinking: list[str] = field(default_factory=list)
    dirty: bool = False
    usage: Usage | None = None
    request_id: str | None = None
    first_token_at: float | None = None
    answer_started_at: float | None = None
    finish_reason: str | None = None

    def snapshot(self) -> tuple[str, str]:
        return "".join(self.text), "".join(self.thinking)


def final_record(
    row: Message, reply: Reply, status: MessageStatus, failure: Failure | None, finished_at: float
) -> Message:
    """The reply's row as ``HistoryStore.finish_message`` leaves it, built from what the session
    holds (no read back): ``ReplyEnded`` carries it."""
    text, thinking = reply.snapshot()
    return dataclasses.replace(
        row,
        status=status,
        text=text,
        thinking=thinking,
        usage=reply.usage,
        request_id=reply.request_id or (failure.request_id if failure else None),
        # (the flushes wrote these same values: the session is their only source)
        first_token_at=reply.first_token_at,
        answer_started_at=reply.answer_started_at,
        finished_at=finished_at,
        failure_kind=str(failure.kind) if failure else None,
        failure_message=failure.message if failure else None,
        failure_code=failure.code if failure else None,
        failure_status=failure.status if failure else None,
        finish_reason=reply.finish_reason,
    )


def finish(
    store: HistoryStore,
    reply: Reply,
    status: MessageStatus,
    failure: Failure | None,
    *,
    daily_backup: bool = True,
    finished_at: float | None = None,
) -> None:
    """The reply's final write (blocking: call it off the event loop's thread)."""
    text, thinking = reply.snapshot()
    store.finish_message(
        reply.message_id,
        status,
        text=text,
        thinking=thinking,
        usage=reply.usage,
        request_id=reply.request_id,
        first_token_at=reply.first_token_at,
        answer_started_at=reply.answer_started_at,
        failure=failure,
        finished_at=finished_at,
        daily_backup=daily_backup,
        finish_reason=reply.finish_reason,
    )


async def finish_off_loop(
    store: HistoryStore,
    reply: Reply,
    status: MessageStatus,
    failure: Failure | None,
    *,
    daily_backup: bool = True,
    finished_at: float | None = None,
) -> None:
    """:func:`finish` on a worker thread, shielded. Cancelled again meanwhile (a second Stop,
    the window closing), the write still lands: it goes on in its thread, and closing the
    history waits for the store's lock that write holds."""
    write = asyncio.ensure_future(
        asyncio.to_thread(
            finish,
            store,
            reply,
            status,
            failure,
            daily_backup=daily_backup,
            finished_at=finished_at,
        )
    )
    await asyncio.shield(write)


async def flush_loop(store: HistoryStore, reply: Reply) -> None:
    """Save the growing text every FLUSH_INTERVAL while it changes."""
    while True:
        await asyncio.sleep(FLUSH_INTERVAL)
        if not reply.dirty:
            continue
        reply.dirty = False
        text, thinking = reply.snapshot()
        await asyncio.to_thread(
            store.flush_streaming,
            reply.message_id,
            text,
            thinking,
            first_token_at=reply.first_token_at,
            answer_started_at=reply.answer_started_at,
        )


async def stop_flusher(flusher: asyncio.Task[None]) -> None:
    flusher.cancel()
    # A failed flush must not hide the reply's real outcome: the final write follows.
    with contextlib.suppress(asyncio.CancelledError, Exception):
        await flusher
