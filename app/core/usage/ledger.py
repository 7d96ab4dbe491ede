"""Writing to the usage ledger the requests that are not replies: retries and Test connection.

Replies are recorded by a trigger in the history database (see ``ledger_schema``). What is left
are requests that reached the service without becoming a message: an attempt that got an HTTP
error and was retried (each one was seen, and may be billed or rate-counted, by the service) and
the settings dialog's Test connection. Both go through ``record_request``.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import time
from collections.abc import AsyncGenerator, AsyncIterator
from dataclasses import dataclass

from app.core.errors import Failure
from app.core.events import Event, Finished, Usage
from app.core.history import HistoryError, HistoryStore


class RequestKind:
    """What a ledger row stands for (plain strings in SQLite, named once here)."""

    REPLY = "reply"
    RETRY = "retry"
    CONNECTION_TEST = "connection_test"


@dataclass(frozen=True, slots=True)
class RequestRecord:
    """One request that reached the service, as the ledger keeps it."""

    kind: str
    status: str
    model: str
    region: str
    api: str
    at: float
    conversation_id: int | None = None
    usage: Usage | None = None
    request_id: str | None = None
    preset: str | None = None


def reached_service(failure: Failure | None) -> bool:
    """True when a failed attempt got an answer from the service (an HTTP status or an id);
    a connection that was refused or timed out before any answer was never seen there."""
    return failure is not None and (failure.status is not None or failure.request_id is not None)


def record_request(store: HistoryStore, record: RequestRecord) -> None:
    """Add one row to the ledger (synchronous: call it off the event loop)."""
    usage = record.usage
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO usage_ledger (at, kind, status, model, region, api, conversation_id, "
            "preset, input_tokens, output_tokens, reasoning_tokens, cached_tokens, "
            "usage_reported, request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                record.at,
                record.kind,
                record.status,
                record.model,
                record.region,
                record.api,
                record.conversation_id,
                record.preset,
                usage.input_tokens if usage else 0,
                usage.output_tokens if usage else 0,
                (usage.reasoning_tokens or 0) if usage else 0,
                (usage.cached_tokens or 0) if usage else 0,
                int(usage is not None),
                record.request_id,
            ),
        )


def record_retry(
    store: HistoryStore,
    failure: Failure,
    *,
    model: str,
    region: str,
    api: str,
    conversation_id: int | None,
) -> bool:
    """Record an attempt that failed and is being retried, if it reached the service."""
    if not reached_service(failure):
        return False
    record_request(
        store,
        RequestRecord(
            kind=RequestKind.RETRY,
            status="retried",
            model=model,
            region=region,
            api=api,
            at=time.time(),
            conversation_id=conversation_id,
            request_id=failure.request_id,
        ),
    )
    return True


def record_connection_test(
    store: HistoryStore,
    *,
    ok: bool,
    model: str,
    region: str,
    api: str,
    started_at: float,
    usage: Usage | None = None,
    request_id: str | None = None,
    failure: Failure | None = None,
) -> bool:
    """Record a Test connection request, if it reached the service."""
    if not ok and not reached_service(failure) and usage is None:
        return False
    record_request(
        store,
        RequestRecord(
            kind=RequestKind.CONNECTION_TEST,
            status="complete" if ok else "failed",
            model=model,
            region=region,
            api=api,
            at=started_at,
            usage=usage,
            request_id=request_id or (failure.request_id if failure else None),
        ),
    )
    return True


def record_connection_test_here(**details: object) -> bool:
    """``record_connection_test`` into the history at its usual place (the one the window
    uses), opened and closed for this one row. Never raises: counting a test must not turn the
    test's verdict into an error."""
    try:
        with HistoryStore.open() as store:
            if store.read_only:
                return False
            return record_connection_test(store, **details)  # type: ignore[arg-type]
    except (HistoryError, sqlite3.Error, OSError):
        return False


async def counted_connection_test(
    events: AsyncIterator[Event], *, model: str, region: str, api: str
) -> AsyncGenerator[Event, None]:
    """Pass a Test connection's events through and count the request once it is over.

    The dialog stops reading at the first Finished or Failure, so the count happens on the
    way out (``finally``) and is handed to a worker thread, never awaited there."""
    started = time.time()
    usage: Usage | None = None
    ending: Finished | Failure | None = None
    try:
        async with contextlib.aclosing(events) as stream:  # type: ignore[type-var]
            async for event in stream:
                if isinstance(event, Usage):
                    usage = event
                elif isinstance(event, Finished | Failure):
                    ending = event
                yield event
    finally:
        if ending is not None or usage is not None:
            failure = ending if isinstance(ending, Failure) else None
            details = {
                "ok": isinstance(ending, Finished),
                "model": model,
                "region": region,
                "api": api,
                "started_at": started,
                "usage": usage,
                "request_id": ending.request_id if ending is not None else None,
                "failure": failure,
            }
            with contextlib.suppress(RuntimeError):  # no loop left: nothing to count on
                loop = asyncio.get_running_loop()
                loop.run_in_executor(None, lambda: record_connection_test_here(**details))


__all__ = [
    "RequestKind",
    "RequestRecord",
    "counted_connection_test",
    "reached_service",
    "record_connection_test",
    "record_connection_test_here",
    "record_request",
    "record_retry",
]
