"""Writing to the usage ledger the requests that are not replies: retries and Test connection.

Replies are recorded by a trigger in the history database (see ``ledger_schema``). What is left
are requests that reached the service without becoming a message: an attempt that got an HTTP
error and was retried (each one was seen, and may be billed or rate-counted, by the service) and
the settings dialog's Test connection. Both go through ``record_request``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from app.core.errors import Failure
from app.core.events import Usage
from app.core.history import HistoryStore


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


__all__ = [
    "RequestKind",
    "RequestRecord",
    "reached_service",
    "record_connection_test",
    "record_request",
    "record_retry",
]
