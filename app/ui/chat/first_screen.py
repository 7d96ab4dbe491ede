"""Which answers of a conversation opening are built before its first paint, and which after.

A conversation opens at its end: the user sees its last rows. Building every answer of the
page first (its Markdown rendered, its text and code views made and shown: ~4 ms an answer
here) spent most of an open on rows above the screen. So the chat view builds at once only
the answers that fill the viewport and ``MARGIN_PX`` above it (a short scroll up finds text);
the answers above those open with all their views still to build
(``AnswerPart.set_text(later=True)``): a placeholder of estimated height each, built in the
idle turns right after the first paint, nearest the screen first, while the view keeps its
end (or what the user reads) in place (``app.ui.render.lazy_fill``). Whatever needs an answer
whole — selection, copy, find, a screen reader, a jump to a message — builds it then.

Where the first screen starts is guessed from the messages' text alone, before any row exists
(no Markdown rendered): each line of source at least a line on screen, long ones wrapped at
the average character width, plus each row's header and footer. Source is rarely shorter on
screen than that guess is tall, and the margin covers the rest. A view not laid out (hidden
behind a new chat's welcome) guesses with the window's height and the column's widest; in a
window not shown, everything is built at once as before.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import shiboken6
from PySide6.QtWidgets import QWidget

from app.core.history.records import Message

__all__ = ["MARGIN_PX", "FirstScreen", "guess_height"]

#: Pixels above the viewport whose answers are built before the first paint too.
MARGIN_PX = 400
#: A row's room besides its text: the role header, the footer, the spacing (about).
ROW_CHROME_PX = 48
#: A column narrower than this is not laid out yet: no guess is made (all built at once).
MIN_WIDTH = 200
#: A Markdown link's or image's target: ``](https://…)``.
_LINK_TARGET = re.compile(r"\]\([^()\s]*(?:\s[^()]*)?\)")


def guess_height(text: str, line: int, per_line: int) -> int:
    """About how tall ``text`` stands: a blank line half a line, another its wrapped lines
    (a link's target not counted: it does not show, and a guess too tall builds too little)."""
    lines = 0.0
    for source in _LINK_TARGET.sub("]", text).splitlines():
        lines += math.ceil(len(source) / per_line) if source.strip() else 0.5
    return int(lines * line) + ROW_CHROME_PX


class FirstScreen:
    """The answers of the page on screen that were left to build (see the module docstring)."""

    def __init__(self) -> None:
        self._later: list[QWidget] = []

    def later_count(self, messages: Sequence[Message], viewport: QWidget, column: QWidget) -> int:
        """How many of ``messages``, from the first, stand above the first screen (their
        answers are built after the first paint); 0 when the view is not shown."""
        self._later = []
        page, width = viewport.height(), column.width()
        if not viewport.isVisible() or width < MIN_WIDTH:
            # Hidden (a new chat's welcome shows instead) or not laid out yet: the window's
            # height and the column's widest are sure to be no less than the view will have.
            window = column.window()
            if not window.isVisible():
                return 0
            page, width = window.height(), min(window.width(), column.maximumWidth())
        metrics = column.fontMetrics()
        per_line = max(1, width // max(1, metrics.averageCharWidth()))
        room = page + MARGIN_PX
        for index in range(len(messages) - 1, -1, -1):
            room -= guess_height(messages[index].text, metrics.lineSpacing(), per_line)
            if room <= 0:
                return index
        return 0

    def left(self, row: QWidget) -> None:
        """``row`` was made with its answer left to build."""
        self._later.append(row)

    def build(self) -> None:
        """Build the answers left (a jump to a message shows rows anywhere in the page)."""
        rows, self._later = self._later, []
        for row in rows:
            if shiboken6.isValid(row):
                row.answer.fill_all()  # type: ignore[attr-defined]
