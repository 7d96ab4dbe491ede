"""Export and import: SeekDesk JSON (lossless, versioned), Markdown, and ChatGPT's export.

The JSON format is documented in README.md ("History export format"). Everything in it comes
from the history database, which never holds the API key, so no export can contain it.

Imports are idempotent: every conversation carries a ``uid`` (SeekDesk's own, or
``chatgpt:<id>`` for a ChatGPT conversation) and a conversation whose uid is already present is
skipped, so importing the same file twice adds nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from app import __version__
from app.core.history.records import Conversation, ImportResult, Message, MessageStatus
from app.core.history.store import HistoryStore

FORMAT = "seekdesk-history"
FORMAT_VERSION = 1


class ImportFormatError(ValueError):
    """The file is neither a SeekDesk export nor a ChatGPT conversations.json."""


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
    }


def export_json(store: HistoryStore, ids: Iterable[int] | None = None) -> dict[str, Any]:
    """The SeekDesk JSON document for the given conversations (all when ``ids`` is None)."""
    conversations = []
    for conv in _selected(store, ids):
        conversations.append(
            {
                "uid": store.conversation_uid(conv.id),
                "title": conv.title,
                "model": conv.model,
                "region": conv.region,
                "api": conv.api,
                "created_at": conv.created_at,
                "updated_at": conv.updated_at,
                "messages": [message_to_json(m) for m in store.messages(conv.id)],
            }
        )
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
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
    return lines


# -- import ------------------------------------------------------------------------------


def import_file(store: HistoryStore, path: Path) -> ImportResult:
    """Import a SeekDesk export or a ChatGPT ``conversations.json`` (detected by shape)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ImportFormatError(f"{path} cannot be read as JSON: {exc}") from exc
    return import_data(store, data)


def import_data(store: HistoryStore, data: Any) -> ImportResult:
    if isinstance(data, Mapping) and data.get("format") == FORMAT:
        version = data.get("version")
        if not isinstance(version, int) or version > FORMAT_VERSION:
            raise ImportFormatError(
                f"This export has format version {version}; this SeekDesk reads up to "
                f"{FORMAT_VERSION}. Update SeekDesk to import it."
            )
        return _import_native(store, data.get("conversations") or [])
    if isinstance(data, list) and all(isinstance(c, Mapping) and "mapping" in c for c in data):
        return _import_chatgpt(store, data)
    raise ImportFormatError(
        "This file is neither a SeekDesk history export nor a ChatGPT conversations.json."
    )


def _num(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _int(value: Any) -> int | None:
    return int(value) if isinstance(value, int) and not isinstance(value, bool) else None


def _insert(store: HistoryStore, conv: Mapping[str, Any], messages: list[Mapping[str, Any]]) -> int:
    """Insert one conversation with its messages in one transaction; -1 if its uid exists."""
    created = _num(conv.get("created_at")) or 0.0
    with store.transaction() as db:
        if db.execute("SELECT 1 FROM conversations WHERE uid = ?", (conv["uid"],)).fetchone():
            return -1
        cur = db.execute(
            "INSERT INTO conversations (uid, title, model, region, api, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                conv["uid"],
                str(conv.get("title") or ""),
                str(conv.get("model") or ""),
                str(conv.get("region") or ""),
                str(conv.get("api") or ""),
                created,
                _num(conv.get("updated_at")) or created,
            ),
        )
        conv_id = int(cur.lastrowid or 0)
        for m in messages:
            usage = m.get("usage") if isinstance(m.get("usage"), Mapping) else {}
            failure = m.get("failure") if isinstance(m.get("failure"), Mapping) else {}
            status = str(m.get("status") or "complete")
            if status not in set(MessageStatus) or status == MessageStatus.STREAMING:
                # A reply that was streaming when exported cannot still be streaming here.
                status = MessageStatus.INTERRUPTED
            params = m.get("parameters") if isinstance(m.get("parameters"), Mapping) else {}
            db.execute(
                "INSERT INTO messages (conversation_id, role, text, thinking, status, model, "
                "parameters, input_tokens, output_tokens, reasoning_tokens, cached_tokens, "
                "request_id, created_at, started_at, first_token_at, answer_started_at, "
                "finished_at, failure_kind, failure_message, failure_code, failure_status) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    conv_id,
                    "assistant" if m.get("role") == "assistant" else "user",
                    str(m.get("text") or ""),
                    str(m.get("thinking") or ""),
                    str(status),
                    m.get("model"),
                    json.dumps(dict(params)),
                    _int(usage.get("input_tokens")),
                    _int(usage.get("output_tokens")),
                    _int(usage.get("reasoning_tokens")),
                    _int(usage.get("cached_tokens")),
                    m.get("request_id"),
                    _num(m.get("created_at")) or created,
                    _num(m.get("started_at")),
                    _num(m.get("first_token_at")),
                    _num(m.get("answer_started_at")),
                    _num(m.get("finished_at")),
                    failure.get("kind"),
                    failure.get("message"),
                    failure.get("code"),
                    _int(failure.get("status")),
                ),
            )
    return conv_id


