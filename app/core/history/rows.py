"""Rows to records: the column lists the store selects and the functions that turn a row into
a ``Conversation`` or a ``Message``, so no caller ever handles a raw tuple. A value that breaks
the history's rules (``rules``) is replaced by a safe one and the field named in the
record's ``repaired``: a damaged row is shown, marked, and never crashes a listing."""

from __future__ import annotations

import os
from typing import Any

from app.core import untrusted
from app.core.events import Usage
from app.core.history import rules
from app.core.history.records import Conversation, Message

MESSAGE_COLUMNS = (
    "id, conversation_id, role, text, thinking, status, model, parameters, input_tokens, "
    "output_tokens, reasoning_tokens, cached_tokens, request_id, created_at, started_at, "
    "first_token_at, answer_started_at, finished_at, failure_kind, failure_message, "
    "failure_code, failure_status, finish_reason, parent_id"
)
CONVERSATION_COLUMNS = "id, title, model, region, api, created_at, updated_at"


def new_uid() -> str:
    """A new conversation's uid: a random UUID (version 4) as 32 hex digits, as
    ``uuid.uuid4().hex`` gives it, without importing ``uuid`` (which reads the platform when
    imported: a cost at every start, and an import on whichever thread creates a
    conversation first)."""
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40  # version 4
    raw[8] = (raw[8] & 0x3F) | 0x80  # RFC 4122 variant
    return raw.hex()


def conversation_from_row(row: tuple[Any, ...]) -> Conversation:
    """A ``conversations`` row as a record; values that break the rules are replaced and named
    in ``repaired`` (a hand edit or an old version must not crash a listing)."""
    id_, title, model, region, api, created_at, updated_at = row
    repaired: list[str] = []

    def fix(name: str, result: tuple[Any, bool]) -> Any:
        if result[1]:
            repaired.append(name)
        return result[0]

    created = fix("created_at", rules.repair_time(created_at, nullable=False))
    updated = fix("updated_at", rules.repair_time(updated_at, nullable=False))
    return Conversation(
        id=id_,
        title=fix("title", rules.repair_text(title, nullable=False)),
        model=fix("model", rules.repair_text(model, nullable=False)),
        region=fix("region", rules.repair_text(region, nullable=False)),
        api=fix("api", rules.repair_text(api, nullable=False)),
        created_at=created,
        updated_at=updated,
        repaired=tuple(repaired),
    )


def message_from_row(row: tuple[Any, ...]) -> Message:
    """A ``messages`` row as a record, repaired like ``conversation_from_row``."""
    (
        id_,
        conversation_id,
        role,
        text,
        thinking,
        status,
        model,
        parameters,
        input_tokens,
        output_tokens,
        reasoning_tokens,
        cached_tokens,
        request_id,
        created_at,
        started_at,
        first_token_at,
        answer_started_at,
        finished_at,
        failure_kind,
        failure_message,
        failure_code,
        failure_status,
        finish_reason,
        parent_id,
    ) = row
    repaired: list[str] = []

    def fix(name: str, result: tuple[Any, bool]) -> Any:
        if result[1]:
            repaired.append(name)
        return result[0]

    def when(name: str, value: Any, nullable: bool = True) -> Any:
        return fix(name, rules.repair_time(value, nullable=nullable))

    def text_of(name: str, value: Any, nullable: bool = True) -> Any:
        return fix(name, rules.repair_text(value, nullable=nullable))

    counts = {
        name: fix(name, rules.repair_count(value))
        for name, value in (
            ("input_tokens", input_tokens),
            ("output_tokens", output_tokens),
            ("reasoning_tokens", reasoning_tokens),
            ("cached_tokens", cached_tokens),
        )
    }
    usage = None
    if counts["input_tokens"] is not None or counts["output_tokens"] is not None:
        usage = Usage(
            counts["input_tokens"] or 0,
            counts["output_tokens"] or 0,
            counts["reasoning_tokens"],
            counts["cached_tokens"],
        )
    params: Any = {}
    if parameters:
        try:
            params = untrusted.loads(parameters) if isinstance(parameters, str) else None
        except ValueError:
            params = None
        if not isinstance(params, dict):
            repaired.append("parameters")
            params = {}
    return Message(
        id=id_,
        conversation_id=conversation_id,
        role=fix("role", rules.repair_role(role)),
        text=text_of("text", text, nullable=False),
        thinking=text_of("thinking", thinking, nullable=False),
        status=fix("status", rules.repair_status(status)),
        model=text_of("model", model),
        parameters=params,
        usage=usage,
        request_id=text_of("request_id", request_id),
        created_at=when("created_at", created_at, nullable=False),
        started_at=when("started_at", started_at),
        first_token_at=when("first_token_at", first_token_at),
        answer_started_at=when("answer_started_at", answer_started_at),
        finished_at=when("finished_at", finished_at),
        failure_kind=text_of("failure_kind", failure_kind),
        failure_message=text_of("failure_message", failure_message),
        failure_code=text_of("failure_code", failure_code),
        failure_status=fix("failure_status", rules.repair_count(failure_status, 100, 599)),
        finish_reason=text_of("finish_reason", finish_reason),
        parent_id=parent_id if isinstance(parent_id, int) else None,
        repaired=tuple(repaired),
    )
