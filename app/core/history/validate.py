"""The rules a conversation must follow before it enters the history, checked field by field.

An import file (or a backup about to be restored) comes from outside: edited by hand, written
by another program, truncated, or crafted. Writing it as it is would put values in the history
that later crash a listing, an export or the window (a status SeekDesk does not know, a time
that is text, a token count of ``1e300``). So every field is checked here first, the whole file
before anything is written; the first problem refuses the file and is named precisely
(conversation, field, value), so the user can find it.

The same limits repair rows that are already in a history (``rules``, apart so that listing the
history does not import this checker).

Pure functions on plain values: no SQLite, no files.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.core import untrusted
from app.core.history.records import MessageStatus
from app.core.history.rules import (
    MAX_COUNT,
    MAX_EPOCH,
    MAX_MESSAGES,
    MAX_PARAMETERS,
    MAX_SHORT,
    MAX_TEXT,
    ROLES,
    ImportFormatError,
    repaired_note,
)
from app.core.sentences import QT_TRANSLATE_NOOP, notice

#: An export's format version that cannot be read (the window says it in the user's language).
VERSION_NOT_A_NUMBER = QT_TRANSLATE_NOOP(
    "Notice",
    "This export's format version is {version}, which is not a version number; the file is "
    "damaged or was not written by SeekDesk.",
)
VERSION_BELOW_ONE = QT_TRANSLATE_NOOP(
    "Notice",
    "This export's format version is {version}; versions start at 1, so the file is damaged.",
)
VERSION_TOO_NEW = QT_TRANSLATE_NOOP(
    "Notice",
    "This export has format version {version}; this SeekDesk reads up to {readable}. Update "
    "SeekDesk to import it.",
)

STATUSES = tuple(str(s) for s in MessageStatus)


class InvalidField(ImportFormatError):
    """One field of one record breaks a rule: the file is refused as a whole, nothing written."""

    def __init__(
        self, where: str, name: str, value: Any, why: str, outcome: str = "Nothing was imported."
    ) -> None:
        self.where = where
        self.field = name
        self.value = value
        self.problem = f"{where}: {name} is {shown(value)}, but {why}."
        super().__init__(f"{self.problem} {outcome}")


def shown(value: Any, limit: int = 60) -> str:
    """A value as the user can recognise it in their file, cut short."""
    if isinstance(value, str):
        text = repr(value)
    elif isinstance(value, Mapping):
        text = "an object"
    elif isinstance(value, list | tuple):
        text = f"a list of {len(value)}"
    elif value is None:
        text = "null"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    else:
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True, slots=True)
class CleanMessage:
    """A message whose every field has passed its rule, ready to be written."""

    role: str
    text: str
    thinking: str = ""
    status: str = "complete"
    model: str | None = None
    parameters: Mapping[str, Any] = field(default_factory=dict)
    input_tokens: int | None = None
    output_tokens: int | None = None
    reasoning_tokens: int | None = None
    cached_tokens: int | None = None
    request_id: str | None = None
    created_at: float = 0.0
    started_at: float | None = None
    first_token_at: float | None = None
    answer_started_at: float | None = None
    finished_at: float | None = None
    failure_kind: str | None = None
    failure_message: str | None = None
    failure_code: str | None = None
    failure_status: int | None = None
    finish_reason: str | None = None


@dataclass(frozen=True, slots=True)
class CleanConversation:
    uid: str
    title: str
    model: str
    region: str
    api: str
    created_at: float
    updated_at: float
    messages: tuple[CleanMessage, ...]
    #: Each message's parent (an index into ``messages``); None: one linear path (tree_exchange).
    parents: tuple[int | None, ...] | None = None
    #: The index of the last message of the path shown; None: the last message.
    selected: int | None = None
    #: Sent first in every request of the conversation (``history.setup``).
    system_prompt: str = ""


# -- single fields ----------------------------------------------------------------------------


class Checker:
    """Checks the fields of one record and names it in every refusal."""

    def __init__(self, where: str) -> None:
        self.where = where

    def refuse(self, name: str, value: Any, why: str) -> InvalidField:
        return InvalidField(self.where, name, value, why)

    def text(self, obj: Mapping[str, Any], name: str, limit: int = MAX_SHORT) -> str | None:
        """Text or null (missing counts as null)."""
        value = obj.get(name)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.refuse(name, value, "it must be text or null")
        if len(value) > limit:
            raise self.refuse(name, value, f"it is longer than {limit} characters")
        return value

    def time(self, obj: Mapping[str, Any], name: str) -> float | None:
        """Seconds since the epoch, between 1970 and 9999, or null."""
        value = obj.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.refuse(name, value, "a time must be a number of seconds or null")
        if (isinstance(value, float) and not math.isfinite(value)) or not 0 <= value <= MAX_EPOCH:
            raise self.refuse(name, value, "a time must lie between 1970 and 9999")
        return float(value)

    def count(
        self, obj: Mapping[str, Any], name: str, low: int = 0, high: int = MAX_COUNT
    ) -> int | None:
        value = obj.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.refuse(name, value, "it must be a whole number or null")
        if not low <= value <= high:
            raise self.refuse(name, value, f"it must lie between {low} and {high}")
        return value

    def choice(
        self, obj: Mapping[str, Any], name: str, choices: Sequence[str], default: str
    ) -> str:
        value = obj.get(name)
        if value is None:
            return default
        if value not in choices:
            raise self.refuse(name, value, "it must be one of " + ", ".join(choices))
        return str(value)

    def mapping(self, obj: Mapping[str, Any], name: str) -> Mapping[str, Any] | None:
        value = obj.get(name)
        if value is None:
            return None
        if not isinstance(value, Mapping):
            raise self.refuse(name, value, "it must be an object or null")
        return value

    def listing(self, obj: Mapping[str, Any], name: str, limit: int) -> list[Any]:
        value = obj.get(name)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.refuse(name, value, "it must be a list")
        if len(value) > limit:
            raise self.refuse(name, value, f"it may hold at most {limit} items")
        return value

    def parameters(self, obj: Mapping[str, Any]) -> dict[str, Any]:
        """Sampling parameters: a flat object of numbers, booleans and short text."""
        value = self.mapping(obj, "parameters") or {}
        if len(value) > MAX_PARAMETERS:
            raise self.refuse("parameters", value, f"it may hold at most {MAX_PARAMETERS}")
        out: dict[str, Any] = {}
        for key, item in value.items():
            name = f"parameters.{key}"
            if len(key) > 100:
                raise self.refuse(name, item, "a parameter name is at most 100 characters")
            if isinstance(item, float) and not math.isfinite(item):
                raise self.refuse(name, item, "a parameter must be a finite number")
            if isinstance(item, int) and not isinstance(item, bool) and abs(item) > MAX_COUNT:
                raise self.refuse(name, item, f"a parameter must lie within ±{MAX_COUNT}")
            if isinstance(item, str) and len(item) > 100:
                raise self.refuse(name, item, "a text parameter is at most 100 characters")
            if item is not None and not isinstance(item, bool | int | float | str):
                raise self.refuse(name, item, "a parameter must be a number, true/false or text")
            out[key] = item
        return out


# -- a SeekDesk export --------------------------------------------------------------------------


def native_message(raw: Any, where: str, created: float) -> CleanMessage:
    check = Checker(where)
    if not isinstance(raw, Mapping):
        raise check.refuse("the message", raw, "a message must be an object")
    role = raw.get("role")
    if role not in ROLES:
        raise check.refuse("role", role, "it must be user or assistant")
    status = check.choice(raw, "status", STATUSES, "complete")
    if status == MessageStatus.STREAMING:
        status = str(MessageStatus.INTERRUPTED)  # cannot still be streaming here (README)
    usage = check.mapping(raw, "usage") or {}
    use = Checker(f"{where}, usage")
    failure = check.mapping(raw, "failure") or {}
    fail = Checker(f"{where}, failure")
    return CleanMessage(
        role=str(role),
        text=check.text(raw, "text", MAX_TEXT) or "",
        thinking=check.text(raw, "thinking", MAX_TEXT) or "",
        status=status,
        model=check.text(raw, "model"),
        parameters=check.parameters(raw),
        input_tokens=use.count(usage, "input_tokens"),
        output_tokens=use.count(usage, "output_tokens"),
        reasoning_tokens=use.count(usage, "reasoning_tokens"),
        cached_tokens=use.count(usage, "cached_tokens"),
        request_id=check.text(raw, "request_id"),
        created_at=_or(check.time(raw, "created_at"), created),
        started_at=check.time(raw, "started_at"),
        first_token_at=check.time(raw, "first_token_at"),
        answer_started_at=check.time(raw, "answer_started_at"),
        finished_at=check.time(raw, "finished_at"),
        failure_kind=fail.text(failure, "kind"),
        failure_message=fail.text(failure, "message", MAX_TEXT),
        failure_code=fail.text(failure, "code"),
        failure_status=fail.count(failure, "status", 100, 599),
        finish_reason=check.text(raw, "finish_reason"),
    )


def native_conversation(raw: Any, number: int, uid: str | None) -> CleanConversation:
    """Conversation ``number`` (1-based, as the user counts) of a SeekDesk export."""
    where = f"Conversation {number}"
    check = Checker(where)
    if not isinstance(raw, Mapping):
        raise check.refuse("the conversation", raw, "a conversation must be an object")
    title = check.text(raw, "title") or ""
    if title:
        where = f"Conversation {number} ({shown(title, 40)})"
        check = Checker(where)
    given_uid = check.text(raw, "uid")
    created = _or(check.time(raw, "created_at"), 0.0)
    updated = _or(check.time(raw, "updated_at"), created)
    messages = check.listing(raw, "messages", MAX_MESSAGES)
    clean = tuple(
        native_message(m, f"{where}, message {i}", created) for i, m in enumerate(messages, 1)
    )
    return CleanConversation(
        uid=given_uid or uid or "",
        title=title,
        model=check.text(raw, "model") or "",
        region=check.text(raw, "region") or "",
        api=check.text(raw, "api") or "",
        created_at=created,
        updated_at=updated,
        messages=clean,
    )


def format_version(data: Mapping[str, Any], readable: int) -> int:
    """The export's format version, refused with one consistent sentence when unusable."""
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ImportFormatError(notice(VERSION_NOT_A_NUMBER, version=shown(version)))
    if version < 1:
        raise ImportFormatError(notice(VERSION_BELOW_ONE, version=str(version)))
    if version > readable:
        raise ImportFormatError(
            notice(VERSION_TOO_NEW, version=str(version), readable=str(readable))
        )
    return version


