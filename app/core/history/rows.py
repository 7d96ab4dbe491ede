"""Rows to records: the column lists the store selects and the one function that turns a
``messages`` row into a ``Message``, so no caller ever handles a raw tuple."""

from __future__ import annotations

import json
from typing import Any

from app.core.events import Usage
from app.core.history.records import Message, MessageStatus

MESSAGE_COLUMNS = (
    "id, conversation_id, role, text, thinking, status, model, parameters, input_tokens, "
    "output_tokens, reasoning_tokens, cached_tokens, request_id, created_at, started_at, "
    "first_token_at, answer_started_at, finished_at, failure_kind, failure_message, "
    "failure_code, failure_status"
)
CONVERSATION_COLUMNS = "id, title, model, region, api, created_at, updated_at"


def message_from_row(row: tuple[Any, ...]) -> Message:
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
    ) = row
    usage = None
    if input_tokens is not None or output_tokens is not None:
        usage = Usage(input_tokens or 0, output_tokens or 0, reasoning_tokens, cached_tokens)
    try:
        params = json.loads(parameters or "{}")
    except ValueError:
        params = {}
    return Message(
        id=id_,
        conversation_id=conversation_id,
        role=role,
        text=text,
        thinking=thinking,
        status=MessageStatus(status),
        model=model,
        parameters=params if isinstance(params, dict) else {},
        usage=usage,
        request_id=request_id,
        created_at=created_at,
        started_at=started_at,
        first_token_at=first_token_at,
        answer_started_at=answer_started_at,
        finished_at=finished_at,
        failure_kind=failure_kind,
        failure_message=failure_message,
        failure_code=failure_code,
        failure_status=failure_status,
    )
