"""Importing a file into the history: check all of it, then write all of it, or nothing.

Two shapes are read: a SeekDesk export (README, "History export format") and a ChatGPT
``conversations.json``. The file is parsed with ``untrusted.loads`` (absurd nesting is a refusal,
not a crash), every conversation is checked by ``validate`` / ``chatgpt`` before anything is
written, and then the file's conversations are written in one transaction: a bad file is refused
as a whole with its first problem named, and a failure while writing (a full disk) leaves no
part of it behind.

Imports are idempotent: every conversation carries a ``uid`` (SeekDesk's own, or
``chatgpt:<id>``) and one whose uid is already present is skipped.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from app.core import untrusted
from app.core.history import chatgpt, tree_exchange, validate
from app.core.history.records import ImportResult
from app.core.history.store import HistoryStore
from app.core.history.validate import CleanConversation, ImportFormatError
from app.core.sentences import QT_TRANSLATE_NOOP, notice

FORMAT = "seekdesk-history"
FORMAT_VERSION = 1

#: Why a file is not imported at all (the window says it in the user's language).
TOO_LARGE = QT_TRANSLATE_NOOP("Notice", "{path} is larger than {gb} GB; it is not an export.")
NOT_JSON = QT_TRANSLATE_NOOP("Notice", "{path} cannot be read as JSON: {error}")
TOO_DEEP = QT_TRANSLATE_NOOP("Notice", "This file is nested too deeply to be an export.")
UNKNOWN_SHAPE = QT_TRANSLATE_NOOP(
    "Notice", "This file is neither a SeekDesk history export nor a ChatGPT conversations.json."
)
#: Largest file read (a ChatGPT export of years of use is a few hundred MB).
MAX_FILE_BYTES = 2 * 1024**3


def import_file(store: HistoryStore, path: Path) -> ImportResult:
    """Import a SeekDesk export or a ChatGPT ``conversations.json`` (detected by shape)."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ImportFormatError(notice(TOO_LARGE, path=str(path), gb=MAX_FILE_BYTES // 1024**3))
        data = untrusted.loads(path.read_bytes(), max_depth=32)
    except (OSError, ValueError) as exc:
        if isinstance(exc, ImportFormatError):
            raise
        raise ImportFormatError(notice(NOT_JSON, path=str(path), error=str(exc))) from exc
    return import_data(store, data)


def import_data(store: HistoryStore, data: Any) -> ImportResult:
    """Check every conversation of ``data``, then write them all in one transaction."""
    if untrusted.depth(data, 32) > 32:
        raise ImportFormatError(notice(TOO_DEEP))
    return write(store, list(check(data)))


def check(data: Any) -> Iterable[CleanConversation]:
    """The file's conversations, each checked; raises ImportFormatError at the first problem."""
    if isinstance(data, Mapping) and data.get("format") == FORMAT:
        validate.format_version(data, tree_exchange.TREE_VERSION)
        conversations = data.get("conversations")
        if conversations is None:
            return []
        if not isinstance(conversations, list):
            raise validate.InvalidField(
                "The export", "conversations", conversations, "it must be a list"
            )
        return [
            _with_tree(validate.native_conversation(conv, number, _derived_uid(conv)), conv)
            for number, conv in enumerate(conversations, 1)
        ]
    if chatgpt.is_chatgpt(data):
        return [chatgpt.conversation(conv, number) for number, conv in enumerate(data, 1)]
    raise ImportFormatError(notice(UNKNOWN_SHAPE))


def _with_tree(clean: CleanConversation, raw: Any) -> CleanConversation:
    """The conversation with its branches (``tree_exchange``) and system prompt, when the file
    has them."""
    messages = raw.get("messages") if isinstance(raw, Mapping) else None
    if not isinstance(messages, list):
        return clean
    where = f"Conversation {clean.title!r}" if clean.title else "A conversation"
    check = validate.Checker(where)
    system = check.text(raw, "system_prompt", validate.MAX_TEXT) or ""
    parents, selected = tree_exchange.checked_tree(raw, messages, check)
    return dataclasses.replace(clean, parents=parents, selected=selected, system_prompt=system)


def _derived_uid(conv: Any) -> str | None:
    """A stable uid for a conversation edited by hand to have none, from its content."""
    if not isinstance(conv, Mapping) or (isinstance(conv.get("uid"), str) and conv.get("uid")):
        return None
    try:
        text = json.dumps(conv, sort_keys=True, ensure_ascii=False, default=str)
    except (ValueError, TypeError):
        text = repr(conv)
    return "sha1:" + hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()


def write(store: HistoryStore, conversations: list[CleanConversation]) -> ImportResult:
    """Write checked conversations in one transaction; skip those whose uid is present."""
    added: list[tuple[int, int]] = []
    skipped = 0
    with store.transaction() as db:
        seen: set[str] = set()
        for conv in conversations:
            present = db.execute("SELECT 1 FROM conversations WHERE uid = ?", (conv.uid,))
            if conv.uid in seen or present.fetchone():
                skipped += 1
                continue
            seen.add(conv.uid)
            added.append((_insert(db, conv), len(conv.messages)))
    return ImportResult(len(added), skipped, sum(n for _, n in added), tuple(c for c, _ in added))


def _insert(db: Any, conv: CleanConversation) -> int:
    cur = db.execute(
        "INSERT INTO conversations (uid, title, model, region, api, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (conv.uid, conv.title, conv.model, conv.region, conv.api, conv.created_at, conv.updated_at),
    )
    conv_id = int(cur.lastrowid or 0)
    db.executemany(
        "INSERT INTO messages (conversation_id, role, text, thinking, status, model, "
        "parameters, input_tokens, output_tokens, reasoning_tokens, cached_tokens, "
        "request_id, created_at, started_at, first_token_at, answer_started_at, "
        "finished_at, failure_kind, failure_message, failure_code, failure_status, "
        "finish_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                conv_id,
                m.role,
                m.text,
                m.thinking,
                m.status,
                m.model,
                json.dumps(dict(m.parameters)),
                m.input_tokens,
                m.output_tokens,
                m.reasoning_tokens,
                m.cached_tokens,
                m.request_id,
                m.created_at,
                m.started_at,
                m.first_token_at,
                m.answer_started_at,
                m.finished_at,
                m.failure_kind,
                m.failure_message,
                m.failure_code,
                m.failure_status,
                m.finish_reason,
            )
            for m in conv.messages
        ],
    )
    if conv.parents is not None:
        tree_exchange.apply_tree(db, conv_id, conv.parents, conv.selected)
    if conv.system_prompt:
        db.execute(
            "UPDATE conversations SET system_prompt = ? WHERE id = ?", (conv.system_prompt, conv_id)
        )
    return conv_id


__all__ = ["FORMAT", "FORMAT_VERSION", "ImportFormatError", "check", "import_data", "import_file"]