def _or(value: float | None, default: float) -> float:
    return default if value is None else value


# -- a history file about to be restored ----------------------------------------------------------


def stored_conversation(row: Mapping[str, Any]) -> None:
    """Check one ``conversations`` row (by column name) with the import's rules."""
    check = Checker(f"Conversation {row.get('id')}")
    for name in ("title", "model", "region", "api", "uid"):
        check.text(row, name)
    for name in ("created_at", "updated_at"):
        if row.get(name) is None:
            raise check.refuse(name, None, "a conversation's times cannot be empty")
        check.time(row, name)


def stored_message(row: Mapping[str, Any]) -> None:
    """Check one ``messages`` row (by column name) with the import's rules."""
    check = Checker(f"Conversation {row.get('conversation_id')}, message {row.get('id')}")
    if row.get("role") not in ROLES:
        raise check.refuse("role", row.get("role"), "it must be user or assistant")
    if row.get("status") not in STATUSES:
        raise check.refuse("status", row.get("status"), "it must be one of " + ", ".join(STATUSES))
    for name in ("text", "thinking", "failure_message"):
        check.text(row, name, MAX_TEXT)
    for name in ("model", "request_id", "failure_kind", "failure_code", "finish_reason"):
        check.text(row, name)
    for name in ("input_tokens", "output_tokens", "reasoning_tokens", "cached_tokens"):
        check.count(row, name)
    check.count(row, "failure_status", 100, 599)
    if row.get("created_at") is None:
        raise check.refuse("created_at", None, "a message's time cannot be empty")
    for name in ("created_at", "started_at", "first_token_at", "answer_started_at", "finished_at"):
        check.time(row, name)
    parameters = row.get("parameters")
    if parameters:
        try:
            value = untrusted.loads(parameters) if isinstance(parameters, str) else None
        except ValueError:
            value = None
        if not isinstance(value, dict):
            raise check.refuse("parameters", parameters, "it must be a JSON object")
        check.parameters({"parameters": value})


__all__ = [
    "MAX_COUNT",
    "MAX_EPOCH",
    "MAX_MESSAGES",
    "MAX_PARAMETERS",
    "MAX_SHORT",
    "MAX_TEXT",
    "ROLES",
    "STATUSES",
    "Checker",
    "CleanConversation",
    "CleanMessage",
    "ImportFormatError",
    "InvalidField",
    "format_version",
    "native_conversation",
    "native_message",
    "repaired_note",
    "shown",
    "stored_conversation",
    "stored_message",
]