def _import_native(store: HistoryStore, conversations: list[Any]) -> ImportResult:
    outcomes: list[tuple[int, int]] = []
    for conv in conversations:
        if not isinstance(conv, Mapping):
            continue
        messages = [m for m in conv.get("messages") or [] if isinstance(m, Mapping)]
        uid = conv.get("uid")
        if not isinstance(uid, str) or not uid:
            # An export edited by hand: derive a stable uid from its content.
            uid = (
                "sha1:"
                + hashlib.sha1(
                    json.dumps(conv, sort_keys=True, ensure_ascii=False).encode()
                ).hexdigest()
            )
        outcomes.append((_insert(store, {**conv, "uid": uid}, messages), len(messages)))
    return _tally(outcomes)


def _chatgpt_branch(conv: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Messages on the branch ending at ``current_node``, oldest first, user/assistant text."""
    mapping = conv.get("mapping") or {}
    node_id = conv.get("current_node")
    if node_id not in mapping:  # no current node: follow the last child from the root
        roots = [k for k, v in mapping.items() if not (v or {}).get("parent")]
        node_id = roots[0] if roots else None
        while node_id and (mapping.get(node_id) or {}).get("children"):
            node_id = mapping[node_id]["children"][-1]
    chain: list[Mapping[str, Any]] = []
    seen: set[str] = set()
    while node_id and node_id in mapping and node_id not in seen:
        seen.add(node_id)
        chain.append(mapping[node_id] or {})
        node_id = (mapping[node_id] or {}).get("parent")
    out: list[dict[str, Any]] = []
    for node in reversed(chain):
        message = node.get("message") or {}
        role = ((message.get("author") or {}).get("role")) or ""
        if role not in ("user", "assistant"):
            continue  # system, tool
        content = message.get("content") or {}
        if content.get("content_type") not in ("text", "multimodal_text"):
            continue  # code, browsing results, thoughts of tools…
        text = "\n".join(p for p in content.get("parts") or [] if isinstance(p, str)).strip()
        if not text:
            continue
        meta = message.get("metadata") or {}
        out.append(
            {
                "role": role,
                "text": text,
                "status": "complete",
                "model": meta.get("model_slug") if role == "assistant" else None,
                "created_at": _num(message.get("create_time")),
            }
        )
    return out


def _import_chatgpt(store: HistoryStore, conversations: list[Any]) -> ImportResult:
    outcomes: list[tuple[int, int]] = []
    for conv in conversations:
        messages = _chatgpt_branch(conv)
        raw_id = conv.get("id") or conv.get("conversation_id")
        if not raw_id:
            raw_id = hashlib.sha1(
                f"{conv.get('title')}|{conv.get('create_time')}".encode()
            ).hexdigest()
        created = _num(conv.get("create_time")) or 0.0
        model = next((m["model"] for m in messages if m.get("model")), None) or ""
        record = {
            "uid": f"chatgpt:{raw_id}",
            "title": conv.get("title") or "Untitled",
            "model": model,
            "region": "",
            "api": "chatgpt-import",
            "created_at": created,
            "updated_at": _num(conv.get("update_time")) or created,
        }
        for m in messages:
            m["created_at"] = m["created_at"] or created
        outcomes.append((_insert(store, record, messages), len(messages)))
    return _tally(outcomes)


def _tally(outcomes: list[tuple[int, int]]) -> ImportResult:
    """Sum up ``(new conversation id or -1 if already there, message count)`` per conversation."""
    new = [(cid, n) for cid, n in outcomes if cid >= 0]
    return ImportResult(
        len(new), len(outcomes) - len(new), sum(n for _, n in new), tuple(c for c, _ in new)
    )
