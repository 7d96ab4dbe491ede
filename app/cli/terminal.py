"""Model text on a terminal is shown, never obeyed.

A terminal acts on what it is sent: ``ESC ] 0 ;`` retitles the window, ``ESC ] 52`` writes the
clipboard, ``ESC ] 8`` makes a hyperlink whose text lies about its target, ``ESC [ 8 m`` hides
text, a carriage return or ``ESC [ 2 K`` overwrites what was printed, and bidirectional
overrides reorder what is read. A model's answer, a conversation title or a search snippet is
untrusted text, so before it reaches a terminal every control character is replaced by a
visible stand-in:

* C0 controls and DEL become their Unicode "control pictures" (ESC → ``␛``, BEL → ``␇``,
  a lone CR → ``␍``), so an escape sequence shows up as ``␛]0;title␇`` and does nothing;
* C1 controls (U+0080–U+009F, which some terminals treat as ESC + letter) and the bidi
  embedding/override/isolate marks become ``<U+XXXX>``;
* newline and tab are kept, and CR LF becomes LF (a CR right before LF overwrites nothing).

What is piped or redirected stays byte-exact (``seekdesk ask … > answer.md`` saves exactly the
answer) unless ``--safe`` asks for the same treatment there. ``StreamCleaner`` does the same for
text that arrives in pieces, where a CR may end one delta and its LF start the next.
"""

from __future__ import annotations

import re
from typing import Any

_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")


def _stand_in(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return f"<U+{code:04X}>"


def inert(text: str) -> str:
    """``text`` with every control character shown as a visible stand-in (newline, tab kept)."""
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(_stand_in, text.replace("\r\n", "\n"))


class StreamCleaner:
    """``inert`` for text in pieces: a CR at the end of a piece waits to see if LF follows."""

    def __init__(self) -> None:
        self._held_cr = False

    def feed(self, piece: str) -> str:
        if self._held_cr:
            self._held_cr = False
            piece = "\r" + piece
        if piece.endswith("\r"):
            self._held_cr = True
            piece = piece[:-1]
        return inert(piece)

    def flush(self) -> str:
        """What is still held at the end of the stream (a final lone CR, shown)."""
        if self._held_cr:
            self._held_cr = False
            return inert("\r")
        return ""


def wants_inert(stream: Any, safe: bool) -> bool:
    """Clean text for ``stream`` when it is a terminal, or everywhere with ``--safe``."""
    if safe:
        return True
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


__all__ = ["StreamCleaner", "inert", "wants_inert"]
