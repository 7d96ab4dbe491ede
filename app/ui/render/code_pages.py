"""The height of a page of code not filled yet, exactly as it will be once filled.

A stored code block of 100,000 characters is some seventeen pages; putting them all in before
the first paint took ~27 ms of the ~70 ms it took to open (against ~25 ms for as many words).
A conversation opens at its end, so :meth:`~.code_view.CodeView.fill_plain` fills only the last
pages at once and the others in idle moments, bottom up. Until then a page must already be as
tall as it will be, or the end the user reads would move: code never wraps, so its height is
its lines times the line spacing plus the document's margins — measured once per font on a
small document built the way a page is (:meth:`~.code_view.CodeText.insert`), not computed
from font metrics, so it matches to the pixel whatever the font's leading and rounding do.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QFont, QFontMetricsF, QTextCursor, QTextDocument

__all__ = ["PlainSize", "plain_size"]

#: A zero-width character around inserted code (as .code_view does: see there).
_EDGE = "\u2060"


class PlainSize:
    """A page's lines' height (px, fractional) and its widest line's width (px)."""

    def __init__(self, height: float, width: float) -> None:
        self.height = height
        self.width = width


def _document(font: QFont, margin: float, family: str, lines: int) -> QTextDocument:
    document = QTextDocument()
    document.setDefaultFont(font)
    document.setDocumentMargin(margin)
    cursor = QTextCursor(document)
    code = "\n".join(["x"] * lines)
    cursor.insertHtml(
        f"<pre style=\"font-family: '{family}'; margin: 0px;\">{_EDGE}{code}{_EDGE}</pre>"
    )
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.deletePreviousChar()
    cursor.setPosition(0)
    cursor.deleteChar()
    return document


@lru_cache(maxsize=16)
def _metrics(font_key: str, margin: float, family: str) -> tuple[float, float, QFont]:
    """(height of one line's document, height each further line adds, the code's font)."""
    font = QFont()
    font.fromString(font_key)
    one = _document(font, margin, family, 1)
    two = _document(font, margin, family, 2)
    first = one.size().height()
    step = two.size().height() - first
    code_font = QFont(font)
    code_font.setFamily(family)
    return first, step, code_font


def plain_size(text: str, font: QFont, margin: float, family: str) -> PlainSize:
    """The size ``text`` (escaped code, as a page holds it, its last newline trimmed) will
    take in a page whose document has ``font`` and ``margin``."""
    first, step, code_font = _metrics(font.toString(), margin, family)
    lines = text.count("\n") + 1
    longest = max(text.split("\n"), key=len)
    widest = QFontMetricsF(code_font).horizontalAdvance(longest) + 2 * margin
    return PlainSize(first + (lines - 1) * step, widest)
