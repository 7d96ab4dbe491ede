"""Unsent drafts: what the user typed in a conversation's prompt box and has not sent yet.

One draft per conversation (by id) and one for the new chat (key ``None``), kept in
``<data>/drafts.json`` so a draft survives a restart. A draft is the user's own text, so it
lives beside the history (the data directory), not among the preferences; it is never the API
key, and it never goes into exports or logs.

The file is written whole and atomically (``paths.write_atomic``): a crash leaves the old file or
the new one. Reading takes the file as untrusted (a hand edit, a newer version): anything that
is not a string draft under a whole-number key is skipped, and a file that cannot be read at all
is kept aside as ``drafts.json.broken`` (never overwritten by the next save) and the window
says so, so nothing the user typed is silently lost. Conversation ids are never reused by the
history (AUTOINCREMENT), so a draft left by a conversation deleted elsewhere (the CLI) is only
a few unused bytes.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from app.core import paths, untrusted

FILE_NAME = "drafts.json"
BROKEN_SUFFIX = ".broken"
#: A bigger file is not read (the composer asks before inserting more than 100 kB per drop;
#: this leaves room for many long drafts, not for a file that would stall the start).
MAX_FILE_BYTES = 32 * 1024 * 1024
_NEW_CHAT = "new"
_VERSION = 1

#: A conversation id, or None for the new chat.
DraftKey = int | None


@dataclass(frozen=True, slots=True)
class LoadedDrafts:
    """The drafts read from disk; when the file was unusable, where it was kept and why (the
    window says so in its own words and language)."""

    drafts: Mapping[DraftKey, str] = field(default_factory=dict)
    kept_aside: Path | None = None
    problem: str = ""


def drafts_path() -> Path:
    return paths.data_dir() / FILE_NAME


def load_drafts(path: Path | None = None) -> LoadedDrafts:
    """Read the drafts; a missing file is no drafts, an unusable one is kept aside."""
    path = path or drafts_path()
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ValueError(f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        data = untrusted.loads(path.read_bytes())
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
    except FileNotFoundError:
        return LoadedDrafts()
    except (OSError, ValueError) as exc:
        aside = path.with_name(path.name + BROKEN_SUFFIX)
        try:
            os.replace(path, aside)
        except OSError:
            aside = path
        return LoadedDrafts(kept_aside=aside, problem=str(exc))
    drafts: dict[DraftKey, str] = {}
    new_chat = data.get(_NEW_CHAT)
    if isinstance(new_chat, str) and new_chat:
        drafts[None] = new_chat
    conversations = data.get("conversations")
    if isinstance(conversations, dict):
        for key, text in conversations.items():
            if isinstance(key, str) and key.isdigit() and isinstance(text, str) and text:
                drafts[int(key)] = text
    return LoadedDrafts(drafts)


def save_drafts(drafts: Mapping[DraftKey, str], path: Path | None = None) -> None:
    """Write every non-empty draft, atomically (raises ``OSError`` if the disk refuses)."""
    document = {
        "version": _VERSION,
        _NEW_CHAT: drafts.get(None, ""),
        "conversations": {str(k): t for k, t in sorted(_numbered(drafts)) if t},
    }
    paths.write_atomic(path or drafts_path(), json.dumps(document, ensure_ascii=False))


def _numbered(drafts: Mapping[DraftKey, str]) -> list[tuple[int, str]]:
    return [(k, t) for k, t in drafts.items() if k is not None]


__all__ = ["DraftKey", "LoadedDrafts", "drafts_path", "load_drafts", "save_drafts"]
