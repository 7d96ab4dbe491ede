"""A reply's diagnostics, as "Copy diagnostics" puts them on the clipboard.

Model, region, API, status, the failure's kind, HTTP status and service code, the request id,
timings and tokens — what support needs to find the request, and never the key (nothing here
can reach it). In English on purpose: they are pasted into bug reports.
"""

from __future__ import annotations

from app.core.history import Conversation
from app.ui.chat.message_widgets import AssistantMessageWidget


def diagnostic_pairs(
    row: AssistantMessageWidget, conversation: Conversation | None
) -> list[tuple[str, str]]:
    """(name, value) pairs for the reply ``row`` of ``conversation``; empty values left out."""
    pairs = [("Model", row.model or "")]
    if conversation is not None:
        pairs += [("Region", conversation.region), ("API", conversation.api)]
    pairs.append(("Status", row.status.value))
    failure = row.failure
    if failure is not None:
        pairs.append(("Failure", str(failure.kind.value)))
        if failure.status is not None:
            pairs.append(("HTTP status", str(failure.status)))
        if failure.code:
            pairs.append(("Service code", failure.code))
    pairs.append(("Request ID", row.request_id or ""))
    for name, at in (
        ("First token", row.first_token_at),
        ("Answer started", row.answer_started_at),
        ("Finished", row.finished_at),
    ):
        if row.started_at is not None and at is not None:
            pairs.append((name, f"{at - row.started_at:.2f} s"))
    usage = row.usage
    if usage is not None:
        pairs.append(("Input tokens", str(usage.input_tokens)))
        pairs.append(("Output tokens", str(usage.output_tokens)))
        if usage.reasoning_tokens is not None:
            pairs.append(("Reasoning tokens", str(usage.reasoning_tokens)))
        if usage.cached_tokens is not None:
            pairs.append(("Cached tokens", str(usage.cached_tokens)))
    return [(name, value) for name, value in pairs if value]


def diagnostics_text(row: AssistantMessageWidget, conversation: Conversation | None) -> str:
    """The pairs as ``Name: value`` lines."""
    return "".join(f"{name}: {value}\n" for name, value in diagnostic_pairs(row, conversation))
