"""Export and import: SeekDesk JSON (lossless, versioned), Markdown, and ChatGPT's export.

The JSON format is documented in README.md ("History export format"). Everything in it comes
from the history database, which never holds the API key, so no export can contain it.

Imports (``importer``) are idempotent: every conversation carries a ``uid`` (SeekDesk's own, or
``chatgpt:<id>`` for a ChatGPT conversation) and a conversation whose uid is already present is
skipped, so importing the same file twice adds nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from app import __version__
from app.core.endings import ending_of_message
from app.core.history import branches, setup, tree_exchange
from app.core.history.importer import FORMAT, FORMAT_VERSION, import_data, import_file
from app.core.history.records import Conversation, Message, MessageStatus
from app.core.history.store import HistoryStore
from app.core.history.validate import ImportFormatError, repaired_note

# -- export ------------------------------------------------------------------------------


def _selected(store: HistoryStore, ids: Iterable[int] | None) -> list[Conversation]:
    if ids is None:
        total = store.count_conversations()
        return list(reversed(store.list_conversations(limit=max(total, 1))))
    found = []
    for conversation_id in ids:
        conversation = store.get_conversation(conversation_id)
        if conversation is None:
            raise KeyError(conversation_id)
        found.append(conversation)
    return found


def message_to_json(message: Message) -> dict[str, Any]:
    usage = message.usage
    failure = None
    if message.failure_kind or message.failure_message:
        failure = {
            "kind": message.failure_kind,
            "message": message.failure_message,
            "code": message.failure_code,
            "status": message.failure_status,
        }
    return {
        "role": message.role,
        "text": message.text,
        "thinking": message.thinking,
        "status": str(message.status),
        "model": message.model,
        "parameters": dict(message.parameters),
        "usage": None
        if usage is None
        else {
            "input_tokens": usage.input_tokens,
            "output_tokens": usage.output_tokens,
            "reasoning_tokens": usage.reasoning_tokens,
            "cached_tokens": usage.cached_tokens,
        },
        "request_id": message.request_id,
        "created_at": message.created_at,
        "started_at": message.started_at,
        "first_token_at": message.first_token_at,
        "answer_started_at": message.answer_started_at,
        "finished_at": message.finished_at,
        "failure": failure,
        "finish_reason": message.finish_reason,
    }


def export_json(store: HistoryStore, ids: Iterable[int] | None = None) -> dict[str, Any]:
    """The SeekDesk JSON document for the given conversations (all when ``ids`` is None)."""
    conversations = []
    version = FORMAT_VERSION
    for conv in _selected(store, ids):
        messages = branches.all_messages(store, conv.id)  # every version (tree_exchange)
        parents, selected = tree_exchange.exported_tree(
            [m.id for m in messages],
            [m.parent_id for m in messages],
            branches.current_leaf(store, conv.id),
        )
        if not tree_exchange.is_linear(parents):
            version = tree_exchange.TREE_VERSION
        conversations.append(
            {
                "uid": store.conversation_uid(conv.id),
                "title": conv.title,
                "model": conv.model,
                "region": conv.region,
                "api": conv.api,
                "created_at": conv.created_at,
                "updated_at": conv.updated_at,
                "system_prompt": setup.setup_of(store, conv.id).system_prompt,
                "selected": selected,
                "messages": [
                    {**message_to_json(m), "parent": parent}
                    for m, parent in zip(messages, parents, strict=True)
                ],
            }
        )
    return {
        "format": FORMAT,
        "version": version,
        "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "app_version": __version__,
        "conversations": conversations,
    }


def _when(epoch: float | None) -> str:
    if epoch is None:
        return ""
    return dt.datetime.fromtimestamp(epoch).astimezone().strftime("%Y-%m-%d %H:%M")


def export_markdown(store: HistoryStore, ids: Iterable[int] | None = None) -> str:
    """Readable Markdown: one ``#`` section per conversation, thinking in a ``<details>`` block."""
    parts: list[str] = []
    for conv in _selected(store, ids):
        lines = [f"# {conv.title or 'Untitled'}", ""]
        meta = " · ".join(
            x for x in (conv.model, conv.region, conv.api, _when(conv.created_at)) if x
        )
        if meta:
            lines += [f"*{meta}*", ""]
        if conv.repaired:
            lines += [f"> {repaired_note(conv.repaired)}", ""]
        system = setup.setup_of(store, conv.id).system_prompt.strip()
        if system:
            quoted = "\n".join(f"> {line}" if line else ">" for line in system.splitlines())
            lines += ["**System prompt**", "", quoted, ""]
        for message in store.messages(conv.id):
            lines += _markdown_message(message)
        parts.append("\n".join(lines).rstrip() + "\n")
    return "\n---\n\n".join(parts)


def _markdown_message(message: Message) -> list[str]:
    if message.role == "user":
        head = f"## You · {_when(message.created_at)}"
    else:
        head = f"## Assistant · {message.model or ''}".rstrip(" ·")
        if message.status is not MessageStatus.COMPLETE:
            head += f" · ({message.status})"
    lines = [head, ""]
    if message.repaired:
        lines += [f"> {repaired_note(message.repaired)}", ""]
    if message.thinking:
        lines += [
            "<details><summary>Thinking</summary>",
            "",
            message.thinking.rstrip(),
            "",
            "</details>",
            "",
        ]
    if message.text:
        lines += [message.text.rstrip(), ""]
    if message.failure_kind:
        detail = ", ".join(
            str(x) for x in (message.failure_status, message.failure_code, message.request_id) if x
        )
        lines += [f"> **Failed** ({message.failure_kind}): {message.failure_message or ''}"]
        if detail:
            lines += [f"> {detail}"]
        lines.append("")
    ending = ending_of_message(message)
    if ending is not None:
        lines += [f"> *{ending.sentence}*", ""]
    return lines


# Import lives in importer.py (check the whole file, then write it in one transaction); its
# names stay importable from here.
__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "ImportFormatError",
    "export_json",
    "export_markdown",
    "import_data",
    "import_file",
    "message_to_json",
]
