"""Which files may go into a prompt: text only, because these models take text only.

A dropped or pasted file is read here and sorted: UTF-8 text (code, Markdown, CSV, logs...)
is inserted; anything else is refused with the reason, and nothing is sent. The test is the
content, not the name: a NUL byte or bytes that are not UTF-8 make a file binary, whatever its
extension; a few well-known signatures (PNG, JPEG, GIF, PDF, ZIP) name what it is in the
refusal. Files above ``ASK_ABOVE`` bytes are text the window asks about first (a prompt that
large costs tokens); above ``MAX_BYTES`` they are refused without being read whole.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

from app.core.sentences import QT_TRANSLATE_NOOP, notice

#: Above this many bytes the window asks before inserting.
ASK_ABOVE = 100_000
#: Above this many bytes a file is refused (never read whole).
MAX_BYTES = 10_000_000

#: Known binary types by their first bytes; each name a ``Sentence`` the window translates.
_SIGNATURES = (
    (b"\x89PNG", notice(QT_TRANSLATE_NOOP("Notice", "PNG image"))),
    (b"\xff\xd8\xff", notice(QT_TRANSLATE_NOOP("Notice", "JPEG image"))),
    (b"GIF8", notice(QT_TRANSLATE_NOOP("Notice", "GIF image"))),
    (b"%PDF", notice(QT_TRANSLATE_NOOP("Notice", "PDF document"))),
    (b"PK\x03\x04", notice(QT_TRANSLATE_NOOP("Notice", "ZIP archive or Office document"))),
)


class Kind(enum.Enum):
    TEXT = "text"
    BINARY = "binary"
    TOO_LARGE = "too large"
    UNREADABLE = "unreadable"


@dataclass(frozen=True, slots=True)
class TextFile:
    """A file as read for a prompt: ``text`` only when ``kind`` is TEXT; ``what`` names a
    binary file's type when known; ``error`` says why an unreadable one could not be read."""

    path: Path
    kind: Kind
    size: int
    text: str = ""
    what: str = ""
    error: str = ""

    @property
    def needs_asking(self) -> bool:
        return self.kind is Kind.TEXT and self.size > ASK_ABOVE


def read_text(path: Path, max_bytes: int = MAX_BYTES) -> TextFile:
    """Read ``path`` for a prompt (blocking: call it off the UI thread)."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            return TextFile(path, Kind.UNREADABLE, 0, error="not a file")
        if size > max_bytes:
            return TextFile(path, Kind.TOO_LARGE, size)
        data = path.read_bytes()
    except OSError as exc:
        return TextFile(path, Kind.UNREADABLE, 0, error=exc.strerror or str(exc))
    what = next((name for magic, name in _SIGNATURES if data.startswith(magic)), "")
    if what or b"\x00" in data:
        return TextFile(path, Kind.BINARY, size, what=what)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return TextFile(path, Kind.BINARY, size)
    return TextFile(path, Kind.TEXT, size, text=text.replace("\r\n", "\n"))


__all__ = ["ASK_ABOVE", "MAX_BYTES", "Kind", "TextFile", "read_text"]
